"""CSV node and edge files in the layout ``neo4j-admin database import full`` reads.

Files: ``sources.csv``, ``articles.csv``, ``entities.csv`` (nodes, with ``:ID(space)`` and
``:LABEL`` columns; an entity carries ``Entity;<Kind>`` like the Neo4j store's second
label) and ``published_by.csv``, ``mentions.csv``, ``states.csv``, ``relations.csv``
(edges: ``:START_ID(space)``, ``:END_ID(space)``, ``:TYPE``). Typed headers (``:date``,
``:long``, ``:string[]``) give the properties the types the store uses. Arrays are split on
U+001F (the unit separator), which no article text holds; ``import.sh`` beside the files is
the exact command, with that delimiter and multi-line fields on.

Written as read: articles page by page with their edges, then entities with relations.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from kg.export.read import GraphReader, Window
from kg.store.base import GraphStore

ARRAY = "\x1f"
ARRAY_ARG = "U+001F"

HEADERS = {
    "sources.csv": ["id:ID(Source)", ":LABEL", "name", "kind"],
    "articles.csv": [
        "id:ID(Article)",
        ":LABEL",
        "url",
        "title",
        "source",
        "source_kind",
        "published",
        "day:date",
        "lang",
        "text",
        "tags:string[]",
        "links:string[]",
        "content_hash",
        "extractor",
    ],
    "entities.csv": [
        "id:ID(Entity)",
        ":LABEL",
        "name",
        "kind",
        "aliases:string[]",
        "first_seen:date",
        "last_seen:date",
    ],
    "published_by.csv": [":START_ID(Article)", ":END_ID(Source)", ":TYPE"],
    "mentions.csv": [
        ":START_ID(Article)",
        ":END_ID(Entity)",
        ":TYPE",
        "count:long",
        "snippet",
        "origin",
        "extractor",
    ],
    "states.csv": [
        ":START_ID(Article)",
        ":END_ID(Entity)",
        ":TYPE",
        "rel_type",
        "tail",
        "sentence",
        "extractor",
    ],
    "relations.csv": [
        ":START_ID(Entity)",
        ":END_ID(Entity)",
        ":TYPE",
        "rel_type",
        "first_seen:date",
        "last_seen:date",
        "count:long",
        "articles:string[]",
        "evidence:string[]",
    ],
}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ARRAY.join(str(v) for v in value)
    if hasattr(value, "to_native"):
        value = value.to_native()
    return str(value)


def import_command(database: str = "neo4j") -> str:
    nodes = " ".join(f"--nodes={n}" for n in ("sources.csv", "articles.csv", "entities.csv"))
    edges = " ".join(
        f"--relationships={n}"
        for n in ("published_by.csv", "mentions.csv", "states.csv", "relations.csv")
    )
    return (
        f"neo4j-admin database import full {database} --overwrite-destination "
        f"--array-delimiter={ARRAY_ARG} --multiline-fields=true {nodes} {edges}"
    )


def write_csv(
    store: GraphStore,
    out: Path,
    window: Window,
    on_progress: Callable[[int], None] = lambda n: None,
):
    from kg.export import ExportResult, size_of

    reader = GraphReader(store, window)
    out.mkdir(parents=True, exist_ok=True)
    handles = {name: (out / name).open("w", encoding="utf-8", newline="") for name in HEADERS}
    try:
        writers = {name: csv.writer(h, lineterminator="\n") for name, h in handles.items()}
        for name, header in HEADERS.items():
            writers[name].writerow(header)
        result = ExportResult("csv", str(out), objects=len(HEADERS))
        # Entities first (ids only), so edges to entities outside the window or kinds are
        # left out: neo4j-admin refuses edges whose end node is missing.
        pages = list(reader.entity_pages())
        entity_ids = {e["id"] for page in pages for e in page}
        sources: set[str] = set()
        for articles in reader.article_pages():
            ids = [a["id"] for a in articles]
            for a in articles:
                writers["articles.csv"].writerow(
                    [
                        a["id"],
                        "Article",
                        *(_cell(a[c.split(":")[0]]) for c in HEADERS["articles.csv"][2:]),
                    ]
                )
            for s in reader.sources(ids):
                if s["id"] not in sources:
                    sources.add(s["id"])
                    writers["sources.csv"].writerow([s["id"], "Source", s["name"], s["kind"]])
                writers["published_by.csv"].writerow([s["article"], s["id"], "PUBLISHED_BY"])
            for m in reader.mentions(ids):
                if m["entity"] in entity_ids:
                    writers["mentions.csv"].writerow(
                        [
                            m["article"],
                            m["entity"],
                            "MENTIONS",
                            *(_cell(m[k]) for k in ("count", "snippet", "origin", "extractor")),
                        ]
                    )
            for s in reader.statements(ids):
                if s["head"] in entity_ids and s["tail"] in entity_ids:
                    writers["states.csv"].writerow(
                        [
                            s["article"],
                            s["head"],
                            "STATES",
                            *(_cell(s[k]) for k in ("type", "tail", "sentence", "extractor")),
                        ]
                    )
            result.articles += len(articles)
        for page in pages:
            for e in page:
                writers["entities.csv"].writerow(
                    [
                        e["id"],
                        f"Entity;{e['kind']}",
                        e["name"],
                        e["kind"],
                        _cell(sorted(e.get("aliases") or [])),
                        _cell(e["first_seen"]),
                        _cell(e["last_seen"]),
                    ]
                )
            for r in reader.relations([e["id"] for e in page]):
                writers["relations.csv"].writerow(
                    [
                        r["head"],
                        r["tail"],
                        r["type"],
                        r["type"],
                        *(
                            _cell(r[k])
                            for k in ("first_seen", "last_seen", "count", "articles", "evidence")
                        ),
                    ]
                )
                result.relations += 1
            result.entities += len(page)
            on_progress(len(page))
    finally:
        for handle in handles.values():
            handle.close()
    (out / "import.sh").write_text(
        "#!/bin/sh\n# Bulk-load these files into an empty (stopped) Neo4j database.\n"
        f'cd "$(dirname "$0")" && {import_command()} "$@"\n',
        encoding="utf-8",
    )
    result.bytes = size_of(out)
    return result
