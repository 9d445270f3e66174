"""Curation commands: kg entity merge/split/rename/kind, kg alias add/remove, kg curation.

Each change is recorded in the graph, applied to what is stored at once and to every later
ingest and `kg reextract`, and can be taken back with `kg curation undo ID`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from kg.cli.common import JsonOpt, StoreOpt, _dump, _open, _table, out

WhyOpt = Annotated[str, typer.Option("--why", help="Why (kept with the curation).")]
WhoOpt = Annotated[str, typer.Option("--who", help="Who decided (kept with the curation).")]
EntityArg = Annotated[str, typer.Argument(help="An entity id (Kind:slug) or its name.")]


def _record(store: str | None, build: Callable, who: str, why: str, as_json: bool) -> None:
    from kg.curation.replay import record
    from kg.extractor import configured_extractor

    with _open(store, create=False) as graph:
        curation, report = record(graph, configured_extractor(), build(graph), who=who, why=why)
    if as_json:
        out.print(_dump({**curation.listing(), **report.as_dict()}))
        return
    out.print(
        f"{curation.id}: {curation.describe()} ({report.articles} articles re-extracted); "
        f"undo with `kg curation undo {curation.id}`"
    )
    for problem in report.failed:
        out.print(f"[yellow]not re-extracted[/] {problem}")


def entity_merge(
    entity: EntityArg,
    into: Annotated[str, typer.Argument(help="The entity that stays (id or name).")],
    why: WhyOpt = "",
    who: WhoOpt = "",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Merge ENTITY into INTO: mentions, relations and statements move; both names stay as aliases."""
    from kg.curation import build

    _record(store, lambda g: build.merge(g, entity, into), who, why, as_json)


def entity_split(
    entity: EntityArg,
    alias: Annotated[
        list[str],
        typer.Option(
            "--alias", help="A name of ENTITY whose mentions are another entity; repeatable."
        ),
    ],
    name: Annotated[
        str | None,
        typer.Option("--name", help="The new entity's name (default: the first --alias)."),
    ] = None,
    kind: Annotated[
        str | None, typer.Option("--kind", help="The new entity's kind (default: ENTITY's).")
    ] = None,
    why: WhyOpt = "",
    who: WhoOpt = "",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Split a wrong merge: mentions seen under --alias move to a new entity."""
    from kg.curation import build

    _record(store, lambda g: build.split(g, entity, alias, name=name, kind=kind), who, why, as_json)


def entity_rename(
    entity: EntityArg,
    new_name: Annotated[str, typer.Argument(help="The canonical name from now on.")],
    why: WhyOpt = "",
    who: WhoOpt = "",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Give an entity another canonical name (its id follows; the old name stays an alias)."""
    from kg.curation import build

    _record(store, lambda g: build.rename(g, entity, new_name), who, why, as_json)


def entity_kind(
    entity: EntityArg,
    kind: Annotated[str, typer.Argument(help="An entity kind of the ontology, e.g. Model.")],
    why: WhyOpt = "",
    who: WhoOpt = "",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Change an entity's kind (its id follows: Kind:slug)."""
    from kg.curation import build

    _record(store, lambda g: build.change_kind(g, entity, kind), who, why, as_json)


def alias_add(
    entity: EntityArg,
    alias: Annotated[str, typer.Argument(help="Another name of ENTITY.")],
    why: WhyOpt = "",
    who: WhoOpt = "",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Add an alias; entities already stored under that name are merged into ENTITY."""
    from kg.curation import build

    _record(store, lambda g: build.alias_add(g, entity, alias), who, why, as_json)


def alias_remove(
    entity: EntityArg,
    alias: Annotated[str, typer.Argument(help="One of ENTITY's aliases.")],
    why: WhyOpt = "",
    who: WhoOpt = "",
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Remove an alias from an entity (its mentions stay; see `kg entity split` to move them)."""
    from kg.curation import build

    _record(store, lambda g: build.alias_remove(g, entity, alias), who, why, as_json)


def curation_list(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """Every curation, oldest first, undone ones included (their `undone` says when)."""
    from kg.curation import load_log

    with _open(store, read_only=True) as graph:
        rows = [c.listing() for c in load_log(graph)]
    out.print(_dump(rows) if as_json else _table(rows, f"{len(rows)} curations"))


def curation_undo(
    ident: Annotated[str, typer.Argument(help="A curation id from `kg curation list`, e.g. c3.")],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Take a curation back: the graph returns to what it would be without it."""
    from kg.curation.replay import undo
    from kg.extractor import configured_extractor

    with _open(store, create=False) as graph:
        curation, report = undo(graph, configured_extractor(), ident)
    if as_json:
        out.print(_dump({**curation.listing(), **report.as_dict()}))
        return
    again = f"; redone after it: {', '.join(report.replayed)}" if report.replayed else ""
    out.print(
        f"{curation.id} undone: {curation.describe()} ({report.articles} articles re-extracted{again})"
    )
