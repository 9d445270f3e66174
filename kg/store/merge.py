"""What a batch changes in a graph, worked out in Python before any statement runs.

Both stores look up the keys that already exist, hand them here, and execute the plan.
Keeping the merge rules in one pure function is what makes the two stores agree: an
article already stored with the same content hash contributes nothing a second time, a
changed one is detached before its new facts count, each supporting sentence is stored once
with its article, an entity's first/last seen only widen.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from kg.models import CONCEPT, IngestBatch
from kg.normalize import slugify
from kg.store.base import WriteCounts

EVIDENCE_CHARS = 400  # one sentence; longer evidence is cut so edges stay small
# Each supporting sentence is its own (Article)-[:STATES]->(head) edge, written once with
# its article. The relation edge keeps the exact support count, first/last seen and only
# its newest supporting articles with their sentences: a popular pair gathers thousands of
# supports in a year, and rewriting a list that grows with the graph on every batch made
# writes and checkpoints grow with the graph.
ARTICLES_KEPT = 20
# The keys of a planned mention and of a planned statement (STATES edge), in row order.
MENTION_KEYS = ("article", "entity", "count", "snippet", "origin", "extractor")
STATEMENT_KEYS = (
    "article",
    "head",
    "rel_type",
    "tail",
    "sentence",
    "extractor",
    "qualifiers",
    "via",
)


def _columns(keys: tuple[str, ...], rows: list[tuple]) -> dict[str, list[Any]]:
    if not rows:
        return {k: [] for k in keys}
    return dict(zip(keys, map(list, zip(*rows, strict=True)), strict=True))


def _rows(keys: tuple[str, ...], rows: list[tuple]) -> list[dict[str, Any]]:
    """The batched path's form of the same rows: one dict each, keys in ``keys`` order."""
    return [dict(zip(keys, row, strict=True)) for row in rows]


@lru_cache(maxsize=4096)  # a handful of sources write every article
def source_id(name: str) -> str:
    return slugify(name)


def alias_key(alias: str) -> str:
    return f"alias:{alias}"


def entity_keys(entity_id: str, name: str, aliases: Iterable[str]) -> list[str]:
    """The look-up keys of an entity (``EntityKey`` ids): its id, its name lowercased as
    the queries' ``toLower($entity)`` lowercases, each alias as written."""
    return [
        f"id:{entity_id}",
        f"name:{name.lower()}",
        *(alias_key(a) for a in sorted(set(aliases))),
    ]


@dataclass
class PlannedWrite:
    new_sources: list[dict[str, Any]] = field(default_factory=list)
    new_articles: list[dict[str, Any]] = field(default_factory=list)
    updated_articles: list[dict[str, Any]] = field(default_factory=list)
    new_entities: list[dict[str, Any]] = field(default_factory=list)
    updated_entities: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    statements: list[dict[str, Any]] = field(default_factory=list)  # STATES edges
    # With ``plan_write(columns=True)``, the mentions and statements as columns instead
    # (key -> values, the keys of MENTION_KEYS / STATEMENT_KEYS): the bulk path writes
    # them to Parquet and never needs them one row at a time.
    mention_columns: dict[str, list[Any]] = field(default_factory=dict)
    statement_columns: dict[str, list[Any]] = field(default_factory=dict)
    # (EntityKey id, entity id): the look-up keys new entities and new aliases add
    entity_keys: list[dict[str, str]] = field(default_factory=list)
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


def qualifier_json(qualifiers: Mapping[str, Any]) -> str:
    """One form on every store and through sync: a JSON object with sorted keys."""
    if not qualifiers:  # most facts have none; json.dumps({}) is "{}"
        return "{}"
    return json.dumps(dict(qualifiers), sort_keys=True, ensure_ascii=False)


