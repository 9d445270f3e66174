"""Speed against the floors, every figure min / median of N runs in one process.

Extraction: MB/s on real articles (the reference texts in ../shared/gold-real, repeated
to a few MB; skipped with a note when absent) and on the calibrated synthetic corpus,
next to the same texts through the spaCy tokenizer and through a pyahocorasick automaton
over every gazetteer surface (the dictionary-matching floor). Writes: ingest of a
month-like corpus into an empty embedded store, next to a LadybugDB ``COPY ... FROM``
Parquet (pyarrow) of the very rows that ingest wrote (the write floor), and the same
month through the bulk path (kg/store/bulk.py: what a first load takes); then a day
appended to the month store, its write time and its close (checkpoint) time.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The reference set lives beside the checkout (../shared), or two up from a worktree.
REAL_CANDIDATES = [
    ROOT.parent / "shared" / "gold-real" / "dev.jsonl",
    ROOT.parent.parent / "shared" / "gold-real" / "dev.jsonl",
]


def real_path() -> Path | None:
    if os.environ.get("KG_BENCH_REAL"):
        return Path(os.environ["KG_BENCH_REAL"])
    return next((p for p in REAL_CANDIDATES if p.exists()), None)


def _mb(records: list[dict]) -> float:
    return sum(len(f"{r['title']}\n{r['text']}".encode()) for r in records) / 1e6


def repeat_to(records: list[dict], mb: float) -> list[dict]:
    """The records over and over until they hold ``mb`` megabytes (at least once)."""
    out, size, one = [], 0.0, max(_mb(records), 1e-9)
    while size < mb or not out:
        out += records
        size += one
    return out


def _timed(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return times


def _rate(prefix: str, amount: float, times: list[float], unit: str) -> dict:
    """Best (from the fastest run) and median rates."""
    return {
        f"{prefix}_{unit}_min": round(amount / max(times), 3),
        f"{prefix}_{unit}_median": round(amount / statistics.median(times), 3),
        f"{prefix}_{unit}_best": round(amount / min(times), 3),
    }


def gazetteer_automaton(gazetteer):
    """Aho-Corasick over every surface form, lower-cased, matched in lower-cased text."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for forms in gazetteer.surfaces.values():
        for form in forms:
            automaton.add_word(form.lower(), form)
    automaton.make_automaton()
    return automaton


def extraction_vs_floor(prefix: str, records: list[dict], extractor, automaton, runs: int) -> dict:
    import spacy

    texts = [
        (f"{r['title']}\n{r['text']}", r["title"], r["text"], r.get("lang") or "") for r in records
    ]
    mb = _mb(records)
    tokenizer = spacy.blank("en").tokenizer

    def extract():
        for _, title, text, lang in texts:
            extractor.extract(text, title=title, lang=lang)

    def tokenize():
        for whole, *_ in texts:
            tokenizer(whole)

    def scan():
        for whole, *_ in texts:
            for _ in automaton.iter(whole.lower()):
                pass

    extract_t, tokenize_t, scan_t = (_timed(f, runs) for f in (extract, tokenize, scan))
    out = {f"{prefix}_mb": round(mb, 2), f"{prefix}_articles": len(records)}
    out |= _rate(f"{prefix}_extract", mb, extract_t, "mb_s")
    out |= _rate(f"{prefix}_tokenizer", mb, tokenize_t, "mb_s")
    out |= _rate(f"{prefix}_ahocorasick", mb, scan_t, "mb_s")
    # the target: extraction at >= 0.25 of the floor measured in the same run
    out[f"{prefix}_extract_to_floor"] = round(
        statistics.median(scan_t) / statistics.median(extract_t), 3
    )
    out[f"{prefix}_extract_to_tokenizer"] = round(
        statistics.median(tokenize_t) / statistics.median(extract_t), 3
    )
    return out


def extraction_figures(extractor, runs: int, real_mb: float, synthetic: list[dict]) -> dict:
    automaton = gazetteer_automaton(extractor.gazetteer)
    out: dict = {"gazetteer_surfaces": len(automaton)}
    path = real_path()
    if path is None:
        out["real_note"] = "skipped: no ../shared/gold-real/dev.jsonl (or KG_BENCH_REAL) here"
    else:
        real = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        real = [
            {"title": r.get("title") or "", "text": r["text"], "lang": r.get("lang")} for r in real
        ]
        out |= extraction_vs_floor("real", repeat_to(real, real_mb), extractor, automaton, runs)
    out |= extraction_vs_floor("synthetic", synthetic, extractor, automaton, runs)
    return out


