"""The ``kg`` command. Each command parses options, calls the library, prints the result.

Exit codes (for cron): 0 done; 1 the run failed; 2 bad input or usage; 3 done, but some
records were quarantined; 4 the store is locked by another process.
"""

from __future__ import annotations

import json
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from kg.config import load_settings
from kg.errors import (
    ConfigError,
    InputError,
    KGError,
    ReportError,
    StoreLockedError,
    UnknownQueryError,
)

app = typer.Typer(
    help="AI Intel KG: entity tracker for AI-industry news.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
ingest_app = typer.Typer(help="Bring articles into the graph.", no_args_is_help=True)
quarantine_app = typer.Typer(
    help="Records that could not be ingested, kept verbatim.", no_args_is_help=True
)
app.add_typer(ingest_app, name="ingest")
app.add_typer(quarantine_app, name="quarantine")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Graph location: a path (embedded store) or neo4j://, bolt:// URI. Default: KG_STORE or ~/.local/share/ai-intel-kg/graph.lbdb",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]

EXIT_FAILED, EXIT_USAGE, EXIT_QUARANTINED, EXIT_LOCKED = 1, 2, 3, 4
SAMPLE_DIR = Path(__file__).parent / "sample"


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def _open(store: str | None, *, read_only: bool = False, create: bool = True):
    from kg.store import open_store

    settings = load_settings()
    return open_store(
        settings.store_location(store),
        read_only=read_only,
        create=create,
        buffer_pool_mb=settings.buffer_pool_mb,
        checkpoint_mb=settings.checkpoint_mb,
    )


def _table(rows: list[dict[str, Any]], title: str = "") -> Table:
    table = Table(title=title or None, show_lines=False)
    columns = list(rows[0]) if rows else []
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*[_cell(row[c]) for c in columns])
    return table


