"""What a story states, as plain values a writer turns into text.

``StoryFacts`` is the writer's whole input: the story's facts (relations with their
qualifiers), its own names, its articles and what the lexicons find in them. Qualifiers
come from the graph when it carries them; otherwise the few a brief needs (amount, round,
valuation, lead, score) are read from the fact's own evidence sentence with the patterns
in ``writing/qualifiers.yaml``.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from reports.stories import fold_text

WRITING = Path(__file__).parent / "writing"
GLOSSARY = Path(__file__).parent / "glossary.tsv"
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class Money:
    value: float  # in units of the currency
    currency: str  # ISO code


@dataclass(frozen=True)
class Fact:
    head: str
    head_kind: str
    type: str
    tail: str
    tail_kind: str
    qualifiers: dict = field(default_factory=dict)
    evidence: str = ""
    articles: tuple[str, ...] = ()
    via: str = ""


@dataclass(frozen=True)
class Name:
    name: str
    kind: str
    new: bool = False
    specific: bool = True


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    source: str
    source_kind: str
    lang: str
    url: str
    text: str


@dataclass(frozen=True)
class Measure:
    kind: str  # params | tokens | context | gpus
    value: float | str
    scale: str = ""


@dataclass(frozen=True)
class Domain:
    key: str
    zh: str
    en: str
    terms: tuple[str, ...]


@dataclass(frozen=True)
class StoryFacts:
    kind: str  # launch, funding, acquisition, partnership, hire, evaluation, threat, ...
    facts: tuple[Fact, ...]  # the main fact first
    names: tuple[Name, ...]  # the story's own names, most telling first
    sources: tuple[Source, ...]  # the lead article first
    outlets: int = 1
    domains: tuple[Domain, ...] = ()
    measures: tuple[Measure, ...] = ()
    watched: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gloss:
    name: str
    zh: str
    en_name: str
    gloss_zh: str
    gloss_en: str


@lru_cache(maxsize=1)
def glossary() -> dict[str, Gloss]:
    rows = [line for line in GLOSSARY.read_text(encoding="utf-8").splitlines() if line.strip()]
    reader = csv.DictReader((r for r in rows if not r.startswith("#")), delimiter="\t")
    return {
        r["name"].casefold(): Gloss(
            r["name"], r["zh"] or "", r["en_name"] or "", r["gloss_zh"] or "", r["gloss_en"] or ""
        )
        for r in reader
    }


@lru_cache(maxsize=1)
def domains() -> tuple[tuple[Domain, re.Pattern], ...]:
    lines = [
        line
        for line in (WRITING / "domains.tsv").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    out = []
    for row in csv.DictReader(lines, delimiter="\t"):
        terms = tuple(t for t in row["terms"].split("|") if t)
        latin = [re.escape(fold_text(t)) for t in terms if not _CJK.search(t)]
        cjk = [re.escape(fold_text(t)) for t in terms if _CJK.search(t)]
        parts = [rf"\b(?:{'|'.join(latin)})\b"] if latin else []
        parts += [f"(?:{'|'.join(cjk)})"] if cjk else []
        out.append((Domain(row["key"], row["zh"], row["en"], terms), re.compile("|".join(parts))))
    return tuple(out)


@lru_cache(maxsize=1)
def _patterns() -> dict:
    return yaml.safe_load((WRITING / "qualifiers.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def kinds_config() -> dict:
    return yaml.safe_load((WRITING / "kinds.yaml").read_text(encoding="utf-8"))


_SCALE = {
    "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "b": 1e9, "bn": 1e9,
    "trillion": 1e12, "t": 1e12, "億": 1e8, "亿": 1e8, "萬": 1e4, "万": 1e4, "兆": 1e12,
    "萬億": 1e12, "万亿": 1e12, "k": 1e3,
}  # fmt: skip
_CURRENCY = {
    "$": "USD", "dollars": "USD", "美元": "USD", "美金": "USD", "€": "EUR", "euros": "EUR",
    "歐元": "EUR", "欧元": "EUR", "£": "GBP", "yuan": "CNY", "人民幣": "CNY", "人民币": "CNY",
    "新台幣": "TWD", "新台币": "TWD", "元": "CNY",
}  # fmt: skip


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _money(match: re.Match) -> Money:
    scale = _SCALE.get(match["scale"].lower(), 1.0)
    return Money(_number(match["num"]) * scale, _CURRENCY.get(match["cur"].lower(), "USD"))


def parse_money(text: str, key: str = "money") -> Money | None:
    for spec in _patterns()[key]:
        match = re.search(spec["pattern"], text)
        if match:
            return _money(match)
    return None


def _as_money(value) -> Money | None:
    if isinstance(value, Money):
        return value
    if isinstance(value, int | float):
        return Money(float(value), "USD")
    if isinstance(value, str):
        try:
            return Money(float(value), "USD")
        except ValueError:
            return parse_money(value)
    return None


def money_of(q: dict, key: str) -> Money | None:
    """A qualifier's amount as Money, whether the graph gave a number (with ``currency``),
    a phrase ("$475 million") or an already read Money."""
    money = _as_money(q.get(key))
    if money and q.get("currency") and not isinstance(q.get(key), Money | str):
        money = Money(money.value, str(q["currency"]))
    return money


def qualifiers_of(rel: dict, article: str | None = None) -> dict:
    """The qualifiers of a relation row: from the graph (a dict, or its JSON text) when
    present, else read from its evidence sentence."""
    raw = rel.get("qualifiers") or {}
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError:
            raw = {}
    if isinstance(raw, list):  # one per supporting article, aligned with ``articles``
        merged: dict = {}
        for q in raw:
            if isinstance(q, dict):
                merged = {**q, **merged}
        raw = merged
    out = dict(raw) if isinstance(raw, dict) else {}
    evidence = " ".join(e for e in rel.get("evidence") or [] if e)
    currency = out.get("currency")
    for key in ("amount", "valuation"):
        if key in out:
            money = _as_money(out[key])
            if money and currency and not isinstance(out[key], str):
                money = Money(money.value, str(currency))
            out[key] = money
    if rel.get("type") == "INVESTED_IN" and evidence:
        if not out.get("amount"):
            valuation_span = None
            for spec in _patterns()["valuation"]:
                m = re.search(spec["pattern"], evidence)
                if m:
                    valuation_span = m.span()
                    out.setdefault("valuation", _money(m))
                    break
            for spec in _patterns()["money"]:
                for m in re.finditer(spec["pattern"], evidence):
                    if valuation_span and valuation_span[0] <= m.start() < valuation_span[1]:
                        continue
                    out["amount"] = _money(m)
                    break
                if out.get("amount"):
                    break
        if not out.get("round"):
            for spec in _patterns()["round"]:
                m = re.search(spec["pattern"], evidence)
                if m:
                    out["round"] = m["round"]
                    break
        if not out.get("role") and re.search(_patterns()["lead"], evidence):
            out["role"] = "lead"
    if rel.get("type") == "ACQUIRED" and evidence and not out.get("amount"):
        money = parse_money(evidence)
        if money:
            out["amount"] = money
    if rel.get("type") in {"EVALUATED_ON", "OUTPERFORMS"} and evidence and "score" not in out:
        out.update(_score(evidence, rel.get("tail", "")))
    return {k: v for k, v in out.items() if v not in (None, "")}


def _score(sentence: str, near: str) -> dict:
    spec = _patterns()["score"][0]["pattern"]
    found = list(re.finditer(spec, sentence))
    if not found:
        return {}
    anchor = sentence.find(near) if near else -1
    best = min(found, key=lambda m: abs(m.start() - anchor)) if anchor >= 0 else found[0]
    unit = best["unit"]
    return {"score": best["num"], "metric": "%" if unit in {"%", "percent"} else unit}


def measures_in(texts: list[str]) -> list[Measure]:
    """Sizes the story's own sentences state, first of each kind."""
    out: dict[str, Measure] = {}
    for kind, patterns in _patterns()["measures"].items():
        for text in texts:
            for pattern in patterns:
                m = re.search(pattern, text)
                if not m:
                    continue
                groups = {k: v for k, v in m.groupdict().items() if v}
                if kind == "gpus":
                    out[kind] = Measure(kind, f"{groups['num']} {groups['what']}")
                else:
                    num = groups.get("num") or groups.get("num2")
                    scale = groups.get("scale") or groups.get("scale2") or ""
                    out[kind] = Measure(kind, _number(num), scale)
                break
            if kind in out:
                break
    return list(out.values())


def domains_in(texts: list[str]) -> list[tuple[Domain, list[str]]]:
    folded = fold_text(" ".join(texts))
    out = []
    for domain, pattern in domains():
        hits = sorted({m.group(0) for m in pattern.finditer(folded)}, key=folded.find)
        if hits:
            out.append((domain, hits[:3]))
    return out


def measure_value(m: Measure, lang: str) -> str:
    """A size in the report's notation: 14B / 4.2T in English, 140 億 / 4.2 兆 in Chinese."""
    if isinstance(m.value, str):
        return m.value
    value = m.value * _SCALE.get(m.scale.lower(), 1.0)
    if lang == "zh-TW":
        for unit, size in (("兆", 1e12), ("億", 1e8), ("萬", 1e4)):
            if value >= size:
                return f"{value / size:g} {unit}"
        return f"{value:g}"
    for unit, size in (("T", 1e12), ("B", 1e9), ("M", 1e6), ("K", 1e3)):
        if value >= size:
            return f"{value / size:g}{unit}"
    return f"{value:g}"