def merged_qualifiers(old: tuple[str, str] | None, newer: list[tuple[str, str]]) -> tuple[str, str]:
    """The edge's qualifiers and via: per key, the latest non-empty value wins.
    ``old``: the edge's (qualifiers JSON, via); ``newer``: the supports', oldest first;
    every JSON text in ``qualifier_json``'s form."""
    base = old[0] if old and old[0] and old[0] != "{}" else ""
    via = old[1] if old else ""
    texts = []
    for text, v in newer:
        if text and text != "{}":
            texts.append(text)
        via = v or via
    if not base and len(texts) == 1 and '""' not in texts[0] and "null" not in texts[0]:
        # one object with no empty value: merging it into nothing gives it back unchanged
        return texts[0], via
    merged = json.loads(base) if base else {}
    for text in texts:
        merged.update({k: x for k, x in json.loads(text).items() if x not in ("", None)})
    return qualifier_json(merged), via


def support_summary(supports: list[tuple]) -> dict[str, Any]:
    """Count, first/last seen, the newest articles and the merged qualifiers of
    (article, ISO day, sentence[, qualifiers JSON, via]) supports."""
    ordered = sorted(supports, key=lambda s: (s[1], s[0]))
    kept = ordered[-ARTICLES_KEPT:]
    qualifiers, via = merged_qualifiers(
        None, [(s[3], s[4]) if len(s) > 3 else ("{}", "") for s in ordered]
    )
    return {
        "first_seen": ordered[0][1],
        "last_seen": ordered[-1][1],
        "count": len(ordered),
        "articles": [s[0] for s in kept],
        "evidence": [s[2] for s in kept],
        "qualifiers": qualifiers,
        "via": via,
    }


def rebuild_relations(
    affected: set[tuple[str, str, str]], remaining: list[Mapping[str, Any]]
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, list[dict[str, Any]]]]:
    """After articles were detached: per type, relations left without support (to delete)
    and the others with their summary recomputed from their remaining STATES edges."""
    supports: dict[tuple[str, str, str], list[tuple[str, str, str]]] = {}
    for row in remaining:
        key = (row["h"], row["type"], row["t"])
        supports.setdefault(key, []).append(
            (
                row["article"],
                _iso(row["day"]),
                row["sentence"] or "",
                row.get("qualifiers") or "{}",
                row.get("via") or "",
            )
        )
    deleted: dict[str, list[dict[str, Any]]] = {}
    updated: dict[str, list[dict[str, Any]]] = {}
    for head, type_, tail in sorted(affected):
        found = supports.get((head, type_, tail))
        if not found:
            deleted.setdefault(type_, []).append({"h": head, "t": tail})
        else:
            updated.setdefault(type_, []).append({"h": head, "t": tail, **support_summary(found)})
    return deleted, updated


