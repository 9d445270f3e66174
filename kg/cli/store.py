"""Commands over the store itself: init, query, cypher, stats, sync, quarantine."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg.cli.common import (
    EXIT_QUARANTINED,
    JsonOpt,
    StoreOpt,
    _dump,
    _open,
    _parse_params,
    _progress,
    _table,
    out,
)
from kg.cli.ingest import BulkOpt
from kg.config import load_settings
from kg.errors import InputError


def init(
    store: StoreOpt = None,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            help="Write a commented starter kg.toml to this path instead (e.g. --config kg.toml).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the --config file.")] = False,
) -> None:
    """Create the graph schema (idempotent); with --config, write a starter kg.toml."""
    if config is not None:
        from kg.starter_config import write_starter_config

        out.print(f"configuration written to {write_starter_config(config, force=force)}")
        return
    with _open(store) as graph:
        graph.init_schema()
        out.print(f"schema ready in {graph.location}")


def query(
    name: Annotated[str | None, typer.Argument(help="A query in queries/ (see --list).")] = None,
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, repeatable.")
    ] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the named queries.")] = False,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Run a named query from the query library (read-only)."""
    from queries import QueryLibrary

    if list_ or not name:
        listing = QueryLibrary("ladybug").listing()
        out.print(_dump(listing) if as_json else _table(listing, "named queries"))
        return
    with _open(store, read_only=True) as graph:
        from queries import library_for

        rows = library_for(graph).run(graph, name, _parse_params(param or []))
    out.print(_dump(rows) if as_json else _table(rows, f"{name}: {len(rows)} rows"))


def cypher(
    statement: Annotated[str, typer.Argument(help="One Cypher statement.")],
    param: Annotated[
        list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE (strings), repeatable.")
    ] = None,
    write: Annotated[
        bool, typer.Option("--write", help="Allow the statement to change the graph.")
    ] = False,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Run a Cypher statement; read-only unless --write."""
    if not write:
        from kg.cypher_guard import read_only_problem
        from kg.errors import QueryError

        problem = read_only_problem(statement)
        if problem:
            raise QueryError(f"refused: {problem}")
    with _open(store, read_only=not write, create=write) as graph:
        rows = graph.run(statement, _parse_params(param or []))
    out.print(_dump(rows) if as_json else _table(rows, f"{len(rows)} rows"))


def stats(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """Counts of articles, entities by kind and relations by type."""
    from dataclasses import asdict

    with _open(store, read_only=True) as graph:
        counts = asdict(graph.stats())
    if as_json:
        out.print(_dump(counts))
        return
    days = counts.pop("days")
    by_kind, by_type = counts.pop("entities_by_kind"), counts.pop("relations_by_type")
    out.print(_table([{"what": k, "count": v} for k, v in counts.items()], "graph"))
    out.print(_table([{"kind": k, "entities": v} for k, v in by_kind.items()], "entities by kind"))
    out.print(
        _table([{"type": k, "relations": v} for k, v in by_type.items()], "relations by type")
    )
    out.print(f"days: {days[0]} .. {days[-1]} ({len(days)})" if days else "days: none")


def sync(
    to: Annotated[
        str | None, typer.Option("--to", help="Destination store (path or neo4j:// URI).")
    ] = None,
    from_: Annotated[
        str | None, typer.Option("--from", help="Source store (default: --store / KG_STORE).")
    ] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
    bulk: BulkOpt = None,
) -> None:
    """Copy the whole graph between stores (idempotent): e.g. embedded -> Neo4j."""

    from kg.pipeline import bulk_target
    from kg.sync import sync as copy_graph

    settings = load_settings()
    source = from_ or settings.store_location(store)
    target = to or settings.store_location(store)
    if source == target:
        raise InputError(
            "kg sync",
            f"source and destination are the same store ({source}); give --to and/or --from",
        )
    with _open(source, read_only=True) as src, _open(target) as dst, _progress() as progress:
        total = src.stats()
        task = progress.add_task("articles", total=total.articles)
        # into an empty embedded store: planned in memory, loaded by COPY (kg/store/bulk.py)
        loader = bulk_target(dst, bulk, total.articles)
        try:
            report = copy_graph(src, loader or dst, lambda _what, n: progress.advance(task, n))
        except BaseException:
            if loader is not None:
                loader.discard()
            raise
        if loader is not None:
            loader.finish()
        after = dst.stats()
    if as_json:
        out.print(_dump(report.as_dict(src.location, dst.location, after)))
    else:
        out.print(report.summary(src.location, dst.location))


def quarantine_list(store: StoreOpt = None, as_json: JsonOpt = False) -> None:
    """Show every quarantined record with where it came from and why."""
    with _open(store, read_only=True) as graph:
        items = graph.quarantine()
    rows = [
        {"id": q.id, "source": q.source, "reason": q.reason, "at": q.at.isoformat()} for q in items
    ]
    out.print(_dump(rows) if as_json else _table(rows, f"{len(rows)} quarantined"))


def quarantine_show(
    ident: Annotated[
        str, typer.Argument(help="A quarantine id (or a unique prefix) from `kg quarantine list`.")
    ],
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Show one quarantined record in full, raw text included."""
    from kg.collect import select_quarantined

    with _open(store, read_only=True) as graph:
        matches = select_quarantined(graph.quarantine(), [ident])
    if len(matches) != 1:
        raise InputError(
            f"quarantine id {ident}",
            "no such record"
            if not matches
            else f"{len(matches)} records match; give more of the id",
        )
    item = matches[0]
    if as_json:
        out.print(_dump(item.model_dump(mode="json")))
    else:
        out.print(
            f"id:     {item.id}\nsource: {item.source}\nreason: {item.reason}\nat:     {item.at.isoformat()}\n"
        )
        out.print(item.raw, markup=False, highlight=False)


def quarantine_retry(
    ident: Annotated[
        list[str] | None, typer.Argument(help="Ids (or prefixes) to retry; all when omitted.")
    ] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Try quarantined records again; what now succeeds is ingested and leaves the quarantine."""
    from urllib.parse import urlsplit

    from kg.collect import retry_quarantined, select_quarantined
    from kg.extractor import configured_extractor
    from kg.sources.http import client

    settings = load_settings()
    with _open(store) as graph:
        items = select_quarantined(graph.quarantine(), ident)
        # retried pages are fetched under the --full-text rule: only the hosts of configured
        # feeds and of failed feeds (URLs the user gave) may be internal addresses
        feeds = [f.url for f in settings.feeds] + [
            q.source for q in items if not q.reason.startswith("full text:")
        ]
        http = client(
            settings.http_timeout,
            allowed_hosts=[urlsplit(u).hostname or "" for u in feeds],
            allow_private=settings.allow_private_hosts,
        )
        with http:
            results = retry_quarantined(graph, http, items, configured_extractor(), settings)
    rows = [{"id": r.id, "source": r.source, "outcome": r.outcome} for r in results]
    out.print(_dump(rows) if as_json else _table(rows, f"retried {len(rows)}"))
    raise typer.Exit(EXIT_QUARANTINED if any(r.outcome != "ingested" for r in results) else 0)
