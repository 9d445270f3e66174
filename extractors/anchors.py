"""Where a rule can match: the words its pattern opens with, read from the pattern itself.

Most context rules open with their trigger word ("acquired X", "CEO of X", "scores 86% on
X"). Scanning a text for such a pattern tests every character position; the same matches
come from trying the pattern only where one of its opening words stands, and the tokenizer
has already found every word. The opening words are derived from the compiled pattern's
syntax tree, so they cannot drift from the pattern; a pattern whose opening is not plain
literal text gets no anchors and is scanned as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

try:  # the parser behind re.compile; private, so every use below has a fallback
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - a Python whose re is laid out differently
    _parser = None

_MAX_HEADS = 256  # beyond this the pattern is scanned: its opening is not a word list
_WORD_CHAR = re.compile(r"[A-Za-z0-9]")


@dataclass(frozen=True, slots=True)
class Opening:
    """Every match starts at a token that is one of ``words``, starts with one of
    ``prefixes``, or (``digit``) starts with a decimal digit; all in lower case."""

    words: frozenset[str]
    prefixes: tuple[str, ...]
    digit: bool

    def admits(self, token: str) -> bool:
        return (
            token in self.words
            or (bool(self.prefixes) and token.startswith(self.prefixes))
            or (self.digit and token[:1].isdecimal())
        )


def opening(pattern: re.Pattern[str]) -> Opening | None:
    r"""The words every match of ``pattern`` opens with, if it opens with ``\b`` and then
    literal ASCII letters or digits (or ``\d``) on every path; else None."""
    if _parser is None or pattern.flags & re.IGNORECASE:
        return None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
    except re.error:  # pragma: no cover - it compiled, so it parses
        return None
    ops = list(tree)
    if not ops or ops[0] != (_c.AT, _c.AT_BOUNDARY):
        return None
    heads: set[tuple[str, str]] = set()
    if not _heads(ops[1:], "", heads) or len(heads) > _MAX_HEADS:
        return None
    return Opening(
        frozenset(text for how, text in heads if how == "word"),
        tuple(sorted(text for how, text in heads if how == "prefix")),
        ("digit", "") in heads,
    )


def _heads(ops: Sequence, acc: str, out: set[tuple[str, str]]) -> bool:
    """Add to ``out`` how a match of ``ops`` (after the literal ``acc``) begins its first
    token: ("word", w) when the token is exactly w, ("prefix", p) when it starts with p,
    ("digit", "") when it starts with a digit. False if some path has no such opening."""
    if len(out) > _MAX_HEADS:
        return False
    for i, (op, av) in enumerate(ops):
        if op is _c.LITERAL:
            ch = chr(av)
            if _WORD_CHAR.match(ch):
                acc += ch.lower()
                continue
            if ch.isalnum():  # a letter of another script: the token may go on
                return _done(acc, "prefix", out)
            return _done(acc, "word", out)  # a space or a hyphen ends the token
        if op is _c.AT and av is _c.AT_BOUNDARY and acc:
            return _done(acc, "word", out)  # \b right after letters: the token ends here
        if op is _c.BRANCH:
            return all(_heads([*alt, *ops[i + 1 :]], acc, out) for alt in av[1])
        if op is _c.SUBPATTERN and not av[1] and not av[2]:  # a group without flags
            return _heads([*av[3], *ops[i + 1 :]], acc, out)
        if op is _c.IN and all(o is _c.LITERAL for o, _ in av):
            return all(_heads([(_c.LITERAL, ch), *ops[i + 1 :]], acc, out) for _, ch in av)
        if not acc and _is_digits(op, av):
            out.add(("digit", ""))
            return True
        break
    # anything else (a repeat, a class, an assertion, the end): the token starts with acc
    return _done(acc, "prefix", out)


def _done(acc: str, how: str, out: set[tuple[str, str]]) -> bool:
    if not acc:
        return False
    out.add((how, acc))
    return True


def _is_digits(op, av) -> bool:
    r"""``\d`` or ``\d+`` (at least one digit)."""
    if op is _c.MAX_REPEAT or op is _c.MIN_REPEAT:
        low, _, item = av
        return low >= 1 and len(item) == 1 and _is_digits(*item[0])
    return op is _c.IN and list(av) == [(_c.CATEGORY, _c.CATEGORY_DIGIT)]


def anchored_matches(
    pattern: re.Pattern[str], text: str, starts: Sequence[int]
) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` when every match starts at one of ``starts``
    (ascending): the same leftmost, non-overlapping matches, tried only there."""
    out = []
    last = 0
    match = pattern.match
    for start in starts:
        if start < last:
            continue
        m = match(text, start)
        if m is not None:
            out.append(m)
            last = m.end()
    return out
