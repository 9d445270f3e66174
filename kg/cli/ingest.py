"""``kg ingest`` (files, feeds, arXiv, report archives) and ``kg demo``."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import (
    EXIT_QUARANTINED,
    SAMPLE_DIR,
    JsonOpt,
    StoreOpt,
    _day,
    _dump,
    _open,
    _progress,
    _table,
    err,
    out,
)
from kg.cli.report import _report_text
from kg.config import load_settings
from kg.errors import InputError

BulkOpt = Annotated[
    bool | None,
    typer.Option(
        "--bulk/--no-bulk",
        help="Load through the bulk path (Parquet + COPY, same graph); default: when the "
        "embedded store is empty and the input holds at least 2000 records.",
    ),
]


def _ingest_files(
    paths: list[str], store: str | None, as_json: bool, bulk: bool | None = None
) -> int:
    from kg.ontology import load_ontology
    from kg.sources.files import count_records, expand, read_files

    settings = load_settings()
    files = expand(paths)
    records = read_files(
        files, zone=settings.zone, ontology=load_ontology(), window=settings.date_window()
    )
    return _run_ingest(records, count_records(files), store, as_json, bulk)


def _run_ingest(
    records, total: int | None, store: str | None, as_json: bool, bulk: bool | None = None
) -> int:
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
            bulk=bulk,
            expected=total,
        )
    if as_json:
        out.print(_dump(report.as_dict()))
    else:
        for problem in report.problems:
            err.print(f"[yellow]quarantined[/] {problem['where']}: {problem['reason']}")
        out.print(report.summary())
    return EXIT_QUARANTINED if report.quarantined else 0


def ingest_files(
    paths: Annotated[
        list[str], typer.Argument(help="JSONL or Markdown files, or folders holding them.")
    ],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    bulk: BulkOpt = None,
) -> None:
    """Ingest JSONL (one article per line) and Markdown files with front matter."""
    raise typer.Exit(_ingest_files(paths, store, as_json, bulk))


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
    max_results: Annotated[
        int, typer.Option("--max", help="At most this many papers.", min=1, max=100_000)
    ] = 100,
    api_url: Annotated[
        str | None, typer.Option("--api-url", help="API endpoint (a mirror or a test server).")
    ] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Ingest arXiv papers (newest first); versions of a paper are one article."""
    from kg.collect import arxiv_job
    from kg.config import ArxivQuery

    if not category and not query:
        raise InputError("kg ingest arxiv", "give at least one --category or a --query")
    spec = ArxivQuery(categories=category or [], query=query, max=max_results)
    window = {
        "since": _day(since, "--since") if since else None,
        "until": _day(until, "--until") if until else None,
    }
    rows = _collect(store, [arxiv_job(spec, api_url=api_url, **window)])
    raise typer.Exit(_print_rows(rows, as_json))


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

    from kg.collect import feed_job
    from kg.config import FeedConfig

    try:
        feeds = [FeedConfig(url=url, kind=kind) for url in urls]
    except ValidationError as exc:
        raise InputError("kg ingest feed", "; ".join(e["msg"] for e in exc.errors())) from None
    jobs = [feed_job(f, full_text) for f in feeds]
    raise typer.Exit(_print_rows(_collect(store, jobs, [f.url for f in feeds]), as_json))


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
    from kg.collect import arxiv_job, feed_job
    from kg.config import config_file

    settings = load_settings()
    if not settings.feeds and not settings.arxiv:
        raise InputError(
            str(config_file()), "no [[feeds]] or [[arxiv]] configured; see kg.toml.example"
        )
    jobs = [feed_job(f, full_text) for f in settings.feeds] + [arxiv_job(q) for q in settings.arxiv]
    hosts = [f.url for f in settings.feeds] + [settings.arxiv_api_url]
    raise typer.Exit(_print_rows(_collect(store, jobs, hosts), as_json))


def _collect(store: str | None, jobs, configured: list[str] | None = None) -> list:
    """``configured``: the URLs the user gave; their hosts may be internal addresses."""
    from urllib.parse import urlsplit

    from kg.collect import collect_all
    from kg.extractor import configured_extractor
    from kg.sources.http import client

    settings = load_settings()
    extractor = configured_extractor()
    http = client(
        settings.http_timeout,
        allowed_hosts=[urlsplit(u).hostname or "" for u in configured or []],
        allow_private=settings.allow_private_hosts,
    )
    with _open(store) as graph, http, _progress() as progress:
        task = progress.add_task("sources", total=len(jobs))
        return collect_all(
            graph, http, jobs, extractor, settings, lambda n: progress.advance(task, n)
        )


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


def ingest_report(
    paths: Annotated[
        list[Path], typer.Argument(help="Daily reports in the seed format (Hugo markdown).")
    ],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    bulk: BulkOpt = None,
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
    raise typer.Exit(_run_ingest(records, None, store, as_json, bulk))


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
