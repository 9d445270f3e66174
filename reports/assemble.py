"""From a grouped story to what its writer needs: its kind, its facts ranked with the main
one first, its own names, its articles, the domains and sizes its sentences state.

Pure: the day's rows and a ``Story`` in, a ``StoryFacts`` out.
"""

from __future__ import annotations

import re
from collections import Counter

from reports.facts import (
    Domain,
    Fact,
    Name,
    Source,
    StoryFacts,
    domains_in,
    kinds_config,
    measures_in,
    qualifiers_of,
)
from reports.stories import Story, fold_text

_THREAT_KINDS = {"ThreatActor", "Malware", "Vulnerability"}


def _cue(kind: str, text: str) -> bool:
    words = kinds_config()["cues"][kind]
    folded = fold_text(text)
    for word in words:
        w = fold_text(word)
        if re.search(r"[\u3400-\u9fff]", w):
            if w in folded:
                return True
        elif re.search(rf"\b{re.escape(w)}\b", folded):
            return True
    return False


def story_kind(story: Story, articles: list[dict], facts: list[Fact], kinds: Counter) -> str:
    """What kind of event the story is, from its facts first and its words second."""
    types = Counter(f.type for f in facts)
    source_kinds = Counter(a.get("source_kind", "news") for a in articles)
    titles = " ".join(a["title"] for a in articles)
    text = " ".join(f"{a['title']} {a['text']}" for a in articles)
    if story.kind == "theme":
        return "theme" if len(articles) > 1 else "paper"
    if (
        source_kinds["threat"]
        or types["ATTRIBUTED_TO"] + types["EXPLOITS"] + types["TARGETS"]
        or (kinds["ThreatActor"] + kinds["Malware"] and _cue("threat", text))
    ):
        return "threat"
    if types["ACQUIRED"]:
        return "acquisition"
    if types["INVESTED_IN"]:
        return "funding"
    if _cue("opinion", titles):
        return "opinion"
    if _cue("tool", titles) and not types["OUTPERFORMS"]:
        return "tool"
    launched = any(f.type == "DEVELOPED_BY" and f.head_kind in {"Model", "Product"} for f in facts)
    # "X released Y" in a headline is a launch; a model named with its maker is not
    if launched and _cue("launch", titles):
        return "launch"
    if types["OUTPERFORMS"] or types["EVALUATED_ON"]:
        return "evaluation"
    if types["PARTNERS_WITH"]:
        return "partnership"
    if types["WORKS_FOR"] and _cue("hire", text):
        return "hire"
    if launched:
        return "launch"
    if _cue("market", text):
        return "market"
    if kinds["Person"] and _cue("opinion", text):
        return "opinion"
    return "general"


def _with_benchmark(fact: Fact, benchmarks: list[str]) -> Fact:
    """An OUTPERFORMS fact names the benchmark its sentence names, when the graph did not."""
    if fact.type != "OUTPERFORMS" or fact.qualifiers.get("benchmark") or not fact.evidence:
        return fact
    named = [b for b in benchmarks if b.casefold() in fact.evidence.casefold()]
    if not named:
        return fact
    return Fact(**{**fact.__dict__, "qualifiers": {**fact.qualifiers, "benchmark": named[0]}})


def section_of(kind: str) -> str:
    return kinds_config()["sections"].get(kind, "industry")


def rank_facts(kind: str, facts: list[Fact], weight: dict[str, float]) -> list[Fact]:
    order = kinds_config()["main_fact"]
    preferred = order.get(kind, order["default"])

    def key(f: Fact):
        pos = preferred.index(f.type) if f.type in preferred else len(preferred)
        return (
            pos,
            -len(f.articles),
            -weight.get(f.head, 0) - weight.get(f.tail, 0),
            f.head,
            f.tail,
        )

    return sorted(facts, key=key)


def story_facts(
    story: Story,
    by_id: dict[str, dict],
    relations: list[dict],
    names: dict[str, str],
    kinds: dict[str, str],
    new_ids: set[str],
    weight: dict[str, float],
    lang: str,
    watched: set[str] = frozenset(),
) -> StoryFacts:
    members = [by_id[a] for a in story.articles]
    zh = lang == "zh-TW"
    # the lead: the most central article written in the report's language
    lead = next((a for a in members if a["lang"].startswith("zh") == zh), members[0])
    ordered = [lead, *[a for a in members if a is not lead]]
    facts = []
    background = tuple(kinds_config()["background_via"])
    titles = " ".join(a["title"] for a in members)
    for i in story.relations:
        rel = relations[i]
        if (rel.get("via") or "").startswith(background):
            continue
        evidence = next((e for e in rel.get("evidence") or [] if e), "")
        # "輝達 H100 與超微 MI300X 的成本差距" says who makes the H100, not that it came out
        if rel["type"] == "DEVELOPED_BY" and not _cue("launch", f"{titles} {evidence}"):
            continue
        facts.append(
            Fact(
                head=rel["head"],
                head_kind=rel.get("head_kind", ""),
                type=rel["type"],
                tail=rel["tail"],
                tail_kind=rel.get("tail_kind", ""),
                qualifiers=qualifiers_of(rel),
                evidence=evidence,
                articles=tuple(rel["articles"]),
                via=rel.get("via") or "",
            )
        )
    benchmarks = [names[e] for e in story.entities if kinds.get(e) == "Benchmark" and e in names]
    facts = [_with_benchmark(f, benchmarks) for f in facts]
    name_weight = {names[e]: weight.get(e, 0.0) for e in story.entities if e in names}
    entity_kinds = Counter(kinds.get(e, "") for e in story.entities)
    kind = story_kind(story, members, facts, entity_kinds)
    facts = rank_facts(kind, facts, name_weight)
    texts = [f"{a['title']} {a['text']}" for a in ordered[:4]]  # the lead and a few more
    found = domains_in(texts)
    sources = {a["source"] for a in members} | {
        by_id[d]["source"] for ds in story.duplicates.values() for d in ds if d in by_id
    }
    return StoryFacts(
        kind=kind,
        facts=tuple(facts),
        names=tuple(
            Name(
                name=names[e],
                kind=kinds.get(e, ""),
                new=e in new_ids,
                specific=weight.get(e, 0.0) > 0,
            )
            for e in story.entities
            if e in names
        ),
        sources=tuple(
            Source(
                id=a["id"],
                title=a["title"],
                source=a["source"],
                source_kind=a.get("source_kind", "news"),
                lang=a["lang"],
                url=a["url"],
                text=a["text"],
            )
            for a in ordered
        ),
        outlets=len(sources),
        domains=tuple(Domain(d.key, d.zh, d.en, tuple(hits)) for d, hits in found),
        measures=tuple(measures_in(texts)),
        watched=tuple(names[e] for e in story.entities if e in watched and e in names),
    )
