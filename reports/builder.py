"""The daily report as data: pure functions from a ``DayData`` to a ``Report``.

Articles are grouped into stories (``reports.stories``), each story's facts gathered
(``reports.assemble``) and written by a ``Writer`` (templates by default), so the same graph
gives the same report.
"""

from __future__ import annotations

import math
import re

from pydantic import BaseModel

from reports.assemble import section_of, story_facts
from reports.data import DayData
from reports.facts import StoryFacts, glossary
from reports.labels import LABELS, RELATION_PHRASES, SECTIONS
from reports.stories import Story, build_stories
from reports.writer import TemplateWriter, Writer, Written, has_cjk, to_traditional

FOCUS_ITEMS = 4
_ARXIV = re.compile(r"arxiv\.org/abs/(?P<id>\d{4}\.\d{4,5}(?:v\d+)?)")


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
    kind: str = "general"  # the story kind (launch, funding, threat, theme, ...)
    quote: str = ""  # one sentence of an article in another language, with its source
    quote_source: str = ""


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


class Fallback(BaseModel):
    id: str
    title: str
    reason: str


class WriterNote(BaseModel):
    """Set only when a writer other than the templates wrote the items (``--writer llm``)."""

    writer: str
    model: str
    prompt: str
    items: int
    by_model: int
    fallbacks: list[Fallback]
    prompt_tokens: int  # of the answers used, as counted when the model wrote them
    completion_tokens: int
    model_seconds: float
    text: str
    fallback_text: str


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
    writer: WriterNote | None = None


def join_sentences(sentences: list[str]) -> str:
    """English sentences with a space between them, Chinese ones without."""
    out = ""
    for sentence in sentences:
        glue = "" if not out or out[-1] in "。！？；」』" else " "
        out += glue + sentence
    return out


def outlet_label(article: dict, lang: str) -> str:
    """The outlet as the report's language can write it: Traditional script in zh-TW; in en
    a name written in Chinese is replaced by the site's host name."""
    source = article["source"]
    if lang == "zh-TW":
        return to_traditional(source)
    if not has_cjk(source):
        return source
    host = re.sub(r"^https?://(www\.)?", "", article.get("url", "")).split("/")[0]
    return host or "source"


def article_link(article: dict, lang: str) -> Link:
    """A link to an article under its title when the title is in the report's language,
    else under its outlet's name."""
    title = article["title"]
    zh = lang == "zh-TW"
    if has_cjk(title) == zh:
        label = to_traditional(title) if zh else title
    else:
        label = outlet_label(article, lang)
    return Link(label=label, url=article["url"])


def _source_link(article: dict, lang: str = "en") -> Link:
    match = _ARXIV.search(article["url"])
    if match:
        return Link(label=f"arXiv:{match.group('id')}", url=article["url"])
    return Link(label=outlet_label(article, lang), url=article["url"])


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


