"""Output for other tools: ``kg export`` and ``kg site``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import (
    JsonOpt,
    StoreOpt,
    _day,
    _dump,
    _open,
    _progress,
    out,
)
from kg.config import load_settings
from kg.errors import InputError


def export_cmd(
    fmt: Annotated[str, typer.Argument(help="stix, turtle, shapes, graphml or csv.")],
    out_path: Annotated[Path, typer.Option("--out", help="Output file (a directory for csv).")],
    since: Annotated[
        str | None, typer.Option("--since", help="First day (default: the first held).")
    ] = None,
    until: Annotated[
        str | None, typer.Option("--until", help="Last day (default: the last held).")
    ] = None,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", help="Only entities of this kind; repeatable.")
    ] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Export the graph of a window of days: STIX 2.1, RDF/Turtle, SHACL shapes, GraphML, CSV."""
    from dataclasses import asdict

    from kg.export import FORMATS, export, window_for

    if fmt not in FORMATS:
        raise InputError(f"kg export {fmt}", f"unknown format; use one of {', '.join(FORMATS)}")
    with _open(store, read_only=True, create=False) as graph, _progress() as progress:
        window = window_for(
            graph,
            _day(since, "--since") if since else None,
            _day(until, "--until") if until else None,
            kind,
        )
        task = progress.add_task(f"export {fmt}", total=None)
        result = export(graph, fmt, out_path, window, lambda n: progress.advance(task, n))
    out.print(_dump(asdict(result)) if as_json else result.summary())


def site(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the site into.")],
    since: Annotated[
        str | None,
        typer.Option("--since", help="First report day (default: 7 days before the last)."),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="zh-TW or en.")] = "zh-TW",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Write a static site: each day's report and a page per entity, with client-side search."""
    from dataclasses import asdict

    from reports.site import build_site

    settings = load_settings()
    with _open(store, read_only=True, create=False) as graph, _progress() as progress:
        task = progress.add_task("site pages", total=None)
        result = build_site(
            graph,
            out_dir,
            since=_day(since, "--since") if since else None,
            lang=lang,
            zone=settings.timezone,
            on_progress=lambda n: progress.advance(task, n),
        )
    out.print(_dump(asdict(result)) if as_json else result.summary())
