"""Language line ratios of the zh-TW and en reports of every day of the bundled sample.

python benchmarks/sample_lines.py
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SAMPLE = Path(__file__).resolve().parent.parent / "kg" / "sample"


def main() -> None:
    from benchmarks.stories_bench import pooled
    from extractors import default_extractor
    from kg.config import load_settings
    from kg.ontology import load_ontology
    from kg.pipeline import ingest
    from kg.sources.files import read_files
    from kg.store import open_store
    from reports import write_report
    from reports.language import line_ratios

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.lbdb"
        with open_store(path) as store:
            ingest(
                read_files(
                    sorted(SAMPLE.glob("*.jsonl")),
                    zone=load_settings().zone,
                    ontology=load_ontology(),
                ),  # fmt: skip
                store,
                default_extractor(),
            )
            days = [date.fromisoformat(d) for d in store.stats().days]
            for lang in ("zh-TW", "en"):
                ratios = [line_ratios(write_report(store, d, lang=lang)) for d in days]
                print(f"{lang:<6} {pooled(ratios)}")


if __name__ == "__main__":
    main()
