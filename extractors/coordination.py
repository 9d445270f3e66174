"""Names typed by where they stand: in a list, beside a head noun, beside a CVE.

Read after the gazetteer and the discovery rules, over the names they found: a list whose
noun ("acquisitions (A, B)", "tools, including A and B") or whose known members ("Cisco,
Arista, and HPE") say what it holds types its other names; a coined name takes the kind
of the noun beside it ("Agent Swarm, a ... framework", "a Think-Fusion training recipe");
a product is named beside the CVE that affects it. Patterns are data
(``coordination.yaml``); this module holds the machinery. Pure: text and names in,
new names and new kinds out.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress
from operator import attrgetter
from pathlib import Path
from typing import Any

from extractors.context_rules import COMMON_WORDS, NATIONALITIES, PLACES, TITLES
from extractors.discovery import letters_in_order
from extractors.generic import load_generic_terms
from extractors.literals import gate
from extractors.rule_files import read_rules
from extractors.tokenizer import Split
from kg.errors import ExtractionError
from kg.normalize import display_name, normalize_name

RULES_FILE = Path(__file__).with_name("coordination.yaml")
# (the words "group called X" needs, looked for before its pattern is run)
_ACTOR_WORDS = ("group", "gang", "crew", "cluster", "actor")
_THREAT_WORDS = (
    "hack",
    "threat",
    "APT",
    "espionage",
    "ransomware",
    "cybercrime",
    "extortion",
    "sponsored",
)
_NOT_NAMES = COMMON_WORDS | PLACES | NATIONALITIES | TITLES


@dataclass(frozen=True, slots=True)
class Placed:
    start: int
    end: int
    name: str
    kind: str
    why: str


@dataclass(frozen=True)
class Patterns:
    cue: re.Pattern[str]
    cue_kinds: dict[str, str]
    cue_lower: frozenset[str]
    noun_last: frozenset[str]  # the last word of each head noun, and its plural
    listed: frozenset[str]  # cue_lower and noun_last: the words one pass over a text finds
    nouns_by_last: dict[str, tuple[str, ...]]  # last word -> the nouns, longest first
    opener: re.Pattern[str]
    item: re.Pattern[str]
    separator: re.Pattern[str]
    item_before: re.Pattern[str]
    propagated: frozenset[str]
    head_noun: re.Pattern[str]
    head_after: re.Pattern[str]
    apposition: re.Pattern[str]
    apposition_noun: re.Pattern[str]
    apposition_name: re.Pattern[str]
    title: re.Pattern[str]
    noun_kinds: dict[str, str]
    cve_product: tuple[re.Pattern[str], ...]
    actor_called: re.Pattern[str]
    platform_x: re.Pattern[str]


@lru_cache(maxsize=4)
def load_patterns(path: Path = RULES_FILE) -> Patterns:
    raw: dict[str, Any] = read_rules(path)
    try:
        item = raw["list_item"]
        separator = raw["list_separator"]
        coined = raw["coined"]
        reach = int(raw["head_reach"])
        kinds: dict[str, str] = {}
        for h in raw["head_nouns"]:
            for w in str(h["words"]).split("|"):
                kinds.setdefault(w.split()[-1].lower(), str(h["kind"]))
        nouns = "|".join(
            sorted(
                (w for h in raw["head_nouns"] for w in str(h["words"]).split("|")),
                key=len,
                reverse=True,
            )
        )
        by_last: dict[str, list[str]] = {}
        for h in raw["head_nouns"]:
            for w in str(h["words"]).split("|"):
                by_last.setdefault(w.split()[-1].lower(), []).append(w)
        cue_kinds = {w: str(c["kind"]) for c in raw["list_cues"] for w in str(c["words"]).split()}
        cues = "|".join(sorted(map(re.escape, cue_kinds), key=len, reverse=True))
        title_nouns = "|".join(sorted(kinds, key=len, reverse=True))
        noun_last = frozenset(form for last in by_last for form in (last, last + "s"))
        cue_lower = frozenset(w.lower() for w in cue_kinds)
        return Patterns(
            cue=re.compile(rf"\b(?P<cue>{cues})(?![A-Za-z])"),
            cue_kinds=cue_kinds,
            cue_lower=cue_lower,
            noun_last=noun_last,
            listed=cue_lower | noun_last,
            nouns_by_last={
                last: tuple(sorted(set(v), key=len, reverse=True)) for last, v in by_last.items()
            },
            opener=re.compile(raw["list_opener"]),
            item=re.compile(rf"(?<![A-Za-z0-9_]){item}"),
            separator=re.compile(separator),
            item_before=re.compile(rf"(?<![A-Za-z0-9_])(?P<item>{item}){separator}$"),
            propagated=frozenset(raw["propagated_kinds"]),
            # "a ... Think-Fusion training recipe": the noun found first, the name before it
            head_noun=re.compile(rf"(?<=[\w-] )(?P<noun>{nouns})s?\b"),
            head_after=re.compile(
                rf"\b(?:[Aa]n?|[Tt]he|[Oo]ur|[Ii]ts|[Tt]heir)\s+(?:[\w-]+\s+){{0,{reach}}}?"
                rf"(?P<name>{coined})\s+$"
            ),
            # "Agent Swarm, a ... framework": the comma and article first, then both sides
            apposition=re.compile(r",\s+(?:an?|the)\s+"),
            # greedy: a noun phrase's head is its last noun ("agent orchestration framework"),
            # but the phrase ends at a relative pronoun or a preposition
            apposition_noun=re.compile(
                rf"(?:(?!(?:{_PHRASE_ENDS})\s)[\w-]+\s+){{0,{reach}}}(?P<noun>{nouns})s?\b"
            ),
            apposition_name=re.compile(rf"(?<![\w-])(?P<name>{coined})$"),
            title=re.compile(
                rf"(?P<name>[A-Z][\w.+-]*(?: [A-Z0-9][\w.+-]*)?):\s+(?:(?:A|An|The|Towards?)\s+)?"
                rf"(?:[\w-]+\s+){{0,{reach}}}?(?P<noun>(?i:{title_nouns}))s?(?=\s+(?:for|of|with|via|to|on|in)\b|\s*$)",
                re.M,
            ),
            noun_kinds=kinds,
            cve_product=tuple(re.compile(p) for p in raw["cve_product"]),
            actor_called=re.compile(raw["actor_called"]),
            platform_x=re.compile(raw["platform_x"]),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ExtractionError(f"{path}: missing or malformed {exc}") from None
    except re.error as exc:
        raise ExtractionError(f"{path}: a pattern does not compile: {exc}") from None


class _Taken:
    """Which spans of the text names already hold."""

    def __init__(self, hits: Sequence[Any]) -> None:
        spans = sorted((h.start, h.end, i) for i, h in enumerate(hits))
        self.starts = [s for s, _, _ in spans]
        self.spans = spans

    def over(self, start: int, end: int) -> list[int]:
        """The numbers of the hits overlapping ``start:end``."""
        out = []
        i = bisect_left(self.starts, start)
        j = i - 1
        while j >= 0 and self.spans[j][1] > start:  # (hits do not nest deeply: a short walk)
            out.append(self.spans[j][2])
            j -= 1
            if start - self.spans[j + 1][0] > 200:
                break
        while i < len(self.spans) and self.spans[i][0] < end:
            out.append(self.spans[i][2])
            i += 1
        return out


def _nameable(
    text: str, start: int, end: int, generic: frozenset[str], opening: bool = False
) -> bool:
    name = text[start:end]
    words = name.split()
    if not words or words[0] in _NOT_NAMES or all(w in _NOT_NAMES for w in words):
        return False
    if len(name) < 2 or normalize_name(name) in generic:
        return False
    if opening:
        return True
    # the first word of a sentence is capitalised whatever it is
    before = text[max(0, start - 2) : start]
    return not ((start == 0 or before.endswith(("\n", ". ", "! ", "? "))) and " " not in name)


def _words_at(
    text: str, tokens: Split | None, p: Patterns
) -> tuple[list[tuple[int, int]], list[tuple[int | None, int]]]:
    """Where the list cues and the head nouns' last words (lower case) stand in ``text``:
    (start, end) of each cue and (start, end) of each noun's last word (start None when
    not known). From the tokens when the caller has them (one pass over a list for both,
    no regular expression), else by the patterns."""
    if tokens is None:
        cues = [m.span() for m in p.cue.finditer(text)]
        return cues, [(None, m.end()) for m in p.head_noun.finditer(text)]
    words, ends = tokens.words, tokens.ends
    cues, nouns = [], []
    cue_lower, noun_last = p.cue_lower, p.noun_last
    for k in compress(range(len(words)), map(p.listed.__contains__, words)):
        word = words[k]
        span = (ends[2 * k], ends[2 * k + 1])
        if word in cue_lower:
            cues.append(span)
        if word in noun_last:
            nouns.append(span)
    return cues, nouns


def placed(
    text: str,
    hits: Sequence[Any],
    *,
    paper: bool = False,
    p: Patterns | None = None,
    tokens: Split | None = None,
) -> tuple[list[Placed], dict[int, str], set[int]]:
    """New names, new kinds for discovered names, and the names a longer new one replaces
    ("Lumen" inside "Lumen Web Console"), by their number in ``hits``. ``tokens`` is
    ``tokenizer.split(text)`` if the caller has it."""
    p = p or load_patterns()
    generic = load_generic_terms()
    taken = _Taken(hits)
    out: list[Placed] = []
    retype: dict[int, str] = {}
    replaced: set[int] = set()
    claimed: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not taken.over(start, end) and not any(s < end and start < e for s, e in claimed)

    def add(start: int, end: int, kind: str, why: str, opening: bool = False) -> None:
        if free(start, end) and _nameable(text, start, end, generic, opening):
            claimed.append((start, end))
            out.append(Placed(start, end, display_name(text[start:end]), kind, why))

    def add_over(start: int, end: int, kind: str, why: str) -> None:
        """A name the context vouches for: known names strictly inside it give way to it,
        a discovered name on the same span takes its kind."""
        over = taken.over(start, end)
        if not over:
            add(start, end, kind, why)
            return
        if len(over) == 1 and (hits[over[0]].start, hits[over[0]].end) == (start, end):
            name_or_retype(start, end, kind, why)
            return
        if all(start <= hits[i].start and hits[i].end <= end for i in over):
            if any(s < end and start < e for s, e in claimed):
                return
            if _nameable(text, start, end, generic):
                replaced.update(over)
                claimed.append((start, end))
                out.append(Placed(start, end, display_name(text[start:end]), kind, why))

    def name_or_retype(start: int, end: int, kind: str, why: str, opening: bool = False) -> None:
        over = taken.over(start, end)
        if not over:
            add(start, end, kind, why, opening)
            return
        if len(over) == 1:
            h = hits[over[0]]
            if (
                h.start == start
                and h.end == end
                and h.discovered
                and h.kind != kind
                and not _OWN_KIND.search(h.name)
            ):
                retype.setdefault(over[0], kind)

    cues, nouns = _words_at(text, tokens, p)
    # 1. lists with a noun that says what they hold
    for cue_start, cue_end in cues:
        kind = p.cue_kinds.get(text[cue_start:cue_end])  # (as written: "Models" is no cue)
        if kind is None or (cue_end < len(text) and text[cue_end].isalpha()):
            continue
        o = p.opener.match(text, cue_end)
        if o is None:
            continue
        closing = text[cue_end : o.end()].strip().startswith("(")
        spans = _items(text, o.end(), p, closing)
        if closing and len(spans) == 1 and _defines(text, cue_start, *spans[0]):
            continue  # "mergers and acquisitions (M&A)": an acronym, no list
        for start, end in spans:
            add_over(start, end, kind, "list under a noun")
    # 2. lists whose known names share a kind
    _propagate(text, hits, taken, p, add)
    # 3. head nouns and appositions
    for word_start, noun_end in nouns:
        found = _noun_start(text, noun_end, p, word_start)
        if found is None:
            continue
        noun_start, noun = found
        # the word right before the noun must be capitalised to end a coined name
        before = text.rfind(" ", 0, noun_start - 1) + 1
        if not text[before : before + 1].isupper():
            continue
        a = p.head_after.search(text, max(0, noun_start - 120), noun_start)
        if a is not None:
            kind = p.noun_kinds[noun.split()[-1].lower()]
            name_or_retype(a.start("name"), a.end("name"), kind, "head noun")
    for m in p.apposition.finditer(text):
        noun = p.apposition_noun.match(text, m.end())
        if noun is None:
            continue
        a = p.apposition_name.search(text, max(0, m.start() - 60), m.start())
        if a is not None:
            kind = p.noun_kinds[noun.group("noun").split()[-1].lower()]
            name_or_retype(a.start("name"), a.end("name"), kind, "apposition")
    first_line = text.find("\n")
    m = p.title.match(text, 0, first_line if first_line > 0 else len(text))
    if m is not None:
        kind = p.noun_kinds.get(m.group("noun").lower())
        if kind:
            name_or_retype(m.start("name"), m.end("name"), kind, "title head noun", True)
    if not paper:
        for pattern in p.cve_product if "CVE-" in text else ():
            for m in pattern.finditer(text):
                add_over(m.start("name"), m.end("name"), "Product", "beside a CVE")
        if any(w in text for w in _ACTOR_WORDS) and any(w in text for w in _THREAT_WORDS):
            for m in p.actor_called.finditer(text) if gate(p.actor_called)(text) else ():
                name_or_retype(m.start("name"), m.end("name"), "ThreatActor", "group called X")
        platform_x = (" X" in text or "「X」" in text) and gate(p.platform_x)(text)
        for m in p.platform_x.finditer(text) if platform_x else ():
            at = text.find("X", m.start(), m.end())
            if free(at, at + 1):
                claimed.append((at, at + 1))
                out.append(Placed(at, at + 1, "X", "Product", "the platform X"))
    return out, retype, replaced


# a name whose own last word says its kind keeps it ("DefenderBench: A Toolkit for ...")
_OWN_KIND = re.compile(r"(?:[Bb]ench|BENCH|Benchmark|Dataset)$")
_CITATION = re.compile(r" et al\b|,? \d{4}[a-z]?\b")
# a citation after a list's name ("LLaMA (Dubey et al., 2024), Gemma (Gemma-Team, 2025)")
_CITED = re.compile(r" \((?:[^()]{1,60}?(?: et al\.?,?|,) )?\d{4}[a-z]?\)")


def _defines(text: str, cue_start: int, start: int, end: int) -> bool:
    """Whether the name in parentheses is an acronym of the words before it."""
    short = [ch.lower() for ch in text[start:end] if ch.isalpha()]
    if not short or not text[start:end].replace("&", "").isupper():
        return False
    initials = [
        w[0].lower() for w in text[max(0, cue_start - 60) : start].split() if w[0].isalpha()
    ]
    return letters_in_order(short, initials)


def _noun_start(
    text: str, end: int, p: Patterns, word_start: int | None = None
) -> tuple[int, str] | None:
    """Where the head noun (one of ``head_nouns`` as written, maybe plural) ending at
    ``end`` starts, if a word and a space stand before it, and the noun. ``word_start`` is
    where its last word's token starts, if known (its letters need no walk)."""
    if word_start is None:
        word_start = end
    while word_start and text[word_start - 1].isalpha():
        word_start -= 1
    last = text[word_start:end].lower()
    phrases = p.nouns_by_last.get(last) or p.nouns_by_last.get(
        last[:-1] if last.endswith("s") else ""
    )
    if not phrases:
        return None
    stop = end - (1 if last not in p.nouns_by_last else 0)
    for phrase in phrases:  # longest first
        start = stop - len(phrase)
        if (
            start >= 2
            and text[start:stop] == phrase
            and text[start - 1] == " "
            and _GLUED_BEFORE(text[start - 2])
        ):
            return start, phrase
    return None


