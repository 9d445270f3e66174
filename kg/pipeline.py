"""Ingest: records from a source -> extraction -> resolution -> batched, idempotent writes.

Streams: records are consumed in batches of ``batch_size``, so memory does not grow with
the corpus. An article already stored with the same content hash is skipped before
extraction; a changed one is re-extracted and replaces its old facts.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import date
from itertools import islice

from kg.curation import Rewriter, load_log
from kg.extractor import Extractor, ExtractorSpec, build, naming, spec_of
from kg.models import Article, Extraction, QuarantineItem
from kg.resolve import resolve_batch
from kg.sources.records import quarantined
from kg.store.base import GraphStore, WriteCounts
from kg.store.curation import record_origins

# Longer texts are not news articles (a book, a dump); extraction is linear, but a 50 MB
# record would still hold the write lock for minutes. Quarantined with the reason.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024
# From this many records, a load into an empty embedded store takes the bulk path
# (kg/store/bulk.py): one COPY per table instead of batched statements, the same graph.
BULK_FROM = 2000


@dataclass
class IngestReport:
    read: int = 0
    new: int = 0
    updated: int = 0
    duplicate: int = 0
    quarantined: int = 0
    entities_new: int = 0
    concepts_new: int = 0
    relations_new: int = 0
    mentions: int = 0
    extract_seconds: float = 0.0
    write_seconds: float = 0.0
    seconds: float = 0.0
    text_bytes: int = 0
    bulk: bool = False  # loaded by the bulk path (planned in memory, COPY at the end)
    problems: list[dict[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict:
        return asdict(self)

    def summary(self) -> str:
        return (
            f"{self.read} read, {self.new} new, {self.updated} updated, {self.duplicate} duplicate, "
            f"{self.quarantined} quarantined; {self.entities_new} new entities, "
            f"{self.concepts_new} new concepts, {self.relations_new} new relations in {self.seconds:.1f}s"
            + (" (bulk load)" if self.bulk else "")
        )


def _bounded(record: Article | QuarantineItem, limit: int) -> Article | QuarantineItem:
    if isinstance(record, Article) and len(record.text) * 4 > limit:  # cheap bound first
        size = len(record.text.encode("utf-8", "surrogatepass"))
        if size > limit:
            return quarantined(
                record.id,
                f"article text is {size:,} bytes, over the {limit:,}-byte limit "
                "(KG_MAX_ARTICLE_MB); not extracted",
                record.model_dump_json(),
            )
    return record


def _batches(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


def ingest(
    records: Iterable[Article | QuarantineItem],
    store: GraphStore,
    extractor: Extractor,
    *,
    batch_size: int = 500,
    on_progress: Callable[[int], None] | None = None,
    workers: int = 1,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
    bulk: bool | None = None,
    expected: int | None = None,
) -> IngestReport:
    """``workers`` > 1 extracts in that many processes (same output, in the same order).

    ``bulk``: True loads through the bulk path, False never, None when the store is an
    empty embedded one and ``expected`` (records, if known) is at least ``BULK_FROM``.
    Every record read is stored or quarantined: ``read == new + updated + duplicate +
    quarantined``.
    """
    report = IngestReport()
    started = time.perf_counter()
    curate = Rewriter(load_log(store))  # the analysts' curations hold for new articles too
    # curations record where they placed annotations as they write: the batched path only
    target = None if curate else bulk_target(store, bulk, expected)
    pool = _pool(workers, extractor)
    records = (_bounded(r, max_article_bytes) for r in records)
    try:
        _ingest_batches(
            records, target or store, extractor, batch_size, on_progress, pool, report, curate
        )
        if target is not None:
            t0 = time.perf_counter()
            target.finish()
            report.write_seconds += time.perf_counter() - t0
            report.bulk = target.loaded_rows > 0
    except BaseException:
        if target is not None:
            target.discard()
        raise
    finally:
        if pool is not None:
            pool.shutdown()
    report.seconds = time.perf_counter() - started
    return report


def bulk_target(store: GraphStore, bulk: bool | None, expected: int | None = None):
    """The ``BulkLoad`` standing in for ``store`` when the bulk path applies, else None."""
    if bulk is False or (bulk is None and (expected or 0) < BULK_FROM):
        return None
    if store.dialect != "ladybug":
        if bulk:
            from kg.errors import ConfigError

            raise ConfigError(
                f"--bulk: {store.location} is Neo4j; its bulk path is `kg export csv` and "
                "neo4j-admin database import (see README)"
            )
        return None
    from kg.store.bulk import BulkLoad

    target = BulkLoad(store)
    return target if target.active else None


@dataclass
class _Batch:
    size: int
    rejected: list[QuarantineItem]
    todo: list[Article]
    results: Iterator[Extraction | str]


def _ingest_batches(
    records, store, extractor, batch_size, on_progress, pool, report, curate: Rewriter
) -> None:
    # With worker processes, batch n+1 is being extracted while batch n is written: the
    # pool's map submits every job at once, so the next batch is prepared before this one
    # is written.
    pending: _Batch | None = None
    for chunk in _batches(records, batch_size):
        ahead = pending.todo if pending is not None else []
        prepared = _prepare(chunk, store, extractor, pool, report, ahead)
        if pending is not None:
            _finish(pending, store, extractor, on_progress, report, curate)
        pending = prepared
    if pending is not None:
        _finish(pending, store, extractor, on_progress, report, curate)


def _prepare(chunk, store, extractor, pool, report, ahead: list[Article]) -> _Batch:
    report.read += len(chunk)
    rejected = [r for r in chunk if isinstance(r, QuarantineItem)]
    latest: dict[str, Article] = {}
    for record in chunk:
        if isinstance(record, Article):
            if record.id in latest and latest[record.id].content_hash == record.content_hash:
                report.duplicate += 1
            latest[record.id] = record
    stored = store.article_hashes(latest)
    # the batch still being written is not stored yet, but counts as stored
    stored.update({a.id: a.content_hash for a in ahead if a.id in latest})
    todo = [a for a in latest.values() if stored.get(a.id) != a.content_hash]
    report.duplicate += len(latest) - len(todo)
    jobs = [(a.text, a.title, a.id, a.lang) for a in todo]
    results = (
        pool.map(_extract_job, jobs, chunksize=max(1, len(jobs) // 16))
        if pool is not None and len(jobs) >= 64
        else map(lambda job: _extract_with(extractor, job), jobs)
    )
    return _Batch(len(chunk), rejected, todo, results)


def _finish(batch: _Batch, store, extractor, on_progress, report, curate: Rewriter) -> None:
    t0 = time.perf_counter()
    rejected = batch.rejected
    pairs: list[tuple[Article, Extraction]] = []
    for article, result in zip(batch.todo, batch.results, strict=True):
        if isinstance(result, str):
            rejected.append(quarantined(article.id, result, article.model_dump_json()))
            continue
        report.text_bytes += len(article.text.encode())
        pairs.append((article, curate.extraction(result)))
    report.extract_seconds += time.perf_counter() - t0

    t0 = time.perf_counter()
    counts = WriteCounts()
    if pairs:
        resolved = resolve_batch(pairs, *naming(extractor))
        counts = store.write(curate.batch(resolved))
        if curate:  # so that undoing a curation can move these annotations back
            record_origins(store, [a.id for a, _ in pairs], curate.placed(resolved))
    if rejected:
        store.add_quarantine(rejected)
    report.write_seconds += time.perf_counter() - t0

    report.new += counts.articles_new
    report.updated += counts.articles_updated
    report.entities_new += counts.entities_new
    report.concepts_new += counts.concepts_new
    report.relations_new += counts.relations_new
    report.mentions += counts.mentions
    report.quarantined += len(rejected)
    report.problems.extend({"where": r.source, "reason": r.reason} for r in rejected)
    if on_progress:
        on_progress(batch.size)


_WORKER_EXTRACTOR: Extractor | None = None


def _extract_with(extractor: Extractor, job: tuple[str, str, str, str]) -> Extraction | str:
    text, title, article_id, lang = job
    try:
        return extractor.extract(text, title=title, article_id=article_id, lang=lang)
    # One article that breaks the extractor must not stop the run; it is kept.
    except Exception as exc:  # noqa: BLE001
        return f"extraction failed: {type(exc).__name__}: {exc}"


def _init_worker(spec: ExtractorSpec) -> None:
    global _WORKER_EXTRACTOR
    _WORKER_EXTRACTOR = build(spec.key, **spec.options)


def _extract_job(job: tuple[str, str, str, str]) -> Extraction | str:
    assert _WORKER_EXTRACTOR is not None
    return _extract_with(_WORKER_EXTRACTOR, job)


def _pool(workers: int, extractor: Extractor):
    """Worker processes that each build the same extractor as ``extractor``."""
    spec = spec_of(extractor)
    if workers <= 1 or spec is None:
        return None
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # fork would copy the parent's open database handles; spawn starts clean
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=_init_worker,
        initargs=(spec,),
    )


@dataclass
class ReextractReport:
    articles: int = 0
    mentions: int = 0
    entities_new: int = 0
    concepts_new: int = 0
    relations_new: int = 0
    seconds: float = 0.0

    def summary(self) -> str:
        return (
            f"re-extracted {self.articles} articles: {self.mentions} extracted mentions, "
            f"{self.entities_new} new entities, {self.concepts_new} new concepts, "
            f"{self.relations_new} new relations in {self.seconds:.1f}s"
        )


def reextract(
    store: GraphStore,
    extractor: Extractor,
    *,
    since: date | None = None,
    batch_size: int = 500,
    on_progress: Callable[[int], None] | None = None,
) -> ReextractReport:
    """Run extraction again over stored articles, replacing only what extraction produced."""
    from kg.sync import stored_articles

    report = ReextractReport()
    started = time.perf_counter()
    curate = Rewriter(load_log(store))
    for articles in stored_articles(store, since, page=batch_size):
        pairs = [
            (
                a,
                curate.extraction(
                    extractor.extract(a.text, title=a.title, article_id=a.id, lang=a.lang)
                ),
            )
            for a in articles
        ]
        counts = store.write(
            resolve_batch(pairs, *naming(extractor)),
            replace_extracted=True,
        )
        report.articles += len(articles)
        report.mentions += counts.mentions
        report.entities_new += counts.entities_new
        report.concepts_new += counts.concepts_new
        report.relations_new += counts.relations_new
        if on_progress:
            on_progress(len(articles))
    report.seconds = time.perf_counter() - started
    return report