def _cell(value: Any) -> str:
    if isinstance(value, list):
        text = ", ".join(str(v) for v in value[:6]) + (
            f" … (+{len(value) - 6})" if len(value) > 6 else ""
        )
        return text
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def _count_records(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        if path.suffix.lower() in {".jsonl", ".ndjson"}:
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


# -- commands --------------------------------------------------------------------------


@app.command()
def init(
    store: StoreOpt = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Write a commented starter kg.toml to this path instead (e.g. --config kg.toml).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --config file.")] = False,
) -> None:
    """Create the graph schema (idempotent); with --config, write a starter kg.toml."""
    if config is not None:
        from kg.starter_config import write_starter_config

        out.print(f"configuration written to {write_starter_config(config, force=force)}")
        return
    with _open(store) as graph:
        graph.init_schema()
        out.print(f"schema ready in {graph.location}")


def _ingest_files(paths: list[str], store: str | None, as_json: bool) -> int:
    from kg.ontology import load_ontology
    from kg.sources.files import expand, read_files

    settings = load_settings()
    files = expand(paths)
    records = read_files(
        files, zone=settings.zone, ontology=load_ontology(), window=settings.date_window()
    )
    return _run_ingest(records, _count_records(files), store, as_json)


def _run_ingest(records, total: int | None, store: str | None, as_json: bool) -> int:
    from kg.extractor import configured_extractor
    from kg.pipeline import ingest

    settings = load_settings()
    extractor = configured_extractor()
    with _open(store) as graph, _progress() as progress:
        task = progress.add_task("ingesting", total=total)
        report = ingest(
            records,
            graph,
            extractor,
            batch_size=settings.batch_size,
            on_progress=lambda n: progress.advance(task, n),
            max_article_bytes=int(settings.max_article_mb * 1024 * 1024),
            workers=settings.workers
            if total is not None and total >= settings.parallel_from
            else 1,
        )
    if as_json:
        out.print(_dump(report.as_dict()))
    else:
        for problem in report.problems:
            err.print(f"[yellow]quarantined[/] {problem['where']}: {problem['reason']}")
        out.print(report.summary())
    return EXIT_QUARANTINED if report.quarantined else 0


@ingest_app.command("files")
def ingest_files(
    paths: Annotated[
        list[str], typer.Argument(help="JSONL or Markdown files, or folders holding them.")
    ],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Ingest JSONL (one article per line) and Markdown files with front matter."""
    raise typer.Exit(_ingest_files(paths, store, as_json))


@app.command()
def reextract(
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only articles of this day (YYYY-MM-DD) and later."),
    ] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Re-run extraction over stored articles (after a gazetteer change); annotations stay."""
    from dataclasses import asdict

    from kg.extractor import configured_extractor
    from kg.pipeline import reextract as run_reextract

    settings = load_settings()
    extractor = configured_extractor()
    with _open(store) as graph, _progress() as progress:
        task = progress.add_task("re-extracting", total=graph.stats().articles)
        report = run_reextract(
            graph,
            extractor,
            since=_day(since) if since else None,
            batch_size=settings.batch_size,
            on_progress=lambda n: progress.advance(task, n),
        )
    out.print(
        _dump({**asdict(report), "extractor": extractor.name}) if as_json else report.summary()
    )


@ingest_app.command("arxiv")
def ingest_arxiv(
    category: Annotated[
        list[str] | None, typer.Option("--category", help="e.g. cs.AI; repeatable.")
    ] = None,
    query: Annotated[
        str, typer.Option("--query", help="arXiv search query, e.g. 'abs:agent'.")
    ] = "",
    since: Annotated[
        str | None, typer.Option("--since", help="Submitted on or after YYYY-MM-DD.")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Submitted on or before YYYY-MM-DD.")
    ] = None,
    max_results: Annotated[int, typer.Option("--max", help="At most this many papers.")] = 100,
    api_url: Annotated[
        str | None, typer.Option("--api-url", help="API endpoint (a mirror or a test server).")
    ] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Ingest arXiv papers (newest first); versions of a paper are one article."""
    from kg.config import ArxivQuery

    if not category and not query:
        raise InputError("kg ingest arxiv", "give at least one --category or a --query")
    spec = ArxivQuery(categories=category or [], query=query, max=max_results)
    window = {"since": _day(since) if since else None, "until": _day(until) if until else None}
    rows = _collect(store, [_arxiv_job(spec, api_url=api_url, **window)])
    raise typer.Exit(_print_rows(rows, as_json))


@ingest_app.command("feed")
def ingest_feed(
    urls: Annotated[list[str], typer.Argument(help="RSS or Atom feed URLs.")],
    full_text: Annotated[
        bool, typer.Option("--full-text", help="Fetch each new article's page for its body.")
    ] = False,
    kind: Annotated[str, typer.Option("--kind", help="news, threat or research.")] = "news",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Fetch feeds (conditional GET; only what is new) and ingest their entries."""
    from pydantic import ValidationError

    from kg.config import FeedConfig

    try:
        feeds = [FeedConfig(url=url, kind=kind) for url in urls]
    except ValidationError as exc:
        raise InputError("kg ingest feed", "; ".join(e["msg"] for e in exc.errors())) from None
    jobs = [_feed_job(f, full_text) for f in feeds]
    raise typer.Exit(_print_rows(_collect(store, jobs, [f.url for f in feeds]), as_json))


@ingest_app.callback(invoke_without_command=True)
def ingest_all(
    ctx: typer.Context,
    full_text: Annotated[
        bool, typer.Option("--full-text", help="Fetch article pages for feed entries.")
    ] = False,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """With no subcommand: every feed and arXiv query configured in kg.toml."""
    if ctx.invoked_subcommand is not None:
        return
    from kg.config import config_file

    settings = load_settings()
    if not settings.feeds and not settings.arxiv:
        raise InputError(
            str(config_file()), "no [[feeds]] or [[arxiv]] configured; see kg.toml.example"
        )
    jobs = [_feed_job(f, full_text) for f in settings.feeds] + [
        _arxiv_job(q) for q in settings.arxiv
    ]
    hosts = [f.url for f in settings.feeds] + [settings.arxiv_api_url]
    raise typer.Exit(_print_rows(_collect(store, jobs, hosts), as_json))


def _feed_job(feed, full_text: bool):
    from kg.collect import collect_feed

    return lambda graph, http, extractor, settings: collect_feed(
        graph, http, feed, extractor, settings, full_text=full_text
    )


def _arxiv_job(query, **options):
    from kg.collect import collect_arxiv

    return lambda graph, http, extractor, settings: collect_arxiv(
        graph, query, extractor, settings, **options
    )


def _collect(store: str | None, jobs, configured: list[str] | None = None) -> list:
    """``configured``: the URLs the user gave; their hosts may be internal addresses."""
    from urllib.parse import urlsplit

    from kg.extractor import configured_extractor
    from kg.sources.http import client

    settings = load_settings()
    extractor = configured_extractor()
    rows = []
    http = client(
        settings.http_timeout,
        allowed_hosts=[urlsplit(u).hostname or "" for u in configured or []],
        allow_private=settings.allow_private_hosts,
    )
    with _open(store) as graph, http, _progress() as progress:
        task = progress.add_task("sources", total=len(jobs))
        for job in jobs:
            rows.append(job(graph, http, extractor, settings))
            progress.advance(task)
    return rows


def _print_rows(rows: list, as_json: bool) -> int:
    data = [r.as_dict() for r in rows]
    if as_json:
        out.print(_dump(data))
    else:
        out.print(_table(data, "sources"))
        failed = sum(r.failed for r in rows)
        out.print(
            f"{len(rows)} sources, {failed} failed, {sum(r.new for r in rows)} new articles, "
            f"{sum(r.duplicate for r in rows)} duplicate, {sum(r.quarantined for r in rows)} quarantined"
        )
    return EXIT_QUARANTINED if any(r.quarantined or r.failed for r in rows) else 0


@ingest_app.command("report")
def ingest_report(
    paths: Annotated[
        list[Path], typer.Argument(help="Daily reports in the seed format (Hugo markdown).")
    ],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Import report archives: each item becomes an article of that day, 關鍵實體 as annotations."""
    from itertools import chain

    from kg.sources.reports import read_report

    settings = load_settings()
    for path in paths:
        if not path.is_file():
            raise InputError(str(path), "no such file")
    window = settings.date_window()
    records = chain.from_iterable(read_report(p, zone=settings.zone, window=window) for p in paths)
    raise typer.Exit(_run_ingest(records, None, store, as_json))


def _parse_params(values: list[str]) -> dict[str, str]:
    params = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key.strip():
            raise InputError(
                f"--param {value}", "write parameters as NAME=VALUE, e.g. --param day=2026-03-07"
            )
        params[key.strip()] = val
    return params


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="A query in queries/ (see --list).")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, repeatable.")
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Run a named query from the query library (read-only)."""
    from queries import QueryLibrary

    if list_ or not name:
        library = QueryLibrary("ladybug")
        listing = [
            {
                "name": q.name,
                "params": " ".join(
                    f"{p.name}:{p.type}" + (f"={p.default}" if p.default else "") for p in q.params
                ),
                "description": q.description,
            }
            for q in library.queries.values()
        ]
        out.print(_dump(listing) if as_json else _table(listing, "named queries"))
        return
    with _open(store, read_only=True) as graph:
        from queries import library_for

        rows = library_for(graph).run(graph, name, _parse_params(param or []))
    out.print(_dump(rows) if as_json else _table(rows, f"{name}: {len(rows)} rows"))


@app.command()
def cypher(
    statement: Annotated[str, typer.Argument(help="One Cypher statement.")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE (strings), repeatable.")
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help="Allow the statement to change the graph.")
    ] = False,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Run a Cypher statement; read-only unless --write."""
    if not write:
        from kg.cypher_guard import read_only_problem
        from kg.errors import QueryError

        problem = read_only_problem(statement)
        if problem:
            raise QueryError(f"refused: {problem}")
    with _open(store, read_only=not write, create=write) as graph:
        rows = graph.run(statement, _parse_params(param or []))
    out.print(_dump(rows) if as_json else _table(rows, f"{len(rows)} rows"))


@app.command()
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
    store: StoreOpt = None,
) -> None:
    """Write the daily report for one day from graph queries."""
    text = _report_text(store, day, lang, fmt, watchlist)
    if out_file:
        _write_whole(out_file, text)
        err.print(f"report written to {out_file}")
    else:
        sys.stdout.write(text)


def _report_text(
    store: str | None, day: str | None, lang: str, fmt: str, watchlist: Path | None = None
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
    with _open(store, read_only=True) as graph:
        settings = load_settings()
        path = watchlist or (
            Path(os.environ["KG_WATCHLIST"]) if os.environ.get("KG_WATCHLIST") else None
        )
        onto = load_ontology()
        spec = load_watchlist(path, onto.kind_names, onto.relation_names) if path else None
        return write_report(
            graph,
            _day(day) if day else None,
            lang=lang,
            fmt=fmt,
            zone=settings.timezone,
            watchlist=spec,
        )


def _write_whole(path: Path, text: str) -> None:
    """All of ``text`` at ``path`` or nothing there: a full disk leaves no truncated report."""
    import os
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(partial, path)
    except OSError as exc:
        Path(partial).unlink(missing_ok=True)
        reason = "the disk is full" if exc.errno == 28 else exc.strerror or str(exc)
        raise InputError(str(path), f"cannot write the report: {reason}") from None


def _day(value: str) -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InputError(f"--date {value}", "expected a date as YYYY-MM-DD") from None
    # windows and baselines reach back a year from the day; 0001-01-05 overflowed them
    if not 1900 <= day.year <= 9000:
        raise InputError(f"--date {value}", "expected a year between 1900 and 9000")
    return day


@app.command()
def extract(
    jsonl: Annotated[Path, typer.Option("--jsonl", help="Input lines {id, text, lang?, title?}.")],
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Output JSONL (default stdout).")
    ] = None,
) -> None:
    """Extract entities and relations from texts, one JSON line out per line in."""
    from kg.extractor import configured_extractor

    if not jsonl.is_file():
        raise InputError(str(jsonl), "no such file")
    extractor = configured_extractor()
    failures = 0
    sink = out_file.open("w", encoding="utf-8") if out_file else sys.stdout
    try:
        with jsonl.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                where = f"{jsonl}:{number}"
                try:
                    record = json.loads(raw.decode("utf-8"))
                    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                        raise ValueError("expected an object with a 'text' string")
                except (UnicodeDecodeError, ValueError) as exc:
                    failures += 1
                    err.print(f"[yellow]skipped[/] {where}: {exc}")
                    continue
                result = extractor.extract(
                    record["text"],
                    title=str(record.get("title") or ""),
                    article_id=str(record.get("id", number)),
                    lang=str(record.get("lang") or ""),
                )
                line = {
                    "id": record.get("id", number),
                    "entities": [
                        {"name": e.name, "kind": e.kind, "surfaces": list(e.surfaces)}
                        for e in result.entities
                    ],
                    "relations": [
                        {
                            "head": r.head,
                            "type": r.type,
                            "tail": r.tail,
                            "evidence": r.evidence,
                            # what the sentence says about the fact, and the reference
                            # phrase an end was resolved through (empty when named)
                            "qualifiers": dict(r.qualifiers),
                            "via": r.via,
                        }
                        for r in result.relations
                    ],
                }
                sink.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        if out_file:
            sink.close()
    if failures:
        raise typer.Exit(EXIT_QUARANTINED)


@app.command()
def trends(
    day: Annotated[
        str | None, typer.Option("--date", help="Report day YYYY-MM-DD (default: the latest day).")
    ] = None,
    window: Annotated[int, typer.Option("--window", help="Days in the current window.", min=1)] = 1,
    baseline: Annotated[
        int, typer.Option("--baseline", help="Windows in the baseline.", min=1)
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


@app.command()
def watch(
    day: Annotated[
        str | None, typer.Option("--date", help="Day YYYY-MM-DD (default: the latest day).")
    ] = None,
    watchlist: Annotated[
        Path | None,
        typer.Option(
            "--watchlist", help="Watchlist YAML (default: KG_WATCHLIST or ./watchlist.yaml)."
        ),
    ] = None,
    replay: Annotated[
        bool, typer.Option("--replay", help="Send this day's alerts again, even if delivered.")
    ] = False,
    fail_on_alert: Annotated[
        bool, typer.Option("--fail-on-alert", help="Exit 5 when any new alert fired.")
    ] = False,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Evaluate the watchlist for a day and deliver each alert once to its sinks."""
    import os

    from kg.ontology import load_ontology
    from reports.alerts import load_watchlist, run_watch

    settings = load_settings()
    path = watchlist or Path(os.environ.get("KG_WATCHLIST") or "watchlist.yaml")
    onto = load_ontology()
    spec = load_watchlist(path, onto.kind_names, onto.relation_names)

    def show(alerts: list[dict]) -> None:
        for a in alerts:
            err.print(
                f"[bold]{a['severity']}[/] {a['entry']} · {a['rule']} · {a['detail']}",
                highlight=False,
            )
            for ev in a["evidence"][:3]:
                err.print(f"    {ev['title']} <{ev['url']}>", highlight=False, markup=False)

    with _open(store) as graph:
        days = graph.stats().days
        if not days:
            raise InputError(graph.location, "the graph holds no articles")
        target = _day(day) if day else date.fromisoformat(days[-1])
        result = run_watch(
            graph,
            spec,
            target,
            replay=replay,
            console=None if as_json else show,
            webhook_timeout=settings.http_timeout,
            base_dir=path.parent,
        )
    summary = (
        f"{target}: {result.evaluated} alerts evaluated, {result.new} new, delivered "
        f"{sum(result.delivered.values())}, pending {sum(result.pending.values())}"
    )
    if as_json:
        out.print(
            _dump(
                {
                    "date": target.isoformat(),
                    "evaluated": result.evaluated,
                    "new": result.new,
                    "delivered": result.delivered,
                    "pending": result.pending,
                    "failures": result.failures,
                    "sinks": result.sinks,
                    "alerts": result.alerts,
                }
            )
        )
    else:
        for failure in result.failures:
            err.print(f"[yellow]delivery failed[/] {failure}", highlight=False)
        out.print(summary)
    if result.pending:
        raise typer.Exit(EXIT_QUARANTINED)
    if fail_on_alert and result.new:
        raise typer.Exit(5)


@app.command("eval")
def evaluate(
    gold: Annotated[
        list[Path], typer.Argument(help="Gold JSONL files: {id, text, lang, entities, relations}.")
    ],
    as_json: JsonOpt = False,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Write every miss and false alarm here (JSONL).")
    ] = None,
    unseen: Annotated[
        bool,
        typer.Option(
            "--unseen", help="Remove every gold name from the gazetteer first: measures discovery."
        ),
    ] = False,
    concepts: Annotated[
        bool,
        typer.Option(
            "--concepts",
            help="Score generic concepts ('Large Language Model', RL) as names too, for gold "
            "sets whose guidelines annotate them (tests/data/gold/seeds.jsonl).",
        ),
    ] = False,
) -> None:
    """Score extraction against gold files: P/R/F1 per kind, core kinds, all, relations."""
    from extractors.evaluation import CORE_KINDS, Evaluation, score_document
    from extractors.generic import named_only
    from kg.extractor import configured_extractor

    extractor = configured_extractor()
    docs = []
    for path in gold:
        if not path.is_file():
            raise InputError(str(path), "no such file")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    docs.append(json.loads(line))
                except ValueError as exc:
                    raise InputError(f"{path}:{number}", f"not JSON: {exc}") from None
    if unseen:
        from extractors.extractor import RuleExtractor
        from extractors.gazetteer import without_names

        names = [
            n
            for d in docs
            for e in d.get("entities", [])
            for n in [e["name"], *e.get("surface", [])]
        ]
        extractor = RuleExtractor(extractor.ontology, without_names(extractor.gazetteer, names))
    result = Evaluation()
    for path in gold:
        if not path.is_file():
            raise InputError(str(path), "no such file")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                if not isinstance(doc.get("text"), str) or not isinstance(
                    doc.get("entities", []), list
                ):
                    raise ValueError("needs 'text' and an 'entities' list")
            except (ValueError, AttributeError) as exc:
                raise InputError(f"{path}:{number}", f"not a gold document: {exc}") from None
            doc.setdefault("id", f"{path.name}:{number}")
            found = extractor.extract(doc["text"], lang=doc.get("lang", ""))
            score_document(doc, found if concepts else named_only(found), result)
    if errors:
        errors.write_text(
            "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in result.errors),
            encoding="utf-8",
        )
    data = {**result.as_dict(), "extractor": extractor.name}
    if as_json:
        out.print(_dump(data))
        return
    rows = [{"scope": k, **v} for k, v in data["by_kind"].items()]
    rows += [
        {"scope": f"core ({', '.join(CORE_KINDS)})", **data["core"]},
        {"scope": "all kinds", **data["all"]},
        {"scope": "relations", **data["relations"]},
    ]
    out.print(_table(rows, f"{data['documents']} documents, extractor {data['extractor']}"))


@app.command()
def stats(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """Counts of articles, entities by kind and relations by type."""
    from dataclasses import asdict

    with _open(store, read_only=True) as graph:
        counts = asdict(graph.stats())
    if as_json:
        out.print(_dump(counts))
        return
    days = counts.pop("days")
    by_kind, by_type = counts.pop("entities_by_kind"), counts.pop("relations_by_type")
    out.print(_table([{"what": k, "count": v} for k, v in counts.items()], "graph"))
    out.print(_table([{"kind": k, "entities": v} for k, v in by_kind.items()], "entities by kind"))
    out.print(
        _table([{"type": k, "relations": v} for k, v in by_type.items()], "relations by type")
    )
    out.print(f"days: {days[0]} .. {days[-1]} ({len(days)})" if days else "days: none")


@app.command()
def demo(
    directory: Annotated[
        Path, typer.Option("--dir", help="Where to build the demo store and report.")
    ] = Path("kg-demo"),
    lang: Annotated[str, typer.Option("--lang", help="zh-TW or en.")] = "zh-TW",
    store: Annotated[
        str | None,
        typer.Option(
            "--store", help="Load the demo into this store instead (e.g. neo4j://...); not wiped."
        ),
    ] = None,
) -> None:
    """Fresh embedded store + bundled sample corpus + report for its last day."""
    directory.mkdir(parents=True, exist_ok=True)
    if store is None:
        store = str(directory / "graph.lbdb")
        for stale in directory.glob("graph.lbdb*"):
            shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    code = _ingest_files([str(p) for p in sorted(SAMPLE_DIR.glob("*.jsonl"))], store, False)
    with _open(store, read_only=True) as graph:
        last = graph.stats().days[-1]
        location = graph.location
    report_path = directory / f"report-{last}.md"
    report_path.write_text(_report_text(store, last, lang, "md"), encoding="utf-8")
    out.print(f"store:  {location}")
    out.print(f"report: {report_path}")
    raise typer.Exit(code)


@app.command()
def sync(
    to: Annotated[
        str | None, typer.Option("--to", help="Destination store (path or neo4j:// URI).")
    ] = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="Source store (default: --store / KG_STORE).")
    ] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Copy the whole graph between stores (idempotent): e.g. embedded -> Neo4j."""
    from dataclasses import asdict

    from kg.sync import sync as copy_graph

    settings = load_settings()
    source = from_ or settings.store_location(store)
    target = to or settings.store_location(store)
    if source == target:
        raise InputError(
            "kg sync",
            f"source and destination are the same store ({source}); give --to and/or --from",
        )
    with _open(source, read_only=True) as src, _open(target) as dst, _progress() as progress:
        total = src.stats()
        task = progress.add_task("articles", total=total.articles)
        report = copy_graph(src, dst, lambda _what, n: progress.advance(task, n))
        after = dst.stats()
    result = {
        "from": src.location,
        "to": dst.location,
        "articles": report.articles,
        "relations": report.relations,
        "quarantined_new": report.quarantined,
        "written": asdict(report.written),
        "destination": {
            "articles": after.articles,
            "entities": after.entities,
            "relations": after.relations,
        },
    }
    if as_json:
        out.print(_dump(result))
    else:
        w = report.written
        out.print(
            f"synced {report.articles} articles and {report.relations} relation statements from {src.location} to {dst.location}: "
            f"{w.articles_new} new articles, {w.entities_new} new entities, {w.relations_new} new relations"
        )


@quarantine_app.command("list")
def quarantine_list(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """Show every quarantined record with where it came from and why."""
    with _open(store, read_only=True) as graph:
        items = graph.quarantine()
    rows = [
        {"id": q.id, "source": q.source, "reason": q.reason, "at": q.at.isoformat()} for q in items
    ]
    out.print(_dump(rows) if as_json else _table(rows, f"{len(rows)} quarantined"))


@quarantine_app.command("show")
def quarantine_show(
    ident: Annotated[
        str, typer.Argument(help="A quarantine id (or a unique prefix) from `kg quarantine list`.")
    ],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show one quarantined record in full, raw text included."""
    with _open(store, read_only=True) as graph:
        matches = [q for q in graph.quarantine() if q.id.startswith(ident)]
    if len(matches) != 1:
        raise InputError(
            f"quarantine id {ident}",
            "no such record"
            if not matches
            else f"{len(matches)} records match; give more of the id",
        )
    item = matches[0]
    if as_json:
        out.print(_dump(item.model_dump(mode="json")))
    else:
        out.print(
            f"id:     {item.id}\nsource: {item.source}\nreason: {item.reason}\nat:     {item.at.isoformat()}\n"
        )
        out.print(item.raw, markup=False, highlight=False)


@quarantine_app.command("retry")
def quarantine_retry(
    ident: Annotated[
        list[str] | None, typer.Argument(help="Ids (or prefixes) to retry; all when omitted.")
    ] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Try quarantined records again; what now succeeds is ingested and leaves the quarantine."""
    from kg.collect import retry_quarantined
    from kg.extractor import configured_extractor
    from kg.sources.http import client

    settings = load_settings()
    with _open(store) as graph, client(settings.http_timeout) as http:
        items = [
            q for q in graph.quarantine() if not ident or any(q.id.startswith(i) for i in ident)
        ]
        results = retry_quarantined(graph, http, items, configured_extractor(), settings)
    rows = [{"id": r.id, "source": r.source, "outcome": r.outcome} for r in results]
    out.print(_dump(rows) if as_json else _table(rows, f"retried {len(rows)}"))
    raise typer.Exit(EXIT_QUARANTINED if any(r.outcome != "ingested" for r in results) else 0)


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Argument(help="stix, turtle, shapes, graphml or csv.")],
    out_path: Annotated[
        Path, typer.Option("--out", help="Output file (a directory for csv).")
    ],
    since: Annotated[str | None, typer.Option("--since", help="First day (default: the first held).")] = None,
    until: Annotated[str | None, typer.Option("--until", help="Last day (default: the last held).")] = None,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", help="Only entities of this kind; repeatable.")
    ] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Export the graph of a window of days: STIX 2.1, RDF/Turtle, SHACL shapes, GraphML, CSV."""
    from dataclasses import asdict

    from kg.export import FORMATS, export, window_for

    if fmt not in FORMATS:
        raise InputError(f"kg export {fmt}", f"unknown format; use one of {', '.join(FORMATS)}")
    with _open(store, read_only=True, create=False) as graph, _progress() as progress:
        window = window_for(
            graph, _day(since) if since else None, _day(until) if until else None, kind
        )
        task = progress.add_task(f"export {fmt}", total=None)
        result = export(graph, fmt, out_path, window, lambda n: progress.advance(task, n))
    out.print(_dump(asdict(result)) if as_json else result.summary())


@app.command()
def site(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the site into.")],
    since: Annotated[
        str | None, typer.Option("--since", help="First report day (default: 7 days before the last).")
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="zh-TW or en.")] = "zh-TW",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Write a static site: each day's report and a page per entity, with client-side search."""
    from dataclasses import asdict

    from reports.site import build_site

    settings = load_settings()
    with _open(store, read_only=True, create=False) as graph, _progress() as progress:
        task = progress.add_task("site pages", total=None)
        result = build_site(
            graph,
            out_dir,
            since=_day(since) if since else None,
            lang=lang,
            zone=settings.timezone,
            on_progress=lambda n: progress.advance(task, n),
        )
    out.print(_dump(asdict(result)) if as_json else result.summary())


def _exit_code(exc: KGError) -> int:
    if isinstance(exc, StoreLockedError):
        return EXIT_LOCKED
    if isinstance(exc, InputError | ConfigError | UnknownQueryError):
        return EXIT_USAGE
    if isinstance(exc, ReportError):
        return EXIT_FAILED
    return EXIT_FAILED


def main(argv: list[str] | None = None) -> None:
    """Console entry point; ``argv`` lets tests drive the real command in-process."""
    try:
        app(args=argv, prog_name="kg")
    except KGError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(_exit_code(exc))


if __name__ == "__main__":
    main()