def plan_write(
    batch: IngestBatch,
    stored_hashes: Mapping[str, str],
    existing_entities: Mapping[str, Mapping[str, Any]],
    existing_relations: Mapping[tuple[str, str, str], Mapping[str, Any]],
    existing_sources: set[str],
    replace_extracted: bool = False,
    *,
    columns: bool = False,
) -> PlannedWrite:
    """Rows to create and rows to update so the graph holds ``batch`` exactly once.

    ``existing_relations`` must be read after the changed articles were detached.
    ``columns``: mentions and statements come as ``mention_columns`` and
    ``statement_columns`` (the same values, column by column) instead of rows.
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
        day = active[article.id] = article.day.isoformat()
        sid = source_id(article.source)
        row = {
            "id": article.id,
            "url": article.url,
            "title": article.title,
            "source": article.source,
            "source_kind": article.source_kind,
            "published": article.published.isoformat(),
            "day": day,
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
    mentions: list[tuple] = []  # in MENTION_KEYS order
    for mention in batch.mentions:
        article_id, entity_id, origin = mention.article_id, mention.entity_id, mention.origin
        day = active.get(article_id)
        key = (article_id, entity_id, origin)
        if day is None or key in seen_mentions:
            continue
        if replace_extracted and origin != "extracted":
            continue  # trusted annotations were never removed
        seen_mentions.add(key)
        entity_days.setdefault(entity_id, []).append(day)
        evidence = mention.evidence
        mentions.append(
            (
                article_id,
                entity_id,
                mention.count,
                evidence if len(evidence) <= EVIDENCE_CHARS else _cut(evidence),
                origin,
                mention.extractor,
            )
        )
    if columns:
        plan.mention_columns = _columns(MENTION_KEYS, mentions)
    else:
        plan.mentions = _rows(MENTION_KEYS, mentions)
    plan.counts.mentions = len(mentions)

    grouped: dict[tuple[str, str, str], dict[str, Any]] = {}
    for rel in batch.relations:
        day = active.get(rel.article_id)
        if day is None:
            # An unchanged article: its facts are already stored. Relations travel with
            # their article (kg sync included), so there is no other case.
            continue
        key = (rel.head_id, rel.type, rel.tail_id)
        entry = grouped.get(key)
        if entry is None:
            entry = grouped[key] = {"support": {}, "extractor": rel.extractor}
        entry["support"].setdefault(
            rel.article_id, (_cut(rel.evidence), day, qualifier_json(rel.qualifiers), rel.via)
        )
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
            if entity.kind == CONCEPT:
                plan.counts.concepts_new += 1
            else:
                plan.counts.entities_new += 1
            plan.entity_keys += [
                {"id": k, "entity": entity.id}
                for k in entity_keys(entity.id, entity.name, entity.aliases)
            ]
            entity_days.pop(entity.id)
            continue
        aliases = sorted(set(old.get("aliases") or []) | set(entity.aliases))
        added = set(aliases) - set(old.get("aliases") or [])
        plan.entity_keys += [{"id": alias_key(a), "entity": entity.id} for a in sorted(added)]
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

    statements: list[tuple] = []  # in STATEMENT_KEYS order
    for (head, type_, tail), entry in sorted(grouped.items()):
        support = entry["support"]
        extractor = entry["extractor"]
        statements += [
            (article, head, type_, tail, sentence, extractor, qualifiers, via)
            for article, (sentence, _day, qualifiers, via) in sorted(support.items())
        ]
        old = existing_relations.get((head, type_, tail))
        if old is None:
            summary = support_summary([(a, d, e, q, v) for a, (e, d, q, v) in support.items()])
            plan.new_relations.setdefault(type_, []).append(
                {
                    "h": head,
                    "t": tail,
                    "rel_type": type_,
                    **summary,
                    "extractor": entry["extractor"],
                }
            )
            plan.counts.relations_new += 1
            continue
        # The articles here were new or detached first, so each one is a new support.
        added = sorted(support.items(), key=lambda item: (item[1][1], item[0]))
        articles = [*(old["articles"] or []), *(a for a, _ in added)][-ARTICLES_KEPT:]
        evidence = [*(old["evidence"] or []), *(x[0] for _, x in added)][-ARTICLES_KEPT:]
        days = [x[1] for _, x in added]
        qualifiers, via = merged_qualifiers(
            (old.get("qualifiers") or "{}", old.get("via") or ""),
            [(x[2], x[3]) for _, x in added],
        )
        plan.updated_relations.setdefault(type_, []).append(
            {
                "h": head,
                "t": tail,
                "first_seen": min([_iso(old["first_seen"]), *days]),
                "last_seen": max([_iso(old["last_seen"]), *days]),
                "count": int(old["count"] or 0) + len(added),
                "articles": articles,
                "evidence": evidence,
                "qualifiers": qualifiers,
                "via": via,
            }
        )
        plan.counts.relations_updated += 1
    if columns:
        plan.statement_columns = _columns(STATEMENT_KEYS, statements)
    else:
        plan.statements = _rows(STATEMENT_KEYS, statements)
    return plan
