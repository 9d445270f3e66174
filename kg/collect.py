"""Running configured sources: one source's failure is a row in the summary, never a crash.

Each ``collect_*`` fetches one source, ingests what it gave, saves the source's state only
after the ingest succeeded (so a crash means the next run fetches it again, and the
idempotent writes keep one copy), and returns a summary row.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date

import httpx

from kg.config import ArxivQuery, FeedConfig, Settings
from kg.errors import SourceError
from kg.extractor import Extractor
from kg.models import Article, QuarantineItem
from kg.pipeline import ingest
from kg.sources.arxiv_source import build_query, fetch_arxiv
from kg.sources.feeds import fetch_feed
from kg.sources.feeds import full_text as fetch_body
from kg.sources.records import quarantined
from kg.store.base import GraphStore


@dataclass
class SourceRow:
    source: str
    status: str = ""
    fetched: int = 0
    new: int = 0
    duplicate: int = 0
    quarantined: int = 0
    failed: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def _ingest(
    graph: GraphStore, records: list, extractor: Extractor, settings: Settings, row: SourceRow
) -> None:
    report = ingest(
        records,
        graph,
        extractor,
        batch_size=settings.batch_size,
        max_article_bytes=int(settings.max_article_mb * 1024 * 1024),
    )
    row.fetched = sum(isinstance(r, Article) for r in records) + sum(
        isinstance(r, QuarantineItem) for r in records
    )
    row.new, row.duplicate = report.new, report.duplicate
    row.quarantined += report.quarantined


def collect_feed(
    graph: GraphStore,
    http: httpx.Client,
    feed: FeedConfig,
    extractor: Extractor,
    settings: Settings,
    *,
    full_text: bool = False,
) -> SourceRow:
    row = SourceRow(feed.url)
    key = f"feed:{feed.url}"
    max_bytes = int(settings.max_fetch_mb * 1024 * 1024)
    # the whole source, feed and article pages, ends by this instant
    until = time.monotonic() + settings.source_deadline
    bounds = {"max_bytes": max_bytes, "deadline": settings.http_deadline, "until": until}
    try:
        result = fetch_feed(
            http,
            feed.url,
            graph.get_state(key),
            zone=settings.zone,
            name=feed.name,
            kind=feed.kind,
            language=feed.language,
            window=settings.date_window(),
            **bounds,
        )
    except SourceError as exc:
        graph.add_quarantine([quarantined(feed.url, exc.reason, "")])
        row.status, row.quarantined, row.failed = f"failed: {exc.reason}", 1, True
        return row
    records = result.records
    if full_text:
        stored = graph.article_hashes(r.id for r in records if isinstance(r, Article))
        enriched = []
        for record in records:
            if isinstance(record, Article) and record.id not in stored:
                try:
                    record = fetch_body(http, record, **bounds)
                except SourceError as exc:
                    graph.add_quarantine(
                        [
                            quarantined(
                                record.url, f"full text: {exc.reason}; kept the feed summary", ""
                            )
                        ]
                    )
                    row.quarantined += 1
            enriched.append(record)
        records = enriched
    _ingest(graph, records, extractor, settings, row)
    graph.put_state(key, result.state)
    row.status = "not modified" if result.not_modified else f"HTTP {result.status}"
    return row


def collect_arxiv(
    graph: GraphStore,
    query: ArxivQuery,
    extractor: Extractor,
    settings: Settings,
    *,
    since: date | None = None,
    until: date | None = None,
    api_url: str | None = None,
) -> SourceRow:
    url = api_url or settings.arxiv_api_url
    search = build_query(query.categories, query.query, since, until)
    row = SourceRow(f"arxiv: {search}")
    try:
        records = list(
            fetch_arxiv(
                search,
                zone=settings.zone,
                max_results=query.max,
                api_url=url,
                delay_seconds=settings.arxiv_delay,
                timeout=settings.http_timeout,
            )
        )
    except SourceError as exc:
        graph.add_quarantine([quarantined(url, exc.reason, search)])
        row.status, row.quarantined, row.failed = f"failed: {exc.reason}", 1, True
        return row
    _ingest(graph, records, extractor, settings, row)
    row.status = "ok"
    return row


# A source to collect: called with (graph, http, extractor, settings), returns its row.
Job = Callable[[GraphStore, httpx.Client, Extractor, Settings], SourceRow]


def feed_job(feed: FeedConfig, full_text: bool) -> Job:
    return lambda graph, http, extractor, settings: collect_feed(
        graph, http, feed, extractor, settings, full_text=full_text
    )


def arxiv_job(query: ArxivQuery, **options) -> Job:
    return lambda graph, http, extractor, settings: collect_arxiv(
        graph, query, extractor, settings, **options
    )


def collect_all(
    graph: GraphStore,
    http: httpx.Client,
    jobs: list[Job],
    extractor: Extractor,
    settings: Settings,
    on_progress: Callable[[int], None] | None = None,
) -> list[SourceRow]:
    """Run every job in turn; one row per source."""
    rows = []
    for job in jobs:
        rows.append(job(graph, http, extractor, settings))
        if on_progress:
            on_progress(1)
    return rows


@dataclass
class RetryResult:
    id: str
    source: str
    outcome: str  # ingested | still failing | cannot retry


def select_quarantined(
    items: list[QuarantineItem], prefixes: list[str] | None
) -> list[QuarantineItem]:
    """The items whose id starts with one of ``prefixes``; all of them when none are given."""
    return [q for q in items if not prefixes or any(q.id.startswith(i) for i in prefixes)]


def retry_quarantined(
    graph: GraphStore,
    http: httpx.Client,
    items: list[QuarantineItem],
    extractor: Extractor,
    settings: Settings,
) -> list[RetryResult]:
    """Try kept records again: a JSON record is re-validated, a feed re-fetched, a file re-read.

    What now succeeds is ingested and leaves the quarantine; the rest stays, untouched.
    """
    import json
    from pathlib import Path

    from kg.errors import InputError
    from kg.ontology import load_ontology
    from kg.sources.files import read_markdown
    from kg.sources.records import to_article

    results = []
    for item in items:
        outcome = "cannot retry"
        try:
            record = json.loads(item.raw) if item.raw.lstrip().startswith("{") else None
        except ValueError:
            record = None
        if isinstance(record, dict):
            try:
                article = to_article(
                    record, where=item.source, zone=settings.zone, ontology=load_ontology()
                )
                ingest([article], graph, extractor, batch_size=settings.batch_size)
                outcome = "ingested"
            except InputError as exc:
                outcome = f"still failing: {exc.reason}"
        elif (
            item.source.startswith(("http://", "https://"))
            and "#entry" not in item.source
            and not item.raw
        ):
            row = collect_feed(graph, http, FeedConfig(url=item.source), extractor, settings)
            outcome = f"still failing: {row.status}" if row.failed else "ingested"
        elif Path(item.source).suffix in {".md", ".markdown"} and Path(item.source).is_file():
            result = read_markdown(Path(item.source), zone=settings.zone, ontology=load_ontology())
            if isinstance(result, Article):
                ingest([result], graph, extractor, batch_size=settings.batch_size)
                outcome = "ingested"
            else:
                outcome = f"still failing: {result.reason}"
        if outcome == "ingested":
            graph.remove_quarantine([item.id])
        results.append(RetryResult(item.id, item.source, outcome))
    return results
