"""編輯洞察 / Editor's Insight: short paragraphs from the day's stories and the trend
statements, each claim citing its articles.

Trend statements come from ``reports.trend_prose`` (kind, text, evidence, subject) already
written in the report's language; this module places them and writes the day's own
summary, context and outlook from the stories with the templates of ``writing/<lang>.yaml``.
"""

from __future__ import annotations

from collections import Counter

from reports.writer import fill, templates


def insights_for(items, stories, new_entities, lang: str, statements: list, links: dict) -> dict:
    from reports.builder import Insight

    t = templates(lang)
    ti = t["insight"]
    zh = lang == "zh-TW"
    sep = t["list_sep"]

    def cite(ids) -> list:
        return [links[a] for a in list(ids)[:3] if a in links]

    def of(*what: str) -> list:
        return [
            Insight(text=s.text, sources=cite(s.evidence)) for s in statements if s.kind in what
        ]

    counts = Counter(it.kind for it in items)
    kinds = sep.join(
        t["count_entry"].format(word=t["kind_words"].get(k, k), n=n)
        for k, n in counts.most_common(4)
    )
    n_articles = sum(len(it.articles) + len(it.duplicates) for it in items)
    day = fill(ti["day"], {"articles": str(n_articles), "stories": str(len(items)), "kinds": kinds})
    top = sorted(items, key=lambda it: (-it.score, it.id))[:2]
    focus = fill(
        ti["focus"], {"a": top[0].title if top else "", "b": top[1].title if len(top) > 1 else ""}
    )
    summary = [
        Insight(
            text=" ".join(x for x in (day, focus) if x)
            if not zh
            else "".join(x for x in (day, focus) if x),
            sources=[it.sources[0] for it in top if it.sources],
        )
    ]
    summary += of("coverage", "rising", "new_entity", "fading")[:6]

    themes = [it for it in items if it.kind == "theme"]
    context = of("switch", "neighbourhood", "new_link", "cluster")[:6]
    if themes:
        entries = sep.join(
            ti["theme_entry"].format(
                name=it.entities[0] if it.entities else it.title, n=len(it.articles)
            )
            for it in themes[:3]
        )
        context.append(
            Insight(
                text=ti["themes"].format(themes=entries),
                sources=[it.sources[0] for it in themes[:3] if it.sources],
            )
        )
    outlook = []
    for it in sorted(items, key=lambda it: (-it.score, it.id)):
        template = ti["outlook"].get(it.kind)
        subject = _subject(it)
        if template and subject and len(outlook) < 4:
            outlook.append(Insight(text=template.format(name=subject), sources=it.sources[:1]))
    watch = [
        Insight(text=s.text, sources=cite(s.evidence))
        for s in statements
        if s.kind in {"rising", "new_link"}
    ][:2]
    watch += [
        Insight(text=ti["watch"].format(title=it.title), sources=it.sources[:1])
        for it in sorted(items, key=lambda it: (-it.score, it.id))[: max(0, 5 - len(watch))]
    ]
    return {"trend_summary": summary, "context": context, "outlook": outlook, "watchlist": watch}


def _subject(item) -> str:
    """The name a story is about: the first of its names its heading carries."""
    for name in item.entities:
        if name and name in item.title:
            return name
    return item.entities[0] if item.entities else ""
