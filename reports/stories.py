"""Group a day's articles into stories (one event, any number of articles and languages)
and research papers into themes.

Pure: rows in, stories out. Two articles tell the same story when they state the same fact
(head, relation, tail), share specific names (weighted by how rare each name is over the
window, so a hub such as OpenAI or "Large Language Model" binds nothing), or are near-copies
of one text (compared after folding Simplified to Traditional script). Groups are formed by
average linkage: an article joins a group only if it is, on average, close to all of it, so
one article mentioning two stories does not chain them together.
"""

from __future__ import annotations

import heapq
import math
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from kg.normalize import fold_chars

DATA = Path(__file__).parent / "writing"
_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]")
_HAS_CJK = re.compile(r"[\u3400-\u9fff]")

DUPLICATE_JACCARD = 0.6  # shingle overlap above which two articles are one text retold
SIMILAR_JACCARD = 0.3  # overlap that counts as evidence of one story, with anything else
EDGE_MIN = 0.8  # a pair below this shares too little to be one story
PAPER_EDGE_MIN = 0.5  # papers form a theme on less: one rare method or benchmark in common
MERGE_MIN = 0.45  # average link between two groups needed to merge them
HUB_SHARE = 0.05  # a name in more than this share of the window's articles is a hub
HUB_FLOOR = 8  # ... and in more than this many (a short window makes everything frequent)
DAY_HUB_SHARE = 0.25  # ... or of the day's articles (when the window is short)
# Facts that tie two articles to one event even when both ends are well known: a deal,
# a campaign, a hire. A benchmark score or "X uses Y" between hubs is background.
SYMMETRIC = {"PARTNERS_WITH"}
EVENT_TYPES = {"ACQUIRED", "INVESTED_IN", "PARTNERS_WITH", "ATTRIBUTED_TO", "TARGETS",
               "EXPLOITS", "WORKS_FOR"}  # fmt: skip


@dataclass
class Story:
    kind: str  # "story" (news, threat posts) or "theme" (research papers)
    articles: list[str]  # the most central first
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # kept id -> copies
    entities: list[str] = field(default_factory=list)  # from its own articles, specific first
    relations: list[int] = field(default_factory=list)  # indices into the day's relations
    binders: list[str] = field(default_factory=list)  # the names its articles share
    weights: dict[str, float] = field(default_factory=dict)  # entity -> binding weight


@lru_cache(maxsize=1)
def generic_names() -> frozenset[str]:
    """Concept names too broad to tell one story from another, whatever their counts."""
    path = DATA / "generic_names.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().casefold() for line in lines if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def _to_traditional():
    import opencc

    return opencc.OpenCC("s2t")


def fold_text(text: str) -> str:
    """Comparison form: one script for Chinese, folded characters, lower case."""
    folded = fold_chars(text).lower()
    if _HAS_CJK.search(folded):
        folded = _to_traditional().convert(folded)
    return folded


