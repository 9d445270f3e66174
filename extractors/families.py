"""New members of known families, and the short forms a text uses for them.

Two phenomena of news about model and chip lines:

- A family the gazetteer knows through its members ("Seedance 1.0", "Ascend 910B") gets a
  new member, named by the family and a new version: "Seedance 2.0", "Ascend 950PR",
  "昇腾960", "豆包大模型1.6 lite". The family stem alone is no name (it is often a word),
  so only stem + version is proposed.
- Once a text has named a lettered member ("DeepSeek-V4", "Kimi K2"), it goes on with the
  bare version: "V4-Pro", "R1", "K2.5". That bare form is the family's member, not a name
  of its own.

Pure functions over folded text and the hits found so far; the extractor decides how
their results join the other names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kg.normalize import display_name, normalize_name

# the kinds whose names come in numbered lines
FAMILY_KINDS = ("Model", "Product")
_CJK = re.compile(r"[\u3400-\u9fff]")
# a stem is what a member's name has before its first version number
_STEM = re.compile(r"^(?P<stem>[A-Z\u3400-\u9fff][^\d]*?)(?P<sep>[ -]?)\d")
# a version after a stem: 2.0, 950PR, 4, then variant words (Lite, Pro, mini ...)
_VERSION = {
    "Model": re.compile(
        r"(?P<sep>[ -]?)(?P<ver>\d{1,3}(?:\.\d+)*[a-z]?)"
        r"(?:[ -](?:Pro|Flash|Lite|Max|Ultra|Plus|Turbo|Nano|Mini|Air|Preview|Thinking|Omni|"
        r"Instruct|pro|lite|flash|mini|max|air)(?![A-Za-z0-9]))*(?![A-Za-z0-9_]|\.\d)"
    ),
    # chips and products carry model numbers: 910C, 950PR, 16
    "Product": re.compile(r"(?P<sep>[ -]?)(?P<ver>\d{1,4}[A-Z]{0,3})(?![A-Za-z0-9_]|\.\d)"),
}
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass(frozen=True, slots=True)
class Member:
    start: int
    end: int
    name: str
    kind: str


def family_stems(entries: Iterable[tuple[str, str, Iterable[str]]]) -> dict[str, str]:
    """Normalised stem -> kind, from (name, kind, aliases) of the gazetteer. A stem that
    two kinds share, or that is itself a known name, is left out (the known name's own
    rules extend it)."""
    stems: dict[str, str] = {}
    clash: set[str] = set()
    known: set[str] = set()
    for name, kind, aliases in entries:
        for surface in (name, *aliases):
            known.add(normalize_name(surface))
            if kind not in FAMILY_KINDS:
                continue
            m = _STEM.match(surface)
            if m is None:
                continue
            stem = m.group("stem").rstrip(" -")
            # "Qwen2.5": a Latin stem glued to its version needs three letters to be a stem;
            # "DeepSeek-V" (of "DeepSeek-V3") is no stem
            if (
                len(stem) < (2 if _CJK.match(stem) else 3)
                or stem[-1] in "-."
                or re.search(r"[ -][A-Za-z]$", stem)
            ):
                continue
            key = normalize_name(stem)
            if stems.setdefault(key, kind) != kind:
                clash.add(key)
    # a known name that ends in a Chinese character takes its version glued on ("豆包大模型1.6"),
    # which the rules for known Latin names ("Gemini 3") do not cover
    return {
        k: v for k, v in stems.items() if k not in clash and (k not in known or _CJK.match(k[-1]))
    }


# the first digit of a number, where a family member's version can start
# (only after a letter, a letter and a separator, or a Chinese character: "$500", "(2023"
# and ", 2025" are looked at no further). The digit comes first and the lookbehinds take
# it in, so the engine skips to digits instead of trying every position.
_NUMBER = re.compile(
    r"\d(?:(?<=[A-Za-z]\d)|(?<=[A-Za-z][ -]\d)|(?<=[\u3400-\u9fff]\d))(?<![\d.,$]\d)"
)
_WORD_BEFORE = re.compile(r"(?:[A-Z][A-Za-z0-9.]*[ -]){0,2}[A-Z][A-Za-z]*[ -]?$")
_CJK_BEFORE = re.compile(r"[\u3400-\u9fff]{2,8}$")


def stem_tails(stems: dict[str, str]) -> frozenset[str]:
    """The last word of each stem (a Latin word in lower case, or a Chinese character): a
    number is looked at only where one stands right before it."""
    tails = set()
    for stem in stems:
        if _CJK.match(stem[-1]):
            tails.add(stem[-1])
        else:
            tails.add(re.split(r"[ -]", stem)[-1])
    return frozenset(tails)


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_TAIL_REACH = 24  # characters looked at for the word before a number; longer words fall back


def _tail_before(text: str, at: int) -> str:
    """The word (lower case) or the Chinese character right before ``at`` and its separator."""
    j = at
    if j and text[j - 1] in " -":
        j -= 1
    if j and "\u3400" <= text[j - 1] <= "\u9fff":
        return text[j - 1]
    # the run of ASCII letters ending at j
    lo = max(0, j - _TAIL_REACH)
    piece = text[lo:j]
    rest = piece.rstrip(_LETTERS)
    if not rest and lo:
        piece = text[:j]
        rest = piece.rstrip(_LETTERS)
    return piece[len(rest) :].lower()


def new_members(
    text: str, stems: dict[str, str], tails: frozenset[str] | None = None
) -> list[Member]:
    """Stem + version spans whose stem is a known family's ("Seedance 2.0")."""
    if not stems:
        return []
    if tails is None:
        tails = stem_tails(stems)
    out: list[Member] = []
    last_end = -1
    for m in _NUMBER.finditer(text):
        at = m.start()
        if at <= last_end or at == 0 or _tail_before(text, at) not in tails:
            continue
        for start in _stem_starts(text, at):
            stem = text[start:at].rstrip(" -")
            # (the text is folded already: case and spaces are all normalize_name would change)
            kind = stems.get(" ".join(stem.split()).casefold())
            if kind is None:
                continue
            v = _VERSION[kind].match(text, start + len(stem))
            if v is None or _YEAR.fullmatch(v.group("ver")):
                continue
            out.append(Member(start, v.end(), display_name(text[start : v.end()]), kind))
            last_end = v.end()
            break
    return out


