"""Reading the windows the trend engine needs, through the named query library."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from kg.store.base import GraphStore
from queries import QueryLibrary, library_for
from reports.trends import TrendInput, windows


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def load_trend_input(
    store: GraphStore,
    day: date,
    window: int = 1,
    baseline_windows: int = 7,
    library: QueryLibrary | None = None,
) -> TrendInput:
    lib = library or library_for(store)
    current, previous, baseline = windows(day, window, baseline_windows)
    span = {"since": baseline.since, "until": current.until}
    entities: dict[str, dict] = {}
    daily: dict[str, dict[date, int]] = defaultdict(dict)
    for row in lib.run(store, "entity_mentions_window", span):
        entities[row["entity"]] = {
            "name": row["name"],
            "kind": row["kind"],
            "first_seen": _day(row["first_seen"]) if row["first_seen"] else None,
        }
        daily[row["entity"]][_day(row["day"])] = row["articles"]
    window_articles = lib.run(store, "articles_window", span)
    article_days = {row["id"]: _day(row["day"]) for row in window_articles}
    evidence: dict[str, dict[date, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in lib.run(store, "day_mentions_window", span):
        evidence[row["entity"]][_day(row["day"])].append(row["article"])

    def pairs(w):
        return lib.run(store, "cooccurrence_window", {"since": w.since, "until": w.until})

    relations = [
        {**r, "first_seen": _day(r["first_seen"])}
        for r in lib.run(
            store, "relations_window", {"since": current.since, "until": current.until}
        )
    ]
    return TrendInput(
        day=day,
        window=window,
        baseline_windows=baseline_windows,
        entities=entities,
        daily=dict(daily),
        evidence={k: dict(v) for k, v in evidence.items()},
        current_pairs=pairs(current),
        previous_pairs=pairs(previous),
        baseline_pairs=pairs(baseline),
        relations=relations,
        article_days=article_days,
        articles={row["id"]: {"title": row["title"], "url": row["url"]} for row in window_articles},
    )
