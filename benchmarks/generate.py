"""Synthetic corpora that look like a year of AI news, at any scale, streamed as JSONL.

Entity frequencies follow a Zipf law over the gazetteer's names plus invented ones (new
models and benchmarks appear over time, as they do); about a fifth of the articles are
Chinese; stories run over several days; sentences state relations the way news does.

Two styles. `news` (the default) writes articles the way outlets do: a lead sentence or
two that state relations, then background (context, figures, quotes, caveats) that names
few entities, from word lists wide enough that the vocabulary keeps growing; its density
of names and relations sits between the real seed reports and the bundled sample
articles (README, Speed). `dense` is the worst case for the extractor: three to five
relation sentences and nothing else, every sentence carrying two to four names.

`real` is calibrated to real articles (benchmarks/calibration.json, numbers measured
by corpus_stats.py on the real reference set): lengths drawn from the measured deciles
(about 1,800 characters in English, 700 in Chinese), relation sentences and named
mentions in proportion to length so names and relations per 1,000 characters match,
open clauses from a long-tailed invented lexicon so vocabulary grows as measured, and
typographic punctuation (’ “ ” — –) in the measured share of English articles.

    python benchmarks/generate.py --articles 30000 --days 30 --out month.jsonl [--style dense|real]
"""

from __future__ import annotations

import argparse
import bisect
import json
import random
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

from benchmarks import background
from extractors.gazetteer import GAZETTEER_DIR, file_kind, parse_tsv

SCALES = {"day": (1_000, 1), "month": (30_000, 30), "year": (300_000, 365)}
STYLES = ("news", "dense", "real")
CALIBRATION = Path(__file__).resolve().parent / "calibration.json"
START = date(2025, 3, 1)

EN = {
    "release": "{org} released {model} on {weekday}, saying it outperforms {model2} on {bench}.",
    "score": "{model} scores {n}% on {bench}, ahead of {model2}.",
    "fund": "{investor} led a ${n} million round in {org}.",
    "acquire": "{org} acquired {org2} for an undisclosed sum.",
    "partner": "{org} partners with {org2} on AI infrastructure.",
    "threat": "{actor} targeted {org} and exploited {cve} before deploying {malware}.",
    "research": "We propose {method}-based training for {model}, evaluated on {bench} and {bench2}.",
    "people": "{person}, CEO of {org}, said demand for {product} keeps growing.",
    "filler": "Analysts expect more announcements from {org} and {org2} in the coming weeks.",
}
ZH = {
    "release": "{org}發布{model}，並表示在{bench}上超越{model2}。",
    "fund": "{investor}領投{org} {n} 億元。",
    "partner": "{org}與{org2}宣布合作，共同建設算力平台。",
    "threat": "{actor}鎖定{org}，並利用{cve}漏洞植入{malware}惡意程式。",
    "filler": "業界預期{org}與{org2}將持續加碼 AI 投資。",
}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _pools() -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {}
    for path in sorted(GAZETTEER_DIR.glob("*.tsv")):
        pools[file_kind(path)] = [e.name for e in parse_tsv(path, file_kind(path))]
    zh_orgs = []
    for path in [GAZETTEER_DIR / "organization.tsv"]:
        for e in parse_tsv(path, "Organization"):
            zh_orgs += [a for a in e.aliases if any("\u4e00" <= c <= "\u9fff" for c in a)][:1]
    pools["OrganizationZh"] = zh_orgs
    return pools


class Zipf:
    """Draws from a list with weight 1/rank^s: a few names dominate, most are rare."""

    def __init__(self, items: list[str], rng: random.Random, s: float = 1.1) -> None:
        self.items = items
        self.rng = rng
        weights = [1 / (rank**s) for rank in range(1, len(items) + 1)]
        total = sum(weights)
        acc, self.cum = 0.0, []
        for w in weights:
            acc += w / total
            self.cum.append(acc)

    def __call__(self) -> str:
        return self.items[min(bisect.bisect(self.cum, self.rng.random()), len(self.items) - 1)]


