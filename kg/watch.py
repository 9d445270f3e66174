"""Watch runs: evaluate a watchlist over a day, remember alerts in the graph, deliver each once.

An alert is recorded in the store before delivery with no sink marked; each sink that
accepts it is added to its ``delivered`` list. A sink that fails leaves the alert pending
and the next run delivers it, so nothing is lost and nothing is sent twice.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from kg.errors import SourceError
from kg.sources.webhook import post_json, resolve_url
from kg.store.base import GraphStore
from reports.watch_data import day_data
from reports.watchlist import Sink, Watchlist, evaluate


@dataclass
class WatchResult:
    evaluated: int = 0
    new: int = 0
    delivered: dict[str, int] = field(default_factory=dict)
    pending: dict[str, int] = field(default_factory=dict)
    failures: list[str] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)


def append_jsonl(path: Path, alerts: list[dict[str, Any]]) -> None:
    """One write() of whole lines with O_APPEND: concurrent writers never interleave a line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = "".join(
        json.dumps(a, ensure_ascii=False, sort_keys=True) + "\n" for a in alerts
    ).encode()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def slack_text(alerts: list[dict[str, Any]]) -> str:
    lines = [f"{len(alerts)} AI Intel KG alert(s)"]
    for a in alerts[:20]:
        lines.append(f"• [{a['severity']}] {a['entry']} / {a['rule']}: {a['detail']} ({a['date']})")
    return "\n".join(lines)


def run_watch(
    store: GraphStore,
    watchlist: Watchlist,
    day: date,
    *,
    replay: bool = False,
    console: Callable[[list[dict[str, Any]]], None] | None = None,
    webhook_timeout: float = 10.0,
    base_dir: Path = Path("."),
) -> WatchResult:
    result = WatchResult()
    alerts = evaluate(watchlist, day.isoformat(), day_data(store, day))
    result.evaluated = len(alerts)
    known = store.known_alerts(a["id"] for a in alerts)
    now = datetime.now(UTC).isoformat()
    for alert in alerts:
        if alert["id"] not in known:
            store.add_alert(
                {k: alert[k] for k in ("id", "entry", "rule", "entity", "kind", "date", "severity")}
                | {"payload": json.dumps(alert, ensure_ascii=False, sort_keys=True), "created": now}
            )
            known[alert["id"]] = []
            result.new += 1
    # Everything not yet accepted by every sink, from this run or an earlier one.
    pending = {
        a["id"]: json.loads(a["payload"]) for a in store.pending_alerts(len(watchlist.sinks))
    }
    delivered = {
        a["id"]: list(a["delivered"] or []) for a in store.pending_alerts(len(watchlist.sinks))
    }
    if replay:
        pending |= {a["id"]: a for a in alerts}
    for sink in watchlist.sinks:
        todo = [
            a
            for aid, a in sorted(pending.items())
            if replay or sink.key not in delivered.get(aid, known.get(aid, []))
        ]
        if not todo:
            continue
        try:
            _send(sink, todo, console, webhook_timeout, base_dir)
        except (SourceError, OSError) as exc:
            result.failures.append(f"{sink.key.split(':', 1)[0]}: {exc}")
            result.pending[sink.key] = len(todo)
            continue
        result.delivered[sink.key] = len(todo)
        for alert in todo:
            have = set(delivered.get(alert["id"], known.get(alert["id"], [])))
            have.add(sink.key)
            delivered[alert["id"]] = sorted(have)
            store.set_delivered(alert["id"], sorted(have))
    result.alerts = alerts
    return result


def _send(
    sink: Sink, alerts: list[dict[str, Any]], console, timeout: float, base_dir: Path
) -> None:
    if sink.console is not None:
        if console:
            console(alerts)
    elif sink.jsonl:
        path = Path(sink.jsonl)
        append_jsonl(path if path.is_absolute() else base_dir / path, alerts)
    elif sink.webhook:
        post_json(
            resolve_url(sink.webhook),
            {"text": slack_text(alerts), "alerts": alerts},
            timeout=timeout,
        )
