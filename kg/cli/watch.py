"""``kg watch``: evaluate the watchlist and deliver alerts."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import (
    EXIT_QUARANTINED,
    JsonOpt,
    StoreOpt,
    _day,
    _dump,
    _open,
    err,
    out,
)
from kg.config import load_settings
from kg.errors import InputError


def watch(
    day: Annotated[
        str | None, typer.Option("--date", help="Day YYYY-MM-DD (default: the latest day).")
    ] = None,
    watchlist: Annotated[
        Path | None,
        typer.Option(
            "--watchlist", help="Watchlist YAML (default: KG_WATCHLIST or ./watchlist.yaml)."
        ),
    ] = None,
    replay: Annotated[
        bool, typer.Option("--replay", help="Send this day's alerts again, even if delivered.")
    ] = False,
    fail_on_alert: Annotated[
        bool, typer.Option("--fail-on-alert", help="Exit 5 when any new alert fired.")
    ] = False,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Evaluate the watchlist for a day and deliver each alert once to its sinks."""
    import os

    from kg.ontology import load_ontology
    from reports.alerts import load_watchlist, run_watch

    settings = load_settings()
    path = watchlist or Path(os.environ.get("KG_WATCHLIST") or "watchlist.yaml")
    onto = load_ontology()
    spec = load_watchlist(path, onto.kind_names, onto.relation_names)

    def show(alerts: list[dict]) -> None:
        for a in alerts:
            err.print(
                f"[bold]{a['severity']}[/] {a['entry']} · {a['rule']} · {a['detail']}",
                highlight=False,
            )
            for ev in a["evidence"][:3]:
                err.print(f"    {ev['title']} <{ev['url']}>", highlight=False, markup=False)

    with _open(store) as graph:
        days = graph.stats().days
        if not days:
            raise InputError(graph.location, "the graph holds no articles")
        target = _day(day) if day else date.fromisoformat(days[-1])
        result = run_watch(
            graph,
            spec,
            target,
            replay=replay,
            console=None if as_json else show,
            webhook_timeout=settings.http_timeout,
            base_dir=path.parent,
        )
    if as_json:
        out.print(_dump(result.as_dict(target)))
    else:
        for failure in result.failures:
            err.print(f"[yellow]delivery failed[/] {failure}", highlight=False)
        out.print(result.summary(target))
    if result.pending:
        raise typer.Exit(EXIT_QUARANTINED)
    if fail_on_alert and result.new:
        raise typer.Exit(5)
