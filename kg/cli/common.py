"""What every command shares: consoles, options, opening the store, tables, progress, exit codes."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from kg.config import load_settings
from kg.errors import (
    ConfigError,
    InputError,
    KGError,
    ReportError,
    StoreLockedError,
    UnknownQueryError,
)

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

StoreOpt = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="Graph location: a path (embedded store) or neo4j://, bolt:// URI. Default: KG_STORE or ~/.local/share/ai-intel-kg/graph.lbdb",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]

EXIT_FAILED, EXIT_USAGE, EXIT_QUARANTINED, EXIT_LOCKED = 1, 2, 3, 4
SAMPLE_DIR = Path(__file__).parent.parent / "sample"


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, default=str)


def _open(store: str | None, *, read_only: bool = False, create: bool = True):
    from kg.store import open_store

    settings = load_settings()
    return open_store(
        settings.store_location(store),
        read_only=read_only,
        create=create,
        buffer_pool_mb=settings.buffer_pool_mb,
        checkpoint_mb=settings.checkpoint_mb,
    )


def _table(rows: list[dict[str, Any]], title: str = "") -> Table:
    table = Table(title=title or None, show_lines=False)
    columns = list(rows[0]) if rows else []
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*[_cell(row[c]) for c in columns])
    return table


def _cell(value: Any) -> str:
    if isinstance(value, list):
        text = ", ".join(str(v) for v in value[:6]) + (
            f" … (+{len(value) - 6})" if len(value) > 6 else ""
        )
        return text
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    )


def _parse_params(values: list[str]) -> dict[str, str]:
    params = {}
    for value in values:
        key, sep, val = value.partition("=")
        if not sep or not key.strip():
            raise InputError(
                f"--param {value}", "write parameters as NAME=VALUE, e.g. --param day=2026-03-07"
            )
        params[key.strip()] = val
    return params


def _write_whole(path: Path, text: str) -> None:
    """All of ``text`` at ``path`` or nothing there: a full disk leaves no truncated report."""
    from kg.atomic_file import write_text_atomically

    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        write_text_atomically(path, text)
    except OSError as exc:
        reason = "the disk is full" if exc.errno == 28 else exc.strerror or str(exc)
        raise InputError(str(path), f"cannot write the report: {reason}") from None


def _day(value: str, option: str = "--date") -> date:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option} {value}", "expected a date as YYYY-MM-DD") from None
    # windows and baselines reach back a year from the day; 0001-01-05 overflowed them
    if not 1900 <= day.year <= 9000:
        raise InputError(f"{option} {value}", "expected a year between 1900 and 9000")
    return day


def _exit_code(exc: KGError) -> int:
    if isinstance(exc, StoreLockedError):
        return EXIT_LOCKED
    if isinstance(exc, InputError | ConfigError | UnknownQueryError):
        return EXIT_USAGE
    if isinstance(exc, ReportError):
        return EXIT_FAILED
    return EXIT_FAILED
