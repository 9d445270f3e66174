"""The common-word list: aliases that are everyday words never fire an alert alone."""

from __future__ import annotations

import functools
from pathlib import Path

WORDS_FILE = Path(__file__).parent / "data" / "common_words.txt"


@functools.cache
def common_words() -> frozenset[str]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip().lower() for w in lines if w.strip() and not w.startswith("#"))


def is_common_word(surface: str) -> bool:
    """True for a one-word surface that is an everyday word ("Silicon", "Valley")."""
    words = surface.split()
    return len(words) == 1 and words[0].strip(".,").lower() in common_words()
