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
}


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
    figures = _bench("run.py", "--scale", "day", "--keep", str(tmp_path))
    assert set(figures) >= KEYS
    assert figures["articles"] == 1000 and figures["mb"] > 0

    timed = _bench("query_speed.py", "--store", str(tmp_path / "bench.lbdb"))
    assert timed["articles"] == 1000
    for stage in ("report", "trends", "watch"):
        queries = {q["query"]: q for q in timed[f"{stage}_queries"]}
        assert "day_mentions_window" in queries and queries["day_mentions_window"]["rows"] > 0
        assert timed[f"{stage}_queries_s"] <= timed[f"{stage}_s"]
