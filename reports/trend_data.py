"""Reading the windows the trend engine needs, through the named query library."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from kg.store.base import GraphStore
from queries import QueryLibrary, library_for
from reports.data import group_supports
from reports.trends import TrendInput, windows

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
    evidence: dict[str, dict[date, list[str]]] = defaultdict(lambda: defaultdict(list))
    # Evidence for the current window only; fading entities get theirs from the baseline
    # later (trends_for), so a year-long graph is not read article by article.
    for row in lib.run(
        store, "day_mentions_window", {"since": current.since, "until": current.until}
    ):
        evidence[row["entity"]][_day(row["day"])].append(row["article"])

    def pairs(w):
        return lib.run(store, "cooccurrence_window", {"since": w.since, "until": w.until})

    current_pairs = pairs(current)
    # Only a relation first seen in the current window can be a new link; older ones (with
    # their year of supporting articles) are not read at all.
    stated = lib.run(
        store, "relations_first_seen_window", {"since": current.since, "until": current.until}
    )
    relations = [
        {**r, "first_seen": _day(r["first_seen"])} for r in group_supports(stated, "head", "tail")
    ]
    # Earlier links only matter for pairs that could be new links now: read those alone.
    candidates = {(p["a"], p["b"]) for p in current_pairs if p["articles"] >= min_support}
    candidates |= {tuple(sorted((r["head"], r["tail"]))) for r in relations}
    baseline_pairs = _pairs_seen(store, lib, candidates, baseline)
    cited = sorted({row["article"] for row in stated})
    window_articles = lib.run(store, "articles_by_ids", {"ids": cited}) if cited else []
    article_days = {row["article"]: _day(row["day"]) for row in stated}

    return TrendInput(
        day=day,
        window=window,
        baseline_windows=baseline_windows,
        entities=entities,
        daily=dict(daily),
        evidence={k: dict(v) for k, v in evidence.items()},
        current_pairs=current_pairs,
        previous_pairs=pairs(previous),
        baseline_pairs=baseline_pairs,
        relations=relations,
        article_days=article_days,
        articles={row["id"]: {"title": row["title"], "url": row["url"]} for row in window_articles},
    )


def _pairs_seen(store: GraphStore, lib: QueryLibrary, candidates: set, window) -> list[dict]:
    """Which candidate pairs were co-mentioned in ``window`` (as cooccurrence rows)."""
    ids = sorted({e for pair in candidates for e in pair})
    if not ids:
        return []
    by_article: dict[str, set[str]] = defaultdict(set)
    for row in lib.run(
        store, "entity_articles_window", {"ids": ids, "since": window.since, "until": window.until}
    ):
        by_article[row["article"]].add(row["entity"])
    counts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for article, entities in by_article.items():
        ordered = sorted(entities)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if (a, b) in candidates:
                    counts[(a, b)].append(article)
    return [
        {"a": a, "b": b, "articles": len(arts), "sources": 0, "evidence": sorted(arts)}
        for (a, b), arts in sorted(counts.items())
    ]


def trends_for(
    store: GraphStore, day: date, window: int = 1, baseline_windows: int = 7, min_support: int = 3
):
    """Load, compute, and give fading entities their baseline evidence."""
    from reports.trends import compute_trends

    lib = library_for(store)
    inp = load_trend_input(store, day, window, baseline_windows, lib, min_support)
    result = compute_trends(inp, min_support=min_support)
    if result.fading:
        rows = lib.run(
            store,
            "entity_articles_window",
            {
                "ids": [t.id for t in result.fading],
                "since": result.baseline.since,
                "until": result.baseline.until,
            },
        )
        found: dict[str, list[str]] = defaultdict(list)
        for row in rows:
            found[row["entity"]].append(row["article"])
        result.fading = [
            t.model_copy(update={"evidence": sorted(found.get(t.id, []))[:8]})
            for t in result.fading
        ]
    return result