def _GLUED_BEFORE(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def _items(text: str, pos: int, p: Patterns, closing: bool) -> list[tuple[int, int]]:
    """The spans of the list's names from ``pos``: up to its last separator-joined name."""
    spans = []
    while True:
        m = p.item.match(text, pos)
        if m is None or _CITATION.match(text, m.end()):
            break  # "chatbots (Achiam et al., 2023)": a citation names authors, not a list
        if text.endswith(("'s", "’s"), m.start(), m.end()):
            break  # "xAI, Elon Musk's venture": a possessive opens a phrase, not a name
        spans.append(m.span())
        if closing and text.startswith(")", m.end()):
            break
        cited = None if closing else _CITED.match(text, m.end())
        sep = p.separator.match(text, cited.end() if cited else m.end())
        if sep is None or sep.end() == (cited.end() if cited else m.end()):
            break
        pos = sep.end()
    return spans


_START = attrgetter("start")
_PHRASE_ENDS = "that|which|who|to|for|with|and|or|of|in|on|by|from|is|are|was|were|as"
_JOINS = (", ", " and ", " or ", ",and ", ", and ")


def _propagate(text: str, hits: Sequence[Any], taken: _Taken, p: Patterns, add) -> None:
    done_until = -1
    for h in sorted(hits, key=_START):
        if h.start < done_until or h.kind not in p.propagated:
            continue
        if p.separator.match(text, h.end) is None and not text.endswith(_JOINS, 0, h.start):
            continue
        # the list's start: walk back over names joined by separators
        start = h.start
        while text.endswith(_JOINS, 0, start):
            b = p.item_before.search(text, max(0, start - 80), start)
            if b is None:
                break
            start = b.start("item")
        spans = _items(text, start, p, False)
        if len(spans) < 2 or not any(s <= h.start < e for s, e in spans):
            continue
        done_until = spans[-1][1]
        kinds, unknown = [], []
        for s, e in spans:
            over = taken.over(s, e)
            if not over:
                unknown.append((s, e))
            else:
                kinds.extend(hits[i].kind for i in over)
        if not unknown or len(set(kinds)) != 1:
            continue
        if len(kinds) < 2 and len(spans) < 3:
            continue
        for s, e in unknown:
            add(s, e, kinds[0], "list of known names")
