"""SHACL shapes for the ontology, generated from ``ontology.ttl`` (kinds, domain, range).

One node shape per kind (a label, one entity id, dates typed) and, per relation type, one
shape on its subjects (``sh:class`` one of the domain kinds) and one on its objects (one
of the range kinds). Nothing is written twice: a new relation in ontology.ttl is a new
pair of shapes.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace
from rdflib.collection import Collection

from kg.ontology import KG, Ontology, load_ontology

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES = Namespace("https://ai-intel-kg.example/shapes#")


def _property(graph: Graph, shape, path, **constraints) -> None:
    node = BNode()
    graph.add((shape, SH.property, node))
    graph.add((node, SH.path, path))
    for key, value in constraints.items():
        graph.add((node, SH[key], value))


def _one_of_classes(graph: Graph, shape, kinds: frozenset[str]) -> None:
    if len(kinds) == 1:
        graph.add((shape, SH["class"], KG[next(iter(kinds))]))
        return
    options = []
    for kind in sorted(kinds):
        option = BNode()
        graph.add((option, SH["class"], KG[kind]))
        options.append(option)
    head = BNode()
    Collection(graph, head, options)
    graph.add((shape, SH["or"], head))


def shapes_graph(ontology: Ontology | None = None) -> Graph:
    onto = ontology or load_ontology()
    graph = Graph()
    graph.bind("sh", SH)
    graph.bind("kg", KG)
    graph.bind("shape", SHAPES)
    for kind in onto.kind_names:
        shape = SHAPES[kind]
        graph.add((shape, RDF.type, SH.NodeShape))
        graph.add((shape, SH.targetClass, KG[kind]))
        _property(graph, shape, RDFS.label, minCount=Literal(1), datatype=XSD.string)
        _property(
            graph, shape, KG.entityId, minCount=Literal(1), maxCount=Literal(1), datatype=XSD.string
        )
        for prop in (KG.firstSeen, KG.lastSeen):
            _property(graph, shape, prop, maxCount=Literal(1), datatype=XSD.date)
    for name, rel in onto.relations.items():
        domain = SHAPES[f"{name}_domain"]
        graph.add((domain, RDF.type, SH.NodeShape))
        graph.add((domain, SH.targetSubjectsOf, KG[name]))
        graph.add((domain, SH.message, Literal(f"{name}: subject outside its domain")))
        _one_of_classes(graph, domain, rel.domain)
        rng = SHAPES[f"{name}_range"]
        graph.add((rng, RDF.type, SH.NodeShape))
        graph.add((rng, SH.targetObjectsOf, KG[name]))
        graph.add((rng, SH.message, Literal(f"{name}: object outside its range")))
        _one_of_classes(graph, rng, rel.range)
    return graph


def write_shapes(out: Path):
    from kg.export import ExportResult

    out.parent.mkdir(parents=True, exist_ok=True)
    graph = shapes_graph()
    text = (
        "# SHACL shapes generated from ontology.ttl by `kg export shapes`; do not edit.\n"
        + graph.serialize(format="turtle")
    )
    out.write_text(text, encoding="utf-8")
    return ExportResult("shapes", str(out), objects=len(graph), bytes=out.stat().st_size)


def validate(data: Graph, ontology: Ontology | None = None) -> tuple[bool, str]:
    """Check a data graph against the shapes: (conforms, report text)."""
    import pyshacl

    conforms, _graph, text = pyshacl.validate(data, shacl_graph=shapes_graph(ontology))
    return bool(conforms), str(text)
