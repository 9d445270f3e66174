"""What the model is told about one item, and nothing more.

A brief holds the story's facts with their qualifiers (amounts also in the report's own
notation, so the model need not convert), its names and kinds, sentences of its articles
with their ids, the day's trend statements about its names, and the section's target
shape. It is plain JSON-able data: its digest is the item's part of the cache key.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache

import yaml

from reports.facts import WRITING, Money, StoryFacts, measure_value
from reports.writer import _names_in, _Speller, sentences, to_traditional

_SENTENCES_PER_ARTICLE = 5
_ARTICLES = 6
_MAX_SENTENCE = 320
_TRENDS = 3


@lru_cache(maxsize=1)
def prompt_config() -> dict:
    return yaml.safe_load((WRITING / "llm.yaml").read_text(encoding="utf-8"))


def prompt_version() -> str:
    return str(prompt_config()["version"])


def build_brief(story: StoryFacts, lang: str, trends: list = ()) -> dict:
    spell = _Speller(lang)
    zh = lang == "zh-TW"
    ids = [s.id for s in story.sources[:_ARTICLES]]
    entities = []
    for n in story.names:
        name = spell(n.name)
        if name and all(e["name"] != name for e in entities):
            entities.append({"name": name, "kind": n.kind, **({"new": True} if n.new else {})})
    facts = []
    for f in story.facts:
        head, tail = spell(f.head), spell(f.tail)
        if not (head and tail):
            continue
        facts.append(
            {
                "head": head,
                "relation": f.type,
                "tail": tail,
                "qualifiers": {
                    k: spell.round(str(v).replace("-", " "))
                    if k == "round"
                    else _qualifier(v, spell)
                    for k, v in sorted(f.qualifiers.items())
                    if k != "currency"  # amounts are written with theirs
                },
                "evidence": _clip(f.evidence),
                "articles": [a for a in f.articles if a in ids],
            }
        )
    raw_names = [n.name for n in story.names]
    evidence = []
    for s in story.sources[:_ARTICLES]:
        # the sentences naming the item's names first, then the rest of a short article
        every = sentences(s.text)
        named = [x for x in every if any(_names_in(n, x) for n in raw_names)]
        said = named + [x for x in every if x not in named]
        evidence.append(
            {
                "article": s.id,
                "title": s.title,
                "outlet": spell.outlet(s.source),
                "lang": s.lang,
                "sentences": [_clip(x) for x in said[:_SENTENCES_PER_ARTICLE]],
            }
        )
    spelled = {to_traditional(n) if zh else n for n in raw_names} | set(raw_names)
    about = [
        {"text": t.text}
        for t in trends
        if getattr(t, "subject", "")
        and (t.subject in spelled or to_traditional(t.subject) in spelled)
    ][:_TRENDS]
    return {
        "language": lang,
        "kind": story.kind,
        "articles": len(story.sources),
        "outlets": story.outlets,
        "entities": entities,
        "facts": facts,
        "measures": [{"kind": m.kind, "value": measure_value(m, lang)} for m in story.measures],
        "domains": [
            {"label": d.zh if zh else d.en, "terms": list(d.terms)} for d in story.domains[:3]
        ],
        "watched": [spell(n) for n in story.watched if spell(n)],
        "evidence": evidence,
        "trends": about,
        "shape": prompt_config()["shape"][lang],
    }


def messages_for(brief: dict) -> list[dict[str, str]]:
    lang = brief["language"]
    return [
        {"role": "system", "content": prompt_config()["system"][lang].strip()},
        {
            "role": "user",
            "content": json.dumps({"item": brief}, ensure_ascii=False, sort_keys=True),
        },
    ]


def retry_message(problems: list[str]) -> dict[str, str]:
    text = prompt_config()["retry"].format(problems="; ".join(problems))
    return {"role": "user", "content": text.strip()}


def digest(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cache_key(brief: dict, model: str) -> str:
    """(facts digest, prompt version, model, language): what makes an answer reusable."""
    return digest([digest(brief), prompt_version(), model, brief["language"]])


def _qualifier(value, spell) -> str:
    if isinstance(value, Money):
        return spell.money(value)
    return spell(str(value)) if isinstance(value, str) else str(value)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_SENTENCE else text[: _MAX_SENTENCE - 1] + "…"
