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
_NON_SPACE = re.compile(r"\S")  # (\s is what str.strip strips)
# (what ``[A-Za-z.]+$`` matches: a run of these characters, taken from the right)
_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz."
_LOOK_BACK = 16  # characters looked at for the word before a full stop; longer words fall back


def _word_before(text: str, start: int, end: int) -> str | None:
    """The run of letters and dots that ends at ``end`` (not before ``start``), or before a
    line break at ``end`` as ``[A-Za-z.]+$`` finds it there too."""
    if end > start and text[end - 1] == "\n":
        end -= 1
    lo = max(start, end - _LOOK_BACK)
    piece = text[lo:end]
    rest = piece.rstrip(_WORD_CHARS)
    if not rest and lo > start:
        # the run may go on to the left of the window
        piece = text[start:end]
        rest = piece.rstrip(_WORD_CHARS)
    return piece[len(rest) :] or None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _BREAK.finditer(text):
        at = m.start()
        ch = text[at]
        if ch == ".":
            word = _word_before(text, start, at)
            if word and word.lower().rstrip(".") in _ABBREV:
                continue
        end = m.end()
        # (a sentence that ends in a full stop or a question mark holds more than spaces)
        if ch != "\n" or _NON_SPACE.search(text, start, end):
            spans.append((start, end))
        start = end
    if _NON_SPACE.search(text, start):
        spans.append((start, len(text)))
    return spans