# -- writes ------------------------------------------------------------------------------


def _tables(ontology) -> list[tuple[str, str, list[str]]]:
    """(table, MATCH pattern returning its rows, columns) in COPY order."""
    from kg.store.schema import (
        MENTION_PROPERTIES,
        NODE_TABLES,
        RELATION_PROPERTIES,
        STATES_PROPERTIES,
    )

    out = [
        (t, f"MATCH (n:{t})", [f"n.{c}" for c in NODE_TABLES[t]])
        for t in ("Source", "Article", "Entity", "EntityKey")
    ]
    out.append(("PUBLISHED_BY", "MATCH (a:Article)-[r:PUBLISHED_BY]->(b:Source)", ["a.id", "b.id"]))
    for table, props in (("MENTIONS", MENTION_PROPERTIES), ("STATES", STATES_PROPERTIES)):
        pattern = f"MATCH (a:Article)-[r:{table}]->(b:Entity)"
        out.append((table, pattern, ["a.id", "b.id", *(f"r.{c}" for c in props)]))
    for name in ontology.relation_names:
        label = ontology.cypher_relation(name)
        pattern = f"MATCH (a:Entity)-[r:{label}]->(b:Entity)"
        out.append((label, pattern, ["a.id", "b.id", *(f"r.{c}" for c in RELATION_PROPERTIES)]))
    return out


def export_parquet(store_path: Path, folder: Path, ontology) -> tuple[list[tuple[str, Path]], int]:
    """Every row of the store's graph tables as one Parquet file per table."""
    import ladybug as lb
    import pyarrow.parquet as pq

    folder.mkdir(parents=True, exist_ok=True)
    db = lb.Database(str(store_path), read_only=True)
    conn = lb.Connection(db)
    files, rows = [], 0
    try:
        for table, pattern, cols in _tables(ontology):
            names = ", ".join(f"{c} AS c{i}" for i, c in enumerate(cols))
            arrow = conn.execute(f"{pattern} RETURN {names}").get_as_arrow()
            if arrow.num_rows:
                path = folder / f"{table}.parquet"
                pq.write_table(arrow, path)
                files.append((table, path))
                rows += arrow.num_rows
    finally:
        conn.close()
        db.close()
    return files, rows


def copy_into_empty(files: list[tuple[str, Path]], store_path: Path) -> tuple[float, float]:
    """(COPY seconds, close seconds) into a new store with the schema and nothing else."""
    import ladybug as lb

    from kg.store import open_store

    open_store(store_path).close()  # the schema, as the store creates it
    db = lb.Database(str(store_path))
    conn = lb.Connection(db)
    t0 = time.perf_counter()
    for table, path in files:
        conn.execute(f"COPY {table} FROM '{path}'")
    copy_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    conn.close()
    db.close()
    return copy_s, time.perf_counter() - t0


def _counts(path: Path) -> tuple:
    from kg.store import open_store

    with open_store(path, read_only=True) as store:
        stats = store.stats()
    return (
        stats.articles,
        stats.sources,
        stats.entities,
        stats.mentions,
        sorted(stats.relations_by_type.items()),
    )


