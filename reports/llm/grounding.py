"""The check an LLM answer must pass before it prints. Pure: values in, problems out.

An answer is grounded when
- every name the project's extractor finds in it (gazetteer names, and the Latin-script
  names its discovery rules find) is one of the item's names, in any of its spellings (as
  stored, Traditional / Simplified, the glossary's English or Chinese name, or any alias
  the gazetteer resolves to the same entity); a discovered name not among them must at
  least be words the item's own articles use;
- every other capitalised or mixed-case Latin word (``Nimbus``, ``GPT-7``) is a word of
  the item's names or of its facts and evidence sentences, or a common word
  (``writing/llm_common_words.txt``): a model cannot slip in a name the gazetteer does
  not know either;
- every number written in digits occurs in the item's facts, qualifiers or evidence
  (``1,500`` and ``1500`` are one number; digits inside a name or an article id are
  not numbers);
- every cited article id, and every arXiv id in the text, belongs to the item;
- an English item holds no Chinese, a zh-TW item is written in Chinese.

What it does not catch: a claim built only from the item's own words and numbers but
saying something its facts do not (``A acquired B`` where B acquired A), numbers written
as words (兩家, three), Chinese names the gazetteer does not know (the discovery rules
are not trusted on Chinese prose), and an ordinary capitalised word opening a sentence.
The report says which items the model wrote.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from kg.normalize import fold_chars, normalize_name
from reports.facts import WRITING, StoryFacts, glossary
from reports.llm.answer import Answer
from reports.writer import _opencc, has_cjk, to_traditional

# (name as the extractor resolved it, found by a discovery rule rather than the gazetteer)
FindNames = Callable[[str, str], list[tuple[str, bool]]]

_NUMBER = re.compile(r"(?<![A-Za-z0-9_.])\d+(?:,\d{3})*(?:\.\d+)?")
# a word starts a token: the "M" of "120M" and the "B" of "14B" are units, not names
_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-.'’&+/][A-Za-z0-9]+)*")
_SENTENCE_END = set(".:;!?。：；！？-—(（「\"'“‘")
_POSSESSIVE = re.compile(r"['’]s$")
_ARXIV_REF = re.compile(r"(?i)arxiv[:\s]*(\d{4}\.\d{4,5})(?:v\d+)?")
_ARXIV_URL = re.compile(r"arxiv\.org/abs/(\d{4}\.\d{4,5})")
# strings of the brief that are ids or instructions, not what the articles say
_NOT_EVIDENCE = {"article", "articles", "shape", "language", "kind", "relation", "lang"}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    lines = (WRITING / "llm_common_words.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip().casefold() for x in lines if x.strip() and not x.startswith("#"))


@dataclass(frozen=True)
class Ground:
    names: frozenset[str]  # normalised spellings of the item's names
    name_words: frozenset[str]  # their Latin words, casefolded
    words: frozenset[str]  # Latin words of the item's facts and evidence, casefolded
    text: str  # the item's facts and evidence, folded, for names in Chinese
    numbers: frozenset[Decimal]
    articles: frozenset[str]
    refs: frozenset[str]  # arXiv ids of the item's articles
    strip: tuple[str, ...]  # names and ids blanked before numbers are read, longest first


def ground_of(brief: dict, story: StoryFacts, find: FindNames) -> Ground:
    """What an answer for this item may use: exactly what its brief told the model."""
    lang = brief["language"]
    spellings: set[str] = set()
    for name in [e["name"] for e in brief["entities"]] + [n.name for n in story.names]:
        spellings |= _variants(name)
    spellings |= {e["outlet"] for e in brief["evidence"]} | {s.source for s in story.sources}
    resolved = set()
    for name in spellings:
        resolved |= {found for found, _ in find(name, lang)}
    spellings |= resolved
    spellings = {s for s in spellings if s}
    evidence = list(_strings(brief))
    ids = {s.id for s in story.sources}
    refs = {m.group(1) for s in story.sources for m in _ARXIV_URL.finditer(s.url)}
    strip = sorted(spellings | ids | {f"arXiv:{r}" for r in refs}, key=len, reverse=True)
    numbers = set()
    for text in evidence:
        numbers |= _numbers(text)
    numbers |= {Decimal(brief["articles"]), Decimal(brief["outlets"])}
    return Ground(
        names=frozenset(normalize_name(s) for s in spellings),
        name_words=frozenset(_words(" ".join(spellings))),
        words=frozenset(_words(" ".join(evidence))),
        text=fold_chars(" ".join(evidence)).casefold(),
        numbers=frozenset(numbers),
        articles=frozenset(ids),
        refs=frozenset(refs),
        strip=tuple(strip),
    )


def check(answer: Answer, ground: Ground, lang: str, find: FindNames) -> list[str]:
    """Why the answer may not print (empty when it may)."""
    problems: list[str] = []
    texts = answer.texts()
    whole = "\n".join(texts)
    if lang == "en" and has_cjk(whole):
        problems.append("it writes Chinese in an English report")
    if lang == "zh-TW" and not (has_cjk(answer.title) and all(has_cjk(s) for s in answer.summary)):
        problems.append("the title and summary of a zh-TW item must be written in Chinese")
    for name, discovered in find(whole, lang):
        if normalize_name(name) in ground.names:
            continue
        if discovered and _in_evidence(name, ground):
            continue
        # the discovery rules read ordinary Chinese noun phrases as names ("開放權重" of
        # 開放權重模型); only the gazetteer's Chinese names are held to the item
        if discovered and not re.search(r"[A-Za-z]", name):
            continue
        problems.append(f"it names {name}, which is not one of the item's entities")
    for word in _capitalised_words(whole):
        # "GPT-4o-based" is fine when GPT-4o is: each part of a joined word may pass alone
        if _known(word, ground) or all(_known(p, ground) for p in re.split(r"[-/]", word) if p):
            continue
        problems.append(
            f"it names {word}, which is none of the item's entities and not in its evidence"
        )
    blanked = _blank(whole, ground.strip)
    for m in _ARXIV_REF.finditer(blanked):
        if m.group(1) not in ground.refs:
            problems.append(f"it cites arXiv:{m.group(1)}, which is not one of the item's articles")
    blanked = _ARXIV_REF.sub(" ", blanked)
    for m in _NUMBER.finditer(blanked):
        value = _decimal(m.group(0))
        if value is not None and value not in ground.numbers:
            problems.append(f"the number {m.group(0)} is in none of the item's facts or evidence")
    for cited in answer.cited:
        if cited not in ground.articles:
            problems.append(f"it cites {cited}, which is not one of the item's articles")
    return _unique(problems)


def _variants(name: str) -> set[str]:
    out = {name, to_traditional(name), _opencc()[1].convert(name)}
    entry = glossary().get(name.casefold()) or glossary().get(to_traditional(name).casefold())
    if entry:
        out |= {entry.name, entry.en_name, entry.zh}
    return {x for x in out if x}


def _strings(value, key: str = "") -> Iterable[str]:
    if key in _NOT_EVIDENCE:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v, key)


def _words(text: str, keep_case: bool = False) -> list[str]:
    out = []
    for m in _WORD.finditer(fold_chars(text)):
        word = _POSSESSIVE.sub("", m.group(0)).rstrip(".")
        if word:
            out.append(word if keep_case else word.casefold())
        # "GPT-4o-based" or "Velora/Orchard": the parts count on their own as well
        parts = re.split(r"[-/]", word)
        if len(parts) > 1 and not keep_case:
            out += [p.casefold() for p in parts if p]
    return out


def _capitalised_words(text: str) -> list[str]:
    """Words that may be names: mixed case, capitals or digits, except an ordinary word
    capitalised only because it starts a sentence or a line ("Hiring", "Training")."""
    out = []
    for line in fold_chars(text).splitlines():
        for m in _WORD.finditer(line):
            word = _POSSESSIVE.sub("", m.group(0)).rstrip(".")
            before = line[: m.start()].rstrip()
            starts = not before or before[-1] in _SENTENCE_END
            if starts and word[:1].isupper() and word[1:].islower() and word.isalpha():
                continue
            out.append(word)
    return out


def _known(word: str, ground: Ground) -> bool:
    if word.islower() or not any(c.isalpha() for c in word):
        return True
    folded = word.casefold()
    return folded in ground.name_words or folded in ground.words or folded in common_words()


def _in_evidence(name: str, ground: Ground) -> bool:
    folded = fold_chars(name).casefold()
    if folded in ground.text:
        return True
    words = _words(name)
    return bool(words) and all(
        w in ground.words or w in ground.name_words or w in common_words() for w in words
    )


def _blank(text: str, spans: tuple[str, ...]) -> str:
    folded = fold_chars(text)
    for s in spans:
        if s:
            folded = re.sub(re.escape(fold_chars(s)), " ", folded, flags=re.I)
    return folded


def _numbers(text: str) -> set[Decimal]:
    out = set()
    for m in _NUMBER.finditer(fold_chars(text)):
        value = _decimal(m.group(0))
        if value is not None:
            out.add(value)
    return out


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "")).normalize()
    except InvalidOperation:
        return None


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
