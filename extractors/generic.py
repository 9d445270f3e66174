"""Generic concepts ("Large Language Model", RL, 具身智能): found, but not names.

An extraction keeps them apart from its entities (``Extraction.concepts``), because
topics and trends follow them; a score of named-entity extraction (``kg eval``) compares
the entities with the gold, as annotators name them. Gold written to guidelines that
annotate concepts as Method names is scored with them (``as_methods``).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.models import ExtractedEntity, Extraction
from kg.normalize import normalize_name

TERMS = Path(__file__).resolve().parent / "generic_terms.txt"


@lru_cache(maxsize=4)
def load_generic_terms(path: Path = TERMS) -> frozenset[str]:
    """Normalised canonical names of the generic Method entries."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        normalize_name(s) for s in map(str.strip, lines) if s and not s.startswith("#")
    )


def as_methods(extraction: Extraction) -> Extraction:
    """``extraction`` with its concepts scored as Method entities too: for gold whose
    guidelines annotate concepts as names (tests/data/gold/seeds.jsonl)."""
    if not extraction.concepts:
        return extraction
    return extraction.model_copy(
        update={
            "entities": extraction.entities
            + tuple(
                ExtractedEntity(
                    name=c.name,
                    kind="Method",
                    surfaces=c.surfaces,
                    count=c.count,
                    evidence=c.evidence,
                )
                for c in extraction.concepts
            ),
            "concepts": (),
        }
    )
