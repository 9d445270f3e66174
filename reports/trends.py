"""Trends from cross-day neighbourhood change. Pure: window data in, explainable numbers out.

Windows: the current window is the last ``window`` days up to the report day; the
previous window is the ``window`` days before it; the baseline is the ``baseline_windows``
windows before the current one. Every number here is a count or a simple ratio of counts,
and every statement carries the article ids it rests on.

- rising / fading: articles in the current window against the baseline mean per window,
  scored ``(current - mean) / sqrt(mean + 1)`` (a Poisson-style z), only for entities seen
  before the window (first sightings are ``new_entities``, not "rising from zero"), and
  only with ``min_support`` articles on the larger side.
- coverage: the baseline counts only days the graph holds articles for. A baseline that
  would reach before the first day held is clipped (and the output says so); with fewer
  than ``MIN_BASELINE_DAYS`` covered days nothing is called rising, fading, new or linked.
- fading: below half the baseline mean with z <= -z/2, or gone quiet (a regular of the
  baseline, absent from both the current and the previous window).
- neighbourhood change: neighbours now against before, typed relations (stated by an
  article) before co-mentions, specific neighbours (rare in the span, IDF-like) before
  hubs. A switch (the same relation type now with a new counterpart, the old one no
  longer stated) is reported at any window with any support: it is a fact with evidence.
  Co-mention churn needs ``min_support`` articles on both sides and a Jaccard distance of
  0.5. Changes are ranked by the specificity-weighted sum of what changed.
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

from kg.models import CONCEPT


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
    stated: list[dict] = field(default_factory=list)  # {head, type, tail, article, day} in the span
    covered_days: set[date] | None = None  # days of the span holding articles (None: all)


MIN_BASELINE_DAYS = 3
TYPED_WEIGHT = 3.0  # a stated relation counts as much as three co-mentions


class Neighbour(BaseModel):
    id: str
    name: str
    kind: str
    weight: int
    relation: str = "co-mention"  # or the relation type that links them
    specificity: float = 0.0  # log((1 + articles in span) / (1 + articles naming it))
    evidence: list[str] = []


class EntityTrend(BaseModel):
    id: str
    name: str
    kind: str
    current: int
    baseline_mean: float
    score: float
    evidence: list[str]
    reason: str = ""  # fading: "below" (z) or "quiet" (absent two windows)


class NeighbourhoodChange(BaseModel):
    id: str
    entity: str
    kind: str
    new_neighbours: list[Neighbour]
    lost_neighbours: list[Neighbour]
    kept: int
    jaccard: float  # distance: 1 - |kept| / |union|
    evidence: list[str]
    score: float = 0.0  # specificity-weighted size of what changed
    switch: bool = False  # a relation type now held with a new counterpart instead of the old


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


class Coverage(BaseModel):
    baseline_days: int  # days the baseline spans
    covered_days: int  # of those, days the graph holds articles for
    data_since: date | None  # first day of the span holding articles
    clipped: bool  # the baseline reached before the data
    thin: bool  # too few covered days: rising, fading, new entities and links are withheld
    note: str  # one line saying the above, in English (trend_prose translates)


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
    coverage: Coverage | None = None


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


def _coverage(inp: TrendInput, baseline: Window) -> Coverage:
    span_days = (baseline.until - baseline.since).days + 1
    covered = (
        sorted(d for d in inp.covered_days if _in(d, baseline))
        if inp.covered_days is not None
        else [baseline.since + timedelta(days=i) for i in range(span_days)]
    )
    held = sorted(inp.covered_days) if inp.covered_days is not None else covered
    since = held[0] if held else None
    clipped = since is None or since > baseline.since
    thin = len(covered) < MIN_BASELINE_DAYS
    if thin:
        note = (
            f"baseline {baseline.since}..{baseline.until} holds articles on {len(covered)} of "
            f"{span_days} days (the graph starts {since or 'later'}): too thin to call anything "
            "rising, fading, new or newly linked"
        )
    elif clipped:
        note = (
            f"baseline clipped to {covered[0]}..{baseline.until} ({len(covered)} of {span_days} "
            f"days): the graph holds no articles before {since}"
        )
    elif len(covered) < span_days:
        note = f"baseline holds articles on {len(covered)} of {span_days} days; means use those"
    else:
        note = ""
    return Coverage(
        baseline_days=span_days,
        covered_days=len(covered),
        data_since=since,
        clipped=clipped,
        thin=thin,
        note=note,
    )


def compute_trends(
    inp: TrendInput, *, min_support: int = 3, z_threshold: float = 2.0, limit: int = 15
) -> Trends:
    current, previous, baseline = windows(inp.day, inp.window, inp.baseline_windows)
    name = {eid: e["name"] for eid, e in inp.entities.items()}
    kind = {eid: e["kind"] for eid, e in inp.entities.items()}
    coverage = _coverage(inp, baseline)
    # Windows' worth of baseline actually held: a mean over days with no data is no mean.
    held_windows = max(coverage.covered_days / inp.window, 1e-9)

    rising, fading, new = [], [], []
    for eid, daily in inp.daily.items():
        if coverage.thin:
            break
        cur = _count(daily, current)
        base = _count(daily, baseline)
        mean = base / held_windows
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
            if cur >= 1 and trend.kind != CONCEPT:  # a concept first seen is no new name
                new.append(trend)
            continue
        base_days = sum(1 for d, n in daily.items() if n and _in(d, baseline))
        if cur >= min_support and score >= z_threshold:
            rising.append(trend)
        elif (
            mean >= min_support / 2
            and base >= min_support
            and score <= -z_threshold / 2
            and cur < mean / 2
        ):
            fading.append(
                trend.model_copy(
                    update={"evidence": _evidence(inp, eid, baseline), "reason": "below"}
                )
            )
        elif (
            cur == 0
            and _count(daily, previous) == 0
            and base >= 2 * min_support
            and base_days >= min_support
        ):
            fading.append(
                trend.model_copy(
                    update={"evidence": _evidence(inp, eid, baseline), "reason": "quiet"}
                )
            )
    rising.sort(key=lambda t: (-t.score, t.name))
    fading.sort(key=lambda t: (t.score, t.name))
    new.sort(key=lambda t: (-t.current, t.name))

    changes = _neighbourhood_changes(inp, current, previous, baseline, name, kind, min_support)

    established = {
        eid for eid, daily in inp.daily.items() if _count(daily, baseline) >= min_support
    }
    if coverage.thin:
        established = set()
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
        coverage=coverage,
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


def _specificity(inp: TrendInput) -> dict[str, float]:
    """IDF-like: log((1 + articles in the span) / (1 + articles naming the entity))."""
    articles: dict[str, set[str]] = {
        eid: {a for ids in days.values() for a in ids} for eid, days in inp.evidence.items()
    }
    total = len({a for ids in articles.values() for a in ids})
    return {eid: round(math.log((1 + total) / (1 + len(ids))), 3) for eid, ids in articles.items()}


def _typed(inp: TrendInput, w: Window) -> dict[str, dict[tuple[str, str, str], list[str]]]:
    """entity -> (neighbour, relation type, role) -> supporting article ids within ``w``."""
    out: dict[str, dict[tuple[str, str, str], list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in inp.stated:
        if not _in(row["day"], w):
            continue
        h, t, typ = row["head"], row["tail"], row["type"]
        if h == t:
            continue
        out[h][(t, typ, "head")].append(row["article"])
        out[t][(h, typ, "tail")].append(row["article"])
    return out


def _neighbourhood_changes(
    inp: TrendInput,
    current: Window,
    previous: Window,
    baseline: Window,
    name: dict[str, str],
    kind: dict[str, str],
    min_support: int,
) -> list[NeighbourhoodChange]:
    idf = _specificity(inp)
    common = math.log(2)  # a neighbour in half the span's articles or more is a hub here
    before_span = Window(since=baseline.since, until=previous.until)
    typed_now, typed_before = _typed(inp, current), _typed(inp, before_span)
    now_n, before_n = _neighbours(inp.current_pairs), _neighbours(inp.previous_pairs)
    now_ev = {(p["a"], p["b"]): p["evidence"] for p in inp.current_pairs}
    before_ev = {(p["a"], p["b"]): p["evidence"] for p in inp.previous_pairs}

    def pair(a: str, b: str) -> tuple[str, str]:
        return (a, b) if a < b else (b, a)

    def neighbour(n: str, weight: int, evidence: list[str], relation: str = "co-mention"):
        return Neighbour(
            id=n,
            name=name.get(n, n),
            kind=kind.get(n, ""),
            weight=weight,
            relation=relation,
            specificity=idf.get(n, 0.0),
            evidence=evidence,
        )

    changes = []
    for eid in sorted(set(now_n) | set(before_n) | set(typed_now)):
        # Neighbours now and before, a stated relation taking the place of a co-mention.
        now: dict[str, Neighbour] = {}
        for n, w in now_n.get(eid, {}).items():
            now[n] = neighbour(n, w, now_ev.get(pair(eid, n), [])[:8])
        for (n, typ, _role), ids in typed_now.get(eid, {}).items():
            now[n] = neighbour(n, len(set(ids)), sorted(set(ids))[:8], typ)
        typed_old = typed_before.get(eid, {})
        old_typed_n = {n for n, _t, _r in typed_old}
        gained = {
            n: x for n, x in now.items() if n not in before_n.get(eid, {}) and n not in old_typed_n
        }
        # A switch: a relation type (in the same role) now held with a new counterpart, the
        # old counterpart no longer stated and no longer around.
        now_roles = {(typ, role) for (_n, typ, role) in typed_now.get(eid, {})}
        switched: dict[str, Neighbour] = {}
        for (n, typ, role), ids in typed_old.items():
            if (
                (typ, role) in now_roles
                and n not in now
                and any(g.relation == typ for g in gained.values())
            ):
                switched[n] = neighbour(n, len(set(ids)), sorted(set(ids))[-8:], typ)
        lost = dict(switched)
        for n, w in before_n.get(eid, {}).items():
            if n not in now and n not in lost:
                lost[n] = neighbour(n, w, before_ev.get(pair(eid, n), [])[:8])

        def strong(x: Neighbour) -> bool:
            return x.relation != "co-mention" or (x.weight >= 2 and x.specificity >= common)

        strong_gain = {n: x for n, x in gained.items() if strong(x)}
        strong_loss = {n: x for n, x in lost.items() if strong(x)}
        union = set(now) | set(before_n.get(eid, {})) | set(switched)
        kept = set(now) & (set(before_n.get(eid, {})) | old_typed_n)
        jaccard = round(1 - len(kept) / len(union), 3) if union else 0.0
        if not switched and (
            _count(inp.daily.get(eid, {}), current) < min_support
            or _count(inp.daily.get(eid, {}), previous) < min_support
            or len(strong_gain) + len(strong_loss) < 2
            or jaccard < 0.5
        ):
            continue

        def ordered(items: dict[str, Neighbour]) -> list[Neighbour]:
            return sorted(
                items.values(),
                key=lambda nb: (nb.relation == "co-mention", -nb.specificity, -nb.weight, nb.name),
            )

        changed = list(strong_gain.values()) + list(strong_loss.values())
        score = sum(
            (1.0 if x.relation == "co-mention" else TYPED_WEIGHT) * x.specificity for x in changed
        )
        changes.append(
            NeighbourhoodChange(
                id=eid,
                entity=name.get(eid, eid),
                kind=kind.get(eid, ""),
                new_neighbours=ordered(strong_gain),
                lost_neighbours=ordered(strong_loss),
                kept=len(kept),
                jaccard=jaccard,
                evidence=sorted({a for x in changed for a in x.evidence})[:12],
                score=round(score, 3),
                switch=bool(switched),
            )
        )
    changes.sort(key=lambda c: (-c.score, c.entity))
    return changes
