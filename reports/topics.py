"""Group a day's articles into topics: near-duplicates collapsed, then communities.

Pure: rows in, topics out. Two articles are linked when they share entities (weighted by
how rare each entity is that day) or a typed relation; Louvain communities over that
graph (fixed seed) are the topics, so the same graph always gives the same grouping.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from kg.normalize import fold_chars

_WORD = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]")
DUPLICATE_JACCARD = 0.6  # shingle overlap above which two articles are one story retold
MIN_EDGE_WEIGHT = 1.0


@dataclass
class Topic:
    articles: list[str]  # representative first, then by centrality
    duplicates: dict[str, list[str]] = field(default_factory=dict)  # kept id -> collapsed ids
    entities: list[str] = field(default_factory=list)  # entity ids, most central first
    relations: list[int] = field(default_factory=list)  # indices into the day's relations


def shingles(text: str, size: int = 3) -> set[tuple[str, ...]]:
    words = _WORD.findall(fold_chars(text).lower())
    return {tuple(words[i : i + size]) for i in range(max(1, len(words) - size + 1))}


def _signature(sh: set[tuple[str, ...]], k: int = 6) -> list[int]:
    """The k smallest shingle hashes: two texts with Jaccard >= 0.6 almost surely share one."""
    import zlib

    return sorted(zlib.crc32(" ".join(x).encode()) for x in sh)[:k]


def collapse_duplicates(articles: list[dict]) -> dict[str, str]:
    """Map each syndicated copy to the article kept for it (the earliest published).

    Candidates are found through shared min-hash keys, so a day of 1,000 articles is not
    a million comparisons.
    """
    ordered = sorted(articles, key=lambda a: (a["published"], a["id"]))
    kept: dict[str, set] = {}
    by_key: dict[int, list[str]] = defaultdict(list)
    position: dict[str, int] = {}
    alias: dict[str, str] = {}
    for article in ordered:
        sh = shingles(f"{article['title']} {article['text']}")
        keys = _signature(sh)
        shared: dict[str, int] = defaultdict(int)
        for key in keys:
            for kid in by_key[key]:
                shared[kid] += 1
        # retold stories share most of their min-hash keys; boilerplate shares one or two
        candidates = sorted(
            (kid for kid, hits in shared.items() if hits >= 2), key=position.__getitem__
        )
        for kid in candidates:
            ksh = kept[kid]
            union = len(sh | ksh)
            if union and len(sh & ksh) / union >= DUPLICATE_JACCARD:
                alias[article["id"]] = kid
                break
        else:
            kept[article["id"]] = sh
            position[article["id"]] = len(position)
            for key in keys:
                by_key[key].append(article["id"])
    return alias


def build_topics(
    articles: list[dict], mentions: Iterable[dict], relations: list[dict]
) -> list[Topic]:
    alias = collapse_duplicates(articles)
    ids = [a["id"] for a in sorted(articles, key=lambda a: a["id"]) if a["id"] not in alias]
    entities_of: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        entities_of[alias.get(m["article"], m["article"])].add(m["entity"])
    df: dict[str, int] = defaultdict(int)
    for aid in ids:
        for eid in entities_of[aid]:
            df[eid] += 1
    n = max(len(ids), 1)
    idf = {eid: math.log((n + 1) / (count + 0.5)) for eid, count in df.items()}
    # Entities in many of the day's articles say nothing about which story an article tells
    # (and would make the graph a clique).
    ubiquitous = {eid for eid, count in df.items() if n >= 8 and count > max(12, 0.04 * n)}

    graph = nx.Graph()
    graph.add_nodes_from(ids)
    by_entity: dict[str, list[str]] = defaultdict(list)
    for aid in ids:
        for eid in sorted(entities_of[aid] - ubiquitous):
            by_entity[eid].append(aid)
    weights: dict[tuple[str, str], float] = defaultdict(float)
    for eid, members in by_entity.items():
        if len(members) > 1:
            for i, a in enumerate(members):
                for b in members[i + 1 :]:
                    weights[(a, b)] += idf[eid]
    for rel in relations:
        support = sorted({alias.get(a, a) for a in rel["articles"]})
        if len(support) > max(12, 0.04 * n):
            continue
        for i, a in enumerate(support):
            for b in support[i + 1 :]:
                weights[(a, b)] += 1.0
    for (a, b), w in sorted(weights.items()):
        if w >= MIN_EDGE_WEIGHT:
            graph.add_edge(a, b, weight=w)

    communities = nx.community.louvain_communities(graph, weight="weight", seed=7, threshold=1e-4)
    topics = []
    for members in communities:
        sub = graph.subgraph(members)
        strength = {aid: sub.degree(aid, weight="weight") for aid in members}
        ordered = sorted(members, key=lambda aid: (-strength[aid], aid))
        entity_score: dict[str, float] = defaultdict(float)
        for aid in ordered:
            for eid in entities_of[aid]:
                entity_score[eid] += 1.0 + (0.0 if eid in ubiquitous else 0.1 * idf.get(eid, 0))
        dupes = {kid: sorted(a for a, k in alias.items() if k == kid) for kid in ordered}
        topics.append(
            Topic(
                articles=ordered,
                duplicates={k: v for k, v in dupes.items() if v},
                entities=sorted(entity_score, key=lambda e: (-entity_score[e], e)),
                relations=[
                    i
                    for i, rel in enumerate(relations)
                    if any(alias.get(a, a) in members for a in rel["articles"])
                ],
            )
        )
    topics.sort(key=lambda t: (-len(t.articles), t.articles[0]))
    return topics
