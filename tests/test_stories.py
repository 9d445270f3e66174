"""Stories, their writing and the report's language, on the hand-labelled story corpus
(benchmarks/stories/corpus.jsonl: invented articles in en, zh-TW, zh-CN, arXiv and threat
posts) and on the bundled sample."""

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from reports.facts import Fact, Name, Source, StoryFacts
from reports.language import body_lines
from reports.writer import TemplateWriter, has_cjk, is_simplified

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "stories" / "corpus.jsonl"
SECTION_HEADINGS = {
    "zh-TW": {
        "models": "## 模型與技術更新",
        "tools": "## 工具與資源",
        "industry": "## 產業與應用動態",
        "trends": "## 產業趨勢與觀點",
        "market": "## 市場動態精選",
    },
    "en": {
        "models": "## Model & Research Updates",
        "tools": "## Tools & Resources",
        "industry": "## Industry Applications",
        "trends": "## Industry Trends & Insights",
        "market": "## Key Market Updates",
    },
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The story corpus ingested through the CLI; returns (store, gold labels, days)."""
    from kg.cli import main

    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]
    gold = {r["id"]: r.pop("story") for r in rows}
    out = tmp_path_factory.mktemp("stories")
    src = out / "corpus.jsonl"
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    store = out / "graph.lbdb"
    with pytest.raises(SystemExit) as done:
        main(["ingest", "files", str(src), "--store", str(store)])
    assert done.value.code in (0, None)
    days = sorted({r["published"][:10] for r in rows})
    return store, gold, days


def report(kg, store, day, lang="zh-TW", fmt="md"):
    result = kg("report", "--date", day, "--lang", lang, "--format", fmt, "--store", store)
    assert result.code == 0, result.err
    return result.out


def items_of(data: dict) -> list[dict]:
    return data["focus"] + [it for section in data["sections"].values() for it in section]


def test_grouping_matches_the_hand_labels(corpus):
    from benchmarks.stories_bench import bcubed, grouping
    from kg.store import open_store

    store, gold, days = corpus
    from datetime import date

    with open_store(store, read_only=True) as s:
        predicted = {}
        for day in days:
            predicted |= grouping(s, date.fromisoformat(day))
    precision, recall = bcubed(predicted, gold)
    assert precision >= 0.9 and recall >= 0.9, (precision, recall)
    # the same launch told in English, Traditional and Simplified Chinese is one item
    launch = {predicted[a] for a, s in gold.items() if s == "lumina-launch"}
    assert len(launch) == 1


def test_json_says_which_articles_each_item_holds(corpus, kg):
    store, gold, days = corpus
    for day in days:
        data = json.loads(report(kg, store, day, fmt="json"))
        held = [a for it in items_of(data) for a in it["articles"] + it["duplicates"]]
        day_ids = {a for a in gold if a.startswith(f"c-{day[5:7]}{day[8:10]}")}
        assert sorted(held) == sorted(day_ids)  # every article in exactly one item


def test_every_article_of_an_item_shares_a_fact_or_specific_name(corpus, kg):
    from reports.stories import generic_names

    store, _, days = corpus
    generic = generic_names()
    for day in days:
        data = json.loads(report(kg, store, day, fmt="json"))
        mentions = kg(
            "query", "day_mentions", "-p", f"day={day}", "--store", store, "--json"
        ).json()
        relations = kg(
            "query", "day_relations", "-p", f"day={day}", "--store", store, "--json"
        ).json()
        names = defaultdict(set)
        for m in mentions:
            if m["name"].casefold() not in generic:
                names[m["article"]].add(m["entity"])
        for r in relations:
            names[r["article"]].add((r["head_id"], r["type"], r["tail_id"]))
        # a name in most of the day's articles is a hub and ties nothing
        counts = defaultdict(int)
        for held in names.values():
            for n in held:
                counts[n] += 1
        hubs = {n for n, c in counts.items() if c > len(names) / 2}
        for it in items_of(data):
            if len(it["articles"]) < 2:
                continue
            for a in it["articles"]:
                others = set().union(*(names[b] for b in it["articles"] if b != a))
                assert (names[a] - hubs) & others, f"{a} shares nothing with {it['title']}"


def test_a_hub_alone_binds_nothing():
    from reports.stories import build_stories

    def article(i, text):
        return {"id": f"a{i}", "title": text, "text": text, "lang": "en", "source": f"S{i}",
                "source_kind": "news", "published": f"2026-04-14T0{i}:00:00+08:00"}  # fmt: skip

    articles = [
        article(1, "OpenAI opens an office in Seoul for Korean customers."),
        article(2, "OpenAI signs a power deal for a data center in Norway."),
    ]
    mentions = [
        {
            "article": "a1",
            "entity": "Organization:openai",
            "name": "OpenAI",
            "kind": "Organization",
        },
        {
            "article": "a2",
            "entity": "Organization:openai",
            "name": "OpenAI",
            "kind": "Organization",
        },
    ]
    # over the window OpenAI is in 40 of 200 articles: a hub
    window = {"Organization:openai": 40}
    stories = build_stories(articles, mentions, [], window, 200)
    assert len(stories) == 2
    # the same two articles sharing a rare name as well are one story
    rare = {"article": "a{}", "entity": "Product:stargate-seoul", "name": "Stargate Seoul",
            "kind": "Product"}  # fmt: skip
    more = mentions + [{**rare, "article": "a1"}, {**rare, "article": "a2"}]
    assert len(build_stories(articles, more, [], {**window, "Product:stargate-seoul": 2}, 200)) == 1


def _lines_outside_quotes(md: str) -> list[str]:
    return body_lines(md)


@pytest.mark.parametrize("which", ["corpus", "sample"])
def test_zh_tw_body_is_traditional_chinese_and_en_body_has_no_chinese(
    which, corpus, sample_store, sample_days, kg
):
    store, days = (corpus[0], corpus[2]) if which == "corpus" else (sample_store, sample_days)
    for day in days[-2:]:
        zh = report(kg, store, day, "zh-TW")
        for line in _lines_outside_quotes(zh):
            assert has_cjk(line), f"zh-TW line without Chinese: {line}"
            assert not is_simplified(line), f"zh-TW line in Simplified script: {line}"
        en = report(kg, store, day, "en")
        for line in _lines_outside_quotes(en):
            assert not has_cjk(line), f"en line with Chinese: {line}"
        # a sentence in the other language appears only as a quote, at most one per item
        for item in zh.split("\n### ")[1:]:
            assert sum(1 for x in item.splitlines() if x.startswith("> ")) <= 1


def test_a_seed_section_appears_whenever_the_day_has_a_story_for_it(corpus, kg):
    store, _, days = corpus
    seen = set()
    for day in days:
        for lang in ("zh-TW", "en"):
            data = json.loads(report(kg, store, day, lang, "json"))
            md = report(kg, store, day, lang)
            for it in items_of(data):
                assert SECTION_HEADINGS[lang][it["section"]] in md, (day, it["section"])
                seen.add(it["section"])
    # the corpus has launches, tools, applications, opinion and deals / threats
    assert seen == set(SECTION_HEADINGS["en"])


def test_every_item_says_something_in_each_field(corpus, kg):
    store, _, days = corpus
    for day in days:
        data = json.loads(report(kg, store, day, fmt="json"))
        for it in items_of(data):
            assert it["summary"] and all(len(s) > 6 for s in it["summary"])
            assert it["score_reason"] and "score" not in it["score_reason"]
            for line in it["details"]:
                assert not re.match(r"^(That's|阅读|閱讀時間)", line)
    # a funding story is told with its amount, round and lead investor
    md = report(kg, store, "2026-04-14")
    assert "Orbital Robotics 完成 2 億美元 C 輪融資" in md
    assert "由 Sequoia Capital 領投" in md


def funding_story(qualifiers: bool) -> StoryFacts:
    evidence = (
        "Unconventional AI raised a $475 million seed round at a $4.5 billion valuation, "
        "led by Andreessen Horowitz and Lightspeed."
    )
    q = (
        {
            "amount": 475_000_000,
            "currency": "USD",
            "round": "seed",
            "valuation": 4_500_000_000,
            "role": "lead",
        }  # fmt: skip
        if qualifiers
        else {}
    )
    if not qualifiers:
        from reports.facts import qualifiers_of

        q = qualifiers_of({"type": "INVESTED_IN", "evidence": [evidence], "tail": ""})
    facts = tuple(
        Fact(
            investor,
            "Organization",
            "INVESTED_IN",
            "Unconventional AI",
            "Organization",
            qualifiers=q,
            evidence=evidence,
            articles=("x1",),
        )  # fmt: skip
        for investor in ("Andreessen Horowitz", "Lightspeed")
    )
    return StoryFacts(
        kind="funding",
        facts=facts,
        names=(Name("Unconventional AI", "Organization", new=True),),
        sources=(
            Source(
                "x1",
                "Unconventional AI raises",
                "Wire",
                "news",
                "en",
                "https://w.example/1",
                evidence,
            ),
        ),  # fmt: skip
    )


@pytest.mark.parametrize("qualifiers", [True, False])
def test_writer_tells_a_round_from_its_facts(qualifiers):
    story = funding_story(qualifiers)
    zh = TemplateWriter().write(story, "zh-TW")
    assert zh.summary[0] == (
        "Unconventional AI 完成 4.75 億美元種子輪融資，估值 45 億美元，"
        "由 Andreessen Horowitz 與 Lightspeed 領投。"
    )
    assert zh.title == "Unconventional AI 完成 4.75 億美元種子輪融資"
    assert "首次出現的組織 Unconventional AI" in zh.reason
    en = TemplateWriter().write(story, "en")
    assert en.summary[0] == (
        "Unconventional AI raised $475 million in a seed round at a $4.5 billion valuation, "
        "led by Andreessen Horowitz and Lightspeed."
    )
    # the English source is not pasted into the Chinese brief, only quoted once
    assert evidence_free(zh) and zh.quote and zh.quote.source == "Wire"
    assert en.quote is None


def evidence_free(written) -> bool:
    lines = [written.title, *written.summary, *written.details, *written.applications]
    return all(has_cjk(x) for x in lines)


def test_qualifier_patterns_read_their_examples():
    spec = yaml.safe_load(
        (
            Path(__file__).resolve().parent.parent / "reports" / "writing" / "qualifiers.yaml"
        ).read_text(encoding="utf-8")
    )
    for key in ("money", "round", "valuation", "score"):
        for entry in spec[key]:
            assert re.search(entry["pattern"], entry["example"]), (key, entry["example"])