def write_figures(
    articles: int,
    days: int,
    workers: int,
    runs: int,
    workdir: Path,
    style: str,
    batched_runs: int | None = None,
) -> dict:
    """``batched_runs``: runs of the batched path (default ``runs``); it is the slow one."""
    from benchmarks.generate import generate
    from extractors import default_extractor
    from kg.config import load_settings
    from kg.ontology import load_ontology
    from kg.pipeline import ingest
    from kg.sources.files import read_files
    from kg.store import open_store

    settings = load_settings()
    ontology = load_ontology()
    extractor = default_extractor()
    per_day = max(1, articles // days)
    # the month and the days appended to it, one stream so names carry on across the two
    month_file, day_files = (
        workdir / "month.jsonl",
        [workdir / f"day{k}.jsonl" for k in range(runs)],
    )
    handles = [
        month_file.open("w", encoding="utf-8"),
        *(p.open("w", encoding="utf-8") for p in day_files),
    ]
    for n, record in enumerate(generate(per_day * (days + runs), days + runs, style=style)):
        handles[0 if n < per_day * days else 1 + (n - per_day * days) // per_day].write(
            json.dumps(record, ensure_ascii=False) + "\n"
        )
    for handle in handles:
        handle.close()

    def load(path: Path, store, bulk: bool = False):
        return ingest(
            read_files([path], zone=settings.zone, ontology=ontology),
            store,
            extractor,
            batch_size=settings.batch_size,
            workers=workers,
            bulk=bulk,
        )

    ingest_t, write_t, close_t = [], [], []
    for k in range(batched_runs or runs):
        path = workdir / f"ingest{k}.lbdb"
        store = open_store(
            path, buffer_pool_mb=settings.buffer_pool_mb, checkpoint_mb=settings.checkpoint_mb
        )
        t0 = time.perf_counter()
        report = load(month_file, store)
        ingest_t.append(time.perf_counter() - t0)
        write_t.append(report.write_seconds)
        t0 = time.perf_counter()
        store.close()
        close_t.append(time.perf_counter() - t0)
    # the same month through the bulk path (kg/store/bulk.py), which a first load takes
    bulk_t, bulk_write_t, bulk_close_t = [], [], []
    for k in range(runs):
        store = open_store(
            workdir / f"bulk{k}.lbdb",
            buffer_pool_mb=settings.buffer_pool_mb,
            checkpoint_mb=settings.checkpoint_mb,
        )
        t0 = time.perf_counter()
        report = load(month_file, store, bulk=True)
        bulk_t.append(time.perf_counter() - t0)
        bulk_write_t.append(report.write_seconds)
        t0 = time.perf_counter()
        store.close()
        bulk_close_t.append(time.perf_counter() - t0)
    files, rows = export_parquet(workdir / "ingest0.lbdb", workdir / "parquet", ontology)
    copy_t, copy_close_t = [], []
    for k in range(runs):
        copy_s, close_s = copy_into_empty(files, workdir / f"copy{k}.lbdb")
        copy_t.append(copy_s)
        copy_close_t.append(close_s)

    same_graph = _counts(workdir / "copy0.lbdb") == _counts(workdir / "ingest0.lbdb")
    bulk_same_graph = _counts(workdir / "bulk0.lbdb") == _counts(workdir / "ingest0.lbdb")
    append_write, append_wall, append_close = [], [], []
    month_store = workdir / "ingest0.lbdb"
    for day_file in day_files:
        store = open_store(
            month_store,
            buffer_pool_mb=settings.buffer_pool_mb,
            checkpoint_mb=settings.checkpoint_mb,
        )
        t0 = time.perf_counter()
        report = load(day_file, store)
        append_wall.append(time.perf_counter() - t0)
        append_write.append(report.write_seconds)
        t0 = time.perf_counter()
        store.close()
        append_close.append(time.perf_counter() - t0)

    def mm(name: str, values: list[float]) -> dict:
        return {
            f"{name}_min": round(min(values), 3),
            f"{name}_median": round(statistics.median(values), 3),
        }

    ingest_with_close = [a + b for a, b in zip(ingest_t, close_t, strict=True)]
    copy_with_close = [a + b for a, b in zip(copy_t, copy_close_t, strict=True)]
    bulk_with_close = [a + b for a, b in zip(bulk_t, bulk_close_t, strict=True)]
    out = {
        "write_style": style,
        "month_articles": per_day * days,
        "month_days": days,
        "graph_rows": rows,
        "copy_same_graph": same_graph,
        **mm("ingest_s", ingest_t),
        **mm("ingest_write_s", write_t),
        **mm("ingest_close_s", close_t),
        **_rate("ingest", rows, ingest_with_close, "rows_s"),
        **_rate("ingest_write", rows, write_t, "rows_s"),
        **mm("copy_s", copy_t),
        **mm("copy_close_s", copy_close_t),
        **_rate("copy", rows, copy_with_close, "rows_s"),
        # the target: ingest at >= 0.5 of the COPY floor, both including the close
        "ingest_to_copy": round(
            statistics.median(copy_with_close) / statistics.median(ingest_with_close), 3
        ),
        "bulk_same_graph": bulk_same_graph,
        **mm("bulk_s", bulk_t),
        **mm("bulk_write_s", bulk_write_t),
        **mm("bulk_close_s", bulk_close_t),
        **_rate("bulk", rows, bulk_with_close, "rows_s"),
        # the target: a month into an empty store at >= 0.5 of the COPY floor (with close)
        "bulk_to_copy": round(
            statistics.median(copy_with_close) / statistics.median(bulk_with_close), 3
        ),
        # writes only (planning, Parquet, COPY, close): extraction is issue #22's item 3
        "bulk_write_to_copy": round(
            statistics.median(copy_with_close)
            / statistics.median([a + b for a, b in zip(bulk_write_t, bulk_close_t, strict=True)]),
            3,
        ),
        "append_articles": per_day,
        **mm("append_s", append_wall),
        **mm("append_write_s", append_write),
        **mm("append_close_s", append_close),
    }
    return out
