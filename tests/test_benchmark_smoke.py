"""CI runs the day-scale benchmark once as a smoke test: it must run and report every figure.

No speed is asserted here; the figures are measured and reported by benchmarks/run.py.
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KEYS = {
    "articles",
    "mb",
    "extract_mb_s",
    "tokenizer_mb_s",
    "extract_ratio",
    "dense_extract_ratio",
    "prose_extract_ratio",
    "ingest_s",
    "report_s",
    "trends_s",
    "watch_s",
    "peak_rss_mb",
    "calibrated_extract_ratio",
    "synthetic_extract_mb_s_median",
    "synthetic_ahocorasick_mb_s_median",
    "synthetic_extract_to_floor",
    "ingest_rows_s_median",
    "copy_rows_s_median",
    "ingest_to_copy",
    "append_write_s_median",
    "append_close_s_median",
}
# tiny floors: a 60-article month, each figure timed twice
FLOORS = ("--floor-articles", "60", "--runs", "2", "--real-mb", "0.05")


def _bench(script: str, *args: str) -> dict:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *args, "--json"],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_day_scale_benchmark_runs_and_its_store_can_be_timed_per_query(tmp_path):
    figures = _bench("run.py", "--scale", "day", "--keep", str(tmp_path), *FLOORS)
    assert set(figures) >= KEYS
    assert figures["articles"] == 1000 and figures["mb"] > 0
    # the write floor loads the very graph the ingest wrote
    assert figures["copy_same_graph"] is True and figures["graph_rows"] > figures["month_articles"]
    assert figures["month_articles"] == 60 and figures["append_articles"] == 2
    # and the bulk path loads the same graph
    assert figures["bulk_same_graph"] is True and figures["bulk_to_copy"] > 0
    # real text is timed when the reference set is beside the checkout, else said why not
    assert "real_extract_to_floor" in figures or "skipped" in figures["real_note"]

    timed = _bench("query_speed.py", "--store", str(tmp_path / "bench.lbdb"))
    assert timed["articles"] == 1000
    for stage in ("report", "trends", "watch"):
        queries = {q["query"]: q for q in timed[f"{stage}_queries"]}
        assert "day_mentions_window" in queries and queries["day_mentions_window"]["rows"] > 0
        assert timed[f"{stage}_queries_s"] <= timed[f"{stage}_s"]
