"""The discovery rules as data: ``discovery.yaml`` read into compiled rules.

A rule is a name, a pattern with named fragments (``{PROPER}``) substituted, a kind, and
examples that must match (with the name the rule finds) and must not match. What a text
must hold for a rule to match at all (its ``Needle``) is derived from the compiled pattern
(``anchors.required``), never written by hand, so it cannot drift from the pattern.
The file's own header says how to write a rule.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import ahocorasick

from extractors.anchors import minimal_prefixes, minimal_substrings, required
from extractors.gazetteer import KIND_PRIORITY
from extractors.rule_files import read_rules
from kg.errors import ExtractionError

DATA_FILE = Path(__file__).resolve().parent / "discovery.yaml"
_PLACEHOLDER = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")


class Needle:
    """What a text must hold for a rule to have a chance: one string of each set of
    ``requires`` (read from the rule's pattern). Testing it first skips most rules on
    most texts at a fraction of the cost of running them."""

    __slots__ = ("requires", "_searches")

    def __init__(self, requires: tuple[frozenset[str], ...]) -> None:
        self.requires = requires
        # longest first: the same answer, and the engine stops at the first hit anyway
        self._searches = tuple(
            re.compile("|".join(map(re.escape, sorted(need, key=lambda s: (-len(s), s)))))
            for need in requires
        )

    def holds(self, text: str) -> bool:
        return all(search.search(text) is not None for search in self._searches)


# Characters by how often they stand in English text (then anything else, ASCII first).
_COMMONEST = " etaoinshrdlcumwfgypbvkjxqzTSACIMNPBDEFGHLORWUVKJYQXZ,.-'\"()0123456789"
_RANK = {ch: i for i, ch in enumerate(_COMMONEST)}


def _ranks(string: str) -> list[int]:
    return [_RANK.get(ch, len(_RANK) + (not ch.isascii())) for ch in string]


class CandidateScan:
    """Which rules may match a text, and where, from one pass over it.

    One Aho-Corasick automaton holds every string any rule's needle asks for and every
    string a rule's matches start with (``places``: rule number -> those strings);
    scanning a text once says which needles hold and where each placed rule is worth
    trying. Text in any script takes the same path: curly quotes and Chinese do not
    switch a fast path off, as there is no other path. (Single characters, the commonest
    hits by far, are looked up in the text directly, and their places found only for
    the rules that need them.)

    A rule may be placed by several sets of strings, every match holding one of each
    (a tuple of sets): it is placed by the set that occurs least in the text, and not at
    all where one set does not occur. ``gated``: placed rules worth placing only where
    their needle holds.
    """

    __slots__ = (
        "_automaton",
        "_chars",
        "_groups",
        "_always",
        "_digits",
        "_gated",
        "_char_of",
        "_rules_of",
        "_sets",
        "_placing",
        "_single",
        "_multiple",
        "_back",
    )

    def __init__(
        self,
        needles: Sequence[Needle | None],
        places: dict[int, frozenset[str] | tuple[frozenset[str], ...]] | None = None,
        digits: dict[int, re.Pattern[str]] | None = None,
        gated: frozenset[int] = frozenset(),
    ) -> None:
        ids: dict[str, int] = {}
        # rule number -> for each required set, the ids of its strings
        self._groups: list[tuple[int, tuple[frozenset[int], ...]]] = []
        self._always: list[int] = []  # rules without a needle: their needle always holds
        for number, needle in enumerate(needles):
            if needle is None:
                self._always.append(number)
                continue
            groups = tuple(
                frozenset(ids.setdefault(s, len(ids)) for s in minimal_substrings(need))
                for need in needle.requires
            )
            self._groups.append((number, groups))
        # string id -> (placed rule, which of its sets) for the rules placed there
        rules_of: dict[int, list[tuple[int, int]]] = {}
        self._sets: dict[int, int] = {}  # placed rule -> how many sets place it
        for number, strings in sorted((places or {}).items()):
            sets = (strings,) if isinstance(strings, frozenset) else strings
            self._sets[number] = len(sets)
            for k, one in enumerate(sets):
                for s in minimal_prefixes(one):
                    rules_of.setdefault(ids.setdefault(s, len(ids)), []).append((number, k))
        self._rules_of = {i: tuple(placed) for i, placed in rules_of.items()}
        self._placing = frozenset(self._rules_of)  # the strings that place a rule
        # needles of one set (most) tested in one comprehension, the others set by set
        self._single = tuple((n, groups[0]) for n, groups in self._groups if len(groups) == 1)
        self._multiple = tuple((n, groups) for n, groups in self._groups if len(groups) != 1)
        # rules that may also start at a decimal digit: where the pattern finds one
        self._digits = digits or {}
        self._gated = gated
        self._chars = tuple((string, number) for string, number in ids.items() if len(string) == 1)
        self._char_of = {number: string for string, number in self._chars}
        self._automaton = None
        words = {s: n for s, n in ids.items() if len(s) > 1}
        # string id -> how far back from a hit's last character the string starts
        self._back = {n: len(s) - 1 for s, n in words.items()}
        if words:
            self._automaton = ahocorasick.Automaton()
            # a node's next characters are tried in the order they were added: added
            # commonest first (space, then English letters), the scan finds them sooner
            # (in about half the time on English text); what it finds is the same
            for string, number in sorted(words.items(), key=lambda item: _ranks(item[0])):
                self._automaton.add_word(string, number)
            self._automaton.make_automaton()

    def __call__(self, text: str) -> tuple[set[int], dict[int, list[int]]]:
        """The numbers of the rules whose needles ``text`` satisfies (or that have none),
        and for each placed rule the offsets, ascending, where its matches may start
        (placed rules with none are left out, and gated rules whose needle fails)."""
        held = set(self._always)
        at: dict[int, list[int]] = {}
        # string id -> where it ends (the automaton's strings; most are only tested for
        # being there) or, for characters and digits, starts; and where those start
        where: dict[int, list[int]] = defaultdict(list)
        starts: dict[int, list[int]] = {}
        if self._automaton is not None:
            for end, number in self._automaton.iter(text):
                where[number].append(end)
        seen = set(where)
        seen.update([number for string, number in self._chars if string in text])
        held.update([number for number, group in self._single if not group.isdisjoint(seen)])
        for number, groups in self._multiple:
            for group in groups:
                if group.isdisjoint(seen):
                    break
            else:
                held.add(number)
        # for each placed rule, the strings of each of its sets that occur
        sets = self._sets
        hits_of: dict[int, list[list[int]]] = {number: [[]] for number in self._digits}
        rules_of = self._rules_of
        for i in seen & self._placing:
            for number, k in rules_of[i]:
                lists = hits_of.get(number)
                if lists is None:
                    lists = hits_of[number] = [[] for _ in range(sets[number])]
                lists[k].append(i)
        gated = self._gated
        digits = self._digits
        merged: dict[tuple[int, ...], list[int]] = {}  # rules placed by the same strings
        for number, lists in hits_of.items():
            if number in gated and number not in held:
                continue
            if len(lists) > 1:
                if not all(lists):
                    continue
                # the set that occurs least among those the automaton counted (characters
                # would have to be counted first), else the first (the most selective)
                counted = [hits for hits in lists if all(i in where for i in hits)]
                hits = min(
                    counted, key=lambda hits: sum(len(where[i]) for i in hits), default=lists[0]
                )
            else:
                hits = lists[0]
            if len(hits) == 1 and number not in digits:
                # one string (it occurs): its places, in order
                at[number] = self._places(text, where, starts, hits[0])
                continue
            digit = digits.get(number)
            if digit is None:
                key = tuple(hits)
                places = merged.get(key)
                if places is None:
                    places = merged[key] = self._merged(text, where, starts, hits, None)
            else:
                places = self._merged(text, where, starts, hits, digit)
            if places:
                at[number] = places
        return held, at

    def _merged(
        self,
        text: str,
        where: dict[int, list[int]],
        starts: dict[int, list[int]],
        hits: list[int],
        digit: re.Pattern[str] | None,
    ) -> list[int]:
        """Where the strings ``hits`` (and the digits ``digit`` finds) start, ascending."""
        if digit is not None:
            key = -1 - id(digit)  # (no string id is negative)
            if key not in where:
                where[key] = [m.start() for m in digit.finditer(text)]
            if where[key]:
                hits = [*hits, key]
            # (a digit may start a string too: the places are made unique)
            return sorted(set().union(*[self._places(text, where, starts, i) for i in hits]))
        if len(hits) == 1:
            return self._places(text, where, starts, hits[0])  # one string: in order
        # no string of a set starts another (``minimal_prefixes``), so no two of them
        # start at the same place: their places, put in order, are all different
        places = []
        for i in hits:
            places += self._places(text, where, starts, i)
        places.sort()
        return places

    def _places(
        self,
        text: str,
        where: dict[int, list[int]],
        starts: dict[int, list[int]],
        number: int,
    ) -> list[int]:
        """Where string ``number`` starts in ``text``, ascending: from the scan, or for a
        single character, found when a rule first asks."""
        found = starts.get(number)
        if found is not None:
            return found
        ends = where.get(number)
        if ends is None:
            char = self._char_of[number]
            found = where[number] = []
            at = text.find(char)
            while at >= 0:
                found.append(at)
                at = text.find(char, at + 1)
        else:
            back = self._back.get(number, 0)
            found = [end - back for end in ends] if back else ends
        starts[number] = found
        return found


@dataclass(frozen=True)
class Example:
    text: str
    name: str | None  # the name the rule finds; None: the rule must not match


@dataclass(frozen=True)
class Rule:
    """A shape rule: the string alone says what it is (``Name-7B``, ``CVE-…``)."""

    kind: str
    pattern: re.Pattern[str]
    why: str
    # A capitalised word right before the match means it is the tail of a longer phrase
    # ("The Open Source AI" is not a company "Source AI").
    whole_phrase: bool = False
    rank: int = 1  # where two candidates cover the same span, the lower rank wins
    needle: Needle | None = None  # what the text must hold for the rule to match at all
    name: str = ""
    examples: tuple[Example, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class ContextRule:
    """A context rule: the words around a name say it is one, and of which kind."""

    pattern: re.Pattern[str]
    default: str  # kind when the words after the name do not say
    why: str
    typed_by_context: bool = True
    reach: int = 45  # how far after the name a kind noun may stand to type it
    rank: int = 1  # where two candidates cover the same span, the lower rank wins
    many: bool = False  # the group is a list: "NVIDIA, Microsoft and OpenAI", "台積電與輝達"
    # "Elon Musk said" is a person only if the text goes on to call him "Musk".
    surname_recurs: bool = False
    # what the text must hold for the rule to match at all: a cheap test that skips it
    needle: Needle | None = None
    # the match defines an acronym: the groups ``long`` and ``short`` must agree
    # ("Tidal Policy Shaping (TPS)"), or it is a bracketed aside, not a definition
    acronym: bool = False
    # a capitalised word may stand right before the name without making it the tail of a
    # longer one: a maker ("Orbex H310 chips"), a place ("Freedonia-aligned Greylantern")
    after_capital: bool = False
    # the name is another name of the nearest name of the rule's kind before it, within
    # ``reach`` characters ("Scattered Spider ... also tracked as Octo Tempest")
    alias_of_previous: bool = False
    name: str = ""
    examples: tuple[Example, ...] = field(default=(), compare=False)


@dataclass(frozen=True)
class RuleSet:
    shape: tuple[Rule, ...]
    context: tuple[ContextRule, ...]
    fragments: dict[str, str]


def one_of(words: str) -> str:
    """A pattern for any of these space-separated words, as a trie ("T(?:he|his)"): the
    engine reads each character once instead of trying every word in turn. It matches
    the same strings as the plain alternation, so it is for assertions, where only
    whether something matches counts."""
    trie: dict = {}
    for word in words.split():
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(rest) for ch, rest in sorted(node.items()) if ch]
        if "" in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return pattern(trie)


def after(words: str) -> str:
    """Lookbehinds for "right after one of these words": one per word length, as re needs
    fixed-width lookbehinds (fewer lookbehinds for the engine to try at every word)."""
    by_length: dict[int, list[str]] = {}
    for word in words.split():
        by_length.setdefault(len(word), []).append(word)
    return "|".join(rf"(?<=\b(?:{'|'.join(same)}) )" for _, same in sorted(by_length.items()))


_BUILDERS = {"one_of": one_of, "after": after}


def _text(value: Any, where: str) -> str:
    """A pattern as the file writes it: one string, or a list of pieces joined."""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(p, str) for p in value):
        return "".join(value)
    raise ExtractionError(f"{where}: expected a pattern (a string or a list of strings)")


def _fragments(raw: Any, path: Path) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ExtractionError(f"{path}: 'fragments' must map NAME to a pattern")
    out: dict[str, str] = {}
    for name, value in raw.items():
        where = f"{path}: fragment {name}"
        if not isinstance(name, str) or not _PLACEHOLDER.fullmatch("{" + name + "}"):
            raise ExtractionError(f"{where}: a fragment name is upper case (A-Z, 0-9, _)")
        if isinstance(value, dict):
            if len(value) != 1 or next(iter(value)) not in _BUILDERS:
                raise ExtractionError(f"{where}: expected {{one_of: words}} or {{after: words}}")
            how, words = next(iter(value.items()))
            out[name] = _BUILDERS[how](_text(words, where))
        else:
            # fragments may use fragments defined above them
            out[name] = _substitute(_text(value, where), out, where)
    return out


def _substitute(pattern: str, fragments: dict[str, str], where: str) -> str:
    def fragment(m: re.Match[str]) -> str:
        if m.group(1) not in fragments:
            raise ExtractionError(f"{where}: no fragment {{{m.group(1)}}} defined before it")
        return fragments[m.group(1)]

    return _PLACEHOLDER.sub(fragment, pattern)


def _latin_boundaries(pattern: str) -> str:
    r"""\b fails between a CJK character and a Latin name ("領投Velora Labs"): a shape
    rule's ``\b`` around its name is read as a Latin-only boundary, so names glued to
    Chinese text are found. A name that opens with a capital checks the boundary right
    after it, so the engine skips ahead to capitals instead of testing the boundary at
    every position."""
    pattern = pattern.replace(r"\b(?P<name>[A-Z]", r"(?P<name>[A-Z](?<![A-Za-z0-9_][A-Z])")
    pattern = pattern.replace(r"\b(?P<name>", r"(?<![A-Za-z0-9_])(?P<name>")
    if pattern.endswith(r")\b"):
        pattern = pattern[:-2] + r"(?![A-Za-z0-9_])"
    return pattern


_COMMON = {"name", "kind", "why", "pattern", "match", "no_match", "rank"}
_SHAPE_KEYS = _COMMON | {"whole_phrase"}
_CONTEXT_KEYS = _COMMON | {
    "typed_by_context",
    "reach",
    "many",
    "surname_recurs",
    "acronym",
    "after_capital",
    "alias_of_previous",
}
_KINDS = frozenset(KIND_PRIORITY)


def _examples(entry: dict, where: str) -> tuple[Example, ...]:
    out = []
    for item in entry.get("match") or ():
        if not (
            isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)
        ):
            raise ExtractionError(f"{where}: a 'match' example is [text, the name found]")
        out.append(Example(item[0], item[1]))
    for item in entry.get("no_match") or ():
        if not isinstance(item, str):
            raise ExtractionError(f"{where}: a 'no_match' example is a text")
        out.append(Example(item, None))
    if not any(e.name is not None for e in out):
        raise ExtractionError(f"{where}: needs at least one 'match' example")
    return tuple(out)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        raise ExtractionError(f"{where}: not a valid pattern: {exc}") from None
    if "name" not in compiled.groupindex:
        raise ExtractionError(f"{where}: the pattern has no group (?P<name>...)")
    return compiled


def _entries(raw: dict, key: str, allowed: set[str], path: Path, seen: set[str]):
    entries = raw.get(key) or []
    if not isinstance(entries, list):
        raise ExtractionError(f"{path}: '{key}' must be a list of rules")
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ExtractionError(f"{path}: {key} #{number}: a rule is a mapping with a 'name'")
        where = f"{path}: rule {entry['name']}"
        if entry["name"] in seen:
            raise ExtractionError(f"{where}: the name is used twice")
        seen.add(entry["name"])
        unknown = set(entry) - allowed
        missing = {"kind", "why", "pattern"} - set(entry)
        if unknown or missing:
            raise ExtractionError(
                f"{where}: "
                + "; ".join(
                    [f"unknown key(s) {sorted(unknown)}"] * bool(unknown)
                    + [f"missing {sorted(missing)}"] * bool(missing)
                )
            )
        if entry["kind"] not in _KINDS:
            raise ExtractionError(f"{where}: unknown kind {entry['kind']!r}")
        yield entry, where


def load_rules(path: Path = DATA_FILE) -> RuleSet:
    """The rules of a rule file; ``ExtractionError`` naming the file and the rule when one
    is malformed (examples are checked by the tests, not at load time)."""
    return _load(path.resolve())


@lru_cache(maxsize=4)
def _load(path: Path) -> RuleSet:
    raw = read_rules(path)
    fragments = _fragments(raw.get("fragments") or {}, path)
    seen: set[str] = set()
    shape = []
    for entry, where in _entries(raw, "shape_rules", _SHAPE_KEYS, path, seen):
        pattern = _compile(
            _latin_boundaries(_substitute(_text(entry["pattern"], where), fragments, where)),
            where,
        )
        shape.append(
            Rule(
                entry["kind"],
                pattern,
                entry["why"],
                whole_phrase=bool(entry.get("whole_phrase", False)),
                rank=int(entry.get("rank", 1)),
                needle=_needle(pattern),
                name=entry["name"],
                examples=_examples(entry, where),
            )
        )
    context = []
    for entry, where in _entries(raw, "context_rules", _CONTEXT_KEYS, path, seen):
        pattern = _compile(_substitute(_text(entry["pattern"], where), fragments, where), where)
        context.append(
            ContextRule(
                pattern,
                entry["kind"],
                entry["why"],
                typed_by_context=bool(entry.get("typed_by_context", False)),
                reach=int(entry.get("reach", 45)),
                rank=int(entry.get("rank", 1)),
                many=bool(entry.get("many", False)),
                surname_recurs=bool(entry.get("surname_recurs", False)),
                needle=_needle(pattern),
                acronym=bool(entry.get("acronym", False)),
                after_capital=bool(entry.get("after_capital", False)),
                alias_of_previous=bool(entry.get("alias_of_previous", False)),
                name=entry["name"],
                examples=_examples(entry, where),
            )
        )
    return RuleSet(tuple(shape), tuple(context), fragments)


def _needle(pattern: re.Pattern[str]) -> Needle | None:
    needs = required(pattern)
    return Needle(needs) if needs else None
