"""``kg extract`` as a function: JSONL texts in, one extraction per line out."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kg.extractor import Extractor
from kg.models import Extraction


def extraction_line(ident: Any, result: Extraction) -> dict[str, Any]:
    """One output line: the entities, relations and concepts found, as plain JSON values."""
    return {
        "id": ident,
        "entities": [
            {"name": e.name, "kind": e.kind, "surfaces": list(e.surfaces)} for e in result.entities
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
        # generic concepts the text discusses ("Large Language Model"): topics, not names
        "concepts": [{"name": c.name, "surfaces": list(c.surfaces)} for c in result.concepts],
    }


def extract_jsonl(
    path: Path, extractor: Extractor
) -> Iterator[tuple[str, dict[str, Any] | None, str]]:
    """``(where, line, problem)`` per non-blank input line, lazily: ``line`` is None when
    the input line was skipped, and ``problem`` says why."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(raw.decode("utf-8"))
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise ValueError("expected an object with a 'text' string")
            except (UnicodeDecodeError, ValueError) as exc:
                yield where, None, str(exc)
                continue
            result = extractor.extract(
                record["text"],
                title=str(record.get("title") or ""),
                article_id=str(record.get("id", number)),
                lang=str(record.get("lang") or ""),
            )
            yield where, extraction_line(record.get("id", number), result), ""
