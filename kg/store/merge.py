"""What a batch changes in a graph, worked out in Python before any statement runs.

Both stores look up the keys that already exist, hand them here, and execute the plan.
Keeping the merge rules in one pure function is what makes the two stores agree: an
article already stored with the same content hash contributes nothing a second time, a
relation's supporting articles are a set, an entity's first/last seen only widen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kg.models import IngestBatch
from kg.normalize import slugify
from kg.store.base import WriteCounts

EVIDENCE_CHARS = 400  # one sentence; longer evidence is cut so edges stay small
# A relation keeps every supporting article id but only the newest sentences: a popular
# pair gathers thousands of supports in a year, and rewriting all their sentences on each
# batch made writes and checkpoints grow with the graph. Older entries become "" so the
# two lists stay aligned by position.
EVIDENCE_KEPT = 20


def source_id(name: str) -> str:
    return slugify(name)


@dataclass
class PlannedWrite:
    new_sources: list[dict[str, Any]] = field(default_factory=list)
    new_articles: list[dict[str, Any]] = field(default_factory=list)
    updated_articles: list[dict[str, Any]] = field(default_factory=list)
    new_entities: list[dict[str, Any]] = field(default_factory=list)
    updated_entities: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    new_relations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    updated_relations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    counts: WriteCounts = field(default_factory=WriteCounts)


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "to_native"):  # neo4j.time.Date
        return value.to_native().isoformat()
    return str(value)


def _cut(text: str) -> str:
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


def keep_newest(evidence: list[str]) -> list[str]:
    """Blank all but the newest ``EVIDENCE_KEPT`` sentences (positions stay aligned)."""
    cut = len(evidence) - EVIDENCE_KEPT
    if cut <= 0:
        return evidence
    return ["" for _ in evidence[:cut]] + evidence[cut:]


def plan_write(
    batch: IngestBatch,
    stored_hashes: Mapping[str, str],
    existing_entities: Mapping[str, Mapping[str, Any]],
    existing_relations: Mapping[tuple[str, str, str], Mapping[str, Any]],
    existing_sources: set[str],
    replace_extracted: bool = False,
) -> PlannedWrite:
    """Rows to create and rows to update so the graph holds ``batch`` exactly once.

    ``existing_relations`` must be read after the changed articles were detached.
    """
    plan = PlannedWrite()
    active: dict[str, str] = {}  # article id -> ISO day, for new or changed articles
    seen_sources = set(existing_sources)
    extractor_of: dict[str, str] = {}
    for mention in batch.mentions:
        if mention.origin == "extracted":
            extractor_of.setdefault(mention.article_id, mention.extractor)
    for article in batch.articles:
        if article.id in active:
            continue
        old = stored_hashes.get(article.id)
        if old == article.content_hash and not replace_extracted:
            continue
        active[article.id] = article.day.isoformat()
        sid = source_id(article.source)
        row = {
            "id": article.id,
            "url": article.url,
            "title": article.title,
            "source": article.source,
            "source_kind": article.source_kind,
            "published": article.published.isoformat(),
            "day": article.day.isoformat(),
            "lang": article.lang,
            "text": article.text,
            "tags": list(article.tags),
            "links": list(article.links),
            "content_hash": article.content_hash,
            "extractor": extractor_of.get(article.id, ""),
            "source_id": sid,
        }
        if old is None:
            plan.new_articles.append(row)
            plan.counts.articles_new += 1
            if sid not in seen_sources:
                seen_sources.add(sid)
                plan.new_sources.append(
                    {"id": sid, "name": article.source, "kind": article.source_kind}
                )
        else:
            plan.updated_articles.append(row)
            plan.counts.articles_updated += 1

    entity_days: dict[str, list[str]] = {}
    seen_mentions: set[tuple[str, str, str]] = set()
    for mention in batch.mentions:
        day = active.get(mention.article_id)
        key = (mention.article_id, mention.entity_id, mention.origin)
        if day is None or key in seen_mentions:
            continue
        if replace_extracted and mention.origin != "extracted":
            continue  # trusted annotations were never removed
        seen_mentions.add(key)
        entity_days.setdefault(mention.entity_id, []).append(day)
        plan.mentions.append(
            {
                "article": mention.article_id,
                "entity": mention.entity_id,
                "count": mention.count,
                "snippet": _cut(mention.evidence),
                "origin": mention.origin,
                "extractor": mention.extractor,
            }
        )
    plan.counts.mentions = len(plan.mentions)

    grouped: dict[tuple[str, str, str], dict[str, Any]] = {}
    in_batch = {a.id for a in batch.articles}
    for rel in batch.relations:
        day = active.get(rel.article_id)
        if day is None:
            if rel.article_id in in_batch:
                continue  # an unchanged article: its facts are already stored
            # Relations arriving without their article (kg sync copies them after the
            # articles): supports are a set, so this stays idempotent.
            day = rel.day.isoformat()
        key = (rel.head_id, rel.type, rel.tail_id)
        entry = grouped.setdefault(key, {"support": {}, "extractor": rel.extractor})
        entry["support"].setdefault(rel.article_id, (_cut(rel.evidence), day))
        entity_days.setdefault(rel.head_id, []).append(day)
        entity_days.setdefault(rel.tail_id, []).append(day)

    for entity in batch.entities:
        days = entity_days.get(entity.id)
        if not days:
            continue
        first, last = min(days), max(days)
        old = existing_entities.get(entity.id)
        if old is None:
            plan.new_entities.append(
                {
                    "id": entity.id,
                    "name": entity.name,
                    "kind": entity.kind,
                    "aliases": sorted(set(entity.aliases)),
                    "first_seen": first,
                    "last_seen": last,
                }
            )
            plan.counts.entities_new += 1
            entity_days.pop(entity.id)
            continue
        aliases = sorted(set(old.get("aliases") or []) | set(entity.aliases))
        old_first, old_last = _iso(old["first_seen"]), _iso(old["last_seen"])
        row = {
            "id": entity.id,
            "aliases": aliases,
            "first_seen": min(first, old_first),
            "last_seen": max(last, old_last),
        }
        if (
            aliases != sorted(old.get("aliases") or [])
            or row["first_seen"] != old_first
            or row["last_seen"] != old_last
        ):
            plan.updated_entities.append(row)
        entity_days.pop(entity.id)

    for (head, type_, tail), entry in sorted(grouped.items()):
        support = entry["support"]
        old = existing_relations.get((head, type_, tail))
        if old is None:
            articles = sorted(support)
            days = [support[a][1] for a in articles]
            plan.new_relations.setdefault(type_, []).append(
                {
                    "h": head,
                    "t": tail,
                    "rel_type": type_,
                    "first_seen": min(days),
                    "last_seen": max(days),
                    "count": len(articles),
                    "articles": articles,
                    "evidence": keep_newest([support[a][0] for a in articles]),
                    "extractor": entry["extractor"],
                }
            )
            plan.counts.relations_new += 1
            continue
        articles = list(old["articles"] or [])
        evidence = list(old["evidence"] or [])
        added = [a for a in sorted(support) if a not in set(articles)]
        if not added:
            continue
        articles += added
        evidence += [support[a][0] for a in added]
        days = [support[a][1] for a in added]
        plan.updated_relations.setdefault(type_, []).append(
            {
                "h": head,
                "t": tail,
                "first_seen": min([_iso(old["first_seen"]), *days]),
                "last_seen": max([_iso(old["last_seen"]), *days]),
                "count": len(articles),
                "articles": articles,
                "evidence": keep_newest(evidence),
            }
        )
        plan.counts.relations_updated += 1
    return plan
