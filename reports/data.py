"""Everything a day's report needs, read through the named query library."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kg.store.base import GraphStore
from queries import QueryLibrary, library_for


@dataclass
class DayData:
    day: date
    articles: list[dict[str, Any]]
    mentions: list[dict[str, Any]]  # article -> entity, one row per (article, entity, origin)
    relations: list[dict[str, Any]]  # typed relations with the day's supporting articles
    new_entities: list[dict[str, Any]]
    new_relations: list[dict[str, Any]]
    top_entities: list[dict[str, Any]]
    kinds: dict[str, str] = field(default_factory=dict)  # entity id -> kind


def load_day(store: GraphStore, day: date, library: QueryLibrary | None = None) -> DayData:
    lib = library or library_for(store)
    params = {"day": day}
    articles = lib.run(store, "day_articles", params)
    relations = group_supports(lib.run(store, "day_relations", params), "head_id", "tail_id")
    mentions = lib.run(store, "day_mentions", params)
    return DayData(
        day=day,
        articles=articles,
        mentions=mentions,
        relations=relations,
        new_entities=lib.run(store, "new_entities", {**params, "limit": 1000}),
        new_relations=lib.run(store, "new_relations", {**params, "limit": 1000}),
        top_entities=lib.run(store, "top_entities", {**params, "limit": 50}),
        kinds={m["entity"]: m["kind"] for m in mentions},
    )


def group_supports(rows: list[dict[str, Any]], head: str, tail: str) -> list[dict[str, Any]]:
    """One relation per (head, type, tail) from per-article support rows (ordered by key),
    with ``articles`` and their ``evidence`` sentences aligned."""
    grouped: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in rows:
        key = (row[head], row["type"], row[tail])
        entry = grouped.get(key)
        if entry is None:
            entry = grouped[key] = {
                k: v for k, v in row.items() if k not in {"article", "evidence", "day"}
            }
            entry["articles"], entry["evidence"] = [], []
        if row["article"] not in entry["articles"]:
            entry["articles"].append(row["article"])
            entry["evidence"].append(row["evidence"] or "")
    return list(grouped.values())
