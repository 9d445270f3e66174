"""Pattern rules that find names no list holds yet: the week's new model or benchmark.

Three sources of candidates, all regular expressions over case- and hyphen-folded text:
shape rules here (``Name-7B``, ``*-Bench``, CVE and APT ids), context rules in
``context_rules`` ("maker X", "X said", "scores 86% on X", "百度發布"), and known family
names followed by a new version ("Gemma" -> "Gemma 3"). What they find is marked
``discovered`` so reports can say the name is new to the gazetteer; ``settle`` decides
which candidates survive next to the names the gazetteer found.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from extractors.anchors import (
    Ending,
    Starts,
    Window,
    anchored_matches,
    ended_matches,
    ending,
    minimal_substrings,
    piece,
    required,
    starts,
    window,
    windowed_matches,
)
from extractors.context_rules import (
    COMMON_WORDS,
    CONTEXT_RULES,
    NATIONALITIES,
    PLACES,
    TITLES,
    ZH_FUNCTION_CHARS,
    ZH_GENERIC,
    context_kind,
    noun_kind,
)
from extractors.discovery_rules import CandidateScan, ContextRule, Rule, load_rules
from extractors.tokenizer import Split
from extractors.words import word_list

# The shape rules (the context rules are in ``context_rules``): both read from
# ``discovery.yaml``.
RULES: tuple[Rule, ...] = load_rules().shape

_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ ]$")

# Names the rules produce that are words, not entities (``words.yaml``).
NOT_NAMES = word_list("not_names")


@dataclass(frozen=True)
class Found:
    name: str
    kind: str
    start: int
    end: int
    why: str
    rank: int = 1  # where two candidates cover the same span, the lower rank wins


# What may follow a known model name to make a newer one: "Gemma" -> "Gemma 3",
# "GPT-4" -> "GPT-4.1", "Claude 3" -> "Claude 3.5 Sonnet", "Qwen2.5" -> "Qwen2.5-Coder".
_MODEL_VARIANT = (
    r"(?:\d+(?:\.\d+)?[BMT]|Pro|Sonnet|Opus|Haiku|Flash|Mini|mini|Ultra|Max|Plus|Turbo|Nano|"
    r"Lite|Small|Medium|Large|Coder|Instruct|Chat|VL|Vision|Math|Reasoner|Preview|Omni|Thinking)"
)
_EXTENSION = {
    "Model": re.compile(
        r"(?:(?:\.\d+)+[a-z]?|[ -](?:\d{1,2}(?:\.\d+)*[a-z]?|[A-Z]\d{1,2}(?:\.\d+)?)(?![\d.]\d))?"
        rf"(?:[ -]{_MODEL_VARIANT})*(?![A-Za-z0-9])"
    ),
    "Benchmark": re.compile(
        r"(?:[ -](?:Verified|Lite|Pro|Hard|Plus|Multimodal|Live|Full|Extended|Diamond|Redux|"
        r"\d{1,2}(?:\.\d+)?))+(?![A-Za-z0-9])"
    ),
}


def extend_known(text: str, known: Iterable[tuple[int, int, str]]) -> list[Found]:
    """A known family name followed by a version or variant: a new member of the family."""
    out = []
    for start, end, kind in known:
        pattern = _EXTENSION.get(kind)
        if pattern is None:
            continue
        m = pattern.match(text, end)
        if m and m.end() > end:
            out.append(Found(text[start : m.end()], kind, start, m.end(), "known name + version"))
    return out


def settle(found: Iterable[Found], known: list[tuple[int, int]]) -> tuple[list[Found], set[int]]:
    """Discovered names that do not clash with each other or with ``known`` spans.

    A discovered name that strictly contains known spans replaces them ("GPT-4.1" over
    "GPT-4", "Perplexity AI" over "Perplexity"); one that only partly overlaps a known
    span, or lies inside it, gives way. Returns the names kept and the known spans replaced.
    """
    # Linear in the number of names (entity-dense text has tens of thousands): the kept
    # names never overlap and come in order of start, so only the last can overlap the next;
    # known spans are sorted by start with a running maximum of their ends, so those that
    # start before a name are settled by one lookup and only those inside it are scanned.
    order = sorted(range(len(known)), key=lambda i: known[i])
    starts = [known[i][0] for i in order]
    reach: list[int] = []  # reach[j]: the furthest end among the first j + 1 known spans
    for i in order:
        reach.append(max(known[i][1], reach[-1]) if reach else known[i][1])
    kept: list[Found] = []
    replaced: set[int] = set()
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start), f.rank)):
        if kept and f.start < kept[-1].end and kept[-1].start < f.end:
            continue
        first = bisect_left(starts, f.start)
        if first and reach[first - 1] > f.start and f.start < f.end:
            continue  # a known span that starts before the name runs into it
        inside = []
        clash = False
        for j in range(first, bisect_left(starts, f.end)):
            start, end = known[order[j]]
            if f.start < end and start < f.end:
                if end <= f.end and (start, end) != (f.start, f.end):
                    inside.append(order[j])
                else:
                    clash = True
                    break
        if clash:
            continue
        replaced.update(inside)
        kept.append(f)
    return kept, replaced


_ALL_RULES = (*RULES, *CONTEXT_RULES)
# Rules whose matches start with one of a few strings ("acquired ", "由", "CVE-") are
# tried only where those strings stand; rules whose name is followed by one ("X said",
# "X, a startup") are searched from just before it; the others scan a text whose needle holds. All of it
# (every needle's strings, every start and close) is found by one scan of the text.
# (Rules are numbered by their place in RULES + CONTEXT_RULES.)
_STARTS: dict[int, Starts] = {
    number: found for number, rule in enumerate(_ALL_RULES) if (found := starts(rule.pattern))
}
_CLOSINGS: dict[int, Ending] = {
    number: found
    for number, rule in enumerate(_ALL_RULES)
    if number not in _STARTS and (found := ending(rule.pattern)) is not None
}
# Where a rule's matches cannot read past some characters (a name of letters and hyphens
# stops at a space), its searches end at the next of them: an ending rule's after the
# strings that follow its name, another rule's around the places where a string its
# matches must hold stands (``windowed_matches``).
_WINDOWS: dict[int, Window] = {
    number: found
    for number, rule in enumerate(_ALL_RULES)
    if number not in _STARTS and (found := window(rule.pattern)) is not None
}
_WINDOWED: dict[int, tuple[frozenset[str], ...]] = {
    # (a match holding ", and " holds " and ": the hit may be either)
    number: tuple(frozenset(minimal_substrings(strings)) for strings in need)
    for number in _WINDOWS
    if number not in _CLOSINGS and (need := required(_ALL_RULES[number].pattern, behind=False))
}
_SCANNED = tuple(
    n
    for n in range(len(_ALL_RULES))
    if n not in _STARTS and n not in _CLOSINGS and n not in _WINDOWED
)
# Windowed rules that need only common characters ("-", "(") are hit where the piece of
# their pattern around one of them stands ("-" and a digit), once the scan says the rule
# may match: far fewer windows, each holding every match it had.
_PIECES = {
    number: found
    for number, need in _WINDOWED.items()
    if all(len(string) == 1 for strings in need for string in strings)
    and (found := piece(_ALL_RULES[number].pattern)) is not None
}
# Rules that may start at any digit are placed at the digits (those that open a word, when
# the pattern says so) only where their needles hold: digits are many. ("\d(?<!\w\d)" is
# "\b\d" that opens with the digit, so the engine skips ahead to digits.)
_DIGITS = {
    number: re.compile(
        r"\d(?<!\w\d)" if found.boundary else r"\d", _ALL_RULES[number].pattern.flags
    )
    for number, found in _STARTS.items()
    if found.digit
}
_SCAN = CandidateScan(
    [None if n in _STARTS and n not in _DIGITS else r.needle for n, r in enumerate(_ALL_RULES)],
    {
        **{n: found.strings for n, found in _STARTS.items()},
        **{n: found.follows for n, found in _CLOSINGS.items()},
        **_WINDOWED,
    },
    _DIGITS,
    frozenset(_CLOSINGS) | frozenset(_WINDOWED) | frozenset(_DIGITS),
)


def _candidates(held: set[int], at: dict[int, list[int]]) -> list[int]:
    """The numbers of the rules that may match a text, ascending: those placed where
    their strings stand in it, and the others whose needles ``held`` (the ending and
    windowed rules need both)."""
    return sorted({n for n in at if n in _STARTS or n in held} | {n for n in _SCANNED if n in held})


def _matches(
    number: int, pattern: re.Pattern[str], text: str, at: dict[int, list[int]]
) -> Iterable[re.Match[str]]:
    """The matches of rule ``number`` in ``text``, tried only at ``at[number]`` when its
    matches start or close with known strings (``finditer`` would give the same)."""
    if number in _STARTS:
        return anchored_matches(pattern, text, at.get(number, ()))
    if number in _CLOSINGS:
        return ended_matches(
            pattern, text, at.get(number, ()), _CLOSINGS[number].chunks, _WINDOWS.get(number)
        )
    if number in _WINDOWED:
        return windowed_matches(pattern, text, at.get(number, ()), _WINDOWS[number])
    return pattern.finditer(text)


def discover(
    text: str, known: Iterable[tuple[int, int, str]] = (), tokens: Split | None = None
) -> list[Found]:
    """Candidate names in ``text`` (already folded: ASCII hyphens), overlaps allowed.

    ``known`` are the spans (start, end, kind) the gazetteer already found, so a known
    family name followed by a new version can be proposed as a new name. ``tokens`` is
    not needed any more (the rules' own scan finds where to try them); it is accepted
    for callers that pass it. Candidates that ``settle`` would drop for clashing with a
    known span are left out early.
    """
    known = list(known)
    out = extend_known(text, known)
    # indexes built once, so a candidate's checks do not walk every known span: an
    # entity-dense article has thousands of both
    spans = sorted([(start, end) for start, end, _ in known])
    clashes = _Clashes(spans)
    non_org_ends: dict[int, list[int]] = {}
    for s, e, kind in known:
        if kind != "Organization":
            non_org_ends.setdefault(s, []).append(e)
    overlaps = None  # (built when an acronym rule first matches: few texts have one)
    held, at = _SCAN(text)
    for number, pattern in _PIECES.items():
        if number in at:
            places = [m.start() for m in pattern.finditer(text)]
            if places:
                at[number] = places
            else:
                del at[number]  # no match holds no piece
    candidates = _candidates(held, at)
    split_at = bisect_left(candidates, len(RULES))
    for number in candidates[:split_at]:
        rule = RULES[number]
        for m in _matches(number, rule.pattern, text, at):
            start, end = m.span("name")
            if clashes and clashes(start, end):
                continue
            name = m.group("name")
            if name.casefold() in NOT_NAMES or len(name) < 3:
                continue
            if rule.whole_phrase:
                before = _WORD_BEFORE.search(text, max(0, start - 30), start)
                # ("While Quarry Ventures led": a capitalised word that opens a clause, no name)
                if before and before.group(1)[0].isupper() and before.group(1) not in COMMON_WORDS:
                    continue
            if rule.kind == "Organization" and _not_a_suffix_name(text, start, end, non_org_ends):
                continue
            out.append(Found(name, rule.kind, start, end, rule.why, rule.rank))
    for number in candidates[split_at:]:
        ctx = CONTEXT_RULES[number - len(RULES)]
        for m in _matches(number, ctx.pattern, text, at):
            if ctx.acronym:
                if not _abbreviates(m.group("short"), m.group("long")):
                    continue
                if overlaps is None:
                    overlaps = _Overlaps(spans)
                if overlaps(m.start("long"), m.end("short")):
                    continue
            for start, end in _names_in(m, ctx.many):
                span = _clean(text, start, end)
                if span is None:
                    continue
                start, end = span
                if (clashes and clashes(start, end)) or not _fits(text, span, ctx):
                    continue
                # an alias ("Octo Tempest" in "Scattered Spider, also known as Octo Tempest")
                # is a surface of the name it stands for
                name = m.groupdict().get("canon") or text[start:end]
                if ctx.alias_of_previous:
                    # an alias of nothing the text has named: the rule says nothing
                    name = _previous_name(text, known, out, m.start(), ctx)
                    if name is None:
                        continue
                out.append(Found(name, _kind(text, m, end, ctx), start, end, ctx.why, ctx.rank))
    return out


def _previous_name(
    text: str, known: list[tuple[int, int, str]], found: list[Found], at: int, ctx: ContextRule
) -> str | None:
    """The nearest name of ``ctx.default``'s kind that ends before ``at``, within
    ``ctx.reach`` characters: the name an alias ("also tracked as X") stands for."""
    best: tuple[int, str] | None = None
    for start, end, kind in known:
        if kind == ctx.default and at - ctx.reach <= end <= at and (best is None or end > best[0]):
            best = (end, text[start:end])
    for f in found:
        if (
            f.kind == ctx.default
            and at - ctx.reach <= f.end <= at
            and (best is None or f.end > best[0])
        ):
            best = (f.end, f.name)
    return best[1] if best else None


class _Clashes:
    """Whether a candidate span clashes with a known one as ``settle`` sees it: it overlaps
    a known span without strictly containing it."""

    __slots__ = ("starts", "ends")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        """``spans``: the known spans (start, end), sorted."""
        self.starts = [start for start, _ in spans]
        self.ends = [end for _, end in spans]
        # the bisection below needs spans that do not overlap (the phrase finder's do not)
        if any(map(int.__lt__, self.starts[1:], self.ends)):
            self.starts, self.ends = [], []

    def __bool__(self) -> bool:
        return bool(self.starts)

    def __call__(self, start: int, end: int) -> bool:
        starts, ends = self.starts, self.ends
        first = bisect_right(ends, start)  # the first known span ending after start
        if first == len(starts) or starts[first] >= end:
            return False  # overlaps nothing
        last = bisect_left(starts, end) - 1  # the last known span starting before end
        if starts[first] < start or ends[last] > end:
            return True
        return first == last and starts[first] == start and ends[first] == end


_LIST_SEPARATOR = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|[、與与和及]")
_LATIN_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z0-9&.-]*) $")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
# capitalised words that may stand right before a name without being part of it
_NOT_A_FIRST_NAME = COMMON_WORDS | TITLES


def _names_in(m: re.Match[str], many: bool) -> list[tuple[int, int]]:
    start, end = m.span("name")
    if not many:
        return [(start, end)]
    spans, pos = [], start
    for sep in _LIST_SEPARATOR.finditer(m.string, start, end):
        spans.append((pos, sep.start()))
        pos = sep.end()
    spans.append((pos, end))
    return spans


def _clean(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without trailing punctuation and leading common words, or None if no name is left."""
    while end > start and text[end - 1] in ".-'":
        end -= 1
    if _HAS_CJK.search(text, start, end):
        name = text[start:end]
        if _generic_zh(name) or any(ch in ZH_FUNCTION_CHARS for ch in name) or _not_a_zh_name(name):
            return None
    else:
        while start < end:
            word = text[start:end].split(" ", 1)[0]
            if word in TITLES:
                return None
            if word not in COMMON_WORDS:
                break
            start += len(word) + 1
    name = text[start:end]
    if end - start < 2 or name.casefold() in NOT_NAMES or name in PLACES or name in NATIONALITIES:
        return None
    return start, end


def _load_zh_not_names() -> tuple[frozenset[str], tuple[str, ...]]:
    whole, edges = set(), []
    path = Path(__file__).resolve().parent / "zh_not_names.txt"
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, _, mark = line.partition("\t")
        whole.add(word.strip())
        if mark.strip() == "edge":
            edges.append(word.strip())
    return frozenset(whole), tuple(edges)


_ZH_NOT_NAMES, _ZH_NOT_EDGES = _load_zh_not_names()


def _not_a_zh_name(name: str) -> bool:
    """A word that is no name ("率先"), or a name glued to one ("軟銀本周")."""
    if name in _ZH_NOT_NAMES:
        return True
    return any(
        len(name) > len(w) and (name.startswith(w) or name.endswith(w)) for w in _ZH_NOT_EDGES
    )


@lru_cache(maxsize=1 << 14)
def _generic_zh(name: str) -> bool:
    """Whether ``name`` is made only of generic words ("新創公司" = 新創 + 公司, "研究團隊")."""
    if name in ZH_GENERIC:
        return True
    return any(
        name[:cut] in ZH_GENERIC and _generic_zh(name[cut:]) for cut in range(2, len(name) - 1)
    )


def _fits(text: str, span: tuple[int, int], ctx: ContextRule) -> bool:
    start, end = span
    name = text[start:end]
    before = _LATIN_WORD_BEFORE.search(text, max(0, start - 40), start)
    # the tail of a longer capitalised phrase is not a name of its own
    if (
        before
        and not ctx.after_capital
        and before.group(1)[0].isupper()
        and before.group(1) not in _NOT_A_FIRST_NAME
    ):
        return False
    # "Huang added", "Mensch's team": the surname of a "First Last" named in the text
    if ctx.default == "Organization" and " " not in name:
        for first in _first_names(text, name):
            if first not in _NOT_A_FIRST_NAME:
                return False
    if ctx.surname_recurs:
        surname = name.rsplit(" ", 1)[-1]
        if _standalone_count(text, surname) <= text.count(name):
            return False
    return True


_SUFFIX_NOT_NAMES = frozenset(
    line.strip()
    for line in (Path(__file__).resolve().parent / "suffix_not_names.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
)
_NEXT_WORD = re.compile(r" ([A-Za-z]+)")


def _not_a_suffix_name(text: str, start: int, end: int, non_org_ends: dict[int, list[int]]) -> bool:
    """ "Chief AI Officer", "AI Robotics Funding", "Claude AI": no company, though the shape
    ("X AI") is one. A known model or product before the suffix is that name, not a firm."""
    if text.startswith("AI ", start):
        return True
    nxt = _NEXT_WORD.match(text, end)
    if nxt and nxt.group(1) in _SUFFIX_NOT_NAMES:
        return True
    return any(e < end for e in non_org_ends.get(start, ()))


class _Overlaps:
    """Whether a span overlaps any known span. "Large Language Models (LLMs)": the
    gazetteer knows one of the two, so it is no coined name (and a known name is found by
    the gazetteer anyway)."""

    __slots__ = ("starts", "reach")

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        """``spans``: the known spans (start, end), sorted."""
        self.starts = [s for s, _ in spans]
        # reach[i]: the furthest end among the first i + 1 spans
        self.reach = list(accumulate([e for _, e in spans], max))

    def __call__(self, start: int, end: int) -> bool:
        k = bisect_left(self.starts, end)  # the spans that start before ``end``
        return k > 0 and self.reach[k - 1] > start


def _abbreviates(short: str, long: str) -> bool:
    """Whether ``short`` is an acronym of ``long``: its capitals are, in order, initials of
    the long form's capitalised words, the first one included ("TPS", "PaCoRe", "VRFM")."""
    initials = [w[0] for w in re.split(r"[- ]", long) if w[:1].isupper()]
    capitals = [ch for ch in short if ch.isupper()]
    # "TPUs", "MLLMs": a plural names a class of things, not one coined thing
    if short.endswith("s") and short[-2:-1].isupper():
        return False
    if re.split(r"[- ]", long)[-1] in _NOT_DEFINED_HEADS:
        return False
    if len(capitals) < 2 or not initials or capitals[0] != initials[0]:
        return False
    return letters_in_order(capitals, initials)


def letters_in_order(letters, initials) -> bool:
    """Whether ``letters`` are, in order, among ``initials`` (each initial used once): an
    acronym's capitals against the initials of the words it abbreviates."""
    rest = iter(initials)
    return all(ch in rest for ch in letters)


def _is_word(ch: str) -> bool:
    # \w in a str pattern is str.isalnum() or "_"
    return ch.isalnum() or ch == "_"


def _first_names(text: str, name: str) -> list[str]:
    r"""The first groups of ``re.finditer(rf"\b([A-Z][a-z]+) {re.escape(name)}\b", text)``,
    found without compiling a pattern for every candidate name."""
    out: list[str] = []
    needle = " " + name
    # \b after the name: a word character on one side only
    word_last = _is_word(name[-1])
    n = len(text)
    last_end = 0  # finditer's matches do not overlap
    at = text.find(needle)
    while at >= 0:
        end = at + len(needle)
        if (end < n and _is_word(text[end])) != word_last:
            q = at - 1
            while q >= 0 and "a" <= text[q] <= "z":
                q -= 1
            if (
                q < at - 1
                and q >= last_end
                and "A" <= text[q] <= "Z"
                and (q == 0 or not _is_word(text[q - 1]))
            ):
                out.append(text[q:at])
                last_end = end
        at = text.find(needle, at + 1)
    return out


def _standalone_count(text: str, word: str) -> int:
    r"""``len(re.findall(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text))`` without a pattern."""
    if not word:
        return len(re.findall(r"(?<![\w-])(?![\w-])", text))
    count = 0
    n = len(text)
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not (_is_word(text[at - 1]) or text[at - 1] == "-")) and (
            end == n or not (_is_word(text[end]) or text[end] == "-")
        ):
            count += 1
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)
    return count


# the last word of a long form that makes it a title or a place, not a coined name; of one
# that makes it an organisation ("Kestrel Labs (KL)"): ``words.yaml``
_NOT_DEFINED_HEADS = word_list("not_defined_heads")
_ORG_HEADS = word_list("org_heads")


def _kind(text: str, m: re.Match[str], end: int, ctx: ContextRule) -> str:
    if ctx.acronym:
        head = re.split(r"[- ]", m.group("long"))[-1]
        if head in _ORG_HEADS:
            return "Organization"
        return noun_kind(head) or context_kind(text, m.end(), ctx.default, ctx.reach)
    noun = m.groupdict().get("noun")
    if noun:
        return noun_kind(noun) or ctx.default
    if ctx.typed_by_context:
        return context_kind(text, end, ctx.default, ctx.reach)
    return ctx.default
