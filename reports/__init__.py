"""Daily report, trends and alerts, built from graph queries. Nothing here writes the graph."""

from __future__ import annotations

from datetime import date

from kg.errors import ReportError
from kg.ontology import load_ontology
from kg.store.base import GraphStore
from reports.labels import LANGS

__all__ = ["LANGS", "write_report"]


def write_report(
    store: GraphStore,
    day: date | None,
    *,
    lang: str = "zh-TW",
    fmt: str = "md",
    zone: str = "Asia/Taipei",
    watchlist=None,
) -> str:
    """The day's report; with a ``watchlist`` its hits raise item importance and lead 關注清單."""
    from reports.builder import build_report
    from reports.data import load_day
    from reports.render import render

    days = store.stats().days
    if day is None:
        if not days:
            raise ReportError(
                f"the graph at {store.location} holds no articles; ingest some first (kg ingest files ...)"
            )
        day = date.fromisoformat(days[-1])
    data = load_day(store, day)
    if not data.articles:
        span = f"it holds {days[0]} .. {days[-1]}" if days else "it holds no articles"
        raise ReportError(f"no articles for {day.isoformat()} in {store.location}; {span}")
    from queries import library_for
    from reports.builder import article_link
    from reports.trend_data import trends_for
    from reports.trend_prose import statements

    trend_lines = statements(trends_for(store, day, window=1, baseline_windows=7), lang)
    cited = sorted({a for line in trend_lines for a in line.evidence})
    rows = library_for(store).run(store, "articles_by_ids", {"ids": cited}) if cited else []
    links = {r["id"]: article_link({**r, "source": r.get("source", "")}, lang) for r in rows}
    alerts = []
    if watchlist is not None:
        from reports.watch_data import day_data
        from reports.watchlist import evaluate

        alerts = evaluate(watchlist, day.isoformat(), day_data(store, day))
    window_df, window_articles = _window_frequencies(store, day)
    report = build_report(
        data,
        window_df=window_df,
        window_articles=window_articles,
        lang=lang,
        zone=zone,
        trend_statements=trend_lines,
        article_links=links,
        watch_alerts=alerts,
        series=_series(store, day, [e["id"] for e in data.top_entities[:6]]),
        kind_colours={k.name: k.colour for k in load_ontology().kinds.values()},
    )
    return render(report, fmt)


def _window_frequencies(store: GraphStore, day: date, days: int = 7):
    """Articles per entity over the week up to ``day`` (and the week's article count), so a
    name's rarity — what it says about two articles telling one story — is not one day's."""
    from datetime import timedelta

    from queries import library_for

    lib = library_for(store)
    span = {"since": day - timedelta(days=days - 1), "until": day}
    df: dict[str, int] = {}
    for row in lib.run(store, "entity_mentions_window", span):
        df[row["entity"]] = df.get(row["entity"], 0) + row["articles"]
    return df, len(lib.run(store, "articles_window", span))


def _series(store: GraphStore, day: date, entity_ids: list[str], days: int = 30):
    from datetime import timedelta

    from queries import library_for
    from reports.builder import Series

    if not entity_ids:
        return []
    since = day - timedelta(days=days - 1)
    rows = library_for(store).run(
        store, "entity_daily_window", {"ids": entity_ids, "since": since, "until": day}
    )
    axis = [(since + timedelta(days=i)).isoformat() for i in range(days)]
    counts: dict[str, dict[str, int]] = {}
    info: dict[str, tuple[str, str]] = {}
    for row in rows:
        counts.setdefault(row["entity"], {})[str(row["day"])] = row["articles"]
        info[row["entity"]] = (row["name"], row["kind"])
    return [
        Series(
            name=info[e][0],
            kind=info[e][1],
            days=axis,
            articles=[counts[e].get(d, 0) for d in axis],
        )
        for e in entity_ids
        if e in info
    ]
