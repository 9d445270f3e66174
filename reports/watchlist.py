"""Watchlists: what an analyst tracks, and the pure evaluation of its rules over one day.

A watchlist file (YAML)::

    watch:
      - name: Velora Labs            # or  kind: ThreatActor  or  pattern: ".*Bench$"
        rules: [new_relation]        # mention | new_relation | neighbourhood_change | spike | new_entity
        severity: high
      - kind: ThreatActor
        rules:
          - new_relation: {counterpart_kind: Organization}
    sinks:
      - console: true
      - jsonl: alerts.jsonl
      - webhook: env:KG_WEBHOOK_URL

An alert's id hashes (entry, rule, subject, evidence), so the same fact never fires twice.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kg.errors import ConfigError
from kg.normalize import normalize_name

RuleName = Literal["mention", "new_relation", "neighbourhood_change", "spike", "new_entity"]
Severity = Literal["low", "medium", "high", "critical"]


class Rule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: RuleName
    relation_types: list[str] = []  # new_relation: only these types
    counterpart_kind: str | None = None  # new_relation: the other end must be of this kind
    threshold: float | None = (
        None  # spike: z score (default 2); neighbourhood_change: Jaccard (0.5)
    )


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str | None = None
    kind: str | None = None
    pattern: str | None = None
    rules: list[Rule] = Field(default_factory=lambda: [Rule(type="mention")])
    severity: Severity = "medium"
    label: str = ""

    @field_validator("rules", mode="before")
    @classmethod
    def _rules(cls, value: Any) -> Any:
        out = []
        for item in value or []:
            if isinstance(item, str):
                out.append({"type": item})
            elif isinstance(item, dict) and len(item) == 1 and "type" not in item:
                ((rule, options),) = item.items()
                out.append({"type": rule, **(options or {})})
            else:
                out.append(item)
        return out

    @model_validator(mode="after")
    def _one_selector(self) -> Entry:
        if not (self.name or self.kind or self.pattern):
            raise ValueError("an entry needs a name, a kind or a pattern")
        if self.pattern:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(
                    f"pattern {self.pattern!r} is not a regular expression: {exc}"
                ) from None
        return self

    @property
    def key(self) -> str:
        return (
            self.label
            or self.name
            or (f"kind:{self.kind}" if self.kind and not self.pattern else "")
            or f"pattern:{self.pattern}"
        )

    def matches(self, entity: dict[str, Any]) -> bool:
        if self.kind and entity["kind"] != self.kind:
            return False
        if self.pattern and not re.search(self.pattern, entity["name"]):
            return False
        if self.name:
            wanted = normalize_name(self.name)
            names = [entity["name"], *(entity.get("aliases") or [])]
            return any(normalize_name(n) == wanted for n in names)
        return True


class Sink(BaseModel):
    model_config = ConfigDict(extra="forbid")

    console: bool | None = None
    jsonl: str | None = None
    webhook: str | None = None

    @model_validator(mode="after")
    def _one(self) -> Sink:
        if sum(v is not None for v in (self.console, self.jsonl, self.webhook)) != 1:
            raise ValueError("each sink is exactly one of console, jsonl, webhook")
        if self.webhook and not self.webhook.startswith(("http://", "https://", "env:")):
            raise ValueError("a webhook is an http(s) URL or env:VARIABLE")
        return self

    @property
    def key(self) -> str:
        if self.console is not None:
            return "console"
        return f"jsonl:{self.jsonl}" if self.jsonl else f"webhook:{self.webhook}"


class Watchlist(BaseModel):
    model_config = ConfigDict(extra="forbid")

    watch: list[Entry]
    sinks: list[Sink] = Field(default_factory=lambda: [Sink(console=True)])


def load_watchlist(path: Path, kinds: list[str], relation_types: list[str]) -> Watchlist:
    """Parse and validate; errors name the file, the line and what is wrong."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the watchlist ({exc.strerror})") from None
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: not valid YAML: {getattr(exc, 'problem', exc)}") from None
    lines = _item_lines(root)
    if not isinstance(data, dict):
        raise ConfigError(f"{path}:1: expected a mapping with 'watch:' (and optional 'sinks:')")
    try:
        watchlist = Watchlist.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = err["loc"]
        line = lines.get(
            (loc[0], loc[1]) if len(loc) > 1 and isinstance(loc[1], int) else (loc[0], None), 1
        )
        field = ".".join(str(p) for p in loc)
        raise ConfigError(f"{path}:{line}: {field}: {err['msg']}") from None
    for i, entry in enumerate(watchlist.watch):
        line = lines.get(("watch", i), 1)
        if entry.kind and entry.kind not in kinds:
            raise ConfigError(
                f"{path}:{line}: watch.{i}.kind: unknown kind {entry.kind!r} (one of {', '.join(kinds)})"
            )
        for rule in entry.rules:
            bad = [t for t in rule.relation_types if t not in relation_types]
            if bad or (rule.counterpart_kind and rule.counterpart_kind not in kinds):
                what = (
                    f"relation type(s) {', '.join(bad)}"
                    if bad
                    else f"kind {rule.counterpart_kind!r}"
                )
                raise ConfigError(f"{path}:{line}: watch.{i}.rules: unknown {what}")
    return watchlist


def _item_lines(root: Any) -> dict[tuple[str, int | None], int]:
    out: dict[tuple[str, int | None], int] = {}
    if not isinstance(root, yaml.MappingNode):
        return out
    for key, value in root.value:
        out[(key.value, None)] = key.start_mark.line + 1
        if isinstance(value, yaml.SequenceNode):
            for i, item in enumerate(value.value):
                out[(key.value, i)] = item.start_mark.line + 1
    return out


def alert_id(entry: str, rule: str, subject: str, evidence: list[str]) -> str:
    key = json.dumps([entry, rule, subject, sorted(evidence)], ensure_ascii=False)
    return hashlib.sha256(key.encode()).hexdigest()[:20]


def evaluate(watchlist: Watchlist, day: str, data: dict[str, Any]) -> list[dict[str, Any]]:
    """Alerts for one day. ``data``: entities, mentions, new_relations, articles, trends (rows)."""
    entities = {e["id"]: e for e in data["entities"]}
    by_name = {e["name"]: e for e in data["entities"]}
    articles = {a["id"]: a for a in data["articles"]}
    mentions: dict[str, list[dict]] = {}
    for m in data["mentions"]:
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

    alerts: list[dict[str, Any]] = []

    def fire(
        entry: Entry,
        rule: Rule,
        entity: dict,
        subject: str,
        ids: list[str],
        detail: str,
        sentences: dict[str, str] | None = None,
    ) -> None:
        alerts.append(
            {
                "id": alert_id(entry.key, rule.type, subject, ids),
                "entry": entry.key,
                "rule": rule.type,
                "entity": entity["name"],
                "kind": entity["kind"],
                "date": day,
                "severity": entry.severity,
                "subject": subject,
                "detail": detail,
                "evidence": evidence(ids, sentences),
            }
        )

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
    unique = {a["id"]: a for a in alerts}
    return sorted(unique.values(), key=lambda a: (a["entry"], a["rule"], a["subject"]))