# English genres of the `news` style: the kind of source, its lead sentences, its background.
GENRES = {
    "news": (0.65, ["release", "score", "fund", "acquire", "partner", "people"], background.NEWS),
    "research": (0.15, ["research"], background.RESEARCH),
    "threat": (0.20, ["threat"], background.THREAT),
}
_SLOT = re.compile(r"\{(\w+)\}")


# background slot -> the words it is drawn from
_WORDS = {
    "region": background.REGIONS,
    "city": background.CITIES,
    "sector": background.SECTORS,
    "topic": background.TOPICS,
    "hardware": background.HARDWARE,
    "role": background.ROLES,
    "adj": background.ADJECTIVES,
    "month": background.MONTHS,
    "zh_sector": background.ZH_SECTORS,
    "zh_month": background.ZH_MONTHS,
    "zh_weekday": background.ZH_WEEKDAYS,
}


def fill_slots(sentence: str, values: dict, rng: random.Random, draw_org) -> str:
    """A background sentence with each slot drawn afresh ("covering X, Y and Z")."""

    def slot(match: re.Match) -> str:
        key = match[1]
        if key in _WORDS:
            return rng.choice(_WORDS[key])
        if key == "org":
            return draw_org()
        if key == "n":
            return str(rng.randint(2, 9))
        if key == "pct":
            return str(rng.randint(3, 60))
        return str(values[key])

    return _SLOT.sub(slot, sentence)


def _news_text(zh: bool, values: dict, rng: random.Random, draw_org) -> tuple[list[str], str]:
    """(lead template keys, text) of one article in the `news` style."""
    if zh:
        leads = [k for k in ZH if k != "filler"]
        keys = rng.sample(leads, k=rng.choice([1, 1, 2]))
        pool, joiner = background.ZH, ""
    else:
        genre = rng.choices(list(GENRES), weights=[g[0] for g in GENRES.values()])[0]
        _, leads, pool = GENRES[genre]
        keys = [rng.choice(leads)]
        if rng.random() < 0.6:
            keys.append(rng.choice(leads if genre == "news" else [*leads, "score"]))
        joiner = " "
    templates = ZH if zh else EN
    sentences = [templates[keys[0]].format(**values)]
    rest = [fill_slots(b, values, rng, draw_org) for b in rng.sample(pool, k=rng.randint(2, 5))]
    # the second relation, if any, comes a few sentences in, as follow-up facts do
    if len(keys) > 1:
        rest.insert(rng.randint(0, len(rest)), templates[keys[1]].format(**values))
    sentences += rest
    # paragraphs of one to three sentences, as outlets and feed bodies break them
    paragraphs, i = [], 0
    while i < len(sentences):
        step = rng.randint(1, 3)
        paragraphs.append(joiner.join(sentences[i : i + step]))
        i += step
    return keys, "\n\n".join(paragraphs)


# Knobs of the `real` style, tuned (by corpus_stats.py) until the synthetic figures sit
# on the calibration's: relation sentences and extra named sentences per 1,000 characters,
# and the share of open clauses among background sentences.
REAL_KNOBS = {
    "en": {"relations": 1.1, "names": 2.2, "open": 0.4, "lexicon_s": 0.5},
    "zh": {"relations": 1.9, "names": 6.0, "open": 0.35, "lexicon_s": 0.6},
}
_SYLLABLES = [
    c + v for c in "bcdfghjklmnprstvwz" for v in ("a", "e", "i", "o", "u", "ar", "en", "or")
]


def _calibration() -> dict:
    return json.loads(CALIBRATION.read_text(encoding="utf-8"))


def _draw_length(deciles: list[int], rng: random.Random) -> int:
    """A length from the measured deciles, uniform within each tenth."""
    i = rng.randrange(10)
    return rng.randint(deciles[i], max(deciles[i], deciles[i + 1]))


