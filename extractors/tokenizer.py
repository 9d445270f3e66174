"""One tokenizer for English and Chinese text, and the gazetteer's phrase finder over it.

spaCy's blank ``zh`` pipeline splits Latin words into letters and blank ``en`` splits
``Llama-3.1-8B`` unevenly. Names in AI news mix both scripts (``輝達領投Velora Labs``), so
tokens here are script runs: a run of letters/digits of a non-CJK script, one CJK
character, or one other non-space character. Patterns are tokenized the same way, so a
gazetteer phrase matches wherever its characters appear, with or without spaces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import accumulate, compress, count
from typing import Generic, TypeVar

T = TypeVar("T")

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
# A letter/digit run is [^\W_] minus CJK, written as one negated class so the engine
# tests each character once instead of running a lookahead per character.
TOKEN = re.compile(rf"[^\W_{_CJK}]+|[{_CJK}]|\S")
# Split keeps what lies between tokens (whitespace), so offsets come from part lengths.
_SPLIT = re.compile(f"({TOKEN.pattern})")
# The same split for lower-case ASCII text, where the classes reduce to plain ranges.
_SPLIT_ASCII = re.compile(r"([a-z0-9]+|[^\sa-z0-9])")


def token_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN.finditer(text)]


_END = ""  # no token is empty, so this key marks where a phrase ends in the trie


class Split:
    """A text cut at its tokens: ``parts`` alternates what lies between tokens (whitespace,
    maybe empty) with the tokens, so running sums of part lengths are offsets; ``words``
    are the tokens in lower case."""

    __slots__ = ("parts", "words", "_ends")

    def __init__(self, parts: list[str], words: list[str]) -> None:
        self.parts = parts
        self.words = words
        self._ends: list[int] | None = None

    def __iter__(self):
        return iter((self.parts, self.words))

    @property
    def ends(self) -> list[int]:
        """Where each part ends: token ``k`` starts at ``ends[2 * k]`` and ends at
        ``ends[2 * k + 1]``. Summed once, for whichever rule needs offsets first."""
        if self._ends is None:
            self._ends = list(accumulate(map(len, self.parts)))
        return self._ends


def split(text: str) -> Split:
    # str.lower on a whole text is not always per-token lowering: "Σ" lowers by its
    # context (final sigma) and "İ" grows into two characters.
    if text.isascii():
        parts = _SPLIT_ASCII.split(text.lower())
        return Split(parts, parts[1::2])
    if "\u0130" not in text and "\u03a3" not in text:
        # Without those two, lowering is one character for one, the same in a word as on
        # its own, and keeps each character's class: the whole text lowers at once.
        parts = _SPLIT.split(text.lower())
        return Split(parts, parts[1::2])
    parts = _SPLIT.split(text)
    return Split(parts, list(map(str.lower, parts[1::2])))


class PhraseFinder(Generic[T]):
    """Phrases over script tokens, compared in lower case, longest first.

    Does what spaCy's ``PhraseMatcher`` (attr ``LOWER``) followed by ``filter_spans``
    did, without building a ``Doc``: every phrase occurrence is found, then the longest
    are kept, the earlier of two equally long ones, and none that overlaps a kept one.
    """

    def __init__(self, phrases: Iterable[tuple[str, T]]) -> None:
        trie: dict = {}
        for phrase, value in phrases:
            words = [w.lower() for w in TOKEN.findall(phrase)]
            if not words:
                continue
            node = trie
            for word in words:
                node = node.setdefault(word, {})
            # Two phrases that differ only in spacing ("ai代理", "ai 代理") share a token
            # sequence; the first one added keeps it.
            node.setdefault(_END, value)
        self._root = _frozen(trie)

    def __call__(self, text: str, tokens: Split | None = None) -> list[tuple[int, int, T]]:
        """``(start, end, value)`` character spans into ``text``, in text order.
        ``tokens`` is ``split(text)`` if the caller already has it."""
        if tokens is None:
            tokens = split(text)
        words = tokens.words
        found = []
        add = found.append
        # (the tokens that open a phrase, found without a Python loop over every token)
        nodes = list(map(self._root.get, words))
        for i in compress(count(), nodes):
            value, more = nodes[i]
            if value is not None:
                add((i, i + 1, value))
            j = i + 1
            try:
                while more is not None:
                    node = more.get(words[j])
                    if node is None:
                        break
                    j += 1
                    value, more = node
                    if value is not None:
                        add((i, j, value))
            except IndexError:
                pass  # (the phrase runs on past the last token)
        if not found:
            return []
        end = -1
        for i, j, _ in found:
            if i < end:
                found = _longest_first(found)
                break
            end = j
        ends = tokens.ends
        return [(ends[2 * i], ends[2 * j - 1], value) for i, j, value in found]


def _frozen(trie: dict) -> dict:
    """Each word's node as (the value of the phrase ending there or None, the words that
    go on from it or None): one unpacking per token instead of a look-up for the end."""
    return {
        word: (node.get(_END), _frozen(node) if len(node) > (_END in node) else None)
        for word, node in trie.items()
        if word != _END
    }


def _longest_first(found: list[tuple[int, int, T]]) -> list[tuple[int, int, T]]:
    """Overlapping token spans settled as spaCy's ``filter_spans`` does, one run of
    overlapping spans at a time (spans in different runs cannot knock each other out)."""
    kept: list[tuple[int, int, T]] = []
    n = len(found)
    k = 0
    while k < n:
        # found is in (start, end) order: the run goes on while spans start before its end
        end = found[k][1]
        m = k + 1
        while m < n and found[m][0] < end:
            if found[m][1] > end:
                end = found[m][1]
            m += 1
        if m == k + 1:
            kept.append(found[k])
        else:
            kept += _settle(found[k:m])
        k = m
    return kept


def _settle(run: list[tuple[int, int, T]]) -> list[tuple[int, int, T]]:
    # longest first, then earliest (each start/end pair occurs once)
    ordered = sorted(run, key=lambda m: (m[0] - m[1], m[0]))
    taken: set[int] = set()
    kept = []
    for i, j, value in ordered:
        # Spans are taken longest first, so a clash shows at one of the two ends.
        if i in taken or j - 1 in taken:
            continue
        kept.append((i, j, value))
        taken.update(range(i, j))
    kept.sort(key=lambda m: m[0])
    return kept
