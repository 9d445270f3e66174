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
    ids = {a["id"] for a in articles}
    relations = []
    for row in lib.run(store, "day_relations", params):
        support = [
            (a, e) for a, e in zip(row["articles"], row["evidence"], strict=False) if a in ids
        ]
        if support:
            relations.append(
                {**row, "articles": [a for a, _ in support], "evidence": [e for _, e in support]}
            )
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
