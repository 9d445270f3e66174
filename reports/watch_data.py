"""What watchlist rules look at for one day, read through the named queries."""

from __future__ import annotations

from datetime import date
from typing import Any

from kg.store.base import GraphStore
from queries import library_for
from reports.trend_data import trends_for


def day_data(store: GraphStore, day: date) -> dict[str, Any]:
    lib = library_for(store)
    params = {"day": day}
    trends = trends_for(store, day, window=1, baseline_windows=7)
    return {
        "entities": [
            {**e, "first_seen": str(e["first_seen"])}
            for e in lib.run(store, "day_entities", params)
        ],
        "mentions": lib.run(store, "day_mentions", params),
        "new_relations": lib.run(store, "new_relations", {**params, "limit": 10000}),
        "articles": lib.run(store, "day_articles", params),
        "trends": trends.model_dump(mode="json"),
    }