def _item(
    story: Story,
    facts: StoryFacts,
    written: Written,
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
    members = [by_id[a] for a in story.articles]
    mentioned = set(story.entities)
    n_new = len({e for e in mentioned if story.weights.get(e, 0) > 0} & new_ids)
    prom = round(sum(sorted((prominence.get(e, 0.0) for e in mentioned), reverse=True)[:3]), 2)
    hits = len(mentioned & watched)
    specific_facts = sum(1 for f in facts.facts if f.type != "USES")
    score = round(
        _score(len(members), facts.outlets, n_new, specific_facts, prom) + 1.5 * min(hits, 2), 2
    )
    level = _level(score)
    spelled = written.entities
    kind_of = {}
    for e in story.entities:
        if e in names:
            key = to_traditional(names[e]) if lang == "zh-TW" else names[e]
            kind_of.setdefault(key, data.kinds.get(e, ""))
    return Item(
        id=f"{data.day.isoformat()}-{index:02d}",
        section=section_of(facts.kind),
        kind=facts.kind,
        title=written.title,
        summary=written.summary,
        summary_text=join_sentences(written.summary),
        details=written.details,
        applications=written.applications,
        entities=spelled,
        entity_kinds=[kind_of.get(n, "") for n in spelled],
        importance=level,
        importance_label=labels[level],
        score=score,
        score_reason=written.reason,
        sources=[_source_link(by_id[s.id], lang) for s in facts.sources[:5]],
        articles=list(story.articles),
        duplicates=sorted(d for ds in story.duplicates.values() for d in ds),
        quote=written.quote.text if written.quote else "",
        quote_source=written.quote.source if written.quote else "",
    )


def pick_focus(items: list[Item], size: int = FOCUS_ITEMS) -> list[Item]:
    """The leading items, never taking the last item of a section (so no section a day has
    stories for goes missing); the top item leads whatever happens."""
    left = {key: sum(1 for it in items if it.section == key) for key in SECTIONS}
    focus: list[Item] = []
    for it in items:
        if len(focus) == size:
            break
        if left[it.section] > 1 or not focus and it is items[0] and len(items) == 1:
            focus.append(it)
            left[it.section] -= 1
    if not focus and items:
        focus.append(items[0])
    return focus


def build_report(
    data: DayData,
    lang: str = "zh-TW",
    zone: str = "Asia/Taipei",
    trend_statements: list | None = None,
    article_links: dict[str, Link] | None = None,
    watch_alerts: list[dict] | None = None,
    series: list[Series] | None = None,
    kind_colours: dict[str, str] | None = None,
    writer: Writer | None = None,
    window_df: dict[str, int] | None = None,
    window_articles: int = 0,
) -> Report:
    from reports.insights import insights_for

    writer = writer or TemplateWriter()
    zh = lang == "zh-TW"
    labels = {
        **LABELS[lang],
        "collected": LABELS[lang]["collected"].format(day=data.day.isoformat(), zone=zone),
    }
    by_id = {a["id"]: a for a in data.articles}
    names = {m["entity"]: m["name"] for m in data.mentions}
    new_ids = {e["id"] for e in data.new_entities}
    top_articles = max((e["articles"] for e in data.top_entities), default=1)
    prominence = {e["id"]: round(e["articles"] / top_articles, 3) for e in data.top_entities}

    stories = build_stories(
        data.articles, data.mentions, data.relations, window_df, window_articles
    )
    alerts = watch_alerts or []
    ids_by_name = {name: eid for eid, name in names.items()}
    watched = {ids_by_name[a["entity"]] for a in alerts if a["entity"] in ids_by_name}
    story_facts_ = [
        story_facts(
            story, by_id, data.relations, names, data.kinds, new_ids, story.weights, lang, watched
        )
        for story in stories
    ]
    many = getattr(writer, "write_many", None)
    written = (
        many(story_facts_, lang, trend_statements or [])
        if many
        else [writer.write(f, lang) for f in story_facts_]
    )
    items = [
        _item(story, f, w, data, by_id, names, lang, new_ids, prominence, i, watched)
        for i, (story, f, w) in enumerate(zip(stories, story_facts_, written, strict=True), start=1)
    ]
    note = _writer_note(writer, items, written, lang)
    items.sort(key=lambda it: (-it.score, it.id))
    focus = pick_focus(items)
    chosen = {it.id for it in focus}
    sections = {
        key: [it for it in items if it.section == key and it.id not in chosen] for key in SECTIONS
    }
    weights: dict[str, float] = {}
    for story in stories:
        weights.update(story.weights)

    def spell(name: str) -> str:
        if zh:
            return to_traditional(name)
        if not has_cjk(name):
            return name
        entry = glossary().get(name.casefold())
        return entry.en_name if entry and entry.en_name else ""

    phrases = RELATION_PHRASES[lang]
    new_relations = [
        NewRelation(
            head=r["head"],
            type=r["type"],
            tail=r["tail"],
            text=phrases.get(r["type"], "{h} " + r["type"] + " {t}").format(
                h=spell(r["head"]), t=spell(r["tail"])
            ),
            evidence=next((e for e in r["evidence"] or [] if e), ""),
            articles=list(r["articles"]),
        )
        for r in data.new_relations
        if spell(r["head"]) and spell(r["tail"])
    ]
    new_entities = [
        NewEntity(name=spell(e["name"]), kind=e["kind"], articles=e["articles"])
        for e in data.new_entities
        if e["articles"] and spell(e["name"])
    ]

    # keywords: the day's most covered names that tell stories apart, hubs after them
    ranked = sorted(
        (e for e in data.top_entities if spell(e["name"])),
        key=lambda e: (weights.get(e["id"], 0.0) == 0.0, -e["articles"], e["name"]),
    )
    keywords = [spell(e["name"]) for e in ranked[:20]]
    themes = [it.title for it in focus][:2] or [labels["none"]]
    date_text = data.day.strftime("%Y/%m/%d") if zh else data.day.isoformat()
    title = (
        labels["title"].format(a=themes[0], b=themes[1], date=date_text)
        if len(themes) > 1
        else labels["title_one"].format(a=themes[0], date=date_text)
    )
    sep = "、" if zh else "; "
    links = {a["id"]: article_link(a, lang) for a in data.articles} | (article_links or {})
    insights = insights_for(items, stories, new_entities, lang, trend_statements or [], links)
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
    gloss = glossary()
    seen_terms: list[str] = []
    for it in focus + [it for key in SECTIONS for it in sections[key]]:
        for name in it.entities:
            if name.casefold() in gloss and name not in seen_terms:
                seen_terms.append(name)
    background = []
    for name in seen_terms[:8]:
        g = gloss[name.casefold()]
        if zh:
            term = (
                g.zh
                if g.zh and g.zh != name and name in g.zh
                else (f"{g.zh}（{name}）" if g.zh and g.zh != name else name)
            )
            background.append(f"{term}：{g.gloss_zh}")
        elif g.gloss_en:
            background.append(f"{g.en_name or name}: {g.gloss_en}")
    reading = [
        Link(label=_reading_label(it, by_id, lang), url=it.sources[0].url)
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
        writer=note,
    )


def _writer_note(writer, items: list[Item], written: list[Written], lang: str) -> WriterNote | None:
    """Who wrote the items, when it was not the templates alone: the model, the items that
    fell back and why, and what the answers cost (as kept in the cache, so a re-run gives
    the same note)."""
    origins = [(it, w.origin) for it, w in zip(items, written, strict=True) if w.origin]
    if not origins:
        return None
    from reports.llm.brief import prompt_config

    text = prompt_config()["note"][lang]
    model = getattr(writer, "model", writer.name)
    prompt = getattr(writer, "prompt", "")
    fallbacks = [
        Fallback(id=it.id, title=it.title, reason=o.reason)
        for it, o in origins
        if o.writer != "llm"
    ]
    return WriterNote(
        writer=writer.name,
        model=model,
        prompt=prompt,
        items=len(origins),
        by_model=len(origins) - len(fallbacks),
        fallbacks=fallbacks,
        prompt_tokens=sum(o.prompt_tokens for _, o in origins),
        completion_tokens=sum(o.completion_tokens for _, o in origins),
        model_seconds=round(sum(o.seconds for _, o in origins), 2),
        text=text["written"].format(model=model, prompt=prompt),
        fallback_text=text["fallback"].format(n=len(fallbacks)) if fallbacks else "",
    )


def _reading_label(item: Item, by_id: dict[str, dict], lang: str) -> str:
    """A recommended article under the item's own heading (its title may be in another
    language), with the outlet."""
    article = by_id[item.articles[0]]
    sep = " — " if lang == "en" else "｜"
    return f"{item.title}{sep}{item.sources[0].label if item.sources else article['source']}"
