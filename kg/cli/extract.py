"""Extraction commands: extract, eval, reextract."""

from __future__ import annotations

import json
import sys
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
    _progress,
    _table,
    err,
    out,
)
from kg.config import load_settings
from kg.errors import InputError


def reextract(
    since: Annotated[
        str | None,
        typer.Option("--since", help="Only articles of this day (YYYY-MM-DD) and later."),
    ] = None,
    store: StoreOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Re-run extraction over stored articles (after a gazetteer change); annotations stay."""
    from dataclasses import asdict

    from kg.extractor import configured_extractor
    from kg.pipeline import reextract as run_reextract

    settings = load_settings()
    extractor = configured_extractor()
    with _open(store) as graph, _progress() as progress:
        task = progress.add_task("re-extracting", total=graph.stats().articles)
        report = run_reextract(
            graph,
            extractor,
            since=_day(since, "--since") if since else None,
            batch_size=settings.batch_size,
            on_progress=lambda n: progress.advance(task, n),
        )
    out.print(
        _dump({**asdict(report), "extractor": extractor.name}) if as_json else report.summary()
    )


def extract(
    jsonl: Annotated[Path, typer.Option("--jsonl", help="Input lines {id, text, lang?, title?}.")],
    out_file: Annotated[
        Path | None, typer.Option("--out", help="Output JSONL (default stdout).")
    ] = None,
) -> None:
    """Extract entities and relations from texts, one JSON line out per line in."""
    from kg.extract_lines import extract_jsonl
    from kg.extractor import configured_extractor

    if not jsonl.is_file():
        raise InputError(str(jsonl), "no such file")
    extractor = configured_extractor()
    failures = 0
    sink = out_file.open("w", encoding="utf-8") if out_file else sys.stdout
    try:
        for where, line, problem in extract_jsonl(jsonl, extractor):
            if line is None:
                failures += 1
                err.print(f"[yellow]skipped[/] {where}: {problem}")
                continue
            sink.write(json.dumps(line, ensure_ascii=False) + "\n")
    finally:
        if out_file:
            sink.close()
    if failures:
        raise typer.Exit(EXIT_QUARANTINED)


def evaluate(
    gold: Annotated[
        list[Path], typer.Argument(help="Gold JSONL files: {id, text, lang, entities, relations}.")
    ],
    as_json: JsonOpt = False,
    errors: Annotated[
        Path | None, typer.Option("--errors", help="Write every miss and false alarm here (JSONL).")
    ] = None,
    unseen: Annotated[
        bool,
        typer.Option(
            "--unseen", help="Remove every gold name from the gazetteer first: measures discovery."
        ),
    ] = False,
    concepts: Annotated[
        bool,
        typer.Option(
            "--concepts",
            help="Score the extraction's concepts ('Large Language Model', RL) as Method names too, for "
            "gold sets whose guidelines annotate them (tests/data/gold/seeds.jsonl).",
        ),
    ] = False,
) -> None:
    """Score extraction against gold files: P/R/F1 per kind, core kinds, all, relations."""
    from extractors.evaluation import (
        CORE_KINDS,
        evaluate,
        load_gold,
        without_gold_names,
        write_errors,
    )
    from kg.extractor import configured_extractor

    extractor = configured_extractor()
    docs = load_gold(gold)
    if unseen:
        extractor = without_gold_names(extractor, docs)
    result = evaluate(docs, extractor, concepts=concepts)
    if errors:
        write_errors(result, errors)
    data = {**result.as_dict(), "extractor": extractor.name}
    if as_json:
        out.print(_dump(data))
        return
    rows = [{"scope": k, **v} for k, v in data["by_kind"].items()]
    rows += [
        {"scope": f"core ({', '.join(CORE_KINDS)})", **data["core"]},
        {"scope": "all kinds", **data["all"]},
        {"scope": "relations", **data["relations"]},
    ]
    out.print(_table(rows, f"{data['documents']} documents, extractor {data['extractor']}"))
