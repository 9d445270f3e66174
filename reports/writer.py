"""Writers: a story's facts in, the fields of its report item out.

``Writer`` is the seam: ``write(story, lang) -> Written``. ``TemplateWriter`` (the default)
fills the templates of ``writing/<lang>.yaml``, so the same facts always give the same
text; another writer (an LLM one) only has to return the same ``Written``.

The zh-TW brief is Traditional Chinese with names in their usual script; the en brief is
English, and a name written only in Chinese is given by its English name from the glossary
or left out. A sentence of an article in the other language appears only as the one
``quote`` of an item, with its source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

import yaml

from extractors.sentences import sentence_spans
from reports.facts import (
    WRITING,
    Fact,
    Money,
    StoryFacts,
    glossary,
    measure_value,
    money_of,
)
from reports.labels import KIND_LABELS

_CJK = re.compile(r"[\u3400-\u9fff]")
_FIELD = re.compile(r"\{(\w+)\}")
_OPTIONAL = re.compile(r"\[([^\[\]]*)\]")
_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff，、。：（）]) (?=[\u3400-\u9fff，、。：（）])")
# a sentence worth repeating names something and is neither a stub nor page furniture
_MIN_SENTENCE, _MAX_SENTENCE = 12, 220


@dataclass
class Quote:
    text: str
    source: str


@dataclass
class Origin:
    """How a writer other than the templates came by an item's text (for the report's note)."""

    writer: str  # "llm", or "template" when the model's answer could not be used
    reason: str = ""  # why it fell back
    cached: bool = False  # every answer used came from the cache
    prompt_tokens: int = 0  # of the answers used, as the model counted them when it wrote them
    completion_tokens: int = 0
    seconds: float = 0.0  # the model's time for those answers
    requests: int = 0  # completions asked by this run (0 when cached)
    run_prompt_tokens: int = 0  # spent by this run (0 when cached)
    run_completion_tokens: int = 0


@dataclass
class Written:
    title: str
    summary: list[str]
    details: list[str] = field(default_factory=list)
    applications: list[str] = field(default_factory=list)
    reason: str = ""
    quote: Quote | None = None
    entities: list[str] = field(default_factory=list)  # names as the report spells them
    origin: Origin | None = None  # None: written by the templates, as asked


class Writer(Protocol):
    name: str

    def write(self, story: StoryFacts, lang: str) -> Written: ...


@lru_cache(maxsize=4)
def templates(lang: str) -> dict:
    return yaml.safe_load((WRITING / f"{lang}.yaml").read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _opencc():
    import opencc

    return opencc.OpenCC("s2twp"), opencc.OpenCC("t2s"), opencc.OpenCC("s2tw")


@lru_cache(maxsize=1)
def _ambiguous() -> frozenset[str]:
    lines = (WRITING / "ambiguous_chars.txt").read_text(encoding="utf-8").splitlines()
    return frozenset("".join(x.strip() for x in lines if x.strip() and not x.startswith("#")))


@lru_cache(maxsize=8192)
def _simplified_char(ch: str) -> bool:
    s2t, t2s = _opencc()[2], _opencc()[1]
    return ch not in _ambiguous() and t2s.convert(ch) == ch and s2t.convert(ch) != ch


def is_simplified(text: str) -> bool:
    """True when a line holds characters written only in Simplified script."""
    return any(_simplified_char(ch) for ch in _CJK.findall(text))


def to_traditional(text: str) -> str:
    """Simplified text in Traditional script with Taiwan usage; Traditional text unchanged."""
    return _opencc()[0].convert(text) if is_simplified(text) else text


def has_cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def fill(options: list[str] | str, values: dict[str, str]) -> str | None:
    """The first template whose required fields are known, optional parts dropped as needed."""
    for template in [options] if isinstance(options, str) else options:

        def optional(m: re.Match) -> str:
            inner = m.group(1)
            return inner if all(values.get(f) for f in _FIELD.findall(inner)) else ""

        text = _OPTIONAL.sub(optional, template)
        if all(values.get(f) for f in _FIELD.findall(text)):
            return _CJK_SPACE.sub("", _FIELD.sub(lambda m: values[m.group(1)], text)).strip()
    return None


class TemplateWriter:
    name = "template-v1"

    def write(self, story: StoryFacts, lang: str) -> Written:
        t = templates(lang)
        zh = lang == "zh-TW"
        spell = _Speller(lang)
        names = [n for n in story.names if spell(n.name)]
        specific = [n for n in names if n.specific] or names
        lead = story.sources[0]
        values = {
            "source": spell.outlet(lead.source),
            "names": spell.join([n.name for n in specific[:2]]),
            "topics": spell.join([n.name for n in specific[2:5]]),
            "people": spell.join([n.name for n in names if n.kind == "Person"][:2]),
            "count": str(len(story.sources)),
            "domain": (story.domains[0].zh if zh else story.domains[0].en.lower())
            if story.domains
            else "",
        }
        facts = [
            f
            for f in story.facts
            if spell(f.head)
            and spell(f.tail)
            and not (f.type == "DEVELOPED_BY" and f.head_kind not in {"Model", "Product"})
        ]
        used_names: set[str] = set()
        summary: list[str] = []
        title = None
        # opinion pieces and research themes are headed by what they discuss; the others
        # by their main fact
        told = facts if story.kind in {"opinion", "theme"} else facts[1:]
        if facts and story.kind not in {"opinion", "theme"}:
            main = facts[0]
            fv = self._fact_values(main, facts, spell, t, lang)
            title = fill(t["title"][main.type], fv)
            first = fill(t["fact"][main.type], fv)
            if first:
                summary.append(first)
            used_names |= {main.head, main.tail}
        kind = story.kind if story.kind in t["kind_title"] else "general"
        if not values["names"]:
            kind = "unnamed"
        if not title:
            title = fill(t["kind_title"][kind], values) or fill(t["kind_title"]["unnamed"], values)
        if not summary:
            summary.append(fill(t["kind_summary"][kind], values) or "")

        details: list[str] = []
        specific_names = {n.name for n in story.names if n.specific}
        lead_fact = facts[0] if facts else None
        rest = [
            f
            for f in told
            if not (
                f is not lead_fact
                and lead_fact is not None
                and f.type == "INVESTED_IN"
                and lead_fact.type == "INVESTED_IN"
                and f.tail == lead_fact.tail
                and story.kind not in {"opinion", "theme"}
            )
            # "GPT-4o, developed by OpenAI" between two well-known names is background
            and not (f.type == "DEVELOPED_BY" and not {f.head, f.tail} & specific_names)
        ]
        main_names = {lead_fact.head, lead_fact.tail} if lead_fact else set()
        for fact in rest:
            sentence = fill(t["fact"][fact.type], self._fact_values(fact, facts, spell, t, lang))
            if not sentence or sentence in summary or sentence in details:
                continue
            if len(summary) < 2 and fact.type != "USES" and {fact.head, fact.tail} & main_names:
                summary.append(sentence)
            else:
                details.append(sentence.rstrip("。."))
            used_names |= {fact.head, fact.tail}
        own = [s for s in self._own_sentences(story, lang) if s not in summary]
        while len(summary) < 2 and own:
            summary.append(own.pop(0))
        if story.outlets > 1 and len(summary) < 3:
            langs = sorted({"zh" if s.lang.startswith("zh") else "en" for s in story.sources})
            cover = fill(
                t["coverage"],
                {
                    "outlets": spell.number(story.outlets),
                    "langs": spell.join([t["lang_names"][x] for x in langs])
                    if len(langs) > 1
                    else "",
                },
            )
            if cover:
                summary.append(cover)
        for m in story.measures:
            details.append(t["measure"][m.kind].format(value=measure_value(m, lang)))
        by_kind: dict[str, list[str]] = {}
        for n in names:
            by_kind.setdefault(n.kind, []).append(n.name)
        for kind_name, key in (("Vulnerability", "vulnerabilities"), ("Malware", "malware")):
            listed = [x for x in by_kind.get(kind_name, []) if x not in used_names]
            if listed:
                details.append(t["detail"][key].format(names=spell.join(listed[:5])))
        if story.kind in {"launch", "evaluation"}:
            benches = [x for x in by_kind.get("Benchmark", []) if x not in used_names]
            if benches:
                details.append(t["detail"]["benchmarks"].format(names=spell.join(benches[:5])))
        if story.kind == "theme":
            details += self._papers(story, spell, t)
        details += [s.rstrip("。.") for s in own[:2] if s not in summary]

        applications = [
            t["application"].format(
                label=d.zh if zh else d.en,
                terms=spell.join([to_traditional(x) if zh else x for x in d.terms]),
            )
            for d in story.domains[:3]
            if d.terms
        ]
        applications = [a for a in applications if zh or not has_cjk(a)]
        tidy = _spaced if zh else _capitalised
        return Written(
            title=tidy(title),
            summary=[tidy(s) for s in summary if s][:3],
            details=[tidy(d) for d in _unique(details)[:6]],
            applications=[tidy(a) for a in applications],
            reason=tidy(self._reason(story, facts, spell, t, lang)),
            quote=self._quote(story, lang, spell, t),
            entities=_unique([spell(n.name) for n in names])[:8],
        )

    # -- pieces -------------------------------------------------------------------------

    def _fact_values(self, fact: Fact, facts: list[Fact], spell, t: dict, lang: str) -> dict:
        q = fact.qualifiers
        values = {
            "head": spell(fact.head),
            "tail": spell(fact.tail),
            "head_kind": KIND_LABELS[lang].get(fact.head_kind, "")
            if lang == "zh-TW"
            else {"Model": "model", "Product": "product"}.get(fact.head_kind, "model"),
            "score": _score_text(q, lang),
            "benchmark": spell(str(q.get("benchmark", ""))) if q.get("benchmark") else "",
            "role": str(q.get("role", "")) if fact.type == "WORKS_FOR" else "",
        }
        if fact.type == "DEVELOPED_BY" and lang == "zh-TW" and not values["head_kind"]:
            values["head_kind"] = ""
        if fact.type in {"INVESTED_IN", "ACQUIRED"}:
            values["amount"] = spell.money(money_of(q, "amount"))
            values["valuation"] = spell.money(money_of(q, "valuation"))
        if fact.type == "INVESTED_IN":
            rounds = [f for f in facts if f.type == "INVESTED_IN" and f.tail == fact.tail]
            leads = [f.head for f in rounds if f.qualifiers.get("role") == "lead"]
            others = [f.head for f in rounds if f.head not in leads]
            if not leads:
                leads, others = others, []
            values |= {
                "target": spell(fact.tail),
                "round": spell.round(
                    next(
                        (str(f.qualifiers["round"]) for f in rounds if f.qualifiers.get("round")),
                        "",
                    )
                ),
                "leads": spell.join(leads),
                "participants": spell.join(others),
            }
            for key in ("amount", "valuation"):
                if not values[key]:
                    values[key] = spell.money(
                        next(
                            (money_of(f.qualifiers, key) for f in rounds if f.qualifiers.get(key)),
                            None,
                        )
                    )
        if fact.type == "OUTPERFORMS" and not values["benchmark"]:
            values["benchmark"] = ""
        return values

    def _own_sentences(self, story: StoryFacts, lang: str) -> list[str]:
        """Sentences of the story's articles written in the report's language that name one
        of its names (converted to Traditional script for zh-TW)."""
        zh = lang == "zh-TW"
        names = [n.name for n in story.names if n.specific][:8]
        out = []
        for s in story.sources:
            if s.lang.startswith("zh") != zh:
                continue
            for sentence in sentences(s.text):
                if zh:
                    sentence = to_traditional(sentence)
                if not (_MIN_SENTENCE <= len(sentence) <= _MAX_SENTENCE):
                    continue
                if not any(_names_in(n, sentence) for n in names):
                    continue
                if not zh and has_cjk(sentence):
                    continue
                out.append(sentence)
        return _unique(out)[:4]

    def _papers(self, story: StoryFacts, spell, t: dict) -> list[str]:
        out = []
        for s in story.sources:
            ref = _arxiv_ref(s.url) or spell.outlet(s.source)
            own = [n.name for n in story.names if _names_in(n.name, f"{s.title} {s.text}")]
            own = [spell(n) for n in own if spell(n)][:3]
            out.append(
                t["detail"]["paper"].format(ref=ref, names=spell.join(own))
                if own
                else t["detail"]["paper_unnamed"].format(ref=ref)
            )
        return out

    def _reason(self, story: StoryFacts, facts: list[Fact], spell, t: dict, lang: str) -> str:
        r = t["reason"]
        parts = []
        if story.kind == "theme" and len(story.sources) > 1:
            parts.append(r["papers"].format(n=spell.number(len(story.sources))))
        elif story.outlets > 1:
            parts.append(r["outlets"].format(n=spell.number(story.outlets)))
        for n in story.watched[:1]:
            if spell(n):
                parts.append(r["watched"].format(name=spell(n)))
        new = next((n for n in story.names if n.new and n.specific and spell(n.name)), None)
        if new:
            kind = (
                KIND_LABELS[lang].get(new.kind, "")
                if lang == "zh-TW"
                else _EN_KINDS.get(new.kind, "name")
            )
            parts.append(r["new"].format(kind=kind, name=spell(new.name)))
        for f in facts:
            money = money_of(f.qualifiers, "amount")
            if f.type in {"INVESTED_IN", "ACQUIRED"} and money:
                parts.append(r["amount"].format(amount=spell.money(money)))
                break
            if f.type == "OUTPERFORMS" and f.qualifiers.get("benchmark"):
                parts.append(
                    r["outperforms"].format(
                        tail=spell(f.tail), benchmark=spell(str(f.qualifiers["benchmark"]))
                    )
                )
                break
        for n in story.names:
            if n.kind in {"ThreatActor", "Vulnerability"} and spell(n.name) and len(parts) < 3:
                key = "actor" if n.kind == "ThreatActor" else "vulnerability"
                parts.append(r[key].format(name=spell(n.name)))
                break
        if not parts:
            parts.append(r["single"])
        return r["sep"].join(_unique(parts)[:3])

    def _quote(self, story: StoryFacts, lang: str, spell, t: dict) -> Quote | None:
        zh = lang == "zh-TW"
        foreign = [s for s in story.sources if s.lang.startswith("zh") != zh]
        if not foreign or any(s.lang.startswith("zh") == zh for s in story.sources):
            return None  # the story is told in the report's language already
        names = [n.name for n in story.names if n.specific][:6]
        lead = foreign[0]
        best = None
        for sentence in sentences(lead.text):
            if not (_MIN_SENTENCE <= len(sentence) <= _MAX_SENTENCE):
                continue
            hits = sum(1 for n in names if _names_in(n, sentence))
            if hits and (best is None or hits > best[0]):
                best = (hits, sentence)
        if best is None:
            return None
        text = best[1]
        if lead.lang.startswith("zh"):
            text = to_traditional(text)
        return Quote(text=text, source=spell.outlet(lead.source) or lead.source)


_EN_KINDS = {
    "Model": "model", "Organization": "organisation", "Benchmark": "benchmark",
    "ThreatActor": "threat actor", "Malware": "malware", "Vulnerability": "vulnerability",
    "Product": "product", "Person": "person", "Method": "method", "Concept": "concept",
}  # fmt: skip
_ARXIV = re.compile(r"arxiv\.org/abs/(\d{4}\.\d{4,5})")


_LATIN_AFTER_CJK = re.compile(r"(?<=[\u3400-\u9fff])(?=[A-Za-z0-9$€£])")
_LATIN_BEFORE_CJK = re.compile(r"(?<=[A-Za-z0-9%])(?=[\u3400-\u9fff])")


def _spaced(text: str) -> str:
    """A space between Chinese and Latin script (as zh-TW typesetting writes it), none
    between two Chinese characters."""
    text = _CJK_SPACE.sub("", text)
    return _LATIN_BEFORE_CJK.sub(" ", _LATIN_AFTER_CJK.sub(" ", text))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:] if text[:1].islower() else text


def _arxiv_ref(url: str) -> str:
    m = _ARXIV.search(url)
    return f"arXiv:{m.group(1)}" if m else ""


def _names_in(name: str, text: str) -> bool:
    return name.casefold() in text.casefold()


def _unique(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        if item and item not in seen:
            seen.add(item)
            out.append(item)
    return out


def sentences(text: str) -> list[str]:
    return [" ".join(text[s:e].split()) for s, e in sentence_spans(text) if text[s:e].strip()]


def _score_text(q: dict, lang: str = "zh-TW") -> str:
    score = q.get("score")
    if score in (None, ""):
        return ""
    # The store keeps scores as numbers: 87.0 is written as the text had it, 87.
    if isinstance(score, float) and score.is_integer():
        score = int(score)
    metric = str(q.get("metric", ""))
    if metric in {"%", "percent", "accuracy"}:
        return f"{score}%"
    if metric in {"分", "points"}:
        metric = "分" if lang == "zh-TW" else "points"
    return f"{score} {metric}".strip()


class _Speller:
    """Names, numbers, amounts and rounds as the report's language writes them."""

    def __init__(self, lang: str):
        self.lang = lang
        self.zh = lang == "zh-TW"
        self.t = templates(lang)

    def __call__(self, name: str) -> str:
        if not name:
            return ""
        if self.zh:
            return to_traditional(name)
        if not has_cjk(name):
            return name
        entry = glossary().get(name.casefold()) or glossary().get(to_traditional(name).casefold())
        return entry.en_name if entry and entry.en_name else ""

    def outlet(self, source: str) -> str:
        spelled = self(source)
        return spelled or ("a Chinese-language outlet" if not self.zh else source)

    def join(self, names: list[str]) -> str:
        spelled = _unique([self(n) for n in names if self(n)])
        if len(spelled) <= 1:
            return "".join(spelled)
        return self.t["list_sep"].join(spelled[:-1]) + self.t["last_sep"] + spelled[-1]

    def number(self, n: int) -> str:
        numerals = self.t["numerals"]
        return numerals[n] if 0 <= n < len(numerals) else str(n)

    def money(self, money) -> str:
        if not isinstance(money, Money):
            return ""
        value, cur = money.value, money.currency
        if self.zh:
            unit = self.t["currency"].get(cur, cur)
            for word, size in (("兆", 1e12), ("億", 1e8), ("萬", 1e4)):
                if value >= size:
                    return f"{value / size:g} {word}{unit}"
            return f"{value:g} {unit}"
        symbol = self.t["currency"].get(cur, cur + " ")
        for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
            if value >= size:
                return f"{symbol}{value / size:g} {word}"
        return f"{symbol}{value:g}"

    def round(self, raw: str) -> str:
        names = self.t["round_names"]
        text = raw.strip()
        if not text:
            return names["default"]
        low = text.lower()
        if low in names:
            return names[low]
        m = re.match(r"(?i)series\s+([a-h]\+?)$", text) or re.match(
            r"(?i)([a-h]\+?)\s*[輪轮]$", text
        )
        if m:
            return names["series"].format(letter=m.group(1).upper())
        if low in {"種子輪", "种子轮"}:
            return names["seed"]
        if low in {"天使輪", "天使轮"}:
            return names["angel"]
        return (
            to_traditional(text) if self.zh else (text if not has_cjk(text) else names["default"])
        )
