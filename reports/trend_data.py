"""Reading the windows the trend engine needs, through the named query library."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from kg.store.base import GraphStore
from queries import QueryLibrary, library_for
from reports.data import group_supports
from reports.trends import MentionedIn, TrendInput, co_mentions, windows

# co-mention pairs below this many articles cannot become new links (compute_trends min_support)
MIN_LINK_SUPPORT = 3


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def load_trend_input(
    store: GraphStore,
    day: date,
    window: int = 1,
    baseline_windows: int = 7,
    library: QueryLibrary | None = None,
    min_support: int = MIN_LINK_SUPPORT,
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
    # One read of who-mentions-what over the span (its length is set by the windows, not
    # by the size of the graph) gives evidence, co-mention pairs and earlier links.
    evidence: dict[str, dict[date, list[str]]] = defaultdict(lambda: defaultdict(list))
    mentioned: dict[str, MentionedIn] = {}
    for row in lib.run(store, "day_mentions_window", span):
        d = _day(row["day"])
        evidence[row["entity"]][d].append(row["article"])
        entry = mentioned.get(row["article"])
        if entry is None:
            entry = mentioned[row["article"]] = MentionedIn(d, row["source"], set())
        entry.entities.add(row["entity"])
    current_pairs = co_mentions(mentioned, current)
    # Only a relation first seen in the current window can be a new link; older ones (with
    # their year of supporting articles) are not read at all.
    stated = lib.run(
        store, "relations_first_seen_window", {"since": current.since, "until": current.until}
    )
    relations = [
        {**r, "first_seen": _day(r["first_seen"])} for r in group_supports(stated, "head", "tail")
    ]
    # Earlier links only matter for pairs that could be new links now.
    candidates = {(p["a"], p["b"]) for p in current_pairs if p["articles"] >= min_support}
    candidates |= {tuple(sorted((r["head"], r["tail"]))) for r in relations}
    baseline_pairs = co_mentions(mentioned, baseline, only=candidates)
    article_days = {row["article"]: _day(row["day"]) for row in stated}
    supports = [
        {**r, "day": _day(r["day"])} for r in lib.run(store, "relation_supports_window", span)
    ]

    return TrendInput(
        day=day,
        window=window,
        baseline_windows=baseline_windows,
        entities=entities,
        daily=dict(daily),
        evidence={k: dict(v) for k, v in evidence.items()},
        current_pairs=current_pairs,
        previous_pairs=co_mentions(mentioned, previous),
        baseline_pairs=baseline_pairs,
        relations=relations,
        article_days=article_days,
        stated=supports,
        # Days holding articles, so a baseline reaching before the data is clipped to it.
        covered_days={m.day for m in mentioned.values()},
    )


def trends_for(
    store: GraphStore,
    day: date,
    window: int = 1,
    baseline_windows: int = 7,
    min_support: int = 3,
    library: QueryLibrary | None = None,
):
    """Read the windows around ``day`` and compute its trends."""
    from reports.trends import compute_trends

    lib = library or library_for(store)
    inp = load_trend_input(store, day, window, baseline_windows, lib, min_support)
    return compute_trends(inp, min_support=min_support)
