"""Where a rule can match, and what a text must hold for it to, read from the pattern.

Most rules open with their trigger ("acquired X", "CEO of X", "由 X 领投") or close their
name with one ("X said"). Scanning a text for such a pattern tests every character
position; the same matches come from trying the pattern only where one of the strings it
starts with stands (``starts``, ``anchored_matches``), or from a few words before the
strings that follow its name (``ending``, ``ended_matches``). What every match must
contain (``required``) is a rule's prefilter. All of it is derived from the compiled
pattern's syntax tree, so it cannot drift from the pattern; a pattern whose shape is not
understood gets nothing and is scanned as a whole.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

try:  # the parser behind re.compile; private, so every use below has a fallback
    from re import _constants as _c
    from re import _parser
except ImportError:  # pragma: no cover - a Python whose re is laid out differently
    _parser = None


def _tree(pattern: re.Pattern[str]):
    """The pattern's syntax tree, or None where it cannot be read (or case is ignored)."""
    if _parser is None or pattern.flags & re.IGNORECASE:
        return None
    try:
        return _parser.parse(pattern.pattern, pattern.flags)
    except re.error:  # pragma: no cover - it compiled, so it parses
        return None


def widest_lookbehind(pattern: re.Pattern[str]) -> int:
    """How far back of a match's start ``pattern`` can look (its widest lookbehind, 0 for
    none); a large number where that cannot be read. A reader that hands a pattern only a
    stretch of the text must include this much before it."""
    if _parser is None:  # pragma: no cover - see the import above
        return 1 << 30
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags & ~re.UNICODE)
    except (re.error, TypeError):
        return 1 << 30
    widest = 0
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, _parser.SubPattern):
            stack.extend(node.data)
        elif isinstance(node, tuple | list):
            op = node[0] if len(node) == 2 else None
            if (op is _c.ASSERT or op is _c.ASSERT_NOT) and node[1][0] == -1:
                widest = max(widest, node[1][1].getwidth()[1])
            stack.extend(x for x in node if isinstance(x, tuple | list | _parser.SubPattern))
    return widest


def _is_digits(op, av) -> bool:
    r"""``\d`` or ``\d+`` (at least one digit)."""
    if op is _c.MAX_REPEAT or op is _c.MIN_REPEAT:
        low, _, item = av
        return low >= 1 and len(item) == 1 and _is_digits(*item[0])
    return op is _c.IN and list(av) == [(_c.CATEGORY, _c.CATEGORY_DIGIT)]


@dataclass(frozen=True, slots=True)
class Ending:
    """Every match is a name of at most ``chunks`` space-separated chunks (assertions
    before it take no text) followed right away by one of ``follows`` (exact case)."""

    chunks: int
    follows: frozenset[str]


def ending(pattern: re.Pattern[str]) -> Ending | None:
    """For patterns like ``(?P<name>...) (?:said|released)`` or ``(?P<name>...), a ``:
    the strings right after the name, and how many space-separated chunks the name can
    span; else None."""
    tree = _tree(pattern)
    if tree is None:
        return None
    ops = list(tree)
    i = 0
    while i < len(ops) and _zero_width(*ops[i]):
        i += 1
    name = tree.state.groupdict.get("name")
    if i + 1 >= len(ops) or name is None or ops[i][0] is not _c.SUBPATTERN:
        return None
    if ops[i][1][0] != name:
        return None
    spaces = _max_spaces(ops[i][1][3])
    follows = _opening_strings(_sequence(ops[i + 1 :])) if spaces is not None else None
    return Ending(spaces + 1, follows) if follows is not None else None


_ZERO_WIDTH = (_c.AT, _c.ASSERT, _c.ASSERT_NOT) if _parser is not None else ()


def _zero_width(op, av) -> bool:
    if op in _ZERO_WIDTH:
        return True
    if op is _c.BRANCH:
        return all(all(_zero_width(*item) for item in alt) for alt in av[1])
    if op is _c.SUBPATTERN:
        return all(_zero_width(*item) for item in av[3])
    return False