def _stem_starts(text: str, at: int) -> Iterator[int]:
    """Where a stem ending right before ``at`` (and its separator) may start, longest first."""
    lo = max(0, at - 40)
    latin = _WORD_BEFORE.search(text, lo, at)
    if latin is not None:
        start = latin.start()
        body = text[start:at].rstrip(" -")
        for s in [start] + [start + i + 1 for i, ch in enumerate(body) if ch in " -"]:
            if s == 0 or not (
                text[s - 1].isascii() and text[s - 1].isalnum() or text[s - 1] in "-_."
            ):
                yield s
        return
    cjk = _CJK_BEFORE.search(text, lo, at)
    if cjk is not None:
        yield from range(cjk.start(), at - 1)


_VARIANTS = re.compile(
    r"(?:[ -](?:Pro|Flash|Lite|Max|Ultra|Plus|Turbo|Nano|Mini|Air|Preview|Thinking|Omni|"
    r"Instruct|Exp))+(?![A-Za-z0-9_]|-\d)"
)


def extended(text: str, start: int, end: int, kind: str, discovered: bool) -> int:
    """Where a name found at ``start:end`` really ends: a known name written in Chinese
    takes a version glued on ("豆包大模型" + "1.6 lite"), a discovered model its variant
    words ("DeepSeek-V4" + "-Pro"). ``end`` when nothing follows."""
    if kind not in FAMILY_KINDS or end >= len(text):
        return end
    if _CJK.match(text[end - 1]) and text[end].isdigit():
        v = _VERSION[kind].match(text, end)
        if v is not None and not _YEAR.fullmatch(v.group("ver")):
            return v.end()
    elif kind == "Model" and text[end] in ".-":
        # "GLM-4" + ".6V-106B", "DeepSeek-V3" + "-0324", "Wan2.1" + "-T2V-14B": a model
        # name goes on while hyphen-joined pieces carry digits
        c = _CONTINUED.match(text, end)
        stop = c.end() if c is not None else end
        if stop > end:
            v = _VARIANTS.match(text, stop)
            stop = v.end() if v is not None else stop
            if stop == len(text) or not _GLUED(text[stop]):
                return stop
    if discovered and kind == "Model" and text[end] in " -":
        v = _VARIANTS.match(text, end)
        if v is not None:
            return v.end()
    return end


_CONTINUED = re.compile(
    r"(?:\.\d+[A-Za-z]{0,2}(?![A-Za-z]))?(?:-(?=[A-Za-z0-9.]*\d)[A-Za-z0-9.]*[A-Za-z0-9])*"
)


def _GLUED(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


# a bare lettered version: V4, R1, K2.5, V4-Pro (no word or digit glued before it)
_BARE = re.compile(
    r"(?<![A-Za-z0-9_.\-])(?P<v>[A-Z]\d{1,2}(?:\.\d+)?)(?P<variant>-[A-Z][a-z]+)?"
    r"(?![A-Za-z0-9_\-]|\.\d)"
)
_LETTERED = re.compile(r"^(?P<stem>[A-Z][A-Za-z]+)(?P<sep>[ -])(?P<letter>[A-Z])\d")


def short_members(
    text: str, models: Iterable[str], known: dict[str, tuple[str, str]]
) -> list[Member]:
    """Bare lettered versions standing for members of a family the text names: after
    "DeepSeek-V4", "V4-Pro" is "DeepSeek-V4-Pro" and "R1" is "DeepSeek-R1" (a name the
    gazetteer knows). One family per letter, or the bare form is ambiguous."""
    families: dict[str, tuple[str, str]] = {}  # letter -> (stem, separator)
    stems: dict[str, str] = {}
    for name in models:
        m = _LETTERED.match(name)
        if m is None:
            continue
        stems.setdefault(m.group("stem"), m.group("sep"))
        seen = families.get(m.group("letter"))
        if seen is None:
            families[m.group("letter")] = (m.group("stem"), m.group("sep"))
        elif seen[0] != m.group("stem"):
            families[m.group("letter")] = ("", "")
    if not stems:
        return []
    out: list[Member] = []
    for m in _BARE.finditer(text):
        bare = m.group(0)
        found = None
        # a member the gazetteer knows under one of the text's stems
        hits = {
            known[key]
            for stem, sep in stems.items()
            if (key := normalize_name(f"{stem}{sep}{bare}")) in known and known[key][1] == "Model"
        }
        if len(hits) == 1:
            found = next(iter(hits))[0]
        else:
            stem, sep = families.get(bare[0], ("", ""))
            if stem:
                found = f"{stem}{sep}{bare}"
        if found:
            out.append(Member(m.start(), m.end(), found, "Model"))
    return out
