"""End-to-end speed at a day, a month or a year of synthetic news, on the embedded store.

    python benchmarks/run.py --scale day|month|year [--style news|dense] [--json]
                             [--workers N] [--keep DIR] [--bulk]

Per stage: extraction MB/s and articles/s in one process, next to a bare spaCy tokenizer
over the same text (so extraction is also a ratio to it), on both styles of the synthetic
corpus (news, and the dense worst case; see generate.py) and on the bundled sample
articles (prose); write rows/s; end-to-end ingest seconds (parallel extraction, batched
writes); report, trends and watch seconds for the last day; peak RSS of this process and
its workers.

Then the floors (benchmarks/floors.py; min / median of --runs runs, same process):
extraction MB/s on the real reference articles repeated to --real-mb and on the calibrated
synthetic corpus (`real` style), each next to the spaCy tokenizer and a pyahocorasick
scan of every gazetteer surface; ingest rows/s of a month-like corpus (--floor-articles
over 30 days; lower it to run in a few minutes) into an empty store next to a COPY FROM
Parquet of the same rows; and a day appended to that month store (write and close time).
--floor-articles 0 skips them.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import SCALES, STYLES, generate  # noqa: E402

SAMPLE_FOR_RATIO = 5000  # articles timed in one process against the bare tokenizer
# The bundled sample articles, read this many times over, give the ratio on prose as well.
PROSE_PASSES = 5
PROSE = Path(__file__).resolve().parent.parent / "kg" / "sample"

WATCHLIST = """\
watch:
  - kind: ThreatActor
    rules:
      - new_relation: {counterpart_kind: Organization}
  - pattern: ".*Bench$"
    rules: [spike, new_entity]
  - name: NVIDIA
    rules: [mention, spike, neighbourhood_change]
sinks:
  - jsonl: alerts.jsonl