class RealStyle:
    """Article bodies shaped like the calibration's (see REAL_KNOBS)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.targets = _calibration()
        # invented lower-case words: nothing for the extractor to name, all new vocabulary
        words = sorted(
            {"".join(rng.choices(_SYLLABLES, k=rng.choice([2, 2, 3, 3, 4]))) for _ in range(40_000)}
        )
        rng.shuffle(words)
        self.word = Zipf(words, rng, s=REAL_KNOBS["en"]["lexicon_s"])
        hanzi = [chr(c) for c in range(0x4E00, 0x4E00 + 6000)]
        rng.shuffle(hanzi)
        self.hanzi = Zipf(hanzi, rng, s=REAL_KNOBS["zh"]["lexicon_s"])
        self.typographic_share = self.targets["en"]["non_ascii_article_share"]

    def _name(self, draw: dict, zh: bool) -> str:
        kind = self.rng.choice(
            ["Organization", "Model", "Model", "Product", "Benchmark", "Person", "Method"]
        )
        return draw["OrganizationZh" if zh and kind == "Organization" else kind]()

    def _fill(self, template: str, values: dict, draw: dict, zh: bool, org) -> str:
        rng = self.rng
        extra = {
            "w": lambda: self.word(),
            "zw": lambda: "".join(self.hanzi() for _ in range(rng.choice([1, 2, 2]))),
            "name": lambda: self._name(draw, zh),
            "name2": lambda: self._name(draw, zh),
            "m": lambda: str(rng.randint(10, 99)),
        }
        template = re.sub(r"\{(w|zw|name|name2|m)\}", lambda m: extra[m[1]](), template)
        return fill_slots(template, values, rng, org)

    def text(self, zh: bool, values: dict, draw: dict, org) -> tuple[list[str], str]:
        rng = self.rng
        lang = "zh" if zh else "en"
        knobs = REAL_KNOBS[lang]
        target = _draw_length(self.targets[lang]["chars_deciles"], rng)
        templates = ZH if zh else EN
        if zh:
            leads, pool = [k for k in ZH if k != "filler"], background.ZH
            open_, named = background.REAL_ZH, background.REAL_ZH_NAMES
        else:
            genre = rng.choices(list(GENRES), weights=[g[0] for g in GENRES.values()])[0]
            _, leads, pool = GENRES[genre]
            open_, named = background.REAL_EN, background.REAL_EN_NAMES

        def count(rate: float) -> int:
            expected = rate * target / 1000
            return int(expected) + (rng.random() < expected - int(expected))

        keys = [rng.choice(leads) for _ in range(max(1, count(knobs["relations"])))]
        facts = [templates[k].format(**values) for k in keys[1:]]
        facts += [
            self._fill(rng.choice(named), values, draw, zh, org)
            for _ in range(count(knobs["names"]))
        ]
        body: list[str] = []
        size = len(templates[keys[0]].format(**values)) + sum(map(len, facts))
        while size < target:
            if rng.random() < knobs["open"]:
                sentence = self._fill(rng.choice(open_), values, draw, zh, org)
            else:
                sentence = fill_slots(rng.choice(pool), values, rng, org)
            body.append(sentence)
            size += len(sentence) + (0 if zh else 1)
        for fact in facts:
            body.insert(rng.randint(0, len(body)), fact)
        sentences = [templates[keys[0]].format(**values), *body]
        joiner = "" if zh else " "
        paragraphs, i = [], 0
        while i < len(sentences):
            step = rng.randint(1, 4)
            paragraphs.append(joiner.join(sentences[i : i + step]))
            i += step
        text = "\n\n".join(paragraphs)
        return keys, self._marks(text, zh)

    def _marks(self, text: str, zh: bool) -> str:
        """Typographic marks in the measured share of English articles; Chinese keeps its
        full-width marks (「」 and “” as written) and only turns -- into ——."""
        if zh:
            return text.replace("--", "—").replace("~", "-")
        if self.rng.random() < self.typographic_share:
            text = re.sub(r'"([^"]*)"', "\u201c\\1\u201d", text)
            text = text.replace("'", "\u2019").replace(" -- ", " \u2014 ")
            return text.replace("~", "\u2013")
        return text.replace(" -- ", " - ").replace("~", "-")


def generate(articles: int, days: int, seed: int = 7, style: str = "news") -> Iterator[dict]:
    if style not in STYLES:
        raise ValueError(f"style must be one of {', '.join(STYLES)}, not {style!r}")
    rng = random.Random(seed)
    pools = _pools()
    invented_models = [
        f"{rng.choice(['Nova', 'Astra', 'Lumen', 'Orion', 'Vega', 'Kite', 'Aria'])}"
        f"{rng.choice(['', '-Coder', '-Chat'])}-{rng.choice([2, 3, 7, 8, 14, 32, 70])}B"
        for _ in range(400)
    ]
    invented_benches = [
        f"{rng.choice(['Agent', 'Code', 'Math', 'Med', 'Law', 'Web', 'Tool'])}"
        f"{rng.choice(['Arena', 'Quest', 'Eval', 'Trial'])}-Bench"
        for _ in range(150)
    ]
    draw = {
        kind: Zipf(rng.sample(items, len(items)), rng) for kind, items in pools.items() if items
    }
    real = RealStyle(random.Random(seed + 1)) if style == "real" else None
    per_day = max(1, articles // days)
    n = 0
    for d in range(days):
        day = START + timedelta(days=d)
        # names invented so far: each week brings new models and benchmarks
        models_now = invented_models[: 2 + d // 2]
        benches_now = invented_benches[: 1 + d // 5]
        for i in range(per_day if d < days - 1 else articles - n):
            zh = rng.random() < 0.2
            model = rng.choice(models_now) if rng.random() < 0.15 else draw["Model"]()
            values = {
                "org": draw["OrganizationZh"]() if zh else draw["Organization"](),
                "org2": draw["OrganizationZh"]() if zh else draw["Organization"](),
                "investor": draw["OrganizationZh"]() if zh else draw["Organization"](),
                "model": model,
                "model2": draw["Model"](),
                "bench": rng.choice(benches_now) if rng.random() < 0.1 else draw["Benchmark"](),
                "bench2": draw["Benchmark"](),
                "actor": draw["ThreatActor"](),
                "malware": draw["Malware"](),
                "cve": draw["Vulnerability"](),
                "method": draw["Method"](),
                "person": draw["Person"](),
                "product": draw["Product"](),
                "n": rng.randint(2, 95),
                "weekday": WEEKDAYS[day.weekday()],
            }
            templates = ZH if zh else EN
            if real is not None:
                org = draw["OrganizationZh"] if zh else draw["Organization"]
                keys, text = real.text(zh, values, draw, org)
            elif style == "news":
                org = draw["OrganizationZh"] if zh else draw["Organization"]
                keys, text = _news_text(zh, values, rng, org)
            else:
                keys = rng.sample(list(templates), k=min(len(templates), rng.randint(3, 5)))
                text = ("" if zh else " ").join(templates[k].format(**values) for k in keys)
            kind = (
                "threat"
                if "threat" in keys[:1]
                else ("research" if "research" in keys[:1] else "news")
            )
            n += 1
            yield {
                "id": f"syn-{n:07d}",
                "url": f"https://synthetic.example/{day.isoformat()}/{n}",
                "title": templates[keys[0]].format(**values)[:90],
                "published": f"{day.isoformat()}T{8 + i % 12:02d}:00:00+08:00",
                "lang": "zh-Hant" if zh else "en",
                "source": f"Outlet {rng.randint(1, 60)}",
                "source_kind": kind,
                "text": text,
            }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES)
    parser.add_argument("--articles", type=int)
    parser.add_argument("--days", type=int)
    parser.add_argument("--style", choices=STYLES, default="news")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    articles, days = SCALES[args.scale] if args.scale else (args.articles or 1000, args.days or 1)
    with args.out.open("w", encoding="utf-8") as handle:
        for record in generate(articles, days, style=args.style):
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    print(args.out)


if __name__ == "__main__":
    main()
