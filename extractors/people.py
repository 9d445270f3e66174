"""People named without a list: paper author blocks, bylines and role phrases, and the
WORKS_FOR they state.

A paper's front matter writes authors with affiliation markers glued on ("Ana
Velasquez1,2", "Joshiα,∗") and an affiliation legend ("1Kestrel Labs 2Northfield
University"), or with the affiliation right after each name, or one affiliation for all.
News names people by role: "Kestrel President Dana Voss", "Dana Voss, director of AI at
Kestrel", 星河科技副董事長林明哲. The patterns are data (``people.yaml``); this module reads
them and returns values: the spans of the names it found and the facts between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from extractors.literals import Gate, gate
from extractors.rule_files import read_rules
from kg.errors import ExtractionError

DATA_FILE = Path(__file__).parent / "people.yaml"
# how far into a document its front matter may reach
_FRONT_MATTER = 2500


class Found(NamedTuple):
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
    evidence: tuple[int, int]  # where the text stating it lies


@dataclass(frozen=True)
class Patterns:
    abstract: re.Pattern[str]
    name: re.Pattern[str]
    marker: str
    has_marker: re.Pattern[str]  # one marker anywhere: a line without is no marked author line
    not_names: re.Pattern[str]
    former: re.Pattern[str]
    past_role: re.Pattern[str]  # right before an organisation: "Former <Org> CEO Dana Voss"
    glued_place: re.Pattern[str]
    affiliation_words: re.Pattern[str]
    bylines: tuple[re.Pattern[str], ...]
    role_before: re.Pattern[str]  # "<Org> President Dana Voss"
    role_after: re.Pattern[str]  # "Dana Voss, director of AI at <Org>"
    of_said: re.Pattern[str]  # "Voss of <Org> said" (the part before the organisation)
    said: re.Pattern[str]  # (and after it)
    appointed_word: re.Pattern[str]  # any appointment verb in the text
    appointed: re.Pattern[str]  # "<Org> appointed Dana Voss as its new CSO"
    role_zh: re.Pattern[str]  # "<Org>副董事長林明哲"
    role_zh_new: re.Pattern[str]  # the same with an organisation no list holds
    zh_not_name: re.Pattern[str]
    hire_cue: re.Pattern[str]  # right before an organisation: "researchers joining <Org>"
    hire_open: re.Pattern[str]  # right after it, up to the list: "’s new lab:"
    hire_item: re.Pattern[str]  # one line of the list: "- Dana Voss – Led pre-training"
    legend_start: re.Pattern[str]
    legend_entry: re.Pattern[str]
    marked_name: re.Pattern[str]


@lru_cache(maxsize=4)
def load_patterns(path: Path = DATA_FILE) -> Patterns:
    raw = read_rules(path)
    try:
        name = raw["name"]
        mark = raw["marker"]
        title_en, title_zh = raw["titles_en"], raw["titles_zh"]
        said = raw["said"]
        # (each role pattern is the part of its phrase before or after the organisation:
        # roles() matches it right at each organisation the caller found)
        return Patterns(
            abstract=re.compile(raw["abstract"], re.M),
            name=re.compile(name),
            marker=mark,
            has_marker=re.compile(mark),
            not_names=re.compile(raw["not_names"]),
            former=re.compile(raw["former"]),
            past_role=re.compile(raw["past_role"]),
            glued_place=re.compile(raw["glued_place"]),
            affiliation_words=re.compile(raw["affiliation_words"]),
            bylines=tuple(re.compile(p.replace("{NAME}", name)) for p in raw["bylines"]),
            role_before=re.compile(
                rf"(?:['’]s)?\s+(?:{title_en})(?:\s+and\s+(?:{title_en}))?,?\s+(?P<name>{name})"
            ),
            role_after=re.compile(
                rf"(?P<name>{name}),\s+(?:the\s+|its\s+|a\s+)?(?:{title_en})(?:\s+and\s+(?:{title_en}))?\s+(?:of|at)\s+(?:the\s+)?\Z"
            ),
            appointed=re.compile(
                rf"[^.;:!?]{{0,80}}?\b{raw['appointed']}\s+(?P<name>{name})\s+(?:as\s+)?(?:its\s+|the\s+|a\s+)?(?:new\s+)?(?:{title_en})"
            ),
            of_said=re.compile(rf"(?P<name>{name}|[A-Z][a-z]+)\s+of\s+\Z"),
            said=re.compile(rf",?\s+{said}\b"),
            appointed_word=re.compile(rf"\b{raw['appointed']}\b"),
            role_zh=re.compile(
                rf"{raw['zh_between']}\s*(?:的)?(?:{title_zh})\s*(?P<zh>{raw['zh_name']})"
            ),
            # (not after a Han character: the one lookbehind is cheaper at each position
            # than "the start or after another character")
            role_zh_new=re.compile(
                rf"(?<![\u4e00-\u9fff])(?P<org>{raw['zh_org']})\s*(?:的)?(?:{title_zh})\s*(?P<zh>{raw['zh_name']})"
            ),
            zh_not_name=re.compile(raw["zh_not_name"]),
            hire_cue=re.compile(raw["hire_cue"]),
            hire_open=re.compile(raw["hire_open"]),
            hire_item=re.compile(raw["hire_item"].replace("{NAME}", name)),
            legend_start=re.compile(raw["legend_start"]),
            legend_entry=re.compile(
                rf"(?:^|(?<=[\s,]))(?P<mark>{mark})\s?(?P<org>[A-Z][^\n]*?)(?=\s*,?\s*(?:{mark})\s?[A-Z]|\s{{2,}}|\s*$)"
            ),
            marked_name=re.compile(rf"(?P<name>{name})(?P<marks>(?:\s?,?\s?{mark})+)(?=[\s,]|$)"),
        )
    except KeyError as exc:
        raise ExtractionError(f"{path}: missing {exc.args[0]!r}") from None
    except re.error as exc:
        raise ExtractionError(f"{path}: bad regular expression: {exc}") from None


_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")


@lru_cache(maxsize=64)
def _needs(pattern: re.Pattern[str]) -> Gate:
    """The gate of ``pattern``, also where it opens with a line start or a literal: the
    engine skips ahead through those, so ``gate`` leaves them open, but a byline or an
    abstract heading is missing from most texts, and a few substring tests say so sooner
    than a scan of the whole text. (The empty lookahead changes no match.)"""
    source = pattern.pattern
    lead = _GLOBAL_FLAGS.match(source)
    if lead is not None:
        source = source[lead.end() :]  # (kept in the flags; they must open the pattern)
    return gate(re.compile("(?=)" + source, pattern.flags))


# -- paper front matter ----------------------------------------------------------------


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    at = start
    while at < end:
        nl = text.find("\n", at, end)
        stop = end if nl < 0 else nl
        if text[at:stop].strip():
            out.append((at, stop))
        at = stop + 1
    return out


def _clean_org(text: str, start: int, end: int, p: Patterns) -> tuple[int, int]:
    """The affiliation without a place glued on or a leading "The", as a span."""
    piece = text[start:end]
    m = p.glued_place.search(piece)
    if m is not None and m.start() > 0:
        piece = piece[: m.start()]
    piece = piece.rstrip(" ,;")
    lead = len(piece) - len(piece.lstrip())
    if piece[lead:].startswith("The "):
        lead += 4
    return start + lead, start + len(piece)


def _spaced_names(text: str, start: int, end: int, p: Patterns) -> list[tuple[int, int]]:
    """Names in a line that holds only names: split at runs of spaces, commas or "and"."""
    out = []
    for m in re.finditer(r"[^,]+?(?=\s{2,}|\s*,\s*|\s+and\s+|\s*$)", text[start:end]):
        piece = m.group().strip()
        if not piece:
            continue
        s = start + m.start() + (len(m.group()) - len(m.group().lstrip()))
        if p.name.fullmatch(piece) is None:
            return []
        out.append((s, s + len(piece)))
    return out


def _abstract(text: str, p: Patterns) -> re.Match[str] | None:
    """The line that opens a paper's abstract, within the front matter's reach."""
    if not _needs(p.abstract)(text[:_FRONT_MATTER]):
        return None
    return p.abstract.search(text, 0, _FRONT_MATTER)


def is_paper(text: str, p: Patterns | None = None) -> bool:
    """Whether the text opens as a paper: a title, maybe authors, then "Abstract"."""
    p = p or load_patterns()
    m = _abstract(text, p)
    return m is not None and m.start() > 0


def front_matter(text: str, p: Patterns | None = None) -> tuple[list[Found], list[Fact]]:
    """Authors, affiliations and WORKS_FOR from the lines between a paper's title and its
    abstract. Nothing when the text has no such block."""
    p = p or load_patterns()
    m = _abstract(text, p)
    if m is None or m.start() == 0:
        return [], []
    lines = _lines(text, 0, m.start())
    if len(lines) < 2:
        return [], []
    people: list[tuple[int, int, tuple[str, ...]]] = []  # span, markers
    legend: dict[str, tuple[int, int]] = {}
    inline: list[tuple[tuple[int, int], tuple[int, int]]] = []  # person, affiliation
    single: list[tuple[int, int]] = []  # a line that is one affiliation
    block = (lines[1][0], lines[-1][1])
    for start, end in lines[1:]:  # the first line is the title
        line = text[start:end]
        if p.former.search(line):
            continue
        at = p.legend_start.search(line)
        body_end = end if at is None else start + at.start()
        if at is not None:
            for e in p.legend_entry.finditer(line, at.start()):
                s, t = _clean_org(text, start + e.start("org"), start + e.end("org"), p)
                if t > s:
                    legend.setdefault(e.group("mark"), (s, t))
        body = text[start:body_end]
        if not body.strip():
            continue
        marked = (
            [mm for mm in p.marked_name.finditer(body) if not p.not_names.search(mm.group("name"))]
            if p.has_marker.search(body)
            else []
        )
        if marked:
            for mm in marked:
                marks = tuple(re.findall(p.marker, mm.group("marks")))
                people.append((start + mm.start("name"), start + mm.end("name"), marks))
            continue
        if p.not_names.search(body) and p.affiliation_words.search(body) and "," in body:
            # "Xuanyu Yin East China Normal UniversityShanghaiChina , Yilin Jiang ..."
            found = _name_then_affiliation(text, start, body_end, p)
            if found:
                inline.extend(found)
                continue
        spaced = _spaced_names(text, start, body_end, p)
        if spaced and not p.not_names.search(body):
            people.extend((s, e, ()) for s, e in spaced)
            continue
        if p.affiliation_words.search(body) and len(body) < 120 and "," not in body.strip(" ,"):
            single.append(_clean_org(text, start, body_end, p))
    found: list[Found] = []
    facts: list[Fact] = []
    evidence = block

    def person(s: int, e: int) -> str:
        name = " ".join(text[s:e].split())
        found.append(Found(s, e, name, "Person"))
        return name

    def org(s: int, e: int) -> str:
        name = " ".join(text[s:e].split())
        found.append(Found(s, e, name, "Organization"))
        return name

    orgs = {mark: org(*span) for mark, span in legend.items()}
    for ps, pe, marks in people:
        who = person(ps, pe)
        for mark in marks:
            where = orgs.get(mark)
            if where is not None:
                facts.append(Fact(who, "Person", "WORKS_FOR", where, "Organization", evidence))
    for (ps, pe), (os_, oe) in inline:
        who = person(ps, pe)
        facts.append(Fact(who, "Person", "WORKS_FOR", org(os_, oe), "Organization", evidence))
    if len(single) == 1 and not legend:
        # one affiliation for every author
        where = org(*single[0])
        for ps, pe, _ in people:
            facts.append(
                Fact(
                    " ".join(text[ps:pe].split()),
                    "Person",
                    "WORKS_FOR",
                    where,
                    "Organization",
                    evidence,
                )
            )
    return found, facts


def _name_then_affiliation(
    text: str, start: int, end: int, p: Patterns
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    out = []
    # pieces are set apart by " , " or " and " before a name; a comma inside an
    # affiliation ("Institute of X, Academy of Y") has no space before it
    for m in re.finditer(
        r".+?(?=\s+,\s+|\s+and\s+(?=[A-Z][\w-]+\s[A-Z][\w-]+\s[A-Z])|$)", text[start:end]
    ):
        piece = m.group()
        lead = re.match(r"[\s,]*(?:and\s+)?", piece)
        s = start + m.start() + (lead.end() if lead else 0)
        nm = re.match(r"[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)(?=\s+\S)", text[s : start + m.end()])
        if nm is None:
            continue
        os_, oe = _clean_org(text, s + nm.end() + 1, start + m.end(), p)
        if oe - os_ < 3 or not p.affiliation_words.search(text[os_:oe]):
            continue
        out.append(((s, s + nm.end()), (os_, oe)))
    return out


# -- bylines and role phrases ----------------------------------------------------------


def _zh_name(text: str, start: int, end: int, p: Patterns) -> int:
    """Where a Chinese name starting at ``start`` ends: three characters unless the third
    opens a word that follows names ("林明表示" is 林明 and 表示)."""
    if end - start == 3 and p.zh_not_name.match(text, start + 2):
        return start + 2
    return end


def bylines(text: str, p: Patterns | None = None) -> list[Found]:
    p = p or load_patterns()
    out = []
    # (the one-a-line list of people needs a dash between a name and what they did)
    dashed = " - " in text or " – " in text or " — " in text
    for pattern in p.bylines:
        if not dashed and "[-–—]" in pattern.pattern or not _needs(pattern)(text):
            continue
        for m in pattern.finditer(text):
            if "zh" in pattern.groupindex and m.group("zh"):
                s = m.start("zh")
                out.append(Found(s, _zh_name(text, s, m.end("zh"), p), "", "Person"))
            elif "names" in pattern.groupindex:
                for nm in p.name.finditer(text, m.start("names"), m.end("names")):
                    out.append(Found(nm.start(), nm.end(), "", "Person"))
    return [f._replace(name=text[f.start : f.end]) for f in out]


class Role(NamedTuple):
    person: Found
    fact: Fact
    org: Found | None  # the organisation, when no list held it


def roles(text: str, orgs: list[tuple[int, int, str]], p: Patterns | None = None) -> list[Role]:
    """People named by their role at an organisation the caller found (``orgs``: span and
    name) or one a Chinese suffix names, with the WORKS_FOR each role phrase states."""
    p = p or load_patterns()
    out: list[Role] = []

    def add(s: int, e: int, where: str, ev: tuple[int, int], zh: bool = False, new=None):
        if zh:
            e = _zh_name(text, s, e, p)
        name = text[s:e]
        if p.not_names.search(name) or p.affiliation_words.search(name):
            return
        fact = Fact(name, "Person", "WORKS_FOR", where, "Organization", ev)
        out.append(Role(Found(s, e, name, "Person"), fact, new))

    han = not text.isascii() and _HAN.search(text) is not None
    if han and gate(p.role_zh_new)(text):
        for m in p.role_zh_new.finditer(text):
            org = Found(m.start("org"), m.end("org"), m.group("org"), "Organization")
            add(m.start("zh"), m.end("zh"), org.name, m.span(), zh=True, new=org)
    # each pattern is matched right at an organisation: after it, or ending at it (the
    # cheap tests first: most organisations stand in no role phrase)
    appointments = gate(p.appointed_word)(text) and p.appointed_word.search(text) is not None
    # "Researchers joining Meta's new lab:" and one person a line after it
    hiring = ":" in text
    for start, end, where in orgs:
        if hiring:
            m = p.hire_open.match(text, end)
            if m is not None and p.hire_cue.search(text, max(0, start - 30), start):
                at = m.end()
                while (item := p.hire_item.match(text, at)) is not None:
                    add(item.start("name"), item.end("name"), where, (start, item.end()))
                    at = item.end()
        # "Former GitHub CEO Nat Friedman": a past role (looked up only for a role phrase)
        past = None
        m = p.role_before.match(text, end)
        if m is not None:
            past = p.past_role.search(text, max(0, start - 12), start) is not None
            if not past:
                add(m.start("name"), m.end("name"), where, (start, m.end()))
        if appointments:
            m = p.appointed.match(text, end)
            if m is not None:
                add(m.start("name"), m.end("name"), where, (start, m.end()))
        if han:
            m = p.role_zh.match(text, end)
            if m is not None:
                if past is None:
                    past = p.past_role.search(text, max(0, start - 12), start) is not None
                if not past:
                    add(m.start("zh"), m.end("zh"), where, (start, m.end()), zh=True)
        before = text[max(0, start - 9) : start]
        if not (" of " in before or " at " in before):
            continue
        lo = max(0, start - 160)
        # (the phrase holds a comma after the name: "Dana Voss, director of AI at")
        m = p.role_after.search(text, lo, start) if text.find(",", lo, start) >= 0 else None
        if m is not None:
            add(m.start("name"), m.end("name"), where, (m.start(), end))
        if p.said.match(text, end):
            m = p.of_said.search(text, lo, start)
            if m is not None:
                add(m.start("name"), m.end("name"), where, (m.start(), end))
    return out


_HAN = re.compile(r"[\u4e00-\u9fff]")