"""


def peak_rss_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def extraction_speed(records: list[dict], extractor) -> tuple[float, float, float, float]:
    """(MB, tokenizer seconds, extraction seconds, tokenizer seconds with its cache kept on)
    over the same records, one process.

    The tokenizer gets the very string the extractor reads: title, newline, body. spaCy
    stops caching word splits for the rest of a document after a special case such as that
    newline, so the last figure, headline and body as two calls, is its fastest case.
    """
    import spacy

    texts = [(r["title"], r["text"], r.get("lang", "")) for r in records]
    mb = sum(len(f"{title}\n{text}".encode()) for title, text, _ in texts) / 1e6
    tokenizer = spacy.blank("en").tokenizer
    t0 = time.perf_counter()
    for title, text, _ in texts:
        tokenizer(f"{title}\n{text}")
    tokenizer_s = time.perf_counter() - t0
    tokenizer = spacy.blank("en").tokenizer
    t0 = time.perf_counter()
    for title, text, _ in texts:
        tokenizer(title)
        tokenizer(text)
    cached_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for title, text, lang in texts:
        extractor.extract(text, title=title, lang=lang)
    return mb, tokenizer_s, time.perf_counter() - t0, cached_s


def _speeds(prefix: str, records: list[dict], extractor) -> dict:
    mb, tokenizer_s, extract_s, cached_s = extraction_speed(records, extractor)
    return {
        f"{prefix}tokenizer_mb_s": round(mb / tokenizer_s, 3),
        f"{prefix}extract_mb_s": round(mb / extract_s, 3),
        f"{prefix}extract_articles_s": round(len(records) / extract_s, 1),
        f"{prefix}extract_ratio": round(tokenizer_s / extract_s, 3),
        f"{prefix}cached_tokenizer_mb_s": round(mb / cached_s, 3),
        f"{prefix}cached_extract_ratio": round(cached_s / extract_s, 3),
    }


def measure(
    scale: str,
    workers: int,
    workdir: Path,
    style: str = "news",
    store_at: str | None = None,
    sync_to: str | None = None,
    floors: dict | None = None,
    bulk: bool | None = False,
) -> dict:
    if importlib.util.find_spec("spacy") is None:
        sys.exit(
            "benchmarks/run.py needs spaCy for its reference tokenizer: pip install -e '.[bench]'"
        )

    from extractors import default_extractor
    from kg.config import load_settings
    from kg.ontology import load_ontology
    from kg.pipeline import ingest
    from kg.sources.files import read_files
    from kg.store import open_store
    from reports import write_report
    from reports.alerts import load_watchlist, run_watch
    from reports.trend_data import trends_for

    articles, days = SCALES[scale]
    corpus = workdir / f"{scale}.jsonl"
    t0 = time.perf_counter()
    with corpus.open("w", encoding="utf-8") as handle:
        for record in generate(articles, days, style=style):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    generate_s = time.perf_counter() - t0
    mb = corpus.stat().st_size / 1e6

    extractor = default_extractor()
    # Every run times both styles (and prose below), whichever style it ingests; the first
    # SAMPLE_FOR_RATIO articles of a style are the first ones of its corpus file.
    ratios = {}
    for each in STYLES:
        records = list(islice(generate(articles, days, style=each), SAMPLE_FOR_RATIO))
        # `real` is the calibrated synthetic style; real_* figures are the real articles'
        prefix = "" if each == style else ("calibrated_" if each == "real" else f"{each}_")
        ratios |= _speeds(prefix, records, extractor)
    prose = [
        json.loads(line)
        for path in sorted(PROSE.glob("articles_*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
    ]
    ratios |= _speeds("prose_", prose * PROSE_PASSES, extractor)

    settings = load_settings()
    from kg.store import is_server

    store_path = store_at or workdir / "bench.lbdb"
    with open_store(
        store_path, buffer_pool_mb=settings.buffer_pool_mb, checkpoint_mb=settings.checkpoint_mb
    ) as store:
        if is_server(str(store_path)):
            store.wipe()  # a Neo4j benchmark starts from an empty database
        t0 = time.perf_counter()
        report = ingest(
            read_files([corpus], zone=settings.zone, ontology=load_ontology()),
            store,
            extractor,
            batch_size=settings.batch_size,
            workers=workers,
            bulk=bulk,
        )
        ingest_s = time.perf_counter() - t0
    rows = report.new + report.entities_new + report.mentions + report.relations_new

    with open_store(store_path, read_only=True) as store:
        day = store.stats().days[-1]
        from datetime import date

        last = date.fromisoformat(day)
        t0 = time.perf_counter()
        write_report(store, last)
        report_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        trends_for(store, last)
        trends_s = time.perf_counter() - t0
    watchlist_file = workdir / "watchlist.yaml"
    watchlist_file.write_text(WATCHLIST, encoding="utf-8")
    onto = load_ontology()
    spec = load_watchlist(watchlist_file, onto.kind_names, onto.relation_names)
    with open_store(store_path) as store:
        t0 = time.perf_counter()
        run_watch(store, spec, last, base_dir=workdir)
        watch_s = time.perf_counter() - t0

    synced = {}
    if sync_to:
        from kg.sync import sync

        with open_store(store_path, read_only=True) as src, open_store(sync_to) as dst:
            dst.wipe()
            t0 = time.perf_counter()
            done = sync(src, dst)
            sync_s = time.perf_counter() - t0
            w = done.written
            sync_rows = w.articles_new + w.entities_new + w.mentions + w.relations_new
        synced = {"sync_s": round(sync_s, 2), "sync_rows_s": round(sync_rows / sync_s, 1)}

    floor_figures = {}
    if floors and floors["articles"]:
        from benchmarks.floors import extraction_figures, write_figures

        synthetic = list(islice(generate(floors["articles"], 30, style="real"), SAMPLE_FOR_RATIO))
        synthetic = synthetic[
            : max(1, round(len(synthetic) * floors["real_mb"] / max(1e-9, _mb(synthetic))))
        ]
        floor_figures = extraction_figures(extractor, floors["runs"], floors["real_mb"], synthetic)
        floors_dir = workdir / "floors"
        floors_dir.mkdir(exist_ok=True)
        floor_figures |= write_figures(
            floors["articles"],
            30,
            workers,
            floors["runs"],
            floors_dir,
            style="real",
            batched_runs=floors.get("batched_runs"),
        )

    return {
        "scale": scale,
        "store": "neo4j" if is_server(str(store_path)) else "embedded",
        "style": style,
        "articles": articles,
        "days": days,
        "mb": round(mb, 2),
        "generate_s": round(generate_s, 2),
        **ratios,
        "workers": workers,
        "bulk": report.bulk,
        "ingest_s": round(ingest_s, 2),
        "ingest_articles_s": round(articles / ingest_s, 1),
        "extract_wall_s": round(report.extract_seconds, 2),
        "write_s": round(report.write_seconds, 2),
        "write_rows_s": round(rows / report.write_seconds, 1) if report.write_seconds else None,
        "report_s": round(report_s, 3),
        "trends_s": round(trends_s, 3),
        "watch_s": round(watch_s, 3),
        **synced,
        **floor_figures,
        "peak_rss_mb": peak_rss_mb(),
    }


def _mb(records: list[dict]) -> float:
    return sum(len(f"{r['title']}\n{r['text']}".encode()) for r in records) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="day")
    parser.add_argument(
        "--style", choices=STYLES, default="news", help="How the ingested corpus is written."
    )
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--keep", type=Path, help="Keep the corpus and store in this folder.")
    parser.add_argument(
        "--store",
        help="Ingest into this store instead of a new embedded file; a bolt:// URI is WIPED first.",
    )
    parser.add_argument(
        "--sync-to", help="Then time `kg sync` of the embedded store into this (wiped) Neo4j URI."
    )
    parser.add_argument(
        "--bulk",
        action="store_true",
        help="Ingest through the bulk path (kg/store/bulk.py), as a first load does.",
    )
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--runs", type=int, default=3, help="Runs per floor figure (min/median).")
    parser.add_argument(
        "--floor-articles", type=int, default=30_000, help="Month-like corpus for the write floor."
    )
    parser.add_argument("--real-mb", type=float, default=3.0, help="Real text, repeated to this.")
    parser.add_argument(
        "--batched-runs",
        type=int,
        help="Runs of the month through the batched path (default --runs; it is the slow one).",
    )
    args = parser.parse_args()
    floors = {
        "articles": args.floor_articles,
        "runs": args.runs,
        "real_mb": args.real_mb,
        "batched_runs": args.batched_runs,
    }
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        result = measure(
            args.scale,
            args.workers,
            args.keep,
            args.style,
            args.store,
            args.sync_to,
            floors,
            args.bulk,
        )
    else:
        with tempfile.TemporaryDirectory() as tmp:
            result = measure(
                args.scale,
                args.workers,
                Path(tmp),
                args.style,
                args.store,
                args.sync_to,
                floors,
                args.bulk,
            )
    if args.json:
        print(json.dumps(result))
    else:
        for key, value in result.items():
            print(f"{key:>20}: {value}")


if __name__ == "__main__":
    main()
