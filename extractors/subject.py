"""The document subject, the references that stand for it, and the facts stated about it.

A relation is often stated about a subject named once: a threat post's actor is "the
group" later on, a funding story's startup "the round" or "该公司", a paper's model "our
model". ``Subjects`` picks the most salient entity of each kind in a document;
``references`` finds the phrases that stand for one in a sentence, as mentions the
relation triggers can read. Investor lists, the CVEs a subject actor exploits and the
country an actor is attributed to are read here too. Patterns are data (``subject.yaml``).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from extractors.anchors import widest_lookbehind
from extractors.literals import Gate, gate, quick
from extractors.rule_files import read_rules
from kg.errors import ExtractionError

DATA_FILE = Path(__file__).parent / "subject.yaml"
# how far the most salient entity of a kind must lead the next one to be the subject
DOMINANCE = 1.5


class Ref(NamedTuple):
    """A reference phrase read as a mention of ``name``; ``via`` is the phrase."""

    start: int
    end: int
    name: str
    kind: str
    via: str
    covers: int = 0  # an implied subject: where its cue ends (names inside it are dropped)


class Hit(NamedTuple):
    start: int
    end: int
    name: str
    kind: str


class Fact(NamedTuple):
    head: str
    head_kind: str
    type: str
    tail: str
    tail_kind: str
    sentence: tuple[int, int]
    via: str
    qualifiers: dict


@dataclass(frozen=True)
class Reference:
    kind: str
    pattern: re.Pattern[str]
    implied: bool
    role: str


class _Scan:
    """How a reference pattern is looked for in a document: its gate, its quick form, and
    whether it can match an ASCII text at all (a pattern of Chinese words alone cannot).
    Made once per pattern: ``gate()`` and ``quick()`` hash a pattern's whole code per call."""

    __slots__ = ("ascii", "gate", "ref", "scan")

    def __init__(self, ref: Reference) -> None:
        self.ref = ref
        self.gate = gate(ref.pattern)
        self.scan = quick(ref.pattern)
        self.ascii = not _only_non_ascii(ref.pattern)


def _only_non_ascii(pattern: re.Pattern[str]) -> bool:
    """Whether ``pattern`` is an alternation of words written without ASCII characters
    (every character outside ASCII is a literal, and without IGNORECASE matches only
    itself), so that it cannot match in an ASCII text."""
    source = pattern.pattern
    return (
        isinstance(source, str)
        and not pattern.flags & re.IGNORECASE
        and all(ch == "|" or not ch.isascii() for ch in source)
        and "" not in source.split("|")
    )


