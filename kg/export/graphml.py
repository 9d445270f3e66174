"""GraphML of the entity graph (networkx), for Gephi, yEd, Cytoscape.

Nodes are entities (id, name, kind, aliases, first/last seen); edges are typed relations
(type, first/last seen, count, evidence articles). GraphML values are scalars, so lists
travel as JSON text. networkx writes a graph it holds, so the entity graph is built page by
page and written at the end; it is the small part of the store (no article texts).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from kg.export.read import GraphReader, Window
from kg.store.base import GraphStore


def _iso(value) -> str:
    return str(value.to_native() if hasattr(value, "to_native") else value)


def write_graphml(
    store: GraphStore,
    out: Path,
    window: Window,
    on_progress: Callable[[int], None] = lambda n: None,
):
    from kg.export import ExportResult, size_of

    reader = GraphReader(store, window)
    graph = nx.MultiDiGraph(since=str(window.since), until=str(window.until))
    relations = 0
    for page in reader.entity_pages():
        for e in page:
            graph.add_node(
                e["id"],
                name=e["name"],
                kind=e["kind"],
                aliases=json.dumps(sorted(e.get("aliases") or []), ensure_ascii=False),
                first_seen=_iso(e["first_seen"]),
                last_seen=_iso(e["last_seen"]),
            )
        for r in reader.relations([e["id"] for e in page]):
            graph.add_edge(
                r["head"],
                r["tail"],
                key=r["type"],
                type=r["type"],
                first_seen=_iso(r["first_seen"]),
                last_seen=_iso(r["last_seen"]),
                count=int(r["count"]),
                articles=json.dumps(list(r.get("articles") or []), ensure_ascii=False),
            )
            relations += 1
        on_progress(len(page))
    out.parent.mkdir(parents=True, exist_ok=True)
    nx.write_graphml(graph, out, encoding="utf-8")
    return ExportResult(
        "graphml",
        str(out),
        entities=graph.number_of_nodes(),
        relations=relations,
        objects=graph.number_of_nodes() + graph.number_of_edges(),
        bytes=size_of(out),
    )
