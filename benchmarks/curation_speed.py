"""Time of a merge, its undo, and of ingest and reextract with curations in the log.

    python benchmarks/curation_speed.py [--copies 10] [--json]

The corpus is the bundled sample (210 articles) written ``--copies`` times with fresh ids and
URLs, ingested into a fresh embedded store in a temporary folder. The merge is of a
well-mentioned organisation into another (``--merge A B``); its cost is the re-extraction of
every article that mentions either.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _corpus(path: Path, copies: int, suffix: str = "") -> None:
    with path.open("w", encoding="utf-8") as out:
        for copy in range(copies):
            for sample in sorted((ROOT / "kg" / "sample").glob("*.jsonl")):
                for line in sample.read_text(encoding="utf-8").splitlines():
                    if line.strip():
                        row = json.loads(line)
                        tag = f"-c{copy}{suffix}" if copy or suffix else ""
                        row["id"], row["url"] = row["id"] + tag, row["url"] + tag
                        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--merge", nargs=2, default=["Organization:meta-ai", "Organization:meta"])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from extractors import default_extractor
    from kg.config import load_settings
    from kg.curation import build
    from kg.curation.replay import record, undo
    from kg.ontology import load_ontology
    from kg.pipeline import ingest, reextract
    from kg.sources.files import read_files
    from kg.store import open_store

    extractor = default_extractor()
    settings, onto = load_settings(), load_ontology()
    results: dict[str, float | int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        _corpus(work / "corpus.jsonl", args.copies)
        _corpus(work / "more.jsonl", args.copies, "-more")
        with open_store(work / "graph.lbdb") as store:
            t0 = time.perf_counter()
            ingest(
                read_files([work / "corpus.jsonl"], zone=settings.zone, ontology=onto),
                store,
                extractor,
            )
            results["ingest_plain_s"] = round(time.perf_counter() - t0, 2)
            results["articles"] = store.stats().articles

            t0 = time.perf_counter()
            merged, report = record(store, extractor, build.merge(store, *args.merge))
            results["merge_s"] = round(time.perf_counter() - t0, 2)
            results["merge_articles"] = report.articles

            t0 = time.perf_counter()
            ingest(
                read_files([work / "more.jsonl"], zone=settings.zone, ontology=onto),
                store,
                extractor,
            )
            results["ingest_curated_s"] = round(time.perf_counter() - t0, 2)

            t0 = time.perf_counter()
            reextract(store, extractor)
            results["reextract_curated_s"] = round(time.perf_counter() - t0, 2)

            t0 = time.perf_counter()
            _, report = undo(store, extractor, merged.id)
            results["undo_s"] = round(time.perf_counter() - t0, 2)
            results["undo_articles"] = report.articles
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for key, value in results.items():
            print(f"{key:22} {value}")


if __name__ == "__main__":
    main()
