"""Sentence boundaries for English and Chinese, as (start, end) offsets."""

from __future__ import annotations

import re

_ABBREV = frozenset(
    {
        "inc",
        "ltd",
        "corp",
        "co",
        "mr",
        "ms",
        "dr",
        "prof",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "no",
        "fig",
        "al",
    }
)
_BREAK = re.compile(r"[.!?]+[\"'”’)]*\s+|[。！？；]+[」』”’)]*\s*|\n+")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _BREAK.finditer(text):
        if m.group().startswith("."):
            word = re.search(r"([A-Za-z.]+)$", text[start : m.start()])
            if word and word.group(1).lower().rstrip(".") in _ABBREV:
                continue
        end = m.end()
        if text[start:end].strip():
            spans.append((start, end))
        start = end
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans
