"""Copy a whole graph from one store to another (embedded -> Neo4j and back).

Streams: articles travel in pages with their mentions, then relations in pages by type.
Writes go through the destination's normal idempotent write path, so running a sync
twice, or after a partial one, leaves one copy of everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from kg.models import Article, Entity, IngestBatch, Mention, Relation
from kg.ontology import load_ontology
from kg.store.base import GraphStore, WriteCounts

PAGE = 1000


ARTICLES = (
    "MATCH (a:Article) WHERE a.id > $after AND a.day >= date($since) RETURN a.id AS id, a.url AS url, a.title AS title, "
    "a.source AS source, a.source_kind AS source_kind, a.published AS published, a.day AS day, "
    "a.lang AS lang, a.text AS text, a.tags AS tags, a.links AS links, a.content_hash AS content_hash "
    "ORDER BY id LIMIT $n"
)
MENTIONS = (
    "UNWIND $ids AS i MATCH (a:Article {id: i})-[m:MENTIONS]->(e:Entity) "
    "RETURN a.id AS article, e.id AS id, e.name AS name, e.kind AS kind, e.aliases AS aliases, "
    "m.count AS count, m.snippet AS snippet, m.origin AS origin, m.extractor AS extractor"
)
DAYS = "UNWIND $ids AS i MATCH (a:Article {id: i}) RETURN a.id AS id, a.day AS day"


def relations_query(type_: str) -> str:
    label = load_ontology().cypher_relation(type_)
    return (
        f"MATCH (h:Entity)-[r:{label}]->(t:Entity) RETURN h.id AS hid, h.name AS hn, h.kind AS hk, "
        "h.aliases AS ha, t.id AS tid, t.name AS tn, t.kind AS tk, t.aliases AS ta, "
        "r.articles AS articles, r.evidence AS evidence, r.extractor AS extractor "
        "ORDER BY hid, tid SKIP $skip LIMIT $n"
    )


@dataclass
class SyncReport:
    articles: int = 0
    relations: int = 0
    quarantined: int = 0
    written: WriteCounts | None = None


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def stored_articles(
    src: GraphStore, since: date | None = None, page: int = PAGE
) -> Iterator[list[Article]]:
    """Stored articles in pages, ordered by id (keyset paging: no growing SKIP)."""
    after = ""
    while True:
        rows = src.run(
            ARTICLES,
            {"after": after, "n": page, "since": (since or date(1900, 1, 1)).isoformat()},
            name="sync_articles",
        )
        if not rows:
            return
        after = rows[-1]["id"]
        yield [
            Article(
                **{
                    **r,
                    "published": datetime.fromisoformat(r["published"]),
                    "day": _day(r["day"]),
                    "tags": tuple(r["tags"] or ()),
                    "links": tuple(r["links"] or ()),
                }
            )
            for r in rows
        ]


def article_pages(src: GraphStore, page: int = PAGE) -> Iterator[IngestBatch]:
    for articles in stored_articles(src, page=page):
        mentions = src.run(
            MENTIONS,
            {"ids": [a.id for a in articles]},
            name="sync_mentions",
        )
        entities = {
            m["id"]: Entity(
                id=m["id"], name=m["name"], kind=m["kind"], aliases=tuple(m["aliases"] or ())
            )
            for m in mentions
        }
        yield IngestBatch(
            articles=tuple(articles),
            entities=tuple(entities.values()),
            mentions=tuple(
                Mention(
                    article_id=m["article"],
                    entity_id=m["id"],
                    count=m["count"],
                    evidence=m["snippet"] or "",
                    origin=m["origin"],
                    extractor=m["extractor"] or "",
                )
                for m in mentions
            ),
        )


def relation_pages(
    src: GraphStore, relation_types: list[str], page: int = PAGE
) -> Iterator[IngestBatch]:
    days = {}
    for type_ in relation_types:
        skip = 0
        while True:
            rows = src.run(
                relations_query(type_),
                {"skip": skip, "n": page},
                name="sync_relations",
            )
            if not rows:
                break
            skip += len(rows)
            needed = sorted({a for r in rows for a in r["articles"]} - set(days))
            if needed:
                for row in src.run(
                    DAYS,
                    {"ids": needed},
                    name="sync_days",
                ):
                    days[row["id"]] = _day(row["day"])
            entities = {}
            relations = []
            for r in rows:
                entities[r["hid"]] = Entity(
                    id=r["hid"], name=r["hn"], kind=r["hk"], aliases=tuple(r["ha"] or ())
                )
                entities[r["tid"]] = Entity(
                    id=r["tid"], name=r["tn"], kind=r["tk"], aliases=tuple(r["ta"] or ())
                )
                for article, evidence in zip(r["articles"], r["evidence"], strict=False):
                    if article in days:
                        relations.append(
                            Relation(
                                head_id=r["hid"],
                                type=type_,
                                tail_id=r["tid"],
                                article_id=article,
                                day=days[article],
                                evidence=evidence,
                                extractor=r["extractor"] or "",
                            )
                        )
            yield IngestBatch(entities=tuple(entities.values()), relations=tuple(relations))


def sync(
    src: GraphStore,
    dst: GraphStore,
    relation_types: list[str],
    on_progress: Callable[[str, int], None] | None = None,
) -> SyncReport:
    report = SyncReport(written=WriteCounts())
    for batch in article_pages(src):
        report.written.add(dst.write(batch))
        report.articles += len(batch.articles)
        if on_progress:
            on_progress("articles", len(batch.articles))
    for batch in relation_pages(src, relation_types):
        report.written.add(dst.write(batch))
        report.relations += len({(r.head_id, r.type, r.tail_id) for r in batch.relations})
        if on_progress:
            on_progress("relations", len(batch.relations))
    items = src.quarantine()
    report.quarantined = dst.add_quarantine(items) if items else 0
    return report
