"""Words a regular expression cannot match without: a cheap test before a scan of a text.

Python's engine tries a pattern that opens with a lookbehind or a case-insensitive group
at every position of the text; most patterns of the rule files do. ``Gate(pattern)`` reads
the pattern's syntax tree once for a few strings of which every match (or what one of its
lookarounds sees) holds at least one, so ``gate(text)`` is False only where the pattern
cannot match anywhere in ``text`` (nor in any part of it) and the scan can be skipped.
``gate(text)`` True says nothing: the pattern still decides. A pattern with no such
strings, or too many, gets a gate that is always True.
"""

from __future__ import annotations

import re
from functools import lru_cache
from re import _compiler, _parser  # noqa: PLC2701 (the syntax tree and its compiler)
from re import _constants as C  # noqa: PLC2701

_LIMIT = 64  # strings a concatenation may multiply into
_MAX_GATE = 24  # strings a gate tests (each a substring search of the text)
_MAX_CLASS = 8  # characters of a class taken as alternatives ("[Tt]")
# characters that match an ASCII letter case-insensitively but lower to something else
_FOLD_SPECIALS = ("\u0130", "\u0131", "\u017f")

# one lower-cased copy of the text for all gates (str caches its hash: a cheap key)
_lowered = lru_cache(maxsize=4)(str.lower)

Lit = tuple[str, bool]  # (string, compared in lower case)
Lits = frozenset[Lit]
_EMPTY: Lits = frozenset({("", False)})


def _cased(ch: str) -> bool:
    return ch.lower() != ch or ch.upper() != ch


def _char(code: int, ci: bool) -> Lit | None:
    ch = chr(code)
    if ci and _cased(ch):
        return (ch.lower(), True) if ch.isascii() else None
    return (ch, False)


def _concat(a: Lits, b: Lits) -> Lits | None:
    if len(a) * len(b) > _LIMIT:
        return None
    return frozenset((x + y, cx or cy) for x, cx in a for y, cy in b)


def _weight(s: str) -> int:
    # a character outside ASCII (a Chinese one) is rarer in the texts than a letter
    return len(s) + sum(not ch.isascii() for ch in s)


def _score(lits: Lits | None) -> tuple[int, int]:
    if not lits or len(lits) > _MAX_GATE:
        return (0, 0)
    return (min(_weight(s) for s, _ in lits), -len(lits))


def _best(*candidates: Lits | None) -> Lits | None:
    best = max(candidates, key=_score, default=None)
    return best if _score(best)[0] > 0 else None


def _sequence(items, ci: bool) -> tuple[Lits | None, Lits | None]:
    """(the exact strings the sequence matches or None, strings one of which it needs)."""
    run: Lits | None = _EMPTY
    exact_all = True
    candidates: list[Lits | None] = []
    for op, av in items:
        exact, need = _item(op, av, ci)
        if need is not None:
            candidates.append(need)
        if exact is not None and run is not None:
            joined = _concat(run, exact)
            if joined is not None:
                run = joined
                continue
        candidates.append(run)
        exact_all = False
        run = exact if exact is not None else _EMPTY
    candidates.append(run)
    return (run if exact_all else None), _best(*candidates)


def _item(op, av, ci: bool) -> tuple[Lits | None, Lits | None]:
    if op is C.LITERAL:
        lit = _char(av, ci)
        return (frozenset({lit}) if lit else None), None
    if op is C.IN:
        if len(av) > _MAX_CLASS or any(o is not C.LITERAL for o, _ in av):
            return None, None
        lits = [_char(code, ci) for _, code in av]
        return (None if None in lits else frozenset(lits)), None
    if op is C.SUBPATTERN:
        _, add, remove, sub = av
        if (add | remove) & C.SRE_FLAG_LOCALE:
            return None, None
        inner = (ci or bool(add & C.SRE_FLAG_IGNORECASE)) and not remove & C.SRE_FLAG_IGNORECASE
        return _sequence(sub, inner)
    if op is C.ATOMIC_GROUP:
        return _sequence(av, ci)
    if op is C.BRANCH:
        exacts, needs = [], []
        for alt in av[1]:
            exact, need = _sequence(alt, ci)
            exacts.append(exact)
            needs.append(_best(exact, need))
        union_exact = None if None in exacts else frozenset().union(*exacts)
        union_need = None if None in needs else frozenset().union(*needs)
        return union_exact, union_need
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, sub = av
        exact, need = _sequence(sub, ci)
        if low == 0:
            return (exact | _EMPTY if exact is not None and high == 1 else None), None
        return (exact if low == high == 1 else None), _best(exact, need)
    if op is C.ASSERT:
        # what a lookaround sees is in the text too, though not in the match
        exact, need = _sequence(av[1], ci)
        return _EMPTY, _best(exact, need)
    if op in (C.AT, C.ASSERT_NOT):
        return _EMPTY, None
    return None, None


def _lower_safe(lits: Lits) -> bool:
    # a string compared in lower case must lower character by character as the engine
    # folds it: only ASCII letters among its cased characters
    return all(not ci or all(ch.isascii() or not _cased(ch) for ch in s) for s, ci in lits)


