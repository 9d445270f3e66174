"""Generic concepts ("Large Language Model", RL, 具身智能): found, but not names.

They stay in an extraction, marked ``generic``, because topics and trends follow them; a
score of named-entity extraction (``kg eval``) leaves them out, as annotators do.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kg.models import Extraction
from kg.normalize import normalize_name

TERMS = Path(__file__).resolve().parent / "generic_terms.txt"


@lru_cache(maxsize=4)
def load_generic_terms(path: Path = TERMS) -> frozenset[str]:
    """Normalised canonical names of the generic Method entries."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        normalize_name(s) for s in map(str.strip, lines) if s and not s.startswith("#")
    )


def named_only(extraction: Extraction) -> Extraction:
    """``extraction`` without its generic concepts and the relations that reach them: what
    a score of named-entity extraction compares with the gold. A concept the gold happens
    to name is then a miss, never excused, so the score cannot lean on the gold."""
    dropped = {e.name for e in extraction.entities if e.generic}
    if not dropped:
        return extraction
    return extraction.model_copy(
        update={
            "entities": tuple(e for e in extraction.entities if e.name not in dropped),
            "relations": tuple(
                r for r in extraction.relations if r.head not in dropped and r.tail not in dropped
            ),
        }
    )