class _Window:
    """A pattern read sentence by sentence, with a gate asked of the sentence itself: what
    the pattern sees of the text when it matches in ``start:end`` lies between ``start``
    less its widest lookbehind and ``end``, so a gate that turns that stretch away says
    that no match lies in the sentence. Each sentence is a new string: the gate is this
    window's own, and the shared one keeps the document it last read."""

    __slots__ = ("behind", "doc_gate", "gate", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.doc_gate = gate(pattern)
        # (a pattern without words to look for is only scanned)
        self.gate = Gate(pattern) if self.doc_gate.strings != ("",) else None
        # (a \b, too, looks at the character before)
        self.behind = max(1, widest_lookbehind(pattern))

    # the stretch last cut out, (text, start, end, stretch): the windows of a sentence ask
    # of the same one, and a gate lowers a text it has lowered last at no cost
    _last: tuple[str, int, int, str] = ("", 0, 0, "")

    def admits(self, text: str, start: int, end: int) -> bool:
        if not self.doc_gate(text):
            return False
        if self.gate is None:
            return True
        start = max(0, start - self.behind)
        last = _Window._last
        if last[0] is text and last[1] == start and last[2] == end:
            return self.gate(last[3])
        stretch = text[start:end]
        _Window._last = (text, start, end, stretch)
        return self.gate(stretch)

    def finditer(self, text: str, start: int, end: int):
        return self.pattern.finditer(text, start, end) if self.admits(text, start, end) else ()

    def search(self, text: str, start: int, end: int) -> re.Match[str] | None:
        return self.pattern.search(text, start, end) if self.admits(text, start, end) else None


@dataclass(frozen=True)
class Patterns:
    references: tuple[Reference, ...]
    funded_cue: re.Pattern[str]
    funding_words: re.Pattern[str]
    cues_before: tuple[tuple[str, re.Pattern[str]], ...]  # text before an investor
    cues_after: tuple[tuple[str, re.Pattern[str]], ...]  # text right after one
    exploit_words: re.Pattern[str]
    countries: dict[str, str]  # folded surface -> country
    country_phrase: re.Pattern[str]
    attribution_before: re.Pattern[str]
    proposal_cue: re.Pattern[str]
    # "Russia's Seashell Blizzard", "Russian Sandworm", "Belarus-aligned Ghostwriter": the
    # country right before the actor's name
    country_adjacent: re.Pattern[str] | None = None
    # made from the fields above by ``__post_init__``
    scans: tuple[_Scan, ...] = ()
    phrase_window: _Window | None = None
    before_window: _Window | None = None
    adjacent_window: _Window | None = None
    funding_window: _Window | None = None
    exploit_window: _Window | None = None
    investor_gates: tuple[tuple[Any, ...], ...] = ()  # of cues_before, of cues_after

    def __post_init__(self) -> None:
        made = {
            "scans": tuple(_Scan(r) for r in self.references),
            "phrase_window": _Window(self.country_phrase),
            "before_window": _Window(self.attribution_before),
            "adjacent_window": (
                _Window(self.country_adjacent) if self.country_adjacent is not None else None
            ),
            "funding_window": _Window(self.funding_words),
            "exploit_window": _Window(self.exploit_words),
            "investor_gates": (
                tuple(gate(c) for _, c in self.cues_before),
                tuple(gate(c) for _, c in self.cues_after),
            ),
        }
        for name, value in made.items():
            object.__setattr__(self, name, value)


@lru_cache(maxsize=4)
def load_patterns(path: Path = DATA_FILE) -> Patterns:
    raw = read_rules(path)
    try:
        refs = tuple(
            Reference(
                str(r["kind"]), re.compile(r["pattern"]), bool(r.get("implied")), r.get("role", "")
            )
            for r in raw["references"]
        )
        before, after = [], []
        for cue in raw["investor_cues"]:
            target = after if cue.get("where") == "before" else before
            target.append((str(cue["role"]), re.compile(cue["pattern"])))
        countries = {}
        for country, surfaces in raw["countries"].items():
            for s in [country, *surfaces]:
                countries[s.lower()] = country
        names = "|".join(sorted((re.escape(s) for s in countries), key=len, reverse=True))
        # a listed country, or any capitalised word before "-linked" ("Freedonia-linked")
        country_phrase = re.compile(
            rf"(?<![\w-])(?P<c>(?i:{names})|[A-Z][a-z]{{3,}}(?=-(?:linked|backed|nexus|aligned|sponsored)\b))"
            rf"(?={raw['attribution_after']})"
        )
        return Patterns(
            references=refs,
            funded_cue=re.compile(raw["funded_cue"]),
            funding_words=re.compile(raw["funding_words"]),
            cues_before=tuple(before),
            cues_after=tuple(after),
            exploit_words=re.compile(raw["exploit_words"]),
            countries=countries,
            country_phrase=country_phrase,
            proposal_cue=re.compile(raw["proposal_cue"]),
            attribution_before=re.compile(
                rf"{raw['attribution_before'].rstrip('$')}(?P<c>(?i:{names}))(?![\w-])"
            ),
            country_adjacent=re.compile(
                rf"(?<![\w-])(?=[A-Z])(?P<c>(?i:{names})|[A-Z][a-z]{{3,}}(?=-(?:linked|backed|nexus|aligned|sponsored)\b))"
                rf"{raw['attribution_adjacent']}"
            ),
        )
    except (KeyError, TypeError) as exc:
        raise ExtractionError(f"{path}: missing or malformed {exc}") from None
    except re.error as exc:
        raise ExtractionError(f"{path}: bad regular expression: {exc}") from None


_FIRST = itemgetter(0)


class Subjects:
    """The most salient entity of each kind in one document: the most mentioned, a name in
    the title counting double, the first on a tie; and the startup that raised money."""

    def __init__(
        self,
        text: str,
        hits: Sequence[Hit],
        sentences: Sequence[tuple[int, int]],
        p: Patterns | None = None,
    ) -> None:
        self.p = p = p or load_patterns()
        title_end = sentences[0][1] if sentences else 0
        score: dict[tuple[str, str], list[float]] = {}
        for order, h in enumerate(hits):
            key = (h.kind, h.name)
            entry = score.get(key)
            if entry is None:
                score[key] = [2.0 if h.start < title_end else 1.0, -order]
            else:
                entry[0] += 2.0 if h.start < title_end else 1.0
        self.by_kind: dict[str, str] = {}
        runner_up: dict[str, float] = {}
        top: dict[str, float] = {}
        for (kind, name), value in sorted(score.items(), key=lambda kv: kv[1], reverse=True):
            if kind not in top:
                top[kind] = value[0]
                self.by_kind[kind] = name
            else:
                runner_up.setdefault(kind, value[0])
        # a subject stands out: a digest of several stories about as many actors has none
        for kind, second in runner_up.items():
            if top[kind] < DOMINANCE * second:
                del self.by_kind[kind]
        # no one actor stands out, but the leading ones are named together in a sentence
        # ("Linen Typhoon, Violet Typhoon and Storm-2603 are in the mix"): the text is about
        # that group, and what it says of "the attackers" it says of each
        self.actors: tuple[str, ...] = ()
        if "ThreatActor" in top and "ThreatActor" not in self.by_kind:
            lead = [
                name
                for (kind, name), value in score.items()
                if kind == "ThreatActor" and value[0] * 2 >= top["ThreatActor"]
            ]
            if 1 < len(lead) <= 4:
                wanted = set(lead)
                starts = [s for s, _ in sentences]
                together: dict[int, set[str]] = {}
                for h in hits:
                    if h.name in wanted:
                        k = bisect_right(starts, h.start) - 1
                        names = together.setdefault(k, set())
                        names.add(h.name)
                        if names == wanted:
                            self.actors = tuple(sorted(lead))
                            break
        self.funded = ""
        for h in hits:
            # (every branch of the cue opens with ^: a match at the window's start)
            if h.kind == "Organization" and p.funded_cue.match(text[h.end : h.end + 240]):
                # (the first one, in a text with funding words: the cheaper test first)
                if p.funding_window.doc_gate(text) and p.funding_words.search(text) is not None:
                    self.funded = h.name
                break

        # every reference phrase of the document, found in one pass per pattern (only for
        # kinds with a subject), as (start, end, reference); sentences pick theirs by offset
        self.phrases: list[tuple[int, int, Reference]] = []
        plain = text.isascii()
        for scan in p.scans:
            ref = scan.ref
            if (scan.ascii or not plain) and self.of(ref.kind, ref.role) and scan.gate(text):
                self.phrases.extend((m.start(), m.end(), ref) for m in scan.scan.finditer(text))
        self.phrases.sort(key=_FIRST)
        self._starts = [t[0] for t in self.phrases]
        # countries are read only in a text that names an actor
        self.kinds = frozenset(top)  # the kinds of the hits
        self.threat = "ThreatActor" in self.kinds

    def of(self, kind: str, role: str = "") -> str:
        if role == "funded":
            return self.funded or self.by_kind.get(kind, "")
        return self.by_kind.get(kind, "")


def references(
    text: str, sentence: tuple[int, int], inside: Sequence[Any], subjects: Subjects
) -> list[Ref]:
    """Reference phrases of the sentence, read as mentions of the subject of their kind;
    none inside a name, none for a subject the sentence names itself."""
    start, end = sentence
    out: list[Ref] = []
    phrases = subjects.phrases
    if not phrases:
        return out
    at = bisect_left(subjects._starts, start)
    named = {(m.kind, m.name) for m in inside}
    while at < len(phrases) and phrases[at][0] < end:
        s, e, ref = phrases[at]
        at += 1
        if e > end:
            continue
        name = subjects.of(ref.kind, ref.role)
        if (ref.kind, name) in named:
            continue
        if ref.implied:
            # a zero-width subject before the cue, which the triggers read as the gap
            if s != start or any(r.start == s for r in out):
                continue
            phrase = " ".join(text[s : s + 40].split(" ", 3)[:3])
            out.append(Ref(s, s, name, ref.kind, phrase, e))
            continue
        phrase = text[s:e]
        if any(x.start < max(e, s + 1) and s < x.end for x in inside) or any(
            r.start < max(e, s + 1) and s < r.end for r in out
        ):
            continue
        out.append(Ref(s, e, name, ref.kind, phrase))
    out.sort(key=lambda r: r.start)
    return out


def funding_facts(
    text: str,
    sentence: tuple[int, int],
    inside: Sequence[Any],
    subjects: Subjects,
    list_after: Callable[[str, Sequence[Any], int], list[int]],
) -> list[Fact]:
    """INVESTED_IN from each investor list of a funding sentence to the startup that raised:
    "led by A with participation from B, C and D", "由A领投", "跟投的有A、B等"."""
    p = subjects.p
    start, end = sentence
    funded = subjects.funded
    if not funded or not p.funding_window.search(text, start, end):
        return []
    out: list[Fact] = []
    gates_before, gates_after = p.investor_gates
    orgs = [m for m in inside if m.kind == "Organization"]
    # a round-up names several startups: the one this sentence says raised is its own
    # ("B followed with a Series C from D" in a story that opened with A's round)
    for m in orgs:
        if m.name != funded and p.funded_cue.match(text[m.end : m.end + 240]):
            funded = m.name
            break
    named_funded = any(m.name == funded for m in inside)
    for k, m in enumerate(orgs):
        if m.name == funded:
            continue
        before = text[max(start, m.start - 60) : m.start]
        role = ""
        for (r, cue), cue_gate in zip(p.cues_before, gates_before, strict=True):
            if cue_gate(text) and cue.search(before):
                role = r
                break
        if not role:
            for (r, cue), cue_gate in zip(p.cues_after, gates_after, strict=True):
                if cue_gate(text) and cue.match(text, m.end):
                    role = r
                    break
        if not role:
            continue
        for j in list_after(text, orgs, k):
            who = orgs[j]
            if who.name == funded:
                break
            q = {"role": role}  # a list shares the role of the cue before it
            out.append(
                Fact(
                    who.name,
                    "Organization",
                    "INVESTED_IN",
                    funded,
                    "Organization",
                    sentence,
                    "" if named_funded else "document subject",
                    q,
                )
            )
    return out


def threat_facts(
    text: str, sentence: tuple[int, int], inside: Sequence[Any], subjects: Subjects
) -> tuple[list[Fact], list[Hit]]:
    """ATTRIBUTED_TO from the country phrases of a sentence, and EXPLOITS from a subject
    actor to the CVEs a sentence says are exploited. Returns the facts and the country
    names found (an entity only when something is attributed to it)."""
    p = subjects.p
    facts: list[Fact] = []
    countries: list[Hit] = []
    if not subjects.threat:
        return facts, countries
    start, end = sentence
    actors = [m for m in inside if m.kind == "ThreatActor"]
    subject = subjects.of("ThreatActor")
    adjacent = p.adjacent_window
    if adjacent is not None and actors:
        starts = {a.start: a for a in actors}
        for m in adjacent.finditer(text, start, end):
            actor = starts.get(m.end())
            if actor is None or any(x.start < m.end("c") and m.start("c") < x.end for x in inside):
                continue
            country = p.countries.get(m.group("c").lower(), m.group("c"))
            countries.append(Hit(m.start("c"), m.end("c"), country, "Organization"))
            facts.append(
                Fact(
                    actor.name,
                    "ThreatActor",
                    "ATTRIBUTED_TO",
                    country,
                    "Organization",
                    sentence,
                    getattr(actor, "via", ""),
                    {},
                )
            )
    for window in (p.phrase_window, p.before_window):
        pattern = window.pattern
        for m in window.finditer(text, start, end):
            s, e = m.start("c"), m.end("c")
            if any(x.start < e and s < x.end for x in inside):
                continue
            # "Chinese APT group Salt Typhoon": the actor after the phrase (and the list it
            # opens); "Salt Typhoon, linked to China": the actor before; with none named,
            # only a stated link ("linked to Russia") is the subject's
            if pattern is p.country_phrase:
                after = [a for a in actors if a.start >= e]
                prior = [a for a in actors if a.end <= s]
                heads = _first_list(text, after) if after else prior[-1:]
            else:
                heads = [a for a in actors if a.end <= s][-1:]
            named = [(a.name, getattr(a, "via", "")) for a in heads]
            if not named and pattern is p.attribution_before and subject:
                named = [(subject, "document subject")]
            if not named:
                continue
            country = p.countries.get(m.group("c").lower(), m.group("c"))
            countries.append(Hit(s, e, country, "Organization"))
            for name, via in named:
                facts.append(
                    Fact(
                        name,
                        "ThreatActor",
                        "ATTRIBUTED_TO",
                        country,
                        "Organization",
                        sentence,
                        via,
                        {},
                    )
                )
    cves = [m for m in inside if m.kind == "Vulnerability"]
    if cves and p.exploit_window.search(text, start, end):
        # each actor the sentence names (or refers to) exploits each CVE it names
        named: dict[str, str] = {}
        for a in actors:
            named.setdefault(a.name, getattr(a, "via", ""))
        subject_only = (
            [(subject, "document subject")]
            if subject
            else [(a, "document subjects") for a in subjects.actors]
        )
        for name, via in named.items() or subject_only:
            for c in cves:
                facts.append(
                    Fact(
                        name, "ThreatActor", "EXPLOITS", c.name, "Vulnerability", sentence, via, {}
                    )
                )
    return facts, countries


_LIST_GAP = re.compile(r"\s*(?:,|、|，)?\s*(?:and|or|as well as|及|以及|和|與|与)?\s*")


def _first_list(text: str, actors: Sequence[Any]) -> list[Any]:
    """The first actor and those coordinated with it: "Linen Typhoon and Violet Typhoon"."""
    out = [actors[0]]
    for a in actors[1:]:
        if not _LIST_GAP.fullmatch(text, out[-1].end, a.start):
            break
        out.append(a)
    return out


def proposals(
    text: str,
    hits: Sequence[Any],
    title_end: int,
    p: Patterns | None = None,
    subjects: set[str] | frozenset[str] = frozenset(),
) -> list[Any]:
    """The models, methods and tools a paper presents as its own: those right after "we
    propose", "introduces" and the like, and those of its title that are the document's
    subject (a title also names what the paper builds on: "... Mid-Scale LLMs")."""
    p = p or load_patterns()
    out = []
    for h in hits:
        if h.kind not in ("Model", "Method", "Product"):
            continue
        if (h.start < title_end and h.name in subjects) or p.proposal_cue.search(
            text, max(0, h.start - 60), h.start
        ):
            out.append(h)
    return out
