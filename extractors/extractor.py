"""The default extractor: gazetteer phrases + discovery patterns + relation triggers.

``RuleExtractor.extract`` is a pure function of its text (given the data files), so it
can run in worker processes or on any distributed engine one article at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter

from rapidfuzz import fuzz, process

from extractors.discovery import discover, settle
from extractors.gazetteer import Gazetteer, load_gazetteer
from extractors.relations import (
    Mention,
    RelationFinder,
    Span,
    TriggerRule,
    load_asides,
    load_modifier,
    load_rules,
)
from extractors.sentences import sentence_spans
from extractors.tokenizer import PhraseFinder, Split, split
from kg.models import Extraction
from kg.normalize import display_name, fold_chars, normalize_name
from kg.ontology import Ontology, load_ontology

RULES_VERSION = "3"  # raise when the rules change what they extract
EVIDENCE_CHARS = 300
_UPPER = re.compile(r"[A-Z\u3400-\u9fff0-9]")

# The same names come back article after article (news is Zipf-distributed), so each
# spelling is normalised once; the bound keeps a year of new names from growing memory.
_normalized = lru_cache(maxsize=1 << 16)(normalize_name)
_displayed = lru_cache(maxsize=1 << 16)(display_name)


@dataclass(slots=True)
class _Hit:
    start: int
    end: int
    name: str
    kind: str
    discovered: bool


_START_END = attrgetter("start", "end")


class RuleExtractor:
    def __init__(
        self, ontology: Ontology | None = None, gazetteer: Gazetteer | None = None
    ) -> None:
        self.ontology = ontology or load_ontology()
        self.gazetteer = gazetteer or load_gazetteer(self.ontology)
        self.rules: list[TriggerRule] = load_rules(self.ontology)
        self.name = f"rules-{RULES_VERSION}/gaz-{self.gazetteer.version}"
        self.phrases = PhraseFinder(sorted(self.gazetteer.index.items()))
        self.relations = RelationFinder(self.rules, self.ontology, load_modifier(), load_asides())

    # -- entities ----------------------------------------------------------------------

    def _gazetteer_hits(self, folded: str, tokens: Split | None = None) -> list[_Hit]:
        upper = _UPPER.search
        surfaces = self.gazetteer.surfaces
        # "runway" or "apple" in lower case is a word, not the company, unless the
        # gazetteer itself spells the name in lower case (llama.cpp).
        return [
            _Hit(start, end, name, kind, False)
            for start, end, (name, kind) in self.phrases(folded, tokens)
            if upper(folded, start, end) or folded[start:end] in surfaces.get((name, kind), ())
        ]

    def _with_discovered(
        self, folded: str, taken: list[_Hit], tokens: Split | None = None
    ) -> list[_Hit]:
        """``taken`` plus discovered names; a longer discovered name replaces known ones inside it."""
        found, replaced = settle(
            discover(
                folded,
                [(h.start, h.end, h.kind) for h in taken],
                tokens,
            ),
            [(h.start, h.end) for h in taken],
        )
        hits = [h for i, h in enumerate(taken) if i not in replaced] if replaced else taken
        index = self.gazetteer.index
        for f in found:
            known = index.get(_normalized(f.name))
            if known is not None:
                hits.append(_Hit(f.start, f.end, known[0], known[1], False))
            else:
                hits.append(_Hit(f.start, f.end, _displayed(f.name), f.kind, True))
        return hits

    @property
    def gazetteer_dir(self):
        return self.gazetteer.directory

    def guess_kind(self, name: str) -> str:
        """The kind of a bare name (a report's 關鍵實體): gazetteer, else its shape."""
        known = self.gazetteer.lookup(name)
        if known:
            return known[1]
        folded = fold_chars(name)
        for found in discover(folded):
            if found.start == 0 and found.end == len(folded):
                return found.kind
        if re.search(
            r"(?:銀行|银行|公司|集團|集团|大學|大学|研究院|實驗室|实验室|局|部|署|電信|电信)$", name
        ):
            return "Organization"
        return "Method"

    # -- the pure function ---------------------------------------------------------------

    def extract(
        self, text: str, *, title: str = "", article_id: str = "", lang: str = ""
    ) -> Extraction:
        full = f"{title}\n{text}" if title else text
        folded = fold_chars(full)
        tokens = split(folded)
        hits = self._with_discovered(folded, self._gazetteer_hits(folded, tokens), tokens)
        hits = resolve_in_document(folded, hits, self.gazetteer)
        hits.sort(key=_START_END)
        sentences = sentence_spans(folded)

        entities: dict[tuple[str, str], dict] = {}
        relations: dict[tuple[str, str, str], dict] = {}
        position = 0
        n_hits = len(hits)
        before: list[Mention] = []  # the names of the sentence before
        for s_start, s_end in sentences:
            if position == n_hits:
                break
            inside: list[Mention] = []
            evidence = None
            while position < n_hits and hits[position].start < s_end:
                hit = hits[position]
                position += 1
                if hit.start < s_start:
                    continue
                inside.append(hit)
                key = (_normalized(hit.name), hit.kind)
                entry = entities.get(key)
                if entry is None:
                    if evidence is None:
                        evidence = _evidence(full[s_start:s_end])
                    entry = entities[key] = {
                        "name": hit.name,
                        "kind": hit.kind,
                        "surfaces": [],
                        "count": 0,
                        "evidence": evidence,
                        "discovered": hit.discovered,
                    }
                surface = _displayed(full[hit.start : hit.end])
                if surface not in entry["surfaces"]:
                    entry["surfaces"].append(surface)
                entry["count"] += 1
            mentions = inside
            if before and folded.startswith(_OPENERS, s_start):
                # "It outperformed o3", "The company raised ...": the pronoun stands for a
                # name of the sentence before, in relations only (it is no new mention)
                standing_for = _antecedent(folded, s_start, before, inside)
                if standing_for is not None:
                    mentions = [standing_for, *inside]
            before = mentions
            # a relation needs two entities in the sentence
            if len(mentions) < 2:
                continue
            for rel in self.relations(folded, mentions, (s_start, s_end)):
                key = (rel.head.name, rel.type, rel.tail.name)
                if key not in relations:
                    if evidence is None:
                        evidence = _evidence(full[s_start:s_end])
                    relations[key] = {
                        "head": rel.head.name,
                        "head_kind": rel.head.kind,
                        "type": rel.type,
                        "tail": rel.tail.name,
                        "tail_kind": rel.tail.kind,
                        "evidence": evidence,
                    }
        # One validation of the whole record is about half the cost of one per entity.
        return Extraction.model_validate(
            {
                "article_id": article_id,
                "entities": list(entities.values()),
                "relations": list(relations.values()),
                "extractor": self.name,
            }
        )


# What opens a sentence about a name of the sentence before: a model ("OpenAI released
# GPT-5. It outperformed o3") or a company. "It" is read as a model only; where it is a
# company, the verbs that follow (raised, acquired) admit no model, so nothing is linked.
_PRONOUN = re.compile(
    r"(?:(It|(?:The|This) (?:new |latest )?model)|(The (?:company|startup|firm)))(?![\w-])"
)
_OPENERS = ("It", "The", "This")


def _antecedent(text: str, start: int, before: list[Mention], inside: list[Mention]) -> Span | None:
    """A stand-in for the pronoun that opens the sentence at ``start``: the first name of
    the sentence before of the kind it refers to. The first, not the nearest, for a
    sentence's first name is most often what it is about, and what the next one goes on
    about: "Velora Labs released Velora-7B, which beats Mistral 7B. It ..."."""
    m = _PRONOUN.match(text, start)
    if m is None or (inside and inside[0].start < m.end()):
        return None
    kind = "Model" if m.group(1) else "Organization"
    for hit in before:
        if hit.kind == kind:
            return Span(m.start(), m.end(), hit.name, kind)
    return None


_VERSIONED = re.compile(r"[a-z]*\d[\w.]*")


def _same_version(a: str, b: str) -> bool:
    """GPT-4 / GPT-4o and Llama 3 / Llama 3.1 differ in a token carrying a digit: never merge."""
    return _VERSIONED.findall(a) == _VERSIONED.findall(b)


def resolve_in_document(text: str, hits: list[_Hit], gazetteer: Gazetteer) -> list[_Hit]:
    """Settle each name once per document: short forms, surnames, near-spellings."""
    # A discovered name that is a near-spelling of a known one (case, a dropped letter).
    for hit in hits:
        if not hit.discovered:
            continue
        key = _normalized(hit.name)
        best = _near_spelling(gazetteer, key, hit.kind)
        if best is not None and _same_version(key, best):
            hit.name, hit.discovered = gazetteer.lookup(best)[0], False

    # "Opus 4.6" after "Claude Opus 4.6": a word-suffix of a longer name of the same kind.
    keys = [_normalized(h.name) for h in hits]
    names = {(key, h.kind): h.name for key, h in zip(keys, hits, strict=True)}
    # (the words after any space of a name, kind) -> the first such name
    longer: dict[tuple[str, str], str] = {}
    for (other, kind), full in names.items():
        at = other.find(" ")
        while at >= 0:
            longer.setdefault((other[at + 1 :], kind), full)
            at = other.find(" ", at + 1)
    if longer:
        for key, hit in zip(keys, hits, strict=True):
            full = longer.get((key, hit.kind))
            if full is not None and (hit.kind == "Person" or _has_digit(key)):
                hit.name = full

    # "Halden" after "Mira Halden": the surname alone, outside any other name.
    people = {h.name for h in hits if h.kind == "Person" and " " in h.name}
    if not people:
        return hits
    # Characters inside a name so far: an overlap test costs the surname's length, not the
    # number of names (which made entity-dense text quadratic).
    taken = bytearray(len(text) + 1)
    for h in hits:
        taken[h.start : h.end] = b"\x01" * (h.end - h.start)
    extra = []
    for full in sorted(people):
        surname = full.rsplit(" ", 1)[1]
        if len(surname) < 3 or not surname[0].isupper() or surname not in text:
            continue
        for start, end in _standalone(text, surname):
            if 1 not in taken[start:end]:
                extra.append(_Hit(start, end, full, "Person", False))
                taken[start:end] = b"\x01" * (end - start)
    return hits + extra


def _standalone(text: str, word: str) -> Iterator[tuple[int, int]]:
    r"""Spans of ``word`` not inside a longer word or a hyphenated name: the matches of
    ``(?<![\w-])word(?![\w-])``, found without compiling a pattern for every surname."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _joined(text[at - 1])) and (end == len(text) or not _joined(text[end])):
            yield at, end
            at = text.find(word, end)
        else:
            at = text.find(word, at + 1)


def _joined(ch: str) -> bool:
    # \w in a str pattern is str.isalnum() or "_"
    return ch.isalnum() or ch == "_" or ch == "-"


_NEAR_CACHE = 1 << 15


@lru_cache(maxsize=1 << 16)
def _has_digit(key: str) -> bool:
    return any(ch.isdigit() for ch in key)


def _near_spelling(gazetteer: Gazetteer, key: str, kind: str) -> str | None:
    """The known surface of ``kind`` closest to ``key`` (ratio >= 92), remembered per gazetteer."""
    cache = gazetteer.near
    if (key, kind) in cache:
        return cache[key, kind]
    choices = gazetteer.names_of_kind(kind)
    best = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=92) if choices else None
    if len(cache) >= _NEAR_CACHE:
        cache.clear()
    cache[key, kind] = found = best[0] if best else None
    return found


def _evidence(sentence: str) -> str:
    text = " ".join(sentence.split())
    return text if len(text) <= EVIDENCE_CHARS else text[: EVIDENCE_CHARS - 1] + "…"


@lru_cache(maxsize=1)
def default_extractor() -> RuleExtractor:
    """The bundled gazetteer, or a folder of your own lists named by KG_GAZETTEER_DIR."""
    import os
    from pathlib import Path

    folder = os.environ.get("KG_GAZETTEER_DIR")
    if not folder:
        return RuleExtractor()
    ontology = load_ontology()
    return RuleExtractor(ontology, load_gazetteer(ontology, Path(folder)))
