"""The ``kg`` command. Each command parses options, calls the library, prints the result.

Exit codes (for cron): 0 done; 1 the run failed; 2 bad input or usage; 3 done, but some
records were quarantined; 4 the store is locked by another process.

The commands live in one module per group; they are registered here, in one place, so the
order ``kg --help`` lists them in stays what it was.
"""

from __future__ import annotations

import sys

import typer

from kg.cli import curation, export, extract, ingest, report, store, watch
from kg.cli.common import _exit_code, err
from kg.errors import KGError

app = typer.Typer(
    help="AI Intel KG: entity tracker for AI-industry news.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
ingest_app = typer.Typer(help="Bring articles into the graph.", no_args_is_help=True)
quarantine_app = typer.Typer(
    help="Records that could not be ingested, kept verbatim.", no_args_is_help=True
)
entity_app = typer.Typer(
    help="Fix entities: merge, split, rename, change kind (recorded, undoable).",
    no_args_is_help=True,
)
alias_app = typer.Typer(
    help="Add or remove an entity's aliases (recorded, undoable).", no_args_is_help=True
)
curation_app = typer.Typer(help="The curations recorded in the graph.", no_args_is_help=True)
app.add_typer(ingest_app, name="ingest")
app.add_typer(quarantine_app, name="quarantine")
app.add_typer(entity_app, name="entity")
app.add_typer(alias_app, name="alias")
app.add_typer(curation_app, name="curation")

app.command()(store.init)
ingest_app.command("files")(ingest.ingest_files)
app.command()(extract.reextract)
ingest_app.command("arxiv")(ingest.ingest_arxiv)
ingest_app.command("feed")(ingest.ingest_feed)
ingest_app.callback(invoke_without_command=True)(ingest.ingest_all)
ingest_app.command("report")(ingest.ingest_report)
app.command()(store.query)
app.command()(store.cypher)
app.command()(report.report)
app.command()(extract.extract)
app.command()(report.trends)
app.command()(watch.watch)
app.command("eval")(extract.evaluate)
app.command()(store.stats)
app.command()(ingest.demo)
app.command()(store.sync)
quarantine_app.command("list")(store.quarantine_list)
quarantine_app.command("show")(store.quarantine_show)
quarantine_app.command("retry")(store.quarantine_retry)
app.command("export")(export.export_cmd)
app.command()(export.site)
entity_app.command("merge")(curation.entity_merge)
entity_app.command("split")(curation.entity_split)
entity_app.command("rename")(curation.entity_rename)
entity_app.command("kind")(curation.entity_kind)
alias_app.command("add")(curation.alias_add)
alias_app.command("remove")(curation.alias_remove)
curation_app.command("list")(curation.curation_list)
curation_app.command("undo")(curation.curation_undo)

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> None:
    """Console entry point; ``argv`` lets tests drive the real command in-process."""
    try:
        app(args=argv, prog_name="kg")
    except KGError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        sys.exit(_exit_code(exc))


if __name__ == "__main__":
    main()
