"""Evaluating a watchlist over one day: pure, day data in, alerts out.

One alert per subject and event: when several entries match the same entity (its name,
its kind, a pattern), the event (a mention, a new relation, a spike, ...) fires once and
lists every entry it answers, at the highest of their severities. Its id hashes the
event, the subject and the evidence, so the same fact never fires twice, whichever
watchlist or entry asked for it.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from kg.models import CONCEPT
from reports.alerts.watchlist import Entry, Rule, Watchlist
from reports.alerts.words import is_common_word

SEVERITY_ORDER = ("low", "medium", "high", "critical")


def alert_id(rule: str, subject: str, evidence: list[str]) -> str:
    key = json.dumps([rule, subject, sorted(evidence)], ensure_ascii=False)
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def _occurrences(surface: str, text: str) -> list[tuple[int, int]]:
    if not surface:
        return []
    if re.search(r"[^\x00-\x7f]", surface):
        return [(m.start(), m.end()) for m in re.finditer(re.escape(surface), text)]
    pattern = r"(?<![\w-])" + re.escape(surface) + r"(?![\w-])"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]


def _inside_longer_name(text: str, start: int, end: int) -> bool:
    """'Silicon' in 'Silicon Valley' or 'Apple' in 'Big Apple': a capitalised word beside it."""
    after = re.match(r"\s+([A-Z][\w-]*)", text[end:])
    before = re.search(r"([A-Z][\w-]*)\s+$", text[:start])
    return bool(after) or bool(before and before.start() > 0 and text[before.start() - 1] != ".")


def named_in(entity: dict[str, Any], snippet: str) -> bool:
    """Does this evidence name the entity, not just a common word that is one of its names?

    A snippet naming it by its name or an uncommon alias counts; one where the only match is
    a common-word alias does not; a common-word name counts only standing alone. A snippet
    with no match at all (a Traditional/Simplified variant, a fuzzy match) is trusted.
    """
    if not snippet:
        return True
    name = entity["name"]
    surfaces = [name, *(entity.get("aliases") or [])]
    found_any = False
    for surface in surfaces:
        spans = _occurrences(surface, snippet)
        if not spans:
            continue
        found_any = True
        if not is_common_word(surface):
            return True
        if surface == name and any(not _inside_longer_name(snippet, s, e) for s, e in spans):
            return True
    return not found_any


def evaluate(watchlist: Watchlist, day: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Alerts for one day. ``data``: entities, mentions, new_relations, articles, trends (rows)."""
    entities = {e["id"]: e for e in data["entities"]}
    by_name = {e["name"]: e for e in data["entities"]}
    articles = {a["id"]: a for a in data["articles"]}
    mentions: dict[str, list[dict]] = {}
    for m in data["mentions"]:
        e = entities.get(m["entity"])
        if e is not None and named_in(e, m.get("evidence") or ""):
            mentions.setdefault(m["entity"], []).append(m)

    def evidence(ids: list[str], sentences: dict[str, str] | None = None) -> list[dict[str, str]]:
        out = []
        for aid in sorted(set(ids))[:10]:
            a = articles.get(aid, {})
            out.append(
                {
                    "article": aid,
                    "title": a.get("title", ""),
                    "url": a.get("url", ""),
                    "sentence": (sentences or {}).get(aid, ""),
                }
            )
        return out

    events: dict[tuple[str, str], dict[str, Any]] = {}

    def fire(
        entry: Entry,
        rule: Rule,
        entity: dict,
        subject: str,
        ids: list[str],
        detail: str,
        sentences: dict[str, str] | None = None,
    ) -> None:
        if not ids:
            return
        key = (rule.type, subject)
        alert = events.get(key)
        if alert is None:
            events[key] = {
                "id": alert_id(rule.type, subject, ids),
                "entry": entry.key,
                "entries": [entry.key],
                "rule": rule.type,
                "entity": entity["name"],
                "kind": entity["kind"],
                "date": day,
                "severity": entry.severity,
                "subject": subject,
                "detail": detail,
                "evidence": evidence(ids, sentences),
            }
            return
        if entry.key not in alert["entries"]:
            alert["entries"].append(entry.key)
        if SEVERITY_ORDER.index(entry.severity) > SEVERITY_ORDER.index(alert["severity"]):
            alert["severity"], alert["entry"] = entry.severity, entry.key

    trends = data.get("trends") or {}
    for entry in watchlist.watch:
        matched = [e for e in entities.values() if entry.matches(e)]
        for rule in entry.rules:
            if rule.type == "mention":
                for e in matched:
                    rows = mentions.get(e["id"], [])
                    ids = [m["article"] for m in rows]
                    fire(
                        entry,
                        rule,
                        e,
                        e["id"],
                        ids,
                        f"{len(set(ids))} articles",
                        {m["article"]: m.get("evidence") or "" for m in rows},
                    )
            elif rule.type == "new_entity":
                for e in matched:
                    # a concept first seen is no new entity, unless concepts are watched
                    if e["kind"] == CONCEPT and entry.kind != CONCEPT:
                        continue
                    if str(e.get("first_seen")) == day:
                        ids = [m["article"] for m in mentions.get(e["id"], [])]
                        fire(entry, rule, e, e["id"], ids, f"first seen {day}")
            elif rule.type == "new_relation":
                for r in data["new_relations"]:
                    for end, other in (("head", "tail"), ("tail", "head")):
                        e = by_name.get(r[end])
                        counterpart_kind = r[f"{other}_kind"]
                        if e is None or not entry.matches(e):
                            continue
                        if rule.relation_types and r["type"] not in rule.relation_types:
                            continue
                        if rule.counterpart_kind and counterpart_kind != rule.counterpart_kind:
                            continue
                        subject = f"{r['head']} {r['type']} {r['tail']}"
                        sentences = dict(zip(r["articles"], r["evidence"], strict=False))
                        fire(entry, rule, e, subject, list(r["articles"]), subject, sentences)
            elif rule.type == "spike":
                threshold = rule.threshold if rule.threshold is not None else 2.0
                for t in trends.get("rising", []):
                    e = entities.get(t["id"])
                    if e and entry.matches(e) and t["score"] >= threshold:
                        fire(
                            entry,
                            rule,
                            e,
                            e["id"],
                            t["evidence"],
                            f"{t['current']} articles against a baseline of {t['baseline_mean']} (z = {t['score']})",
                        )
            elif rule.type == "neighbourhood_change":
                threshold = rule.threshold if rule.threshold is not None else 0.5
                for c in trends.get("neighbourhood_changes", []):
                    e = entities.get(c["id"])
                    if e and entry.matches(e) and c["jaccard"] >= threshold:
                        new = ", ".join(n["name"] for n in c["new_neighbours"])
                        lost = ", ".join(n["name"] for n in c["lost_neighbours"])
                        fire(
                            entry,
                            rule,
                            e,
                            f"{e['id']} {new} / {lost}",
                            c["evidence"],
                            f"new: {new or '-'}; lost: {lost or '-'} (Jaccard distance {c['jaccard']})",
                        )
    return sorted(events.values(), key=lambda a: (a["entry"], a["rule"], a["subject"]))
