"""Reading commands: the daily report and trends."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import (
    JsonOpt,
    StoreOpt,
    _day,
    _dump,
    _open,
    _table,
    _write_whole,
    err,
    out,
)
from kg.config import load_settings
from kg.errors import InputError


def report(
    day: Annotated[
        str | None,
        typer.Option(
            "--date", help="Report day YYYY-MM-DD (default: the latest day in the graph)."
        ),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="zh-TW or en.")] = "zh-TW",
    fmt: Annotated[str, typer.Option("--format", help="md, html or json.")] = "md",
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Write to this file instead of stdout.")
    ] = None,
    watchlist: Annotated[
        Path | None,
        typer.Option(
            "--watchlist", help="Watchlist whose hits raise importance (default: KG_WATCHLIST)."
        ),
    ] = None,
    writer: Annotated[
        str | None,
        typer.Option(
            "--writer",
            help="Who writes the items: template (deterministic, the default) or llm "
            "(an OpenAI-compatible model, KG_LLM_*; checked against the graph). Default: KG_REPORT_WRITER.",
        ),
    ] = None,
    refresh: Annotated[
        bool,
        typer.Option(
            "--refresh", help="With --writer llm: ask the model again, ignoring cached answers."
        ),
    ] = False,
    store: StoreOpt = None,
) -> None:
    """Write the daily report for one day from graph queries."""
    text = _report_text(store, day, lang, fmt, watchlist, writer, refresh)
    if out_file:
        _write_whole(out_file, text)
        err.print(f"report written to {out_file}")
    else:
        sys.stdout.write(text)


def _report_text(
    store: str | None,
    day: str | None,
    lang: str,
    fmt: str,
    watchlist: Path | None = None,
    writer: str | None = None,
    refresh: bool = False,
) -> str:
    import os

    from kg.ontology import load_ontology
    from reports import LANGS, write_report
    from reports.alerts import load_watchlist
    from reports.render import FORMATS

    if lang not in LANGS:
        raise InputError(f"--lang {lang}", f"use one of {', '.join(LANGS)}")
    if fmt not in FORMATS:
        raise InputError(f"--format {fmt}", f"use one of {', '.join(FORMATS)}")
    settings = load_settings()
    chosen = writer or settings.report_writer
    if chosen not in ("template", "llm"):
        raise InputError(f"--writer {chosen}", "use template or llm")
    if refresh and chosen != "llm":
        raise InputError("--refresh", "only means something with --writer llm")
    with _open(store, read_only=True) as graph:
        path = watchlist or (
            Path(os.environ["KG_WATCHLIST"]) if os.environ.get("KG_WATCHLIST") else None
        )
        onto = load_ontology()
        spec = load_watchlist(path, onto.kind_names, onto.relation_names) if path else None
        target = _day(day) if day else None
        if chosen == "template":
            return write_report(
                graph, target, lang=lang, fmt=fmt, zone=settings.timezone, watchlist=spec
            )
        return _llm_report(graph, settings, store, target, lang, fmt, spec, refresh)


def _llm_report(graph, settings, store, day, lang, fmt, spec, refresh: bool) -> str:
    """The report written by the LLM writer, with one summary line on stderr and one line
    in the cache's runs.jsonl saying what it cost."""
    from datetime import UTC, datetime

    from kg.sources.chat import ChatClient
    from reports import write_report
    from reports.llm import LLMWriter, ResponseCache, cache_dir_for, run_summary

    llm = settings.llm.require()
    cache = ResponseCache(cache_dir_for(settings.store_location(store), llm.cache))
    with ChatClient.from_settings(llm) as chat:
        writer = LLMWriter(chat, cache, concurrency=llm.concurrency, refresh=refresh)
        text = write_report(
            graph, day, lang=lang, fmt=fmt, zone=settings.timezone, watchlist=spec, writer=writer
        )
    summary = run_summary(writer)
    cache.log_run(
        {
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "store": settings.store_location(store),
            "day": (day or date.fromisoformat(graph.stats().days[-1])).isoformat(),
            "lang": lang,
            "http_requests": chat.requests,
            **summary,
        }
    )
    err.print(
        f"{summary['writer']}: {summary['items']} items, {summary['by_model']} written by the "
        f"model ({summary['from_cache']} from the cache), {summary['fell_back']} fell back to "
        f"templates; {summary['requests']} completions asked ({chat.requests} HTTP requests), "
        f"{summary['prompt_tokens']:,} prompt + {summary['completion_tokens']:,} completion "
        f"tokens, {summary['seconds']:.1f} s; cache {cache.directory}",
        markup=False,
        highlight=False,
    )
    return text


def trends(
    day: Annotated[
        str | None, typer.Option("--date", help="Report day YYYY-MM-DD (default: the latest day).")
    ] = None,
    # bounded so that the window and its baseline stay inside the calendar (an
    # --window of 10**20 overflowed the date arithmetic)
    window: Annotated[
        int, typer.Option("--window", help="Days in the current window.", min=1, max=3660)
    ] = 1,
    baseline: Annotated[
        int, typer.Option("--baseline", help="Windows in the baseline.", min=1, max=100)
    ] = 7,
    min_support: Annotated[
        int, typer.Option("--min-support", help="Fewest articles behind a statement.", min=1)
    ] = 3,
    lang: Annotated[str, typer.Option("--lang", help="zh-TW or en, for the prose.")] = "zh-TW",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Rising and fading entities, neighbourhood changes and new links, with evidence."""
    from reports.trend_data import trends_for
    from reports.trend_prose import statements

    with _open(store, read_only=True) as graph:
        days = graph.stats().days
        if not days:
            raise InputError(graph.location, "the graph holds no articles")
        target = _day(day) if day else date.fromisoformat(days[-1])
        result = trends_for(graph, target, window, baseline, min_support=min_support)
    prose = statements(result, lang)
    if as_json:
        out.print(
            _dump({**result.model_dump(mode="json"), "statements": [s.model_dump() for s in prose]})
        )
        return
    out.print(
        f"trends for {result.date}: window {result.current.since}..{result.current.until}, "
        f"previous {result.previous.since}..{result.previous.until}, baseline from {result.baseline.since}"
    )
    for key in ("rising", "fading", "new_entities"):
        rows = [
            {
                "entity": t.name,
                "kind": t.kind,
                "now": t.current,
                "baseline": t.baseline_mean,
                "z": t.score,
            }
            for t in getattr(result, key)
        ]
        if rows:
            out.print(_table(rows, key.replace("_", " ")))
    for st in prose:
        if st.kind in {"coverage", "switch", "neighbourhood", "new_link", "cluster"}:
            out.print(
                f"- {st.text}" + (f"  [{', '.join(st.evidence[:4])}]" if st.evidence else ""),
                markup=False,
            )
