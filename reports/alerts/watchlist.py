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

Generic concepts ("Federated Learning", kind Concept) are topics, not named entities: an
entry matches one only when it names it (``name:``) or its kind (``kind: Concept``), never
by a pattern alone, and ``new_entity`` fires on a concept only for ``kind: Concept``.

The file is read through ``kg.safe_yaml`` (size and alias-expansion bounds), as front
matter is. ``pattern`` is compiled with RE2 (google-re2): matching is linear in the name's length
whatever the pattern, and the constructs that need backtracking (back-references,
look-around) are refused when the file is loaded, naming the line.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Literal

import re2
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from kg.errors import ConfigError
from kg.models import CONCEPT
from kg.normalize import normalize_name
from kg.safe_yaml import YAMLRefused, load_yaml_node
from reports.alerts.words import is_common_word

# A watchlist pattern is matched against entity names: a few hundred characters is plenty,
# and RE2's memory budget bounds what a repetition count can build.
MAX_PATTERN = 500
_RE2_MEMORY = 8 << 20

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
            _compiled(self.pattern)  # refused here, with the entry's line, when unsafe
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
        if entity["kind"] == CONCEPT and not (self.name or self.kind):
            return False  # a topic, not a name: watched when named, or by its kind
        if self.pattern and not _compiled(self.pattern).search(entity["name"]):
            return False
        if self.name:
            wanted = normalize_name(self.name)
            # An alias that is a common word ("Silicon") does not make the entry match: the
            # analyst named the entity, not the word.
            names = [entity["name"]] + [
                a for a in entity.get("aliases") or [] if not is_common_word(a)
            ]
            return any(normalize_name(n) == wanted for n in names)
        return True


@functools.lru_cache(maxsize=256)
def _compiled(pattern: str):
    if len(pattern) > MAX_PATTERN:
        raise ValueError(f"pattern is {len(pattern)} characters long; at most {MAX_PATTERN}")
    options = re2.Options()
    options.log_errors = False
    options.max_mem = _RE2_MEMORY
    try:
        return re2.compile(pattern, options)
    except re2.error as exc:
        reason = exc.args[0].decode() if exc.args and isinstance(exc.args[0], bytes) else exc
        raise ValueError(
            f"pattern {pattern!r} is refused: {reason} (patterns are RE2: no back-references "
            "or look-around, bounded repetition)"
        ) from None


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
    def legacy_key(self) -> str:
        """How stores written before per-sink delivery state named this sink."""
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
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the watchlist ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(
            f"{path}:{line}: the watchlist is not UTF-8 (byte {raw[exc.start]:#04x} at offset "
            f"{exc.start}); save it as UTF-8"
        ) from None
    try:
        root, data = load_yaml_node(text, "the watchlist")
    except YAMLRefused as exc:
        where = f"{path}:{exc.line}" if exc.line else str(path)
        raise ConfigError(f"{where}: {exc}") from None
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