def _max_spaces(ops) -> int | None:
    """The most spaces a match of ``ops`` can hold; None if unbounded or unclear."""
    total = 0
    for op, av in ops:
        if op in _ZERO_WIDTH:
            continue
        if op is _c.LITERAL:
            total += av == ord(" ")
        elif op is _c.IN:
            for kind, value in av:
                if kind is _c.LITERAL and value == ord(" "):
                    total += 1
                    break
                if kind is _c.RANGE and value[0] <= ord(" ") <= value[1]:
                    total += 1
                    break
                if kind is _c.CATEGORY and value not in (_c.CATEGORY_WORD, _c.CATEGORY_DIGIT):
                    return None
                if kind is _c.NEGATE:
                    return None
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            low, high, item = av
            inner = _max_spaces(item)
            if inner is None or (inner and high is _c.MAXREPEAT):
                return None
            total += inner * high if inner else 0
        elif op is _c.BRANCH:
            counts = [_max_spaces(alt) for alt in av[1]]
            if None in counts:
                return None
            total += max(counts)
        elif op is _c.SUBPATTERN:
            inner = _max_spaces(av[3])
            if inner is None:
                return None
            total += inner
        else:  # any character, a back-reference, ...
            return None
    return total


def ended_matches(
    pattern: re.Pattern[str],
    text: str,
    ends: Sequence[int],
    chunks: int,
    stop: Window | None = None,
) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` for a pattern with an ``Ending``: every match's
    name ends at one of ``ends`` (ascending), so the search starts no earlier than
    ``chunks`` spaces before the next of them. With the pattern's ``Window`` it also stops
    at the first character after that end the pattern cannot read past, instead of going
    on to the next match wherever it is."""
    out = []
    last = 0  # every match starting before this is found
    search = text.rfind
    n = len(text)
    if stop is not None:
        back, stops, spaces = stop.back, stop.chars.search, stop.spaces
        find = text.find
        backwards = "" if " " in back else _reversed(text)
    stop_at = -1  # the first stop at or after the last end it was looked up for
    for end in ends:
        # a match starting at or after ``last`` has its name end after it
        if end <= last:
            continue
        start = end
        for _ in range(chunks):
            start = search(" ", 0, start)
            if start < 0:
                break
        if stop is None:
            m = pattern.search(text, max(last, start + 1))
            if m is None:
                break
        else:
            # a match whose name ends at ``end`` holds no stop before it and ends before
            # the next; one starting beyond that stop is found at its own end
            start = last if last > start else start + 1
            if backwards:
                found = stops(backwards, n - end, n - start)
                if found is not None:
                    start = n - found.start()
            else:
                for ch in back:
                    k = search(ch, start, end)
                    if k >= 0:
                        start = k + 1
            if stop_at < end:  # (ends between two stops share the next one)
                found = stops(text, end)
                stop_at = found.start() if found is not None else n
            limit = stop_at
            upto = limit + 2
            if spaces is not None and limit - end > _FAR:
                # a match starting up to ``end`` reads no further than a few spaces on (a
                # stop close by serves as well, and lets the ends before it be skipped)
                far = end
                for _ in range(spaces + 1):
                    far = find(" ", far) + 1
                    if not far:
                        break
                far -= 1  # (the space one more past ``end``, or -1)
                if 0 <= far < limit:
                    limit, upto = end, far + 2
            m = pattern.search(text, start, upto if upto < n else n)
            if m is None or m.start() > limit:
                last = limit + 1  # none starts up to ``limit``
                continue
        out.append(m)
        last = m.end()
    return out


# -- where a match can reach: the characters no match of a pattern reads past ----------

# Characters tried as stops: whitespace, punctuation of both scripts, ASCII letters and
# digits (a pattern over Chinese may stop at a Latin letter).
_STOP_CANDIDATES = (
    " \n\t\r!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
    "\u3000。，、；：！？「」『』（）“”‘’…—《》【】"
)
# the stops searched backwards for where a window may open (the first two a pattern has)
_BACK_CANDIDATES = " \n,.。，、()"


@dataclass(frozen=True, slots=True)
class Window:
    """``chars``: a class of the characters no match of a pattern reads past, neither in
    the text it takes nor in what its lookaheads see (a lookbehind looks back only). A
    match therefore lies between two of them, and a search that ends two characters after
    one answers as a search of the whole text does for every start up to it. ``back``:
    a few of them, searched backwards for where a window may open. ``spaces``: when a
    space is no stop, the most spaces a match and its lookarounds can read, if bounded:
    a search that ends two characters after the space one more past a place answers as
    a whole-text search for every start up to that place. ``skips``: the pattern opens
    with a character class, so the engine skips ahead to the characters a match can
    start with: text between two windows costs it little to search through."""

    chars: re.Pattern[str]
    back: tuple[str, ...]
    spaces: int | None = None
    skips: bool = False


def window(pattern: re.Pattern[str]) -> Window | None:
    """The pattern's ``Window``, read from its syntax tree; None when no candidate
    character is certain to stop it (or the pattern can match empty text)."""
    tree = _tree(pattern)
    if tree is None or tree.getwidth()[0] == 0:
        return None
    ops = list(tree)
    flags = pattern.flags
    stops = [c for c in _STOP_CANDIDATES if not _reads(ops, c, flags, True)]
    if not stops:
        return None
    chars = re.compile("[" + "".join(map(re.escape, stops)) + "]")
    spaces = None if " " in stops else _read_spaces(ops, flags)
    back = tuple(c for c in _BACK_CANDIDATES if c in stops)[:2]
    return Window(chars, back, spaces, _opens_with_class(ops))


def _opens_with_class(ops) -> bool:
    """Whether the first thing a match takes is one character of a class or a literal
    (inside groups): what lets the engine skip to where a match may start, instead of
    trying the whole pattern at every position (a leading assertion prevents it)."""
    while ops:
        op, av = ops[0]
        if op is _c.SUBPATTERN and not av[1] and not av[2]:
            ops = list(av[3])
            continue
        return op is _c.IN or op is _c.LITERAL
    return False


def _read_spaces(ops, flags: int) -> int | None:
    """An upper bound of the spaces matching ``ops`` reads, counting what every
    lookaround reads too; None if unbounded or unclear."""
    total = 0
    for op, av in ops:
        if op is _c.AT:
            continue
        if op is _c.ASSERT or op is _c.ASSERT_NOT:
            inner = _read_spaces(av[1], flags)
        elif op is _c.LITERAL:
            inner = int(av == ord(" "))
        elif op is _c.NOT_LITERAL:
            inner = int(av != ord(" "))
        elif op is _c.ANY:
            inner = 1
        elif op is _c.IN:
            inner = int(_in_class(av, " ", flags))
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            each = _read_spaces(av[2], flags)
            if each is None or (each and av[1] is _c.MAXREPEAT):
                return None
            inner = each * av[1]
        elif op is _c.BRANCH:
            counts = [_read_spaces(alt, flags) for alt in av[1]]
            inner = None if None in counts else max(counts)
        elif op is _c.SUBPATTERN and not av[1] and not av[2]:
            inner = _read_spaces(av[3], flags)
        elif op is _c.ATOMIC_GROUP:
            inner = _read_spaces(av, flags)
        else:
            return None
        if inner is None:
            return None
        total += inner
    return total


_FAR = 40


_CATEGORIES = (
    {
        _c.CATEGORY_DIGIT: r"\d",
        _c.CATEGORY_NOT_DIGIT: r"\D",
        _c.CATEGORY_SPACE: r"\s",
        _c.CATEGORY_NOT_SPACE: r"\S",
        _c.CATEGORY_WORD: r"\w",
        _c.CATEGORY_NOT_WORD: r"\W",
    }
    if _parser is not None
    else {}
)


def _in_class(items, ch: str, flags: int) -> bool:
    """Whether the character class ``items`` (a parsed ``[...]``) holds ``ch``; True when
    unsure."""
    negate = False
    held = False
    for kind, value in items:
        if kind is _c.NEGATE:
            negate = True
        elif kind is _c.LITERAL:
            held |= ord(ch) == value
        elif kind is _c.RANGE:
            held |= value[0] <= ord(ch) <= value[1]
        elif kind is _c.CATEGORY and value in _CATEGORIES:
            held |= re.fullmatch(_CATEGORIES[value], ch, flags & re.ASCII) is not None
        else:
            return True
    return held != negate


def _reads(ops, ch: str, flags: int, taking: bool) -> bool:
    """Whether matching ``ops`` may read past ``ch``: take it on the main path
    (``taking``) or in a lookahead. Inside a lookbehind only nested lookaheads count: a
    lookbehind takes the text before the place it stands. True when unsure."""
    for op, av in ops:
        if op is _c.LITERAL:
            if taking and ord(ch) == av:
                return True
        elif op is _c.NOT_LITERAL:
            if taking and ord(ch) != av:
                return True
        elif op is _c.ANY:
            if taking and (ch != "\n" or flags & re.DOTALL):
                return True
        elif op is _c.IN:
            if taking and _in_class(av, ch, flags):
                return True
        elif op is _c.AT:
            continue
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            if av[1] and _reads(av[2], ch, flags, taking):
                return True
        elif op is _c.SUBPATTERN:
            if av[1] or av[2] or _reads(av[3], ch, flags, taking):
                return True
        elif op is _c.ATOMIC_GROUP:
            if _reads(av, ch, flags, taking):
                return True
        elif op is _c.BRANCH:
            if any(_reads(alt, ch, flags, taking) for alt in av[1]):
                return True
        elif op is _c.ASSERT or op is _c.ASSERT_NOT:
            if _reads(av[1], ch, flags, av[0] > 0):
                return True
        else:  # a back-reference, a conditional group, ...
            return True
    return False


def windowed_matches(
    pattern: re.Pattern[str], text: str, hits: Sequence[int], stop: Window
) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` when every match takes or sees one of the strings
    that start at ``hits`` (ascending; ``required(pattern, behind=False)`` gives such
    strings): each is searched for only between the stops around a hit."""
    out = []
    done = 0  # every match starting before this is found
    n = len(text)
    search = pattern.search
    chars = stop.chars.search
    rfind = text.rfind
    back = stop.back
    # windows this close are searched as one, when the engine skips the text between them
    # faster than one more search costs (no match starts between them: none holds a hit)
    gap = _GAP if stop.skips else -1
    # the window opens after the nearest stop before the hit: a space is found backwards
    # at once; other stops are rarer, and the nearest of any of them (not of the first
    # two) is found by searching the text reversed
    backwards = "" if " " in back else _reversed(text)
    # (ended_matches opens its windows the same way; one shared function for it cost 4% of
    # all extraction time, measured side by side, so both loops keep it inline)
    count = len(hits)
    i = 0
    while i < count:
        hit = hits[i]
        i += 1
        if hit < done:
            continue
        start = done
        if backwards:
            found = chars(backwards, n - hit, n - start)
            if found is not None:
                start = n - found.start()
        else:
            for ch in back:
                k = rfind(ch, start, hit)
                if k >= 0:
                    start = k + 1
        found = chars(text, hit)
        limit = found.start() if found is not None else n
        while i < count and hits[i] - limit <= gap:
            if hits[i] > limit:
                found = chars(text, hits[i])
                limit = found.start() if found is not None else n
            i += 1
        end = limit + 2
        if end > n:
            end = n
        while True:
            m = search(text, start, end)
            if m is None or m.start() > limit:
                break
            out.append(m)
            start = m.end()
        done = limit + 1 if limit + 1 > start else start
    return out


_GAP = 80


@lru_cache(maxsize=2)
def _reversed(text: str) -> str:
    """The text backwards, made once for the windowed rules that search a text in turn."""
    return text[::-1]


def piece(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A short pattern that every match of ``pattern`` matches at one of its literal
    characters: that character and the characters the pattern takes right after it
    ("-" and a digit in ``[A-Z][a-z]+-\\d+``), read from the syntax tree; None when no
    literal is followed by something certain. Where a rule needs only a common
    character ("-", "("), the places of its piece are far fewer, and hold every match."""
    tree = _tree(pattern)
    if tree is None:
        return None
    ops = _flat(list(tree))
    best: list[str] = []
    for i, (op, av) in enumerate(ops):
        if op is not _c.LITERAL:
            continue
        parts = [re.escape(chr(av))]
        for op2, av2 in ops[i + 1 :]:
            repeated = op2 in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT)
            if repeated:
                if av2[0] < 1 or len(av2[2]) != 1:
                    break
                op2, av2 = av2[2][0]
            one = _one_character(op2, av2)
            # (the literal in none of the classes: two places never overlap, so the
            # search for the piece finds every place)
            if one is None or re.fullmatch(one, chr(av), pattern.flags):
                break
            parts.append(one)
            if repeated:
                break  # what follows a repeat stands at no fixed place after the literal
        if len(parts) > len(best):
            best = parts
    return re.compile("".join(best), pattern.flags) if len(best) > 1 else None


