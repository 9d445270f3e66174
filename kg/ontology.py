"""Load ``ontology.ttl`` with rdflib into plain values: kinds, relation types, labels.

Everything that names a kind or a relation type elsewhere (store DDL, the Cypher
allow-list, extractor validation, report labels) asks this module, so the names are
written once, in the Turtle file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import OWL, RDF, RDFS, XSD, Graph, Namespace, URIRef
from rdflib.collection import Collection

from kg.errors import OntologyError, UnknownTermError

KG = Namespace("https://ai-intel-kg.example/ontology#")

# Cypher cannot take labels or relationship types as parameters, so every name that is
# pasted into a statement must look like a plain identifier as well as be allow-listed.
_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Kind:
    name: str
    label_en: str
    label_zh: str
    colour: str
    # False for a kind whose nodes are topics an article discusses, not names it gives
    # (``kg:named false``: kg:Concept): entity lists, counts and watchlists leave them out.
    named: bool = True


@dataclass(frozen=True)
class RelationType:
    name: str
    label_en: str
    label_zh: str
    domain: frozenset[str]
    range: frozenset[str]
    # owl:SymmetricProperty: one fact whichever end comes first (PARTNERS_WITH)
    symmetric: bool = False

    def admits(self, head_kind: str, tail_kind: str) -> bool:
        return head_kind in self.domain and tail_kind in self.range


@dataclass(frozen=True)
class Ontology:
    version: str
    kinds: dict[str, Kind]
    relations: dict[str, RelationType]
    # relation qualifier key -> "string" or "number" (sub-properties of kg:qualifier)
    qualifiers: dict[str, str] = field(default_factory=dict)

    @property
    def kind_names(self) -> list[str]:
        return list(self.kinds)

    @property
    def named_kinds(self) -> list[str]:
        """The kinds of named entities (every kind but the ``kg:named false`` ones)."""
        return [k.name for k in self.kinds.values() if k.named]

    @property
    def unnamed_kinds(self) -> list[str]:
        """The kinds of topics, not names (kg:Concept)."""
        return [k.name for k in self.kinds.values() if not k.named]

    @property
    def relation_names(self) -> list[str]:
        return list(self.relations)

    def kind(self, name: str) -> Kind:
        try:
            return self.kinds[name]
        except KeyError:
            raise UnknownTermError("entity kind", name, self.kind_names) from None

    def relation(self, name: str) -> RelationType:
        try:
            return self.relations[name]
        except KeyError:
            raise UnknownTermError("relation type", name, self.relation_names) from None

    def cypher_relation(self, name: str) -> str:
        """A relation type that may be pasted into Cypher text (allow-listed)."""
        return self.relation(name).name

    def cypher_kind(self, name: str) -> str:
        """A kind that may be pasted into Cypher text as a label (allow-listed)."""
        return self.kind(name).name


def ontology_path() -> Path:
    """The Turtle file: inside the installed package, or at the repository root."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "ontology.ttl", here.parent / "ontology.ttl"):
        if candidate.is_file():
            return candidate
    raise OntologyError(
        f"ontology.ttl not found next to {here} or in its parent; reinstall the package"
    )


def _local(uri: URIRef) -> str:
    return str(uri).rsplit("#", 1)[-1]


def _label(graph: Graph, subject: URIRef, lang: str) -> str:
    for label in graph.objects(subject, RDFS.label):
        if getattr(label, "language", None) == lang:
            return str(label)
    return _local(subject)


def _class_set(graph: Graph, node, where: str) -> frozenset[str]:
    if isinstance(node, URIRef):
        return frozenset({_local(node)})
    union = graph.value(node, OWL.unionOf)
    if union is None:
        raise OntologyError(f"ontology.ttl: {where} must be a class or an owl:unionOf of classes")
    return frozenset(_local(member) for member in Collection(graph, union))


def _boolean(value, where: str, source: str) -> bool:
    if value is None:
        return True
    if getattr(value, "datatype", None) != XSD.boolean or value.toPython() not in (True, False):
        raise OntologyError(f"{source}: {where} must be true or false")
    return bool(value.toPython())


def parse_ontology(text: str, source: str = "ontology.ttl") -> Ontology:
    graph = Graph()
    try:
        graph.parse(data=text, format="turtle")
    except (SyntaxError, ValueError, LookupError) as exc:  # what rdflib's Turtle parser raises
        raise OntologyError(f"{source}: cannot parse Turtle: {exc}") from exc

    kinds: dict[str, Kind] = {}
    for cls in sorted(graph.subjects(RDFS.subClassOf, KG.Entity)):
        name = _local(cls)
        if not _IDENTIFIER.match(name):
            raise OntologyError(f"{source}: kind {name!r} is not a plain identifier")
        kinds[name] = Kind(
            name=name,
            label_en=_label(graph, cls, "en"),
            label_zh=_label(graph, cls, "zh-Hant"),
            colour=str(graph.value(cls, KG.colour) or "#A5ABB6"),
            named=_boolean(graph.value(cls, KG.named), f"{name} kg:named", source),
        )
    if not kinds:
        raise OntologyError(f"{source}: no entity kinds (subclasses of kg:Entity)")

    relations: dict[str, RelationType] = {}
    for prop in sorted(graph.subjects(RDF.type, OWL.ObjectProperty)):
        name = _local(prop)
        if not _IDENTIFIER.match(name):
            raise OntologyError(f"{source}: relation {name!r} is not a plain identifier")
        domain_node = graph.value(prop, RDFS.domain)
        range_node = graph.value(prop, RDFS.range)
        if domain_node is None or range_node is None:
            raise OntologyError(f"{source}: relation {name} needs both rdfs:domain and rdfs:range")
        domain = _class_set(graph, domain_node, f"{name} domain")
        rng = _class_set(graph, range_node, f"{name} range")
        unknown = (domain | rng) - set(kinds)
        if unknown:
            raise OntologyError(
                f"{source}: relation {name} refers to undefined kinds {sorted(unknown)}"
            )
        unnamed = {k for k in domain | rng if not kinds[k].named}
        if unnamed:
            raise OntologyError(
                f"{source}: relation {name} reaches {sorted(unnamed)}, which are no named "
                "entities (kg:named false): relations join named entities only"
            )
        relations[name] = RelationType(
            name=name,
            label_en=_label(graph, prop, "en"),
            label_zh=_label(graph, prop, "zh-Hant"),
            domain=domain,
            range=rng,
            symmetric=(prop, RDF.type, OWL.SymmetricProperty) in graph,
        )

    qualifiers: dict[str, str] = {}
    for prop in sorted(graph.subjects(RDFS.subPropertyOf, KG.qualifier)):
        name = _local(prop)
        value_type = graph.value(prop, RDFS.range)
        if value_type == XSD.double:
            qualifiers[name] = "number"
        elif value_type == XSD.string:
            qualifiers[name] = "string"
        else:
            raise OntologyError(
                f"{source}: qualifier {name} needs rdfs:range xsd:string or xsd:double"
            )

    version = graph.value(URIRef("https://ai-intel-kg.example/ontology"), OWL.versionInfo)
    return Ontology(
        version=str(version or "0"), kinds=kinds, relations=relations, qualifiers=qualifiers
    )


@lru_cache(maxsize=1)
def load_ontology() -> Ontology:
    path = ontology_path()
    return parse_ontology(path.read_text(encoding="utf-8"), source=str(path))
