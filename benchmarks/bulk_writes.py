"""The bulk path's writes against the COPY floor, extraction left out, in one process.

    python benchmarks/bulk_writes.py --store MONTH.lbdb [--runs 3] [--day DAY.jsonl] [--json]

MONTH.lbdb is a graph built by the batched path (e.g. `run.py --keep DIR` leaves
DIR/floors/ingest0.lbdb). Its articles are read back as the batches `kg sync` writes
(kg.sync.article_pages, held in memory, not timed); each run loads them into a new store
through the bulk path (kg/store/bulk.py: plan, Parquet, COPY, close) and the floor COPYs
the very rows of MONTH.lbdb into a new store (benchmarks/floors.py), the two in turns;
CPU seconds are reported next to wall seconds. With --day, that day is appended to copies
of MONTH.lbdb through the batched path: write and close seconds, and the open of a reader
after it.
Min / median of --runs; ratios from the medians.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--day", type=Path, help="A day of new articles (JSONL) to append.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from benchmarks.floors import copy_into_empty, export_parquet
    from kg.config import load_settings
    from kg.ontology import load_ontology
    from kg.store import open_store
    from kg.store.bulk import BulkLoad
    from kg.sync import article_pages, bounded

    settings = load_settings()
    ontology = load_ontology()
    with open_store(args.store, read_only=True) as src:
        batches = [b for page in article_pages(src) for b in bounded(page)]
        stats = src.stats()
    out: dict = {"articles": stats.articles, "batches": len(batches)}

    def mm(name: str, values: list[float]) -> dict:
        return {
            f"{name}_min": round(min(values), 3),
            f"{name}_median": round(statistics.median(values), 3),
        }

    with tempfile.TemporaryDirectory(dir=args.store.parent) as tmp:
        work = Path(tmp)
        files, floor_rows = export_parquet(args.store, work / "parquet", ontology)
        # bulk and floor runs take turns, so a neighbour's load falls on both alike
        bulk_t, bulk_cpu, copy_t, copy_cpu, rows = [], [], [], [], 0
        for k in range(args.runs):
            t0, c0 = time.perf_counter(), time.process_time()
            with open_store(
                work / f"bulk{k}.lbdb",
                buffer_pool_mb=settings.buffer_pool_mb,
                checkpoint_mb=settings.checkpoint_mb,
            ) as store:
                load = BulkLoad(store)
                for batch in batches:
                    load.write(batch)
                rows = load.finish()
            bulk_t.append(time.perf_counter() - t0)
            bulk_cpu.append(time.process_time() - c0)
            c0 = time.process_time()
            copy_s, close_s = copy_into_empty(files, work / f"copy{k}.lbdb")
            copy_t.append(copy_s + close_s)
            copy_cpu.append(time.process_time() - c0)
        out |= {
            "bulk_rows": rows,
            "copy_rows": floor_rows,
            **mm("bulk_write_s", bulk_t),
            **mm("copy_s", copy_t),
            # CPU seconds of this process (every thread): steadier than wall time on a
            # shared machine
            **mm("bulk_write_cpu_s", bulk_cpu),
            **mm("copy_cpu_s", copy_cpu),
            "bulk_write_rows_s_median": round(rows / statistics.median(bulk_t)),
            "copy_rows_s_median": round(floor_rows / statistics.median(copy_t)),
            "bulk_write_to_copy": round(
                (rows / statistics.median(bulk_t)) / (floor_rows / statistics.median(copy_t)), 3
            ),
        }

        if args.day:
            from extractors import default_extractor
            from kg.pipeline import ingest
            from kg.sources.files import read_files

            extractor = default_extractor()
            write_t, close_t, wall_t, open_t = [], [], [], []
            for k in range(args.runs):
                target = work / f"append{k}.lbdb"
                shutil.copy(args.store, target)
                store = open_store(
                    target,
                    buffer_pool_mb=settings.buffer_pool_mb,
                    checkpoint_mb=settings.checkpoint_mb,
                )
                t0 = time.perf_counter()
                report = ingest(
                    read_files([args.day], zone=settings.zone, ontology=ontology),
                    store,
                    extractor,
                    batch_size=settings.batch_size,
                )
                wall_t.append(time.perf_counter() - t0)
                write_t.append(report.write_seconds)
                t0 = time.perf_counter()
                store.close()
                close_t.append(time.perf_counter() - t0)
                # what the next reader pays: a log left unreplayed would show here
                t0 = time.perf_counter()
                open_store(target, read_only=True).close()
                open_t.append(time.perf_counter() - t0)
            out |= {
                "append_articles": report.new,
                **mm("append_s", wall_t),
                **mm("append_write_s", write_t),
                **mm("append_close_s", close_t),
                **mm("append_reader_open_s", open_t),
            }
    if args.json:
        print(json.dumps(out))
    else:
        for key, value in out.items():
            print(f"{key:>28}: {value}")


if __name__ == "__main__":
    main()
