"""Copy a whole graph from one store to another (embedded -> Neo4j and back).

Streams: articles travel in pages with their mentions and the relations they state.
Writes go through the destination's normal idempotent write path, so running a sync
twice, or after a partial one, leaves one copy of everything.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime

from kg.models import Article, Entity, IngestBatch, Mention, Relation
from kg.store.base import GraphStore, WriteCounts
from kg.store.curation import copy_log

PAGE = 1000
# Bytes of article text per destination transaction: a page of long articles must not become
# one transaction that a 1 GB Neo4j heap cannot hold (kg sync of a year of news).
TX_TEXT_BYTES = 8 * 1024 * 1024


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
STATES = (
    "UNWIND $ids AS i MATCH (a:Article {id: i})-[s:STATES]->(h:Entity) "
    "RETURN a.id AS article, h.id AS head, s.rel_type AS type, s.tail AS tail, "
    "s.sentence AS sentence, s.extractor AS extractor, s.qualifiers AS qualifiers, s.via AS via"
)
TAILS = (
    "UNWIND $ids AS i MATCH (e:Entity {id: i}) "
    "RETURN e.id AS id, e.name AS name, e.kind AS kind, e.aliases AS aliases"
)


@dataclass
class SyncReport:
    articles: int = 0
    relations: int = 0
    quarantined: int = 0
    written: WriteCounts | None = None

    def as_dict(self, source: str, destination: str, after) -> dict:
        """What was copied from ``source`` to ``destination``; ``after``: its stats since."""
        return {
            "from": source,
            "to": destination,
            "articles": self.articles,
            "relations": self.relations,
            "quarantined_new": self.quarantined,
            "written": asdict(self.written),
            "destination": {
                "articles": after.articles,
                "entities": after.entities,
                "relations": after.relations,
            },
        }

    def summary(self, source: str, destination: str) -> str:
        w = self.written
        return (
            f"synced {self.articles} articles and {self.relations} relation statements from {source} to {destination}: "
            f"{w.articles_new} new articles, {w.entities_new} new entities, {w.relations_new} new relations"
        )


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
    """Articles in pages with everything they contributed: mentions and stated relations."""
    for articles in stored_articles(src, page=page):
        ids = [a.id for a in articles]
        mentions = src.run(MENTIONS, {"ids": ids}, name="sync_mentions")
        entities = {
            m["id"]: Entity(
                id=m["id"], name=m["name"], kind=m["kind"], aliases=tuple(m["aliases"] or ())
            )
            for m in mentions
        }
        stated = src.run(STATES, {"ids": ids}, name="sync_states")
        # A relation's tail need not be mentioned by the article (resolution can link it).
        missing = sorted({s[k] for s in stated for k in ("head", "tail")} - set(entities))
        if missing:
            for e in src.run(TAILS, {"ids": missing}, name="sync_entities"):
                entities[e["id"]] = Entity(
                    id=e["id"], name=e["name"], kind=e["kind"], aliases=tuple(e["aliases"] or ())
                )
        days = {a.id: a.day for a in articles}
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
            relations=tuple(
                Relation(
                    head_id=s["head"],
                    type=s["type"],
                    tail_id=s["tail"],
                    article_id=s["article"],
                    day=days[s["article"]],
                    evidence=s["sentence"] or "",
                    extractor=s["extractor"] or "",
                    qualifiers=json.loads(s["qualifiers"] or "{}"),
                    via=s["via"] or "",
                )
                for s in stated
            ),
        )


def bounded(batch: IngestBatch, max_bytes: int = TX_TEXT_BYTES) -> Iterator[IngestBatch]:
    """Split a batch into batches whose article texts total at most ``max_bytes`` (one
    article at least), each with the mentions, relations and entities of its articles."""
    groups: list[list[Article]] = [[]]
    size = 0
    for article in batch.articles:
        n = len(article.text.encode("utf-8"))
        if groups[-1] and size + n > max_bytes:
            groups.append([])
            size = 0
        groups[-1].append(article)
        size += n
    if len(groups) == 1:
        yield batch
        return
    entities = {e.id: e for e in batch.entities}
    for articles in groups:
        ids = {a.id for a in articles}
        mentions = tuple(m for m in batch.mentions if m.article_id in ids)
        relations = tuple(r for r in batch.relations if r.article_id in ids)
        used = {m.entity_id for m in mentions} | {
            x for r in relations for x in (r.head_id, r.tail_id)
        }
        yield IngestBatch(
            articles=tuple(articles),
            entities=tuple(entities[i] for i in sorted(used) if i in entities),
            mentions=mentions,
            relations=relations,
        )


def sync(
    src: GraphStore,
    dst: GraphStore,
    on_progress: Callable[[str, int], None] | None = None,
) -> SyncReport:
    report = SyncReport(written=WriteCounts())
    for page in article_pages(src):
        for batch in bounded(page, TX_TEXT_BYTES):
            report.written.add(dst.write(batch))
        report.articles += len(page.articles)
        report.relations += len(page.relations)
        if on_progress:
            on_progress("articles", len(page.articles))
    items = src.quarantine()
    report.quarantined = dst.add_quarantine(items) if items else 0
    copy_log(src, dst)  # so later ingests and undos on the copy follow the same curations
    return report
