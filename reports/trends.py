"""Trends from cross-day neighbourhood change. Pure: window data in, explainable numbers out.

Windows: the current window is the last ``window`` days up to the report day; the
previous window is the ``window`` days before it; the baseline is the ``baseline_windows``
windows before the current one. Every number here is a count or a simple ratio of counts,
and every statement carries the article ids it rests on.

- rising / fading: articles in the current window against the baseline mean per window,
  scored ``(current - mean) / sqrt(mean + 1)`` (a Poisson-style z), only for entities seen
  before the window (first sightings are ``new_entities``, not "rising from zero"), and
  only with ``min_support`` articles on the larger side.
- neighbourhood change: co-mentioned neighbours (weight = shared articles) now and in the
  previous window; new, lost, Jaccard distance of the two neighbour sets.
- new links: a pair linked now (typed relation or co-mention with ``min_support``
  articles) that was not linked in the previous window or baseline, between two entities
  that were each already established (``min_support`` articles in the baseline).
- clusters: Louvain communities of the current and previous co-mention graphs; a cluster
  appears (no earlier cluster shares half its members), grows (half again as large as its
  best match) or splits (an earlier cluster's members now sit in two or more clusters).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import combinations

import networkx as nx
from pydantic import BaseModel


class Window(BaseModel):
    since: date
    until: date


def windows(day: date, window: int, baseline_windows: int) -> tuple[Window, Window, Window]:
    current = Window(since=day - timedelta(days=window - 1), until=day)
    previous = Window(
        since=current.since - timedelta(days=window), until=current.since - timedelta(days=1)
    )
    baseline = Window(
        since=current.since - timedelta(days=window * baseline_windows), until=previous.until
    )
    return current, previous, baseline


@dataclass
class TrendInput:
    """What the engine needs, already read from the graph."""

    day: date
    window: int
    baseline_windows: int
    entities: dict[str, dict]  # id -> {name, kind, first_seen}
    daily: dict[str, dict[date, int]]  # id -> day -> articles
    evidence: dict[str, dict[date, list[str]]] = field(
        default_factory=dict
    )  # id -> day -> article ids
    current_pairs: list[dict] = field(default_factory=list)  # {a, b, articles, sources, evidence}
    previous_pairs: list[dict] = field(default_factory=list)
    baseline_pairs: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)  # {head, type, tail, articles (with days)}
    article_days: dict[str, date] = field(default_factory=dict)


class Neighbour(BaseModel):
    id: str
    name: str
    kind: str
    weight: int


class EntityTrend(BaseModel):
    id: str
    name: str
    kind: str
    current: int
    baseline_mean: float
    score: float
    evidence: list[str]


class NeighbourhoodChange(BaseModel):
    id: str
    entity: str
    kind: str
    new_neighbours: list[Neighbour]
    lost_neighbours: list[Neighbour]
    kept: int
    jaccard: float  # distance: 1 - |kept| / |union|
    evidence: list[str]


class NewLink(BaseModel):
    head: str
    tail: str
    head_kind: str
    tail_kind: str
    type: str  # a relation type, or "co-mention"
    weight: int
    evidence: list[str]


class ClusterChange(BaseModel):
    change: str  # appeared | grew | split
    members: list[str]
    before: list[list[str]]


class Trends(BaseModel):
    date: str
    window: int
    current: Window
    previous: Window
    baseline: Window
    rising: list[EntityTrend]
    fading: list[EntityTrend]
    new_entities: list[EntityTrend]
    neighbourhood_changes: list[NeighbourhoodChange]
    new_links: list[NewLink]
    clusters: list[ClusterChange]
    min_support: int


@dataclass
class MentionedIn:
    """One article: its day, its source and the entities it mentions."""

    day: date
    source: str
    entities: set[str]


def co_mentions(
    articles: dict[str, MentionedIn], w: Window, only: set[tuple[str, str]] | None = None
) -> list[dict]:
    """Pairs of entities mentioned in the same articles of ``w`` (a < b), weighted by
    articles and sources, with the article ids; ``only`` keeps just those pairs."""
    # Only entities that appear in a wanted pair can form one: dropping the rest first keeps
    # the baseline (many days, few candidate pairs) cheap.
    wanted = {e for pair in only for e in pair} if only is not None else None
    found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for article, m in articles.items():
        if not w.since <= m.day <= w.until:
            continue
        entities = m.entities if wanted is None else m.entities & wanted
        if len(entities) < 2:
            continue
        for pair in combinations(sorted(entities), 2):
            if only is None or pair in only:
                found[pair].append(article)
    rows = []
    for (a, b), ids in sorted(found.items()):
        ids.sort()
        sources = len({articles[i].source for i in ids}) if len(ids) > 1 else 1
        rows.append({"a": a, "b": b, "articles": len(ids), "sources": sources, "evidence": ids})
    return rows


def _in(d: date, w: Window) -> bool:
    return w.since <= d <= w.until


def _count(daily: dict[date, int], w: Window) -> int:
    return sum(n for d, n in daily.items() if _in(d, w))


def _evidence(inp: TrendInput, eid: str, w: Window, limit: int = 8) -> list[str]:
    ids = sorted({a for d, arts in inp.evidence.get(eid, {}).items() if _in(d, w) for a in arts})
    return ids[:limit]


def _neighbours(pairs: list[dict]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for p in pairs:
        out[p["a"]][p["b"]] = p["articles"]
        out[p["b"]][p["a"]] = p["articles"]
    return out


def compute_trends(
    inp: TrendInput, *, min_support: int = 3, z_threshold: float = 2.0, limit: int = 15
) -> Trends:
    current, previous, baseline = windows(inp.day, inp.window, inp.baseline_windows)
    name = {eid: e["name"] for eid, e in inp.entities.items()}
    kind = {eid: e["kind"] for eid, e in inp.entities.items()}

    rising, fading, new = [], [], []
    for eid, daily in inp.daily.items():
        cur = _count(daily, current)
        mean = _count(daily, baseline) / inp.baseline_windows
        first = inp.entities[eid]["first_seen"]
        score = round((cur - mean) / math.sqrt(mean + 1.0), 2)
        trend = EntityTrend(
            id=eid,
            name=name[eid],
            kind=kind[eid],
            current=cur,
            baseline_mean=round(mean, 2),
            score=score,
            evidence=_evidence(inp, eid, current),
        )
        if first is not None and _in(first, current):
            if cur >= 1:
                new.append(trend)
            continue
        if cur >= min_support and score >= z_threshold:
            rising.append(trend)
        elif (
            mean >= min_support / 2
            and _count(daily, baseline) >= min_support
            and score <= -z_threshold / 2
            and cur < mean / 2
        ):
            fading.append(trend.model_copy(update={"evidence": _evidence(inp, eid, baseline)}))
    rising.sort(key=lambda t: (-t.score, t.name))
    fading.sort(key=lambda t: (t.score, t.name))
    new.sort(key=lambda t: (-t.current, t.name))

    now_n, before_n = _neighbours(inp.current_pairs), _neighbours(inp.previous_pairs)
    pair_evidence = {(p["a"], p["b"]): p["evidence"] for p in inp.current_pairs}
    changes = []
    for eid in sorted(set(now_n) | set(before_n)):
        cur_n = {n: w for n, w in now_n.get(eid, {}).items()}
        old_n = {n: w for n, w in before_n.get(eid, {}).items()}
        if (
            _count(inp.daily.get(eid, {}), current) < min_support
            or _count(inp.daily.get(eid, {}), previous) < min_support
        ):
            continue
        gained = {n: w for n, w in cur_n.items() if n not in old_n}
        lost = {n: w for n, w in old_n.items() if n not in cur_n}
        strong_gain = {n: w for n, w in gained.items() if w >= 2}
        strong_loss = {n: w for n, w in lost.items() if w >= 2}
        if len(strong_gain) + len(strong_loss) < 2:
            continue
        union = set(cur_n) | set(old_n)
        kept = set(cur_n) & set(old_n)
        jaccard = round(1 - len(kept) / len(union), 3) if union else 0.0
        if jaccard < 0.5:
            continue

        def as_list(items: dict[str, int]) -> list[Neighbour]:
            return [
                Neighbour(id=n, name=name.get(n, n), kind=kind.get(n, ""), weight=w)
                for n, w in sorted(items.items(), key=lambda kv: (-kv[1], name.get(kv[0], kv[0])))
            ]

        evidence = sorted(
            {a for n in strong_gain for a in pair_evidence.get(tuple(sorted((eid, n))), [])}
        )[:8]
        changes.append(
            NeighbourhoodChange(
                id=eid,
                entity=name.get(eid, eid),
                kind=kind.get(eid, ""),
                new_neighbours=as_list(strong_gain),
                lost_neighbours=as_list(strong_loss),
                kept=len(kept),
                jaccard=jaccard,
                evidence=evidence,
            )
        )
    changes.sort(
        key=lambda c: (-(len(c.new_neighbours) + len(c.lost_neighbours)), -c.jaccard, c.entity)
    )

    established = {
        eid for eid, daily in inp.daily.items() if _count(daily, baseline) >= min_support
    }
    linked_before = {(p["a"], p["b"]) for p in inp.previous_pairs + inp.baseline_pairs}
    links: dict[tuple[str, str, str], NewLink] = {}
    for rel in inp.relations:
        days = [inp.article_days[a] for a in rel["articles"] if a in inp.article_days]
        now_support = sorted(
            a
            for a in rel["articles"]
            if a in inp.article_days and _in(inp.article_days[a], current)
        )
        if (
            not now_support
            or any(d < current.since for d in days)
            or rel["first_seen"] < current.since
        ):
            continue
        h, t = rel["head"], rel["tail"]
        if h in established and t in established and tuple(sorted((h, t))) not in linked_before:
            links[(h, rel["type"], t)] = NewLink(
                head=name.get(h, h),
                tail=name.get(t, t),
                head_kind=kind.get(h, ""),
                tail_kind=kind.get(t, ""),
                type=rel["type"],
                weight=len(now_support),
                evidence=now_support[:8],
            )
    for p in inp.current_pairs:
        key = (p["a"], p["b"])
        if (
            p["articles"] >= min_support
            and p["a"] in established
            and p["b"] in established
            and key not in linked_before
            and not any(k[0] in key and k[2] in key for k in links)
        ):
            links[(p["a"], "co-mention", p["b"])] = NewLink(
                head=name.get(p["a"], p["a"]),
                tail=name.get(p["b"], p["b"]),
                head_kind=kind.get(p["a"], ""),
                tail_kind=kind.get(p["b"], ""),
                type="co-mention",
                weight=p["articles"],
                evidence=p["evidence"][:8],
            )
    new_links = sorted(
        links.values(), key=lambda x: (x.type == "co-mention", -x.weight, x.head, x.tail)
    )

    return Trends(
        date=inp.day.isoformat(),
        window=inp.window,
        current=current,
        previous=previous,
        baseline=baseline,
        rising=rising[:limit],
        fading=fading[:limit],
        new_entities=new[:limit],
        neighbourhood_changes=changes[:limit],
        new_links=new_links[:limit],
        clusters=_clusters(inp, name, min_support),
        min_support=min_support,
    )


def _communities(pairs: list[dict], min_weight: int) -> list[set[str]]:
    graph = nx.Graph()
    for p in pairs:
        if p["articles"] >= min_weight:
            graph.add_edge(p["a"], p["b"], weight=p["articles"])
    if graph.number_of_edges() == 0:
        return []
    return [
        c
        for c in nx.community.louvain_communities(graph, weight="weight", seed=7, threshold=1e-4)
        if len(c) >= 3
    ]


def _clusters(inp: TrendInput, name: dict[str, str], min_support: int) -> list[ClusterChange]:
    now = _communities(inp.current_pairs, 3)
    before = _communities(inp.previous_pairs, 3)
    out = []

    def names(c: set[str]) -> list[str]:
        return sorted(name.get(e, e) for e in c)

    for c in now:
        overlaps = sorted(before, key=lambda b: -len(b & c))
        best = overlaps[0] if overlaps else set()
        if len(best & c) < len(c) / 2:
            out.append(ClusterChange(change="appeared", members=names(c), before=[]))
        elif len(c) >= 1.5 * len(best):
            out.append(ClusterChange(change="grew", members=names(c), before=[names(best)]))
    for b in before:
        parts = [c for c in now if len(b & c) >= 2]
        if len(parts) >= 2:
            out.append(
                ClusterChange(change="split", members=names(b), before=[names(p) for p in parts])
            )
    return sorted(out, key=lambda c: (c.change, c.members))
