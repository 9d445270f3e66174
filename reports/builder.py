"""The daily report as data: pure functions from a ``DayData`` to a ``Report``.

Every sentence in the report is either quoted from an article of the day (extractive) or
built from graph counts by a fixed template, so the same graph gives the same report.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict

from pydantic import BaseModel

from extractors.sentences import sentence_spans
from reports.data import DayData
from reports.labels import KIND_LABELS, LABELS, RELATION_PHRASES, SECTIONS
from reports.topics import Topic, build_topics

FOCUS_ITEMS = 4
_ARXIV = re.compile(r"arxiv\.org/abs/(?P<id>\d{4}\.\d{4,5}(?:v\d+)?)")
_NUMBER = re.compile(
    r"\d[\d,.]*\s*(?:%|percent|[BMKT]\b|billion|million|tokens|倍|億|萬|美元|分)|\$\s?\d"
)
_APPLICATION = re.compile(
    r"\b(?:used (?:for|in|to|by)|use cases?|applications?|deploy(?:ed|s|ment)|customers?|enables?|"
    r"for (?:enterprises?|developers|hospitals|banks|telecoms?))\b|用於|用于|應用|应用|場景|场景|部署|導入|导入",
    re.I,
)
_OPINION = re.compile(
    r"\b(?:interview|argues?|says|said|opinion|op-ed|predicts?|warns?|believes?)\b|專訪|观点|觀點|認為|认为|表示",
    re.I,
)
_FUNDING = re.compile(
    r"\b(?:rais(?:es|ed)|funding|round|valuation|acquir|IPO|invest)\w*|融資|融资|估值|收購|收购|投資|投资|領投|领投",
    re.I,
)
_TOOLS = re.compile(
    r"\b(?:open-source|open source|library|toolkit|framework|SDK|API|GitHub|dataset|release notes)\b|開源|开源|工具|資料集|数据集",
    re.I,
)


class Link(BaseModel):
    label: str
    url: str


class Item(BaseModel):
    id: str
    summary_text: str = ""
    section: str
    title: str
    summary: list[str]
    details: list[str]
    applications: list[str]
    entities: list[str]
    entity_kinds: list[str]
    importance: str  # high | medium | low
    importance_label: str
    score: float
    score_reason: str
    sources: list[Link]
    articles: list[str]
    duplicates: list[str]


class NewEntity(BaseModel):
    name: str
    kind: str
    articles: int


class NewRelation(BaseModel):
    head: str
    type: str
    tail: str
    text: str
    evidence: str
    articles: list[str]


class Series(BaseModel):
    name: str
    kind: str
    days: list[str]
    articles: list[int]

    @property
    def points(self) -> str:
        """SVG polyline points in a 120x24 box (numbers only, safe in any template)."""
        top = max(self.articles) or 1
        step = 120 / max(1, len(self.articles) - 1)
        return " ".join(
            f"{i * step:.1f},{22 - 20 * n / top:.1f}" for i, n in enumerate(self.articles)
        )


class Insight(BaseModel):
    text: str
    sources: list[Link] = []


class Report(BaseModel):
    date: str
    lang: str
    title: str
    tags: list[str]
    description: str
    summary: str
    focus: list[Item]
    sections: dict[str, list[Item]]
    new_entities: list[NewEntity]
    new_relations: list[NewRelation]
    insights: dict[str, list[Insight]]
    reading: list[Link]
    background: list[str]
    keywords: list[str]
    articles_count: int
    topics_count: int
    labels: dict[str, str]
    series: list[Series] = []  # mentions per day over the last 30 days, leading entities
    kind_colours: dict[str, str] = {}


def join_sentences(sentences: list[str]) -> str:
    """English sentences with a space between them, Chinese ones without."""
    out = ""
    for sentence in sentences:
        glue = "" if not out or out[-1] in "。！？；」』" else " "
        out += glue + sentence
    return out


def _sentences(text: str) -> list[str]:
    return [" ".join(text[s:e].split()) for s, e in sentence_spans(text) if text[s:e].strip()]


def _source_link(article: dict) -> Link:
    match = _ARXIV.search(article["url"])
    if match:
        return Link(label=f"arXiv:{match.group('id')}", url=article["url"])
    return Link(label=article["source"], url=article["url"])


def _prefers(lang: str, article: dict) -> bool:
    is_zh = article["lang"].startswith("zh")
    return is_zh if lang == "zh-TW" else not is_zh


def _score(
    n_articles: int, n_sources: int, n_new: int, n_relations: int, prominence: float
) -> float:
    return round(
        1.5 * math.log2(1 + n_articles)
        + 1.0 * max(0, n_sources - 1)
        + 0.75 * min(n_new, 4)
        + 0.25 * min(n_relations, 8)
        + prominence,
        2,
    )


def _level(score: float) -> str:
    if score >= 6.0:
        return "high"
    if score >= 3.5:
        return "medium"
    return "low"


def _section(articles: list[dict], kinds: Counter, rel_types: Counter, text: str) -> str:
    source_kinds = Counter(a["source_kind"] for a in articles)
    threat = kinds["ThreatActor"] + kinds["Malware"] + kinds["Vulnerability"]
    if source_kinds["threat"] or threat:
        return "market"
    if rel_types["ACQUIRED"] or rel_types["INVESTED_IN"] or _FUNDING.search(text):
        return "market"
    if source_kinds["research"] >= max(1, len(articles) / 2):
        return (
            "tools"
            if kinds["Benchmark"] and not kinds["Model"] and _TOOLS.search(text)
            else "models"
        )
    if _TOOLS.search(text) and (kinds["Product"] or kinds["Benchmark"]):
        return "tools"
    if (
        rel_types["EVALUATED_ON"]
        or rel_types["OUTPERFORMS"]
        or (kinds["Model"] and rel_types["DEVELOPED_BY"])
    ):
        return "models"
    if _OPINION.search(text) and kinds["Person"]:
        return "trends"
    if rel_types["PARTNERS_WITH"] or kinds["Product"]:
        return "industry"
    return "trends" if _OPINION.search(text) else "industry"


def _pick(sentences: list[str], test, limit: int, taken: set[str]) -> list[str]:
    out = []
    for sentence in sentences:
        if sentence not in taken and test(sentence):
            out.append(sentence)
            taken.add(sentence)
            if len(out) == limit:
                break
    return out


def _item(
    topic: Topic,
    data: DayData,
    by_id: dict[str, dict],
    names: dict[str, str],
    lang: str,
    new_ids: set[str],
    prominence: dict[str, float],
    index: int,
    watched: set[str] = frozenset(),
) -> Item:
    labels = LABELS[lang]
    members = [by_id[a] for a in topic.articles]
    lead = next((a for a in members if _prefers(lang, a)), members[0])
    relations = [data.relations[i] for i in topic.relations]
    entity_ids = topic.entities[:8]
    entity_names = [names[e] for e in entity_ids]
    mentioned = set(topic.entities)
    taken: set[str] = set()

    lead_sentences = _sentences(lead["text"])

    def covers(sentence: str) -> int:
        return sum(1 for n in entity_names if n.lower() in sentence.lower())

    ranked = sorted(range(len(lead_sentences)), key=lambda i: (-covers(lead_sentences[i]), i))[:2]
    summary = [lead_sentences[i] for i in sorted(ranked)]
    taken.update(summary)

    everything = [
        s for a in [lead, *[m for m in members if m is not lead]] for s in _sentences(a["text"])
    ]
    evidence = [" ".join(e.split()) for rel in relations for e in rel["evidence"] if e]
    details = _pick(evidence, lambda s: True, 3, taken)
    details += _pick(everything, lambda s: bool(_NUMBER.search(s)), 4 - len(details), taken)
    applications = _pick(everything, lambda s: bool(_APPLICATION.search(s)), 2, taken)

    sources = sorted(
        {a["source"] for a in members}
        | {by_id[d]["source"] for ds in topic.duplicates.values() for d in ds}
    )
    n_new = len(mentioned & new_ids)
    prom = round(sum(sorted((prominence.get(e, 0.0) for e in mentioned), reverse=True)[:3]), 2)
    hits = len(mentioned & watched)
    score = round(
        _score(len(members), len(sources), n_new, len(relations), prom) + 1.5 * min(hits, 2), 2
    )
    reason = (
        f"{len(members)} {labels['articles_word']}, {len(sources)} {labels['sources_word']}, "
        f"{n_new} {labels['new_word']}, {len(relations)} {labels['relations_word']}"
        + (f", {hits} {labels['watched_word']}" if hits else "")
        + f"; score {score}"
    )
    text = " ".join(f"{a['title']} {a['text']}" for a in members)
    kinds = Counter(data.kinds.get(e, "") for e in mentioned)
    rel_types = Counter(rel["type"] for rel in relations)
    level = _level(score)
    duplicates = sorted(d for ds in topic.duplicates.values() for d in ds)
    return Item(
        id=f"{data.day.isoformat()}-{index:02d}",
        section=_section(members, kinds, rel_types, text),
        title=lead["title"],
        summary=summary,
        summary_text=join_sentences(summary),
        details=details,
        applications=applications,
        entities=entity_names,
        entity_kinds=[data.kinds.get(e, "") for e in entity_ids],
        importance=level,
        importance_label=labels[level],
        score=score,
        score_reason=reason,
        sources=[_source_link(a) for a in members[:5]],
        articles=[a["id"] for a in members],
        duplicates=duplicates,
    )


def build_report(
    data: DayData,
    lang: str = "zh-TW",
    zone: str = "Asia/Taipei",
    trend_statements: list | None = None,
    article_links: dict[str, Link] | None = None,
    watch_alerts: list[dict] | None = None,
    series: list[Series] | None = None,
    kind_colours: dict[str, str] | None = None,
) -> Report:
    labels = {
        **LABELS[lang],
        "collected": LABELS[lang]["collected"].format(day=data.day.isoformat(), zone=zone),
    }
    by_id = {a["id"]: a for a in data.articles}
    names = {m["entity"]: m["name"] for m in data.mentions}
    new_ids = {e["id"] for e in data.new_entities}
    top_articles = max((e["articles"] for e in data.top_entities), default=1)
    prominence = {e["id"]: round(e["articles"] / top_articles, 3) for e in data.top_entities}

    topics = build_topics(data.articles, data.mentions, data.relations)
    alerts = watch_alerts or []
    ids_by_name = {name: eid for eid, name in names.items()}
    watched = {ids_by_name[a["entity"]] for a in alerts if a["entity"] in ids_by_name}
    items = [
        _item(topic, data, by_id, names, lang, new_ids, prominence, i, watched)
        for i, topic in enumerate(topics, start=1)
    ]
    items.sort(key=lambda it: (-it.score, it.id))
    focus = items[:FOCUS_ITEMS]
    sections = {key: [it for it in items[FOCUS_ITEMS:] if it.section == key] for key in SECTIONS}

    phrases = RELATION_PHRASES[lang]
    new_relations = [
        NewRelation(
            head=r["head"],
            type=r["type"],
            tail=r["tail"],
            text=phrases.get(r["type"], "{h} " + r["type"] + " {t}").format(
                h=r["head"], t=r["tail"]
            ),
            evidence=next((e for e in r["evidence"] or [] if e), ""),
            articles=list(r["articles"]),
        )
        for r in data.new_relations
    ]
    new_entities = [
        NewEntity(name=e["name"], kind=e["kind"], articles=e["articles"])
        for e in data.new_entities
        if e["articles"]
    ]

    keywords = [e["name"] for e in data.top_entities[:20]]
    themes = [it.entities[0] for it in focus if it.entities][:2] or [labels["none"]]
    date_text = data.day.strftime("%Y/%m/%d") if lang == "zh-TW" else data.day.isoformat()
    title = (
        labels["title"].format(a=themes[0], b=themes[1], date=date_text)
        if len(themes) > 1
        else labels["title_one"].format(a=themes[0], date=date_text)
    )
    sep = "、" if lang == "zh-TW" else ", "
    links = {a["id"]: Link(label=a["title"], url=a["url"]) for a in data.articles} | (
        article_links or {}
    )
    insights = _insights(data, items, new_entities, new_relations, lang, trend_statements, links)
    hits = [
        Insight(
            text=f"[{a['severity']}] {a['entry']} · {a['rule']}: {a['detail']}",
            sources=[
                Link(label=e["title"], url=e["url"]) for e in a["evidence"][:2] if e.get("url")
            ],
        )
        for a in alerts
    ]
    insights["watchlist"] = (hits + insights["watchlist"])[: max(5, len(hits))]
    background = sorted(
        {names[e["id"]] for e in data.top_entities if e["kind"] == "Method" and e["id"] in names}
    )
    reading = [it.sources[0] for it in focus if it.sources]
    reading = [
        Link(label=f"{by_id[it.articles[0]]['title']}", url=it.sources[0].url)
        for it in focus
        if it.sources
    ]
    return Report(
        date=data.day.isoformat(),
        lang=lang,
        title=title,
        tags=keywords[:5],
        description=labels["description"].format(
            day=data.day.isoformat(),
            articles=len(data.articles),
            topics=len(items),
            themes=sep.join(themes),
        ),
        summary=labels["summary_fm"].format(
            themes=sep.join(keywords[:4]) or labels["none"], new=len(new_entities)
        ),
        focus=focus,
        sections=sections,
        new_entities=new_entities,
        new_relations=new_relations,
        insights=insights,
        reading=reading,
        background=background,
        keywords=keywords,
        articles_count=len(data.articles),
        topics_count=len(items),
        labels=labels,
        series=series or [],
        kind_colours=kind_colours or {},
    )


def _insights(
    data: DayData,
    items: list[Item],
    new_entities: list[NewEntity],
    new_relations: list[NewRelation],
    lang: str,
    trend_statements: list | None,
    article_links: dict[str, Link],
) -> dict[str, list[Insight]]:
    kinds = KIND_LABELS[lang]
    zh = lang == "zh-TW"
    statements = trend_statements or []

    def cite(ids: list[str]) -> list[Link]:
        return [article_links[a] for a in ids[:3] if a in article_links]

    def of(*what: str) -> list[Insight]:
        return [
            Insight(text=s.text, sources=cite(s.evidence)) for s in statements if s.kind in what
        ]

    summary = of("coverage", "rising", "new_entity", "fading")[:6]
    by_kind: dict[str, list[str]] = defaultdict(list)
    for e in data.top_entities[:12]:
        by_kind[e["kind"]].append(f"{e['name']} ({e['articles']})")
    for kind, entries in sorted(by_kind.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:3]:
        label = kinds.get(kind, kind)
        summary.append(
            Insight(
                text=f"今日{label}焦點：{'、'.join(entries)}"
                if zh
                else f"Most covered {label}: {', '.join(entries)}"
            )
        )

    context = of("switch", "neighbourhood", "new_link", "cluster")[:6]
    context += [
        Insight(text=r.text, sources=cite(r.articles))
        for r in new_relations[: max(0, 8 - len(context))]
    ]

    outlook = []
    for s in statements:
        if s.kind == "rising" and len(outlook) < 3:
            name = s.subject
            outlook.append(
                Insight(
                    text=f"觀察 {name} 的上升是否延續到下一期，並留意其新增的關聯。"
                    if zh
                    else f"Watch whether {name} keeps rising next window, and what it becomes linked to.",
                    sources=cite(s.evidence),
                )
            )
        if s.kind == "new_link" and len(outlook) < 5:
            outlook.append(
                Insight(
                    text=f"追蹤「{s.text.removeprefix('首次連結：')}」是否再次出現。"
                    if zh
                    else f"Track whether this holds: {s.text.removeprefix('First link: ')}.",
                    sources=cite(s.evidence),
                )
            )
    for e in new_entities[: max(0, 6 - len(outlook))]:
        label = kinds.get(e.kind, e.kind)
        outlook.append(
            Insight(
                text=f"觀察新{label} {e.name} 是否在後續報導中持續出現（今日 {e.articles} 篇）。"
                if zh
                else f"Watch whether the new {label} {e.name} keeps appearing ({e.articles} articles today)."
            )
        )

    watch_names: list[str] = []
    for s in statements:
        if s.kind in {"rising", "new_entity", "new_link"}:
            watch_names.append(s.text)
    watch = [Insight(text=t) for t in watch_names[:5]]
    watch += [
        Insight(text=f"{it.entities[0]} — {it.title}")
        for it in items[: max(0, 5 - len(watch))]
        if it.entities
    ]
    return {"trend_summary": summary, "context": context, "outlook": outlook, "watchlist": watch}
