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
            since=_day(since) if since else None,
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
    from kg.extractor import configured_extractor

    if not jsonl.is_file():
        raise InputError(str(jsonl), "no such file")
    extractor = configured_extractor()
    failures = 0
    sink = out_file.open("w", encoding="utf-8") if out_file else sys.stdout
    try:
        with jsonl.open("rb") as handle:
            for number, raw in enumerate(handle, start=1):
                if not raw.strip():
                    continue
                where = f"{jsonl}:{number}"
                try:
                    record = json.loads(raw.decode("utf-8"))
                    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                        raise ValueError("expected an object with a 'text' string")
                except (UnicodeDecodeError, ValueError) as exc:
                    failures += 1
                    err.print(f"[yellow]skipped[/] {where}: {exc}")
                    continue
                result = extractor.extract(
                    record["text"],
                    title=str(record.get("title") or ""),
                    article_id=str(record.get("id", number)),
                    lang=str(record.get("lang") or ""),
                )
                line = {
                    "id": record.get("id", number),
                    "entities": [
                        {"name": e.name, "kind": e.kind, "surfaces": list(e.surfaces)}
                        for e in result.entities
                    ],
                    "relations": [
                        {
                            "head": r.head,
                            "type": r.type,
                            "tail": r.tail,
                            "evidence": r.evidence,
                            # what the sentence says about the fact, and the reference
                            # phrase an end was resolved through (empty when named)
                            "qualifiers": dict(r.qualifiers),
                            "via": r.via,
                        }
                        for r in result.relations
                    ],
                }
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
            help="Score generic concepts ('Large Language Model', RL) as names too, for gold "
            "sets whose guidelines annotate them (tests/data/gold/seeds.jsonl).",
        ),
    ] = False,
) -> None:
    """Score extraction against gold files: P/R/F1 per kind, core kinds, all, relations."""
    from extractors.evaluation import CORE_KINDS, Evaluation, score_document
    from extractors.generic import named_only
    from kg.extractor import configured_extractor

    extractor = configured_extractor()
    docs = []
    for path in gold:
        if not path.is_file():
            raise InputError(str(path), "no such file")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    docs.append(json.loads(line))
                except ValueError as exc:
                    raise InputError(f"{path}:{number}", f"not JSON: {exc}") from None
    if unseen:
        from extractors.extractor import RuleExtractor
        from extractors.gazetteer import without_names

        names = [
            n
            for d in docs
            for e in d.get("entities", [])
            for n in [e["name"], *e.get("surface", [])]
        ]
        extractor = RuleExtractor(extractor.ontology, without_names(extractor.gazetteer, names))
    result = Evaluation()
    for path in gold:
        if not path.is_file():
            raise InputError(str(path), "no such file")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
                if not isinstance(doc.get("text"), str) or not isinstance(
                    doc.get("entities", []), list
                ):
                    raise ValueError("needs 'text' and an 'entities' list")
            except (ValueError, AttributeError) as exc:
                raise InputError(f"{path}:{number}", f"not a gold document: {exc}") from None
            doc.setdefault("id", f"{path.name}:{number}")
            found = extractor.extract(doc["text"], lang=doc.get("lang", ""))
            score_document(doc, found if concepts else named_only(found), result)
    if errors:
        errors.write_text(
            "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in result.errors),
            encoding="utf-8",
        )
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
