"""Where a day's report, trends and watch spend their time on an existing graph.

    python benchmarks/query_speed.py --store PATH [--date D] [--json] [--repeat N]

Times the three read stages the way ``kg report``, ``kg trends`` and ``kg watch`` run them
(best of ``--repeat`` runs each) and, inside each stage, every named query by name: rows
returned and seconds. Keep a year store from ``benchmarks/run.py --scale year --keep DIR``
and point ``--store`` at ``DIR/bench.lbdb``. Watch runs on a copy-free read of the
watchlist rules (alerts are not delivered), so the store is not changed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.run import WATCHLIST  # noqa: E402


class _Timed:
    """Wraps QueryLibrary.run to add up seconds and rows per named query."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.rows: dict[str, int] = defaultdict(int)
        self.calls: dict[str, int] = defaultdict(int)

    def install(self):
        import queries

        original = queries.QueryLibrary.run
        timed = self

        def run(lib, store, name, params=None):
            t0 = time.perf_counter()
            rows = original(lib, store, name, params)
            timed.seconds[name] += time.perf_counter() - t0
            timed.rows[name] += len(rows)
            timed.calls[name] += 1
            return rows

        queries.QueryLibrary.run = run
        return original

    def table(self) -> list[dict]:
        return [
            {
                "query": name,
                "calls": self.calls[name],
                "rows": self.rows[name],
                "seconds": round(self.seconds[name], 3),
            }
            for name in sorted(self.seconds, key=lambda n: -self.seconds[n])
        ]


def measure(store_path: Path, day: date | None, repeat: int, workdir: Path) -> dict:
    import queries
    from kg.config import load_settings
    from kg.ontology import load_ontology
    from kg.store import open_store
    from reports import write_report
    from reports.alerts import evaluate, load_watchlist
    from reports.day import load_context
    from reports.trend_data import trends_for

    settings = load_settings()
    onto = load_ontology()
    watchlist_file = workdir / "watchlist.yaml"
    watchlist_file.write_text(WATCHLIST, encoding="utf-8")
    spec = load_watchlist(watchlist_file, onto.kind_names, onto.relation_names)
    result: dict = {"store": str(store_path)}
    with open_store(store_path, read_only=True, buffer_pool_mb=settings.buffer_pool_mb) as store:
        t0 = time.perf_counter()
        stats = store.stats()
        result["stats_s"] = round(time.perf_counter() - t0, 3)
        result["articles"] = stats.articles
        result["entities"] = stats.entities
        result["mentions"] = stats.mentions
        result["relations"] = stats.relations
        day = day or date.fromisoformat(stats.days[-1])
        result["date"] = day.isoformat()
        stages = {
            "report": lambda: write_report(store, day),
            "trends": lambda: trends_for(store, day),
            "watch": lambda: evaluate(spec, day.isoformat(), load_context(store, day).alert_data()),
        }
        for stage, run in stages.items():
            best = None
            for _ in range(repeat):
                timed = _Timed()
                original = timed.install()
                try:
                    t0 = time.perf_counter()
                    run()
                    seconds = time.perf_counter() - t0
                finally:
                    queries.QueryLibrary.run = original
                if best is None or seconds < best[0]:
                    best = (seconds, timed)
            seconds, timed = best
            in_queries = sum(timed.seconds.values())
            result[f"{stage}_s"] = round(seconds, 3)
            result[f"{stage}_queries_s"] = round(in_queries, 3)
            result[f"{stage}_queries"] = timed.table()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, required=True)
    parser.add_argument("--date", type=date.fromisoformat, help="Report day (default: last).")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.store.exists():
        parser.error(f"--store {args.store}: no such store; keep one with run.py --keep DIR")
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        result = measure(args.store, args.date, max(1, args.repeat), Path(tmp))
    if args.json:
        print(json.dumps(result))
        return
    for key, value in result.items():
        if isinstance(value, list):
            print(f"{key}:")
            for row in value:
                print(
                    f"    {row['query']:<26} {row['calls']:>3} calls {row['rows']:>8} rows "
                    f"{row['seconds']:>8.3f} s"
                )
        else:
            print(f"{key:<20} {value}")


if __name__ == "__main__":
    main()