def _flat(ops) -> list:
    """``ops`` with plain groups (capturing or not, no flags) opened: the same sequence."""
    out = []
    for op, av in ops:
        if op is _c.SUBPATTERN and not av[1] and not av[2]:
            out += _flat(list(av[3]))
        else:
            out.append((op, av))
    return out


def _one_character(op, av) -> str | None:
    """A pattern for the one character ``(op, av)`` takes, or None if it is not that."""
    if op is _c.LITERAL:
        return re.escape(chr(av))
    if op is _c.NOT_LITERAL:
        return "[^" + re.escape(chr(av)) + "]"
    if op is not _c.IN:
        return None
    out = []
    for kind, value in av:
        if kind is _c.NEGATE:
            out.insert(0, "^")
        elif kind is _c.LITERAL:
            out.append(re.escape(chr(value)))
        elif kind is _c.RANGE:
            out.append(re.escape(chr(value[0])) + "-" + re.escape(chr(value[1])))
        elif kind is _c.CATEGORY and value in _CATEGORIES:
            out.append(_CATEGORIES[value])
        else:
            return None
    return "[" + "".join(out) + "]"


def anchored_matches(
    pattern: re.Pattern[str], text: str, starts: Sequence[int]
) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` when every match starts at one of ``starts``
    (ascending): the same leftmost, non-overlapping matches, tried only there."""
    # tried at every start in one call (most starts have no match), then the matches that
    # start inside an earlier one dropped, as finditer would not have tried there
    found = list(filter(None, map(pattern.match, repeat(text), starts)))
    if len(found) < 2:
        return found
    out = []
    last = 0
    for m in found:
        if m.start() >= last:
            out.append(m)
            last = m.end()
    return out


# -- what every match holds: the literal strings a prefilter can look for ---------------

_MAX_SET = 256  # more alternatives than this and a part counts as unknown text
_MAX_CLASS = 16  # a character class of up to this many literal characters is spelled out


@dataclass(frozen=True, slots=True)
class _Part:
    """What a piece of a pattern matches, as far as literal text goes: ``exact`` every
    string it can match (if few), ``prefix`` / ``suffix`` strings every match starts /
    ends with, ``needs`` sets of which every match contains one string each."""

    exact: frozenset[str] | None = None
    prefix: frozenset[str] | None = None
    suffix: frozenset[str] | None = None
    needs: tuple[frozenset[str], ...] = ()


_UNKNOWN = _Part()
_EMPTY = _Part(frozenset([""]), frozenset([""]), frozenset([""]))


def _product(left: frozenset[str] | None, right: frozenset[str] | None) -> frozenset[str] | None:
    if left is None or right is None or len(left) * len(right) > _MAX_SET:
        return None
    return frozenset(a + b for a in left for b in right)


def _then(a: _Part, b: _Part) -> _Part:
    """The part that matches ``a`` followed by ``b``."""
    exact = _product(a.exact, b.exact)
    prefix = exact or (
        (_product(a.exact, b.prefix) or a.exact) if a.exact is not None else a.prefix
    )
    suffix = exact or (
        (_product(a.suffix, b.exact) or b.exact) if b.exact is not None else b.suffix
    )
    needs = [*a.needs, *b.needs]
    if exact is None:
        junction = _product(a.suffix, b.prefix)
        if junction is not None:
            needs.append(junction)
        elif a.suffix is not None and b.prefix is not None:
            # too many pairs to spell out: what every string of one side shares still
            # stands against each string of the other (" " + "said" in "X have said")
            tail = _shared(a.suffix, last=True)
            if tail and (joined := _product(frozenset([tail]), b.prefix)) is not None:
                needs.append(joined)
            head = _shared(b.prefix, last=False)
            if head and (joined := _product(a.suffix, frozenset([head]))) is not None:
                needs.append(joined)
        if b.exact is None and a.suffix is not None:
            needs.append(a.suffix)  # the literal run that ``b`` ends
        if a.exact is None and b.prefix is not None:
            needs.append(b.prefix)
    return _Part(exact, prefix, suffix, tuple(needs))


def _shared(strings: frozenset[str], last: bool) -> str:
    """The longest string every one of ``strings`` ends (``last``) or starts with."""
    if not strings:
        return ""
    if last:
        return _shared(frozenset(s[::-1] for s in strings), last=False)[::-1]
    first, *rest = sorted(strings)
    size = 0
    while size < len(first) and all(s.startswith(first[: size + 1]) for s in rest):
        size += 1
    return first[:size]


def _useful(strings: frozenset[str] | None) -> bool:
    """A set that tells texts apart: no empty string, nor only spaces."""
    return bool(strings) and all(s.strip() for s in strings)


def _weight(strings: frozenset[str]) -> tuple[int, int]:
    """How selective a required set is: its shortest string (a Chinese character counts as
    three letters: it is as rare), then fewer alternatives."""
    return (min(sum(1 if ch.isascii() else 3 for ch in s) for s in strings), -len(strings))


def _all_needs(part: _Part) -> list[frozenset[str]]:
    found = [part.exact, part.prefix, part.suffix, *part.needs]
    return [s for s in dict.fromkeys(found) if s is not None and _useful(s)]


def _best(part: _Part) -> frozenset[str] | None:
    needs = _all_needs(part)
    return max(needs, key=_weight) if needs else None


def _sequence(ops: Sequence) -> _Part:
    part = _EMPTY
    for op, av in ops:
        part = _then(part, _element(op, av))
    return part


def _element(op, av) -> _Part:
    if op is _c.LITERAL:
        ch = frozenset([chr(av)])
        return _Part(ch, ch, ch)
    if op is _c.ASSERT:  # a lookaround takes no text, but what it sees is in the text
        best = _best(_sequence(av[1]))
        return _Part(_EMPTY.exact, _EMPTY.prefix, _EMPTY.suffix, (best,) if best else ())
    if op in _ZERO_WIDTH:
        return _EMPTY
    if op is _c.IN:
        chars = set()
        for kind, value in av:
            if kind is _c.LITERAL:
                chars.add(chr(value))
            elif kind is _c.RANGE and value[1] - value[0] < _MAX_CLASS:
                chars.update(map(chr, range(value[0], value[1] + 1)))
            else:  # a negation or a category (\d is any Unicode digit): unknown
                return _UNKNOWN
        if len(chars) > _MAX_CLASS:
            return _UNKNOWN
        found = frozenset(chars)
        return _Part(found, found, found)
    if op is _c.SUBPATTERN:
        _, add_flags, del_flags, inner = av
        if add_flags or del_flags:  # (?i:...) and the like: the literal case is not kept
            return _UNKNOWN
        return _sequence(inner)
    if op is _c.BRANCH:
        alts = [_sequence(alt) for alt in av[1]]
        exact = _union(a.exact for a in alts)
        prefix = _union(a.prefix if a.prefix is not None else a.exact for a in alts)
        suffix = _union(a.suffix if a.suffix is not None else a.exact for a in alts)
        bests = [_best(a) for a in alts]
        needs = (_union(bests),) if None not in bests else ()
        return _Part(exact, prefix, suffix, tuple(n for n in needs if n is not None))
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
        low, high, item = av
        inner = _sequence(item)
        if low == 0:
            if high == 1 and inner.exact is not None:
                optional = inner.exact | {""}
                return _Part(optional, optional, optional)
            return _UNKNOWN
        repeated = inner
        for _ in range(low - 1):
            repeated = _then(repeated, inner)
        if high != low:  # more may follow: what it starts and ends with is still known
            repeated = _Part(
                None,
                repeated.exact if repeated.exact is not None else repeated.prefix,
                inner.exact if inner.exact is not None else inner.suffix,
                repeated.needs,
            )
        return repeated
    return _UNKNOWN  # any character, a back-reference, a negated literal, ...


def _union(sets) -> frozenset[str] | None:
    out: set[str] = set()
    for s in sets:
        if s is None:
            return None
        out |= s
        if len(out) > _MAX_SET:
            return None
    return frozenset(out)


def required(
    pattern: re.Pattern[str], most: int = 2, behind: bool = True
) -> tuple[frozenset[str], ...]:
    """Sets of literal strings of which every match of ``pattern`` holds one each (at most
    ``most`` sets, the most selective first), read from the pattern's syntax tree; empty
    when nothing literal is certain. A text lacking every string of one set cannot match,
    so these are the pattern's prefilter, derived rather than kept by hand. With
    ``behind=False`` what lookbehinds see is left out: every string then lies in the
    match or in what its lookaheads see, none before its start."""
    tree = _tree(pattern)
    if tree is None:
        return ()
    ops = list(tree) if behind else _ahead(list(tree))
    kept: list[frozenset[str]] = []
    for need in sorted(_all_needs(_sequence(ops)), key=_weight, reverse=True):
        # a set every string of a kept one contains says nothing more
        if not any(all(any(b in a for b in need) for a in have) for have in kept):
            kept.append(need)
    return tuple(kept[:most])


def minimal_prefixes(strings: frozenset[str]) -> list[str]:
    """``strings`` less those that start with another of them, in order: where a longer one
    starts the shorter one starts too, so they start at the same places, and no two of
    them at the same place."""
    return sorted(s for s in strings if not any(s[:k] in strings for k in range(1, len(s))))


def minimal_substrings(strings: frozenset[str]) -> list[str]:
    """``strings`` less those that hold another of them, in order: a text, or a match,
    holds one of these exactly when it holds one of ``strings``."""
    return sorted(
        s
        for s in strings
        if not any(
            s[i:j] in strings
            for i in range(len(s))
            for j in range(i + 1, len(s) + 1)
            if j - i < len(s)
        )
    )


def _ahead(ops) -> list:
    """``ops`` without their lookbehinds (zero-width, so what the rest takes is the same)."""
    out = []
    for op, av in ops:
        if op is _c.ASSERT or op is _c.ASSERT_NOT:
            if av[0] < 0:
                continue
            av = (av[0], _ahead(av[1]))
        elif op is _c.SUBPATTERN:
            av = (*av[:3], _ahead(av[3]))
        elif op is _c.BRANCH:
            av = (av[0], [_ahead(alt) for alt in av[1]])
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            av = (av[0], av[1], _ahead(av[2]))
        elif op is _c.ATOMIC_GROUP:
            av = _ahead(av)
        out.append((op, av))
    return out


def _opening_strings(part: _Part) -> frozenset[str] | None:
    found = part.exact if part.exact is not None else part.prefix
    # one character of ASCII (a bracket, a capital) is too common to be worth the places
    if found is None or not _useful(found) or _weight(found)[0] < 2:
        return None
    return found


@dataclass(frozen=True, slots=True)
class Starts:
    """Every match starts with one of ``strings`` (exact case) or, if ``digit``, with a
    decimal digit (any script's, as ``\\d`` allows)."""

    strings: frozenset[str]
    digit: bool = False
    # the digit opens a word: ``\b`` stands before it, so no digit follows a letter or digit
    boundary: bool = False


def starts(pattern: re.Pattern[str]) -> Starts | None:
    """Where a match of ``pattern`` can start, when that is selective enough that trying
    the pattern only there pays (``anchored_matches`` there gives what ``finditer``
    gives); else None. Read from the pattern, like ``required``."""
    tree = _tree(pattern)
    return None if tree is None else _starts_of(list(tree))


def _starts_of(ops: Sequence, boundary: bool = False) -> Starts | None:
    i = 0
    while i < len(ops) and _zero_width(*ops[i]):  # assertions take no text
        boundary |= ops[i] == (_c.AT, _c.AT_BOUNDARY)
        i += 1
    rest = ops[i:]
    if not rest:
        return None
    op, av = rest[0]
    if op is _c.BRANCH:
        strings: set[str] = set()
        digit = False
        bounded = True  # every path that opens with a digit has a boundary before it
        for alt in av[1]:
            found = _starts_of([*alt, *rest[1:]], boundary)
            if found is None:
                return None
            strings |= found.strings
            digit |= found.digit
            bounded &= found.boundary or not found.digit
        return Starts(frozenset(strings), digit, digit and bounded)
    if op is _c.SUBPATTERN and not av[1] and not av[2]:
        return _starts_of([*av[3], *rest[1:]], boundary)
    if _is_digits(op, av):
        return Starts(frozenset(), True, boundary)
    found = _opening_strings(_sequence(rest))
    return Starts(found) if found is not None else None
