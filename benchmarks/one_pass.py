"""How many statements and query-file parses one ``kg report --watchlist`` costs, and its time.

    python benchmarks/one_pass.py STORE DAY WATCHLIST

Counts every ``store.run`` and every query file parsed while writing the report with the
watchlist (best time of five runs). Before the day was loaded once (reports/day.py), the
trends were computed twice and the query files re-parsed per stage.
"""

from __future__ import annotations

import sys
import time
from datetime import date
from pathlib import Path

import queries
from kg.ontology import load_ontology
from kg.store import open_store
from reports import write_report
from reports.alerts import load_watchlist


def main(store_path: str, day: str, watchlist: str, repeat: int = 5) -> None:
    calls = {"parse": 0, "run": 0}
    parse = queries.parse_query_file

    def counting_parse(path):
        calls["parse"] += 1
        return parse(path)

    queries.parse_query_file = counting_parse
    onto = load_ontology()
    spec = load_watchlist(Path(watchlist), onto.kind_names, onto.relation_names)
    with open_store(store_path, read_only=True) as store:
        run = store.run

        def counting_run(*args, **kwargs):
            calls["run"] += 1
            return run(*args, **kwargs)

        store.run = counting_run
        best = float("inf")
        for _ in range(repeat):
            calls.update(parse=0, run=0)
            t0 = time.perf_counter()
            write_report(store, date.fromisoformat(day), watchlist=spec)
            best = min(best, time.perf_counter() - t0)
    print(
        f"report with watchlist: best of {repeat} {best * 1000:.0f} ms, "
        f"{calls['run']} statements, {calls['parse']} query files parsed"
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
