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
    context=None,
    writer=None,
) -> str:
    """The day's report; with a ``watchlist`` its hits raise item importance and lead 關注清單.

    ``writer``: who writes the items (``reports.writer.Writer``; the templates by default,
    or ``reports.llm.LLMWriter``).

    ``context``: the day already loaded (``reports.day.load_context``); the report, its trend
    section and the watchlist all read from it, so nothing is queried twice.
    """
    from reports.builder import build_report
    from reports.day import load_context
    from reports.render import render

    days = store.stats().days
    if day is None:
        if not days:
            raise ReportError(
                f"the graph at {store.location} holds no articles; ingest some first (kg ingest files ...)"
            )
        day = date.fromisoformat(days[-1])
    ctx = context if context is not None and context.day == day else load_context(store, day)
    data = ctx.data
    if not data.articles:
        span = f"it holds {days[0]} .. {days[-1]}" if days else "it holds no articles"
        raise ReportError(f"no articles for {day.isoformat()} in {store.location}; {span}")
    from reports.builder import article_link
    from reports.trend_prose import statements

    trend_lines = statements(ctx.trends, lang)
    cited = sorted({a for line in trend_lines for a in line.evidence})
    # Most cited articles are the day's own; only older evidence needs a read.
    links = {a["id"]: article_link(a, lang) for a in data.articles if a["id"] in cited}
    missing = [a for a in cited if a not in links]
    rows = ctx.library.run(store, "articles_by_ids", {"ids": missing}) if missing else []
    links |= {r["id"]: article_link({**r, "source": r.get("source", "")}, lang) for r in rows}
    alerts = []
    if watchlist is not None:
        from reports.alerts import evaluate

        alerts = evaluate(watchlist, day.isoformat(), ctx.alert_data())
    window_df, window_articles = _window_frequencies(store, day, ctx.library)
    report = build_report(
        data,
        window_df=window_df,
        window_articles=window_articles,
        lang=lang,
        zone=zone,
        trend_statements=trend_lines,
        article_links=links,
        watch_alerts=alerts,
        series=_series(store, day, [e["id"] for e in data.top_entities[:6]], ctx.library),
        kind_colours={k.name: k.colour for k in load_ontology().kinds.values()},
        writer=writer,
    )
    return render(report, fmt)


def _window_frequencies(store: GraphStore, day: date, library, days: int = 7):
    """Articles per entity over the week up to ``day`` (and the week's article count), so a
    name's rarity — what it says about two articles telling one story — is not one day's."""
    from datetime import timedelta

    span = {"since": day - timedelta(days=days - 1), "until": day}
    df: dict[str, int] = {}
    for row in library.run(store, "entity_mentions_window", span):
        df[row["entity"]] = df.get(row["entity"], 0) + row["articles"]
    return df, len(library.run(store, "articles_window", span))


def _series(store: GraphStore, day: date, entity_ids: list[str], library, days: int = 30):
    from datetime import timedelta

    from reports.builder import Series

    if not entity_ids:
        return []
    since = day - timedelta(days=days - 1)
    rows = library.run(
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
