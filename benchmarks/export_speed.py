"""Time and size of every export and of the static site, on the sample corpus repeated.

    python benchmarks/export_speed.py [--copies 1] [--json]

The corpus is the bundled sample (210 articles) written ``--copies`` times with fresh ids and
URLs, ingested into a fresh embedded store in a temporary folder.
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    from extractors import default_extractor
    from kg.config import load_settings
    from kg.export import FORMATS, export, size_of, window_for
    from kg.ontology import load_ontology
    from kg.pipeline import ingest
    from kg.sources.files import read_files
    from kg.store import open_store
    from reports.site import build_site

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        corpus = work / "corpus.jsonl"
        with corpus.open("w", encoding="utf-8") as out:
            for copy in range(args.copies):
                for path in sorted((ROOT / "kg" / "sample").glob("*.jsonl")):
                    for line in path.read_text(encoding="utf-8").splitlines():
                        if line.strip():
                            row = json.loads(line)
                            if copy:
                                row["id"] = f"{row['id']}-c{copy}"
                                row["url"] = f"{row['url']}-c{copy}"
                            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        store_path = work / "graph.lbdb"
        settings = load_settings()
        with open_store(store_path) as store:
            ingest(
                read_files([corpus], zone=settings.zone, ontology=load_ontology()),
                store,
                default_extractor(),
            )
        results = {}
        with open_store(store_path, read_only=True) as store:
            stats = store.stats()
            window = window_for(store)
            for fmt in FORMATS:
                target = work / ("csv" if fmt == "csv" else f"out.{fmt}")
                start = time.perf_counter()
                result = export(store, fmt, target, window)
                results[fmt] = {
                    "seconds": round(time.perf_counter() - start, 3),
                    "bytes": size_of(target),
                    "entities": result.entities,
                    "relations": result.relations,
                    "articles": result.articles,
                    "objects": result.objects,
                }
            start = time.perf_counter()
            site = build_site(store, work / "site")
            results["site"] = {
                "seconds": round(time.perf_counter() - start, 3),
                "bytes": sum(p.stat().st_size for p in (work / "site").rglob("*.html")),
                "reports": site.reports,
                "entity_pages": site.entities,
            }
    summary = {
        "articles": stats.articles,
        "entities": stats.entities,
        "relations": stats.relations,
        "exports": results,
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    print(f"{stats.articles} articles, {stats.entities} entities, {stats.relations} relations")
    for name, r in results.items():
        print(f"  {name:8} {r['seconds']:7.2f} s  {r['bytes']:>11,} bytes")


if __name__ == "__main__":
    main()
