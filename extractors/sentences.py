"""Sentence boundaries for English and Chinese, as (start, end) offsets."""

from __future__ import annotations

import re

from extractors.words import word_list

_ABBREV = word_list("abbreviations")  # (``words.yaml``)
# [.!?]+["'”’)]*\s+ | [。！？；]+[」』”’)]*\s* | \n+, written to open with one character class
# (the first character says which of the three it is) so the engine skips ahead to it.
_BREAK = re.compile(
    r"[.!?。！？；\n](?:(?<=[.!?])[.!?]*[\"'”’)]*\s+|(?<=[。！？；])[。！？；]*[」』”’)]*\s*|(?<=\n)\n*)"
)
_WORD_END = re.compile(r"[A-Za-z.]+$")
_LOOK_BACK = 16  # characters searched for the word before a full stop; longer words fall back


def _word_before(text: str, start: int, end: int) -> str | None:
    """The run of letters and dots that ends at ``end`` (not before ``start``)."""
    lo = max(start, end - _LOOK_BACK)
    word = _WORD_END.search(text, lo, end)
    if word is not None and word.start() == lo and lo > start:
        # the run may go on to the left of the window
        word = _WORD_END.search(text, start, end)
    return word.group() if word is not None else None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _BREAK.finditer(text):
        if text[m.start()] == ".":
            word = _word_before(text, start, m.start())
            if word and word.lower().rstrip(".") in _ABBREV:
                continue
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
