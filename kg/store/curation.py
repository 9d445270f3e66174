"""What curation reads and writes in a graph, on top of ``GraphStore.run``.

The statements are the common subset of both dialects; the one difference (Neo4j's second,
per-kind label on an entity) is taken care of in ``create_entities``. Nothing here holds a
connection or a transaction: each function is one or a few statements.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from kg.errors import QueryError
from kg.models import Article
from kg.store.base import GraphStore, Row

LOG = (
    "MATCH (c:Curation) RETURN c.id AS id, c.seq AS seq, c.op AS op, c.args AS args, "
    "c.who AS who, c.why AS why, c.at AS at, c.undone AS undone, c.snapshot AS snapshot "
    "ORDER BY c.seq"
)
ADD = (
    "CREATE (:Curation {id: $id, seq: $seq, op: $op, args: $args, who: $who, why: $why, "
    "at: $at, undone: $undone, snapshot: $snapshot})"
)
UPDATE = "MATCH (c:Curation) WHERE c.id = $id SET c.undone = $undone, c.snapshot = $snapshot"
MENTIONING = (
    "UNWIND $ids AS i MATCH (a:Article)-[:MENTIONS]->(e:Entity {id: i}) RETURN DISTINCT a.id AS id"
)
STATING = (
    "UNWIND $ids AS i MATCH (a:Article)-[:STATES]->(e:Entity {id: i}) RETURN DISTINCT a.id AS id"
)
STATING_TAIL = (
    "MATCH (a:Article)-[s:STATES]->(:Entity) WHERE s.tail IN $ids RETURN DISTINCT a.id AS id"
)
ARTICLES = (
    "UNWIND $ids AS i MATCH (a:Article {id: i}) RETURN a.id AS id, a.url AS url, "
    "a.title AS title, a.source AS source, a.source_kind AS source_kind, "
    "a.published AS published, a.day AS day, a.lang AS lang, a.text AS text, a.tags AS tags, "
    "a.links AS links, a.content_hash AS content_hash"
)
ENTITIES = (
    "UNWIND $ids AS i MATCH (e:Entity {id: i}) RETURN e.id AS id, e.name AS name, "
    "e.kind AS kind, e.aliases AS aliases, e.first_seen AS first_seen, e.last_seen AS last_seen"
)
BY_ALIAS = (
    "MATCH (e:Entity) WHERE $alias IN e.aliases RETURN e.id AS id, e.name AS name, "
    "e.kind AS kind, e.aliases AS aliases, e.first_seen AS first_seen, e.last_seen AS last_seen"
)
ANNOTATIONS = (
    "UNWIND $ids AS i MATCH (a:Article)-[m:MENTIONS]->(e:Entity {id: i}) "
    "WHERE m.origin = 'annotation' RETURN a.id AS article, e.id AS entity, m.count AS count, "
    "m.snippet AS snippet, m.extractor AS extractor"
)
DROP_ANNOTATIONS = (
    "UNWIND $rows AS r MATCH (a:Article {id: r.article})-[m:MENTIONS]->(e:Entity {id: r.entity}) "
    "WHERE m.origin = 'annotation' DELETE m"
)
ADD_ANNOTATIONS = (
    "UNWIND $rows AS r MATCH (a:Article {id: r.article}) MATCH (e:Entity {id: r.entity}) "
    "CREATE (a)-[:MENTIONS {count: r.count, snippet: r.snippet, origin: 'annotation', "
    "extractor: r.extractor}]->(e)"
)
CREATE_ENTITIES = (
    "UNWIND $rows AS r CREATE (:Entity {id: r.id, name: r.name, kind: r.kind, "
    "aliases: r.aliases, first_seen: date(r.first_seen), last_seen: date(r.last_seen)})"
)
SET_ENTITIES = (
    "UNWIND $rows AS r MATCH (e:Entity {id: r.id}) SET e.name = r.name, e.aliases = r.aliases, "
    "e.first_seen = date(r.first_seen), e.last_seen = date(r.last_seen)"
)
# Only entities left without a mention or statement are deleted: the embedded store keeps
# MENTIONS and STATES forward only, so a DETACH there would not see them.
DELETE_ENTITIES = "UNWIND $ids AS i MATCH (e:Entity {id: i}) DETACH DELETE e"
ORIGINS_FORGET = "UNWIND $ids AS i MATCH (o:AnnotationOrigin) WHERE o.article = i DELETE o"
ORIGINS_ADD = (
    "UNWIND $rows AS r CREATE (:AnnotationOrigin {id: r.id, article: r.article, raw: r.raw, "
    "name: r.name, kind: r.kind, entity: r.entity})"
)
ORIGINS = (
    "UNWIND $ids AS i MATCH (o:AnnotationOrigin) WHERE o.article = i RETURN o.id AS id, "
    "o.article AS article, o.raw AS raw, o.name AS name, o.kind AS kind, o.entity AS entity"
)
ORIGIN_SET = (
    "UNWIND $rows AS r MATCH (o:AnnotationOrigin) WHERE o.id = r.id SET o.entity = r.entity"
)


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "to_native"):
        return value.to_native().isoformat()
    return str(value)


def _read(store: GraphStore, statement: str, table: str, name: str) -> list[Row]:
    try:
        return store.run(statement, name=name)
    except QueryError as exc:
        # an embedded graph from before curation, opened read-only: no table, nothing in it
        if store.read_only and f"{table} does not exist" in str(exc):
            return []
        raise


def log_rows(store: GraphStore) -> list[Row]:
    return _read(store, LOG, "Curation", "curation_log")


def add_row(store: GraphStore, row: dict[str, Any]) -> None:
    store.run(ADD, row, name="curation_add")


def update_row(store: GraphStore, ident: str, undone: str, snapshot: str) -> None:
    store.run(UPDATE, {"id": ident, "undone": undone, "snapshot": snapshot}, name="curation_set")


def articles_touching(store: GraphStore, ids: Iterable[str]) -> list[str]:
    """Articles that mention, or state a relation of, any of these entities."""
    ids = sorted(set(ids))
    found: set[str] = set()
    for statement in (MENTIONING, STATING, STATING_TAIL):
        found.update(r["id"] for r in store.run(statement, {"ids": ids}, name="curation_touch"))
    return sorted(found)


def articles(store: GraphStore, ids: list[str]) -> list[Article]:
    rows = store.run(ARTICLES, {"ids": ids}, name="curation_articles")
    return [
        Article(
            **{
                **r,
                "published": datetime.fromisoformat(r["published"]),
                "day": date.fromisoformat(_iso(r["day"])),
                "tags": tuple(r["tags"] or ()),
                "links": tuple(r["links"] or ()),
            }
        )
        for r in sorted(rows, key=lambda r: r["id"])
    ]


def entities(store: GraphStore, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    rows = store.run(ENTITIES, {"ids": sorted(set(ids))}, name="curation_entities")
    return {
        r["id"]: {
            **r,
            "aliases": sorted(r["aliases"] or []),
            "first_seen": _iso(r["first_seen"]),
            "last_seen": _iso(r["last_seen"]),
        }
        for r in rows
    }


def entities_by_alias(store: GraphStore, alias: str) -> dict[str, dict[str, Any]]:
    """Entities that have ``alias`` among their aliases (written as stored)."""
    rows = store.run(BY_ALIAS, {"alias": alias}, name="curation_by_alias")
    return entities(store, [r["id"] for r in rows]) if rows else {}


def annotations(store: GraphStore, ids: Iterable[str]) -> list[dict[str, Any]]:
    rows = store.run(ANNOTATIONS, {"ids": sorted(set(ids))}, name="curation_annotations")
    return sorted(
        (
            {
                **r,
                "count": int(r["count"] or 1),
                "snippet": r["snippet"] or "",
                "extractor": r["extractor"] or "annotation",
            }
            for r in rows
        ),
        key=lambda r: (r["article"], r["entity"]),
    )


def replace_annotations(
    store: GraphStore, drop: list[dict[str, Any]], add: list[dict[str, Any]]
) -> None:
    # one shape per statement: the embedded store types a parameter list by its rows
    if drop:
        rows = [{"article": r["article"], "entity": r["entity"]} for r in drop]
        store.run(DROP_ANNOTATIONS, {"rows": rows}, name="curation_drop_annotations")
    if add:
        rows = [
            {
                "article": r["article"],
                "entity": r["entity"],
                "count": int(r["count"]),
                "snippet": str(r["snippet"]),
                "extractor": str(r["extractor"]),
            }
            for r in add
        ]
        store.run(ADD_ANNOTATIONS, {"rows": rows}, name="curation_add_annotations")


def create_entities(store: GraphStore, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    store.run(CREATE_ENTITIES, {"rows": rows}, name="curation_create_entities")
    if store.dialect == "neo4j":  # each entity carries its kind as a second label there
        ontology = store.ontology
        for kind in sorted({r["kind"] for r in rows}):
            label = ontology.cypher_kind(kind)
            store.run(
                f"UNWIND $ids AS i MATCH (e:Entity {{id: i}}) SET e:{label}",
                {"ids": [r["id"] for r in rows if r["kind"] == kind]},
                name="curation_label",
            )


def set_entities(store: GraphStore, rows: list[dict[str, Any]]) -> None:
    if rows:
        store.run(SET_ENTITIES, {"rows": rows}, name="curation_set_entities")


def delete_entities(store: GraphStore, ids: list[str]) -> None:
    if ids:
        store.run(DELETE_ENTITIES, {"ids": ids}, name="curation_delete_entities")


def record_origins(store: GraphStore, articles: list[str], rows: list[dict[str, Any]]) -> None:
    """Where curations placed these articles' annotations (replacing what was kept before)."""
    if articles:
        store.run(ORIGINS_FORGET, {"ids": sorted(set(articles))}, name="curation_origins_forget")
    if rows:
        store.run(ORIGINS_ADD, {"rows": rows}, name="curation_origins_add")


