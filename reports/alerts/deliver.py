"""Watch runs: evaluate a watchlist over a day, remember alerts in the graph, deliver each
once to each sink.

Delivery state lives per (alert, sink), the sink named by its redacted id:

- every alert the watchlist fires is *owed* to each of the watchlist's sinks (another
  watchlist with other sinks owes it to its own: no watchlist takes another's alerts);
- before sending, the batch is marked *sending* in one statement (the decision to send);
  after the sink accepts it, *delivered* in one statement;
- a run killed between the two leaves the batch *sending*: the next run sends that batch
  again, first and alone, and the sinks make that harmless (the JSONL file skips ids it
  holds; a webhook gets the same alert ids and the same Idempotency-Key).

A sink that fails keeps its alerts open and the next run retries them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from kg.errors import SourceError
from kg.store.base import GraphStore
from reports.alerts.rules import evaluate
from reports.alerts.sinks import send, sink_id
from reports.alerts.watchlist import Watchlist


@dataclass
class WatchResult:
    evaluated: int = 0
    new: int = 0
    delivered: dict[str, int] = field(default_factory=dict)
    pending: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)
    sinks: list[str] = field(default_factory=list)

    def summary(self, day: date) -> str:
        return (
            f"{day}: {self.evaluated} alerts evaluated, {self.new} new, delivered "
            f"{sum(self.delivered.values())}, pending {sum(self.pending.values())}"
        )

    def as_dict(self, day: date) -> dict[str, Any]:
        return {
            "date": day.isoformat(),
            "evaluated": self.evaluated,
            "new": self.new,
            "delivered": self.delivered,
            "pending": self.pending,
            "failures": self.failures,
            "sinks": self.sinks,
            "alerts": self.alerts,
        }


def run_watch(
    store: GraphStore,
    watchlist: Watchlist,
    day: date,
    *,
    replay: bool = False,
    console: Callable[[list[dict[str, Any]]], None] | None = None,
    webhook_timeout: float = 10.0,
    base_dir: Path = Path("."),
    context=None,
) -> WatchResult:
    """``context``: the day already loaded (``reports.day.DayContext``), so nothing is read twice."""
    from reports.day import load_context

    ctx = context or load_context(store, day)
    result = WatchResult()
    alerts = evaluate(watchlist, day.isoformat(), ctx.alert_data())
    result.evaluated = len(alerts)
    result.alerts = alerts
    known = store.known_alerts(a["id"] for a in alerts)
    now = datetime.now(UTC).isoformat()
    fresh = [a for a in alerts if a["id"] not in known]
    store.add_alerts(
        [
            {k: a[k] for k in ("id", "entry", "rule", "entity", "kind", "date", "severity")}
            | {"payload": json.dumps(a, ensure_ascii=False, sort_keys=True), "created": now}
            for a in fresh
        ]
    )
    result.new = len(fresh)
    by_id = {a["id"]: a for a in alerts}
    for sink in watchlist.sinks:
        sid = sink_id(sink, base_dir)
        result.sinks.append(sid)
        state = store.deliveries(by_id, sid)
        # Stores from before per-sink state listed accepting sinks on the alert itself.
        legacy = [aid for aid, sinks in known.items() if sink.legacy_key in sinks]
        newly_owed = [a for a in by_id if a not in state and a not in legacy]
        store.set_deliveries(newly_owed, sid, "owed", now)
        store.set_deliveries([a for a in legacy if a not in state], sid, "delivered", now)
        open_ = store.open_deliveries(sid)
        retry = [a for a, s in open_.items() if s == "sending"]
        owed = [a for a, s in open_.items() if s == "owed"]
        batches = [retry, owed]
        if replay:
            batches.append([a for a in by_id if a not in open_])
        payloads = _payloads(store, [a for batch in batches for a in batch], by_id)
        sent = 0
        for number, batch in enumerate(batches):
            todo = [payloads[a] for a in batch if a in payloads]
            if not todo:
                continue
            if number == 1:
                store.set_deliveries([a["id"] for a in todo], sid, "sending", now)
            try:
                send(
                    sink,
                    sid,
                    todo,
                    console=console,
                    timeout=webhook_timeout,
                    base_dir=base_dir,
                    replay=number == 2,
                )
            except (SourceError, OSError) as exc:
                result.failures.append(f"{sid}: {exc}")
                result.pending[sid] = sum(len(b) for b in batches[number:2])
                break
            store.set_deliveries([a["id"] for a in todo], sid, "delivered", now)
            sent += len(todo)
        if sent:
            result.delivered[sid] = sent
    return result


def _payloads(
    store: GraphStore, ids: list[str], fired: dict[str, dict[str, Any]]
) -> dict[str, dict[str, Any]]:
    """Alerts by id: this run's as fired, earlier ones as they were stored."""
    out = {a: fired[a] for a in ids if a in fired}
    earlier = [a for a in ids if a not in out]
    if earlier:
        out |= {a: json.loads(p) for a, p in store.alert_payloads(earlier).items()}
    return out
