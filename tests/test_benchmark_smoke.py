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
    "ingest_s",
    "report_s",
    "trends_s",
    "watch_s",
    "peak_rss_mb",
}


def test_day_scale_benchmark_runs():
    proc = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--scale", "day", "--json"],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    figures = json.loads(proc.stdout.strip().splitlines()[-1])
    assert set(figures) >= KEYS
    assert figures["articles"] == 1000 and figures["mb"] > 0
