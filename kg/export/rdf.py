"""RDF/Turtle of the graph, in the terms of ``ontology.ttl``.

An entity is ``ent:<id>`` typed with its kind class (``kg:Model``), with ``rdfs:label``,
``skos:altLabel`` aliases, ``kg:entityId`` and ``kg:firstSeen`` / ``kg:lastSeen``. A
relation is the direct triple (``ent:a kg:DEVELOPED_BY ent:b``, what the SHACL shapes check)
plus a reified ``rdf:Statement`` node carrying first/last seen, the support count, and
``prov:wasDerivedFrom`` each evidence article (``art:<id>``, with title, url and day) and
its sentence. Every node is an IRI, so the file is written page by page: each page is
serialised on its own and appended.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from rdflib import RDF, RDFS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.export.read import GraphReader, Window, evidence_pairs
from kg.ontology import KG
from kg.store.base import GraphStore

ENT = Namespace("https://ai-intel-kg.example/id/entity/")
ART = Namespace("https://ai-intel-kg.example/id/article/")
REL = Namespace("https://ai-intel-kg.example/id/relation/")
PREFIXES = {
    "kg": KG,
    "ent": ENT,
    "art": ART,
    "rel": REL,
    "rdfs": RDFS,
    "skos": SKOS,
    "prov": PROV,
    "dcterms": DCTERMS,
    "xsd": XSD,
}


def entity_iri(entity_id: str) -> URIRef:
    return ENT[quote(entity_id, safe="")]


def article_iri(article_id: str) -> URIRef:
    return ART[quote(article_id, safe="")]


def relation_iri(head: str, rel_type: str, tail: str) -> URIRef:
    digest = hashlib.sha1(f"{head}|{rel_type}|{tail}".encode()).hexdigest()[:20]
    return REL[digest]


def _graph() -> Graph:
    graph = Graph()
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    return graph


def _date(value) -> Literal:
    if hasattr(value, "to_native"):
        value = value.to_native()
    return Literal(str(value), datatype=XSD.date)


def _body(graph: Graph) -> str:
    """The page's Turtle. Its own @prefix lines stay: Turtle allows a prefix to be declared
    again between statements, and a page may use one the header does not name."""
    return graph.serialize(format="turtle").strip()


def write_turtle(
    store: GraphStore,
    out: Path,
    window: Window,
    on_progress: Callable[[int], None] = lambda n: None,
):
    from kg.export import ExportResult, size_of

    reader = GraphReader(store, window)
    result = ExportResult("turtle", str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    seen_articles: set[str] = set()
    with out.open("w", encoding="utf-8") as handle:
        handle.write(
            f"# AI Intel KG graph, {window.since} .. {window.until}; schema: ontology.ttl\n"
        )
        for page in reader.entity_pages():
            graph = _graph()
            for e in page:
                node = entity_iri(e["id"])
                graph.add((node, RDF.type, KG[e["kind"]]))
                graph.add((node, RDFS.label, Literal(e["name"])))
                graph.add((node, KG.entityId, Literal(e["id"])))
                graph.add((node, KG.firstSeen, _date(e["first_seen"])))
                graph.add((node, KG.lastSeen, _date(e["last_seen"])))
                for alias in sorted(set(e.get("aliases") or []) - {e["name"]}):
                    graph.add((node, SKOS.altLabel, Literal(alias)))
            relations = reader.relations([e["id"] for e in page])
            wanted = [a for r in relations for a, _ in evidence_pairs(r) if a not in seen_articles]
            articles = reader.articles(wanted)
            for r in relations:
                head, tail, predicate = entity_iri(r["head"]), entity_iri(r["tail"]), KG[r["type"]]
                graph.add((head, predicate, tail))
                stmt = relation_iri(r["head"], r["type"], r["tail"])
                graph.add((stmt, RDF.type, RDF.Statement))
                graph.add((stmt, RDF.subject, head))
                graph.add((stmt, RDF.predicate, predicate))
                graph.add((stmt, RDF.object, tail))
                graph.add((stmt, KG.firstSeen, _date(r["first_seen"])))
                graph.add((stmt, KG.lastSeen, _date(r["last_seen"])))
                graph.add((stmt, KG.supportCount, Literal(int(r["count"]))))
                for article_id, sentence in evidence_pairs(r):
                    graph.add((stmt, PROV.wasDerivedFrom, article_iri(article_id)))
                    if sentence:
                        graph.add((stmt, KG.evidence, Literal(sentence)))
            for article_id, meta in articles.items():
                seen_articles.add(article_id)
                node = article_iri(article_id)
                graph.add((node, RDF.type, KG.Article))
                graph.add((node, DCTERMS.identifier, Literal(article_id)))
                graph.add((node, DCTERMS.title, Literal(meta["title"] or "")))
                graph.add((node, DCTERMS.date, _date(meta["day"])))
                if meta.get("source"):
                    graph.add((node, DCTERMS.publisher, Literal(meta["source"])))
                if meta.get("url"):
                    graph.add((node, DCTERMS.source, URIRef(meta["url"])))
            handle.write("\n" + _body(graph) + "\n")
            result.entities += len(page)
            result.relations += len(relations)
            result.articles += len(articles)
            result.objects += len(graph)
            on_progress(len(page))
    result.bytes = size_of(out)
    return result