def _skips_ahead(tree) -> bool:
    """Whether the engine finds where the pattern can start without trying every position
    (a literal or character-class opening, or a line start): a gate would cost more."""
    flags = tree.state.flags
    if tree.data and tree.data[0][0] is C.AT:
        return tree.data[0][1] in (C.AT_BEGINNING, C.AT_BEGINNING_LINE, C.AT_BEGINNING_STRING)
    try:
        prefix, _, _ = _compiler._get_literal_prefix(tree, flags)
        return bool(prefix) or bool(_compiler._get_charset_prefix(tree, flags))
    except (AttributeError, TypeError, ValueError):
        return False


class Gate:
    """``gate(text)``: False only if ``pattern`` matches nowhere in ``text``."""

    __slots__ = ("_last", "exact", "folded", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        lits: Lits | None = None
        if isinstance(pattern.pattern, str) and not pattern.flags & re.LOCALE:
            try:
                tree = _parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
            except re.error:
                tree = None
            if tree is not None and not _skips_ahead(tree):
                ci = bool(tree.state.flags & re.IGNORECASE)
                exact, need = _sequence(tree.data, ci)
                lits = _best(exact, need)
        if lits is not None and (len(lits) > _MAX_GATE or not _lower_safe(lits)):
            lits = None
        self.exact = tuple(sorted(s for s, ci in lits or () if not ci))
        self.folded = tuple(sorted(s.lower() for s, ci in lits or () if ci))
        if lits is None:
            self.exact, self.folded = ("",), ()
        self._last: tuple[str | None, bool] = (None, False)

    def __call__(self, text: str) -> bool:
        last = self._last
        if last[0] is text:  # (stages ask again sentence by sentence)
            return last[1]
        found = self._test(text)
        self._last = (text, found)
        return found

    def _test(self, text: str) -> bool:
        for s in self.exact:
            if s in text:
                return True
        if self.folded:
            if any(ch in text for ch in _FOLD_SPECIALS):
                return True
            lower = _lowered(text)
            for s in self.folded:
                if s in lower:
                    return True
        return False

    @property
    def strings(self) -> tuple[str, ...]:
        return self.exact + self.folded


@lru_cache(maxsize=1024)
def gate(pattern: re.Pattern[str]) -> Gate:
    """The gate of a pattern, made once."""
    return Gate(pattern)


_MAX_OPENERS = 24  # first characters a quick pattern branches on


def _openers(item) -> list[int] | None:
    """The characters of a one-character item (a literal or a class of literals)."""
    op, av = item
    if op is C.LITERAL:
        return [av]
    if op is C.IN and len(av) <= _MAX_CLASS and all(o is C.LITERAL for o, _ in av):
        return [code for _, code in av]
    return None


@lru_cache(maxsize=256)
def quick(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern``, or an equivalent one the engine can skip through: a pattern opening with
    a one-character negative lookbehind (``(?<![\\w-])The``) is tried at every position;
    written as ``T(?<![\\w-]T)he`` it opens with a character the engine looks for first.
    Same matches, groups and spans; the result's ``.pattern`` is None."""
    if not isinstance(pattern.pattern, str) or pattern.flags & (re.IGNORECASE | re.LOCALE):
        return pattern
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    except re.error:
        return pattern
    items = list(tree.data)
    if tree.state.flags & re.IGNORECASE or len(items) < 2:
        return pattern
    (op, av), first = items[0], items[1]
    if op is not C.ASSERT_NOT or av[0] != -1 or av[1].getwidth() != (1, 1):
        return pattern
    behind = list(av[1].data)
    if any(o not in (C.IN, C.LITERAL, C.NOT_LITERAL, C.ANY) for o, _ in behind):
        return pattern  # (one character, said plainly: no group to copy)

    def opened(one, rest: list) -> _parser.SubPattern:
        lookbehind = _parser.SubPattern(tree.state, [*behind, one])
        return _parser.SubPattern(tree.state, [one, (C.ASSERT_NOT, (-1, lookbehind)), *rest])

    alternatives: list[_parser.SubPattern] = []
    if first[0] is C.BRANCH:
        for alt in first[1][1]:
            chars = _openers(alt.data[0]) if len(alt.data) else None
            # (a class becomes one alternative per character, each with a copy of the
            # rest: only for a pattern without groups, whose copies would both capture)
            if chars is None or (len(chars) > 1 and pattern.groups):
                return pattern
            alternatives += [opened((C.LITERAL, ch), list(alt.data[1:])) for ch in chars]
    else:
        # one character (class) first: it opens the pattern as it is
        if _openers(first) is None:
            return pattern
        alternatives = [opened(first, [])]
    rest = items[2:]
    if len(alternatives) > _MAX_OPENERS:
        return pattern
    head = alternatives[0].data if len(alternatives) == 1 else [(C.BRANCH, (None, alternatives))]
    new = _parser.SubPattern(tree.state, [*head, *rest])
    try:
        return _compiler.compile(new, pattern.flags)
    except (re.error, RecursionError, OverflowError):
        return pattern