def origins(store: GraphStore, articles: Iterable[str]) -> list[dict[str, Any]]:
    rows = store.run(ORIGINS, {"ids": sorted(set(articles))}, name="curation_origins")
    return sorted(rows, key=lambda r: r["id"])


def set_origins(store: GraphStore, rows: list[dict[str, Any]]) -> None:
    if rows:
        store.run(ORIGIN_SET, {"rows": rows}, name="curation_origins_set")


ORIGINS_ALL = (
    "MATCH (o:AnnotationOrigin) RETURN o.id AS id, o.article AS article, o.raw AS raw, "
    "o.name AS name, o.kind AS kind, o.entity AS entity ORDER BY o.id"
)


def copy_log(src: GraphStore, dst: GraphStore) -> int:
    """Copy the curation log (and the annotation records undo needs) to another store;
    what ``dst`` holds already is kept. Returns how many curations were new there."""
    have = {r["id"] for r in log_rows(dst)}
    fresh = [r for r in log_rows(src) if r["id"] not in have]
    for row in fresh:
        add_row(dst, {**row, "seq": int(row["seq"])})
    known = {r["id"] for r in dst.run(ORIGINS_ALL, name="curation_origins_all")}
    held = _read(src, ORIGINS_ALL, "AnnotationOrigin", "curation_origins_all")
    rows = [r for r in held if r["id"] not in known]
    if rows:
        dst.run(ORIGINS_ADD, {"rows": rows}, name="curation_origins_add")
    return len(fresh)