def shingles(text: str, size: int = 3) -> set[tuple[str, ...]]:
    words = _WORD.findall(fold_text(text))
    return {tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def _signature(sh: set[tuple[str, ...]], k: int = 8) -> list[int]:
    return sorted(zlib.crc32(" ".join(x).encode()) for x in sh)[:k]


def _jaccard(a: set, b: set) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def collapse_duplicates(articles: list[dict], sh: dict[str, set]) -> dict[str, str]:
    """Map each syndicated copy to the article kept for it (the earliest published)."""
    ordered = sorted(articles, key=lambda a: (str(a["published"]), a["id"]))
    by_key: dict[int, list[str]] = defaultdict(list)
    kept: dict[str, int] = {}  # id -> position, earliest first
    alias: dict[str, str] = {}
    for article in ordered:
        aid = article["id"]
        keys = _signature(sh[aid])
        hits: dict[str, int] = defaultdict(int)
        for key in keys:
            for kid in by_key[key]:
                hits[kid] += 1
        match = next(
            (
                kid
                for kid in sorted(hits, key=kept.__getitem__)
                if hits[kid] >= 2 and _jaccard(sh[aid], sh[kid]) >= DUPLICATE_JACCARD
            ),
            None,
        )
        if match:
            alias[aid] = match
            continue
        kept[aid] = len(kept)
        for key in keys:
            by_key[key].append(aid)
    return alias


def name_weights(
    day_df: dict[str, int],
    n_day: int,
    names: dict[str, str],
    window_df: dict[str, int] | None = None,
    n_window: int = 0,
) -> dict[str, float]:
    """How much sharing each name says about two articles telling one story: 0 for hubs,
    up to 1 for a name seen once in the window."""
    df = window_df if window_df and n_window else day_df
    n = n_window if window_df and n_window else n_day
    generic = generic_names()
    out = {}
    for eid, count in day_df.items():
        total = max(count, df.get(eid, count))
        hub = (
            names.get(eid, "").casefold() in generic
            or total > max(HUB_FLOOR, HUB_SHARE * n)
            or (n_day >= 8 and count > max(HUB_FLOOR / 2, DAY_HUB_SHARE * n_day))
        )
        if hub:
            out[eid] = 0.0
            continue
        idf = math.log((n + 1) / (total + 0.5))
        out[eid] = max(0.0, min(1.0, idf / math.log(max(n, 4) + 1)))
    return out


def build_stories(
    articles: list[dict],
    mentions: Iterable[dict],
    relations: list[dict],
    window_df: dict[str, int] | None = None,
    window_articles: int = 0,
) -> list[Story]:
    """The day's stories and research themes, ranked by size then first article id.

    ``window_df`` (articles mentioning each entity over the trend window) and
    ``window_articles`` make rarity a property of the window rather than of one day.
    """
    sh = {a["id"]: shingles(f"{a['title']} {a['text']}") for a in articles}
    alias = collapse_duplicates(articles, sh)
    by_id = {a["id"]: a for a in articles}
    ids = sorted(a["id"] for a in articles if a["id"] not in alias)
    entities_of: dict[str, set[str]] = defaultdict(set)
    kind_of: dict[str, str] = {}
    names: dict[str, str] = {}
    for m in mentions:
        entities_of[alias.get(m["article"], m["article"])].add(m["entity"])
        kind_of[m["entity"]] = m.get("kind", "")
        names[m["entity"]] = m.get("name", m["entity"])
    day_df: dict[str, int] = defaultdict(int)
    for aid in ids:
        for eid in entities_of[aid]:
            day_df[eid] += 1
    weight = name_weights(day_df, len(ids), names, window_df, window_articles)
    research = {aid for aid in ids if by_id[aid].get("source_kind") == "research"}

    facts_of: dict[str, set[tuple]] = defaultdict(set)
    fact_weight: dict[tuple, float] = {}
    for rel in relations:
        key = (rel["head_id"], rel["type"], rel["tail_id"])
        if rel["type"] in SYMMETRIC:
            key = (min(key[0], key[2]), key[1], max(key[0], key[2]))
        specific = max(weight.get(rel["head_id"], 0.0), weight.get(rel["tail_id"], 0.0))
        fact_weight[key] = 1.2 if rel["type"] in EVENT_TYPES or specific >= 0.5 else 0.3
        for a in rel["articles"]:
            facts_of[alias.get(a, a)].add(key)

    scores: dict[tuple[str, str], float] = defaultdict(float)

    def add(members: list[str], value: float) -> None:
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                # papers form themes among themselves; news never joins a paper's theme
                if (a in research) == (b in research):
                    scores[(a, b)] += value

    by_entity: dict[str, list[str]] = defaultdict(list)
    for aid in ids:
        for eid in entities_of[aid]:
            if weight.get(eid, 0.0) > 0:
                by_entity[eid].append(aid)
    for eid, members in by_entity.items():
        if 1 < len(members) <= 60:
            add(members, weight[eid])
    by_fact: dict[tuple, list[str]] = defaultdict(list)
    for aid in ids:
        for key in facts_of[aid]:
            by_fact[key].append(aid)
    for key, members in by_fact.items():
        if 1 < len(members) <= 60:
            add(members, fact_weight[key])
    # near-copies below the duplicate bar (a rewrite, the other script) still tell one story
    by_key: dict[int, list[str]] = defaultdict(list)
    for aid in ids:
        for key in _signature(sh[aid], 12):
            by_key[key].append(aid)
    shared_keys: dict[tuple[str, str], int] = defaultdict(int)
    for members in by_key.values():
        if len(members) > 60:
            continue  # boilerplate every article carries
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                if scores.get((a, b), 0.0) > 0:
                    shared_keys[(a, b)] += 1
    for (a, b), hits in shared_keys.items():
        # texts with Jaccard >= 0.3 share about a third of their 12 smallest hashes
        if hits >= 3 and _jaccard(sh[a], sh[b]) >= SIMILAR_JACCARD:
            scores[(a, b)] += 1.0

    # Two rounds (or deals) in different companies are two events, however alike the text.
    targets = {
        aid: {k[2] for k in facts_of[aid] if k[1] in {"INVESTED_IN", "ACQUIRED"}} for aid in ids
    }
    for a, b in list(scores):
        if targets[a] and targets[b] and not targets[a] & targets[b]:
            del scores[(a, b)]
    edges = {
        pair: min(s, 2.0)
        for pair, s in scores.items()
        if s >= (PAPER_EDGE_MIN if pair[0] in research else EDGE_MIN)
    }
    groups = _average_linkage(ids, edges)

    group_of = {aid: g for g, members in enumerate(groups) for aid in members}
    strength: dict[str, float] = defaultdict(float)
    for (a, b), w in edges.items():
        if group_of[a] == group_of[b]:
            strength[a] += w
            strength[b] += w
    copies: dict[str, list[str]] = defaultdict(list)
    for copy, kept_id in sorted(alias.items()):
        copies[kept_id].append(copy)
    relations_of: dict[int, set[int]] = defaultdict(set)
    for i, rel in enumerate(relations):
        for a in rel["articles"]:
            aid = alias.get(a, a)
            if aid in group_of:
                relations_of[group_of[aid]].add(i)

    stories = []
    for g, members in enumerate(groups):
        ordered = sorted(
            members, key=lambda aid: (-strength[aid], str(by_id[aid]["published"]), aid)
        )
        count: dict[str, int] = defaultdict(int)
        for aid in ordered:
            for eid in entities_of[aid]:
                count[eid] += 1
        entity_rank = sorted(count, key=lambda e: (-(count[e] * (0.2 + weight.get(e, 0.0))), e))
        binders = [e for e in entity_rank if count[e] > 1 and weight.get(e, 0.0) > 0]
        stories.append(
            Story(
                kind="theme" if members[0] in research else "story",
                articles=ordered,
                duplicates={k: copies[k] for k in ordered if k in copies},
                entities=entity_rank,
                relations=sorted(relations_of[g]),
                binders=binders,
                weights={e: weight.get(e, 0.0) for e in entity_rank},
            )
        )
    stories.sort(key=lambda s: (-len(s.articles), s.articles[0]))
    return stories


def _average_linkage(ids: list[str], edges: dict[tuple[str, str], float]) -> list[list[str]]:
    """Agglomerate while the best pair of groups is close on average (absent links count 0)."""
    group = {aid: i for i, aid in enumerate(ids)}
    members: dict[int, list[str]] = {i: [aid] for i, aid in enumerate(ids)}
    link: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), w in edges.items():
        ga, gb = group[a], group[b]
        link[ga][gb] = link[ga].get(gb, 0.0) + w
        link[gb][ga] = link[gb].get(ga, 0.0) + w

    def average(x: int, y: int) -> float:
        return link[x][y] / (len(members[x]) * len(members[y]))

    heap = [(-average(x, y), x, y) for x in link for y in link[x] if x < y]
    heapq.heapify(heap)
    while heap:
        neg, x, y = heapq.heappop(heap)
        if x not in members or y not in members or y not in link[x]:
            continue
        if abs(-neg - average(x, y)) > 1e-9:
            continue  # stale: one of the groups grew since this entry was pushed
        if -neg < MERGE_MIN:
            break
        members[x].extend(members.pop(y))
        for z, w in link.pop(y).items():
            link[z].pop(y, None)
            if z == x:
                continue
            link[x][z] = link[x].get(z, 0.0) + w
            link[z][x] = link[x][z]
        link[x].pop(y, None)
        for z in link[x]:
            a, b = min(x, z), max(x, z)
            heapq.heappush(heap, (-average(a, b), a, b))
    return [sorted(m) for m in members.values()]
