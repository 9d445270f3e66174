"""Where alerts go: the console, a JSONL file, a webhook. Each sink has a redacted id.

The id names a sink in output and in the graph without its secret: a webhook is
``webhook:https://hooks.example.com#3fa9c1d2e4`` (scheme, host, a hash of the full URL),
a file ``jsonl:alerts.jsonl#0b1c2d3e4f`` (its name and a hash of its absolute path).

The JSONL sink is idempotent: it appends only alerts whose id the file does not hold yet,
and drops a torn last line a killed run left behind, so the file holds one line per alert
id whatever happened to earlier runs. A webhook receives a stable ``id`` with every alert
and an ``Idempotency-Key`` header per batch, the same when a batch is retried.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from kg.errors import SourceError
from kg.sources.webhook import post_json, resolve_url
from reports.alerts.watchlist import Sink


def _digest(text: str, size: int = 10) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:size]


def jsonl_path(sink: Sink, base_dir: Path) -> Path:
    path = Path(sink.jsonl or "")
    return (path if path.is_absolute() else base_dir / path).resolve()


def sink_id(sink: Sink, base_dir: Path) -> str:
    if sink.console is not None:
        return "console"
    if sink.jsonl:
        path = jsonl_path(sink, base_dir)
        return f"jsonl:{path.name}#{_digest(str(path))}"
    try:
        url = resolve_url(sink.webhook or "")
    except SourceError:
        return f"webhook:{sink.webhook}#unset"
    parsed = httpx.URL(url)
    port = f":{parsed.port}" if parsed.port else ""
    return f"webhook:{parsed.scheme}://{parsed.host}{port}#{_digest(url)}"


def _ids_and_repair(path: Path) -> set[str]:
    """Alert ids the file holds; a last line without its newline (a write cut short by a
    kill) is cut off so the next append starts on a fresh line."""
    if not path.exists():
        return set()
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        keep = data.rfind(b"\n") + 1
        with path.open("r+b") as handle:
            handle.truncate(keep)
        data = data[:keep]
    ids = set()
    for line in data.splitlines():
        try:
            record = json.loads(line)
        except ValueError:
            continue
        if isinstance(record, dict) and isinstance(record.get("id"), str):
            ids.add(record["id"])
    return ids


def append_jsonl(path: Path, alerts: list[dict[str, Any]], *, dedupe: bool = True) -> int:
    """Append the alerts the file does not hold yet, in one write() of whole lines with
    O_APPEND (concurrent writers never interleave a line); returns how many were written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    have = _ids_and_repair(path) if dedupe else set()
    fresh = [a for a in alerts if a["id"] not in have]
    if not fresh:
        return 0
    data = "".join(json.dumps(a, ensure_ascii=False, sort_keys=True) + "\n" for a in fresh)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        os.write(fd, data.encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return len(fresh)


def slack_text(alerts: list[dict[str, Any]]) -> str:
    lines = [f"{len(alerts)} AI Intel KG alert(s)"]
    for a in alerts[:20]:
        lines.append(f"• [{a['severity']}] {a['entry']} / {a['rule']}: {a['detail']} ({a['date']})")
    return "\n".join(lines)


def send(
    sink: Sink,
    sid: str,
    alerts: list[dict[str, Any]],
    *,
    console: Callable[[list[dict[str, Any]]], None] | None,
    timeout: float,
    base_dir: Path,
    replay: bool = False,
) -> None:
    """Deliver or raise ``SourceError`` / ``OSError``."""
    if sink.console is not None:
        if console:
            console(alerts)
    elif sink.jsonl:
        append_jsonl(jsonl_path(sink, base_dir), alerts, dedupe=not replay)
    elif sink.webhook:
        key = _digest(sid + " " + " ".join(sorted(a["id"] for a in alerts)), 32)
        post_json(
            resolve_url(sink.webhook),
            {"text": slack_text(alerts), "alerts": alerts},
            timeout=timeout,
            headers={"Idempotency-Key": key},
        )
