"""Trigger-pattern relation extraction over the entities of one sentence.

The rules are data (``relations.yaml``); this module compiles them and applies them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple, Protocol

import yaml

from kg.errors import ExtractionError
from kg.ontology import Ontology

RULES_FILE = Path(__file__).parent / "relations.yaml"
# Between members of a list: "A, B and C", "A、B 與 C".
COORD = re.compile(r"\s*(?:,|、|/|，)?\s*(?:and|or|as well as|plus|及|以及|和|與|与|跟)?\s*", re.I)


CONJUNCTION = re.compile(
    r"\s*(?:,\s*)?(?:and then|and|then|before|after|while|later|並且|并且|並|并|且|還|还|也|，)\s*",
    re.I,
)


@dataclass(frozen=True)
class TriggerRule:
    type: str
    where: Literal["after_head", "before_tail"]
    pattern: re.Pattern[str]
    swap: bool
    sentence: re.Pattern[str] | None
    number: int  # position in the file, for messages and for deterministic order
    # must match right after the second entity (after the last one of a list): the title in
    # "Ilya（OpenAI 聯合創辦人）", the verb in "Manus 被 Meta 收購"
    then: re.Pattern[str] | None = None


# Named tuples rather than frozen dataclasses: one of each per entity and per relation
# of every sentence, and a tuple is several times cheaper to make.
class Span(NamedTuple):
    start: int
    end: int
    name: str
    kind: str


class Mention(Protocol):
    """What the rules read of an entity: a Span, or anything with the same fields."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...


class Found(NamedTuple):
    head: Mention
    type: str
    tail: Mention
    rule: int


def _read(path: Path) -> dict[str, Any]:
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ExtractionError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise ExtractionError(f"{path}: expected a mapping with a 'rules' list")
    return data


def load_modifier(path: Path = RULES_FILE) -> re.Pattern[str] | None:
    """The file's ``modifier`` pattern: what, right after a Method, makes it a modifier."""
    raw = _read(path).get("modifier")
    if not raw:
        return None
    try:
        return re.compile(str(raw), re.I)
    except re.error as exc:
        raise ExtractionError(f"{path.name} modifier: bad regular expression: {exc}") from None


def load_rules(ontology: Ontology, path: Path = RULES_FILE) -> list[TriggerRule]:
    data = _read(path)
    # {F} and {L} stand for `filler` and `lead`; `macros` names further shared pieces
    macros = {"F": str(data.get("filler", "")), "L": str(data.get("lead", ""))}
    extra = data.get("macros") or {}
    if not isinstance(extra, dict):
        raise ExtractionError(f"{path}: 'macros' must be a mapping of name to pattern")
    macros.update({str(k): str(v) for k, v in extra.items()})

    def expand(pattern: Any) -> str:
        out = str(pattern)
        for key, value in macros.items():
            out = out.replace("{" + key + "}", value)
        return out

    rules = []
    for number, raw in enumerate(data["rules"], start=1):
        where = f"{path.name} rule {number}"
        if not isinstance(raw, dict):
            raise ExtractionError(f"{where}: expected a mapping, found {raw!r}")
        rel = raw.get("type")
        if rel not in ontology.relations:
            raise ExtractionError(
                f"{where}: relation type {rel!r} is not in ontology.ttl "
                f"(known: {', '.join(ontology.relation_names)})"
            )
        position = raw.get("where", "after_head")
        if position not in ("after_head", "before_tail"):
            raise ExtractionError(
                f"{where}: 'where' must be after_head or before_tail, not {position!r}"
            )
        try:
            pattern = re.compile(expand(raw["pattern"]), re.I)
            sentence = re.compile(expand(raw["sentence"]), re.I) if raw.get("sentence") else None
            then = re.compile(expand(raw["then"]), re.I) if raw.get("then") else None
        except KeyError:
            raise ExtractionError(f"{where}: missing 'pattern'") from None
        except re.error as exc:
            raise ExtractionError(f"{where}: bad regular expression: {exc}") from None
        rules.append(
            TriggerRule(
                rel, position, pattern, bool(raw.get("swap", False)), sentence, number, then
            )
        )
    return rules


@lru_cache(maxsize=1 << 14)
def _joins_list(gap: str) -> bool:
    """Whether ``gap`` is what stands between members of a list (gaps recur: ", ", " and ")."""
    return COORD.fullmatch(gap) is not None


def _list_after(text: str, spans: Sequence[Mention], first: int) -> list[int]:
    """Index ``first`` and the indices of spans coordinated with it that follow."""
    out = [first]
    k = first
    while k + 1 < len(spans) and _joins_list(text[spans[k].end : spans[k + 1].start]):
        if spans[k + 1].kind != spans[first].kind:
            break
        out.append(k + 1)
        k += 1
    return out


def _list_before(text: str, spans: Sequence[Mention], last: int) -> list[int]:
    out = [last]
    k = last
    while k - 1 >= 0 and _joins_list(text[spans[k - 1].end : spans[k].start]):
        if spans[k - 1].kind != spans[last].kind:
            break
        out.append(k - 1)
        k -= 1
    return out


def _clause_start(text: str, spans: Sequence[Mention], last: int) -> int:
    """Index of the first span of the clause that holds ``spans[last]``: a name right after a
    comma opens a clause with a subject of its own ("Google 發布 Gemini 3，OpenAI 的 GPT-5 則在
    ..."), unless it only continues a list of its kind ("DeepSeek-R1, Qwen3 and GPT-5")."""
    for k in range(last, 0, -1):
        gap = text[spans[k - 1].end : spans[k].start].rstrip()
        if gap.endswith((",", ";")) and (
            spans[k - 1].kind != spans[k].kind or not _joins_list(gap)
        ):
            return k
    return 0


def find_relations(
    text: str, spans: list[Span], rules: list[TriggerRule], ontology: Ontology
) -> list[Found]:
    """Relations stated in one sentence. ``spans`` are sorted and do not overlap."""
    return RelationFinder(rules, ontology)(text, spans)


class RelationFinder:
    """Trigger rules checked against the ontology once, then applied sentence by sentence."""

    def __init__(
        self,
        rules: list[TriggerRule],
        ontology: Ontology,
        modifier: re.Pattern[str] | None = None,
    ) -> None:
        self.rules = rules
        self._modifier = modifier
        self._types = {t: ontology.relation(t) for t in {rule.type for rule in rules}}
        self._joins: dict[tuple[str, str], frozenset[str]] = {}
        # (kinds before the gap, kind after it, kind right before it) -> the rules that
        # could link them in some reading, in file order, and a number for that group
        self._candidates: dict[tuple[frozenset[str], str, str], tuple[int, tuple]] = {}
        self._group_numbers = itertools.count()
        # (group, gap) -> the group's rules whose pattern matches the gap. Gaps repeat
        # (" released ", " and ", ", ahead of "), so most pairs are settled by one lookup.
        self._fired: dict[tuple[int, str], tuple[tuple[TriggerRule, bool], ...]] = {}

    def _joins_of(self, head_kind: str, tail_kind: str) -> frozenset[str]:
        key = (head_kind, tail_kind)
        types = self._joins.get(key)
        if types is None:
            types = self._joins[key] = frozenset(
                t for t, rel in self._types.items() if rel.admits(head_kind, tail_kind)
            )
        return types

    def _rules_for(
        self, heads_before: frozenset[str], tail_kind: str, near_kind: str
    ) -> tuple[int, tuple[TriggerRule, ...]]:
        key = (heads_before, tail_kind, near_kind)
        group = self._candidates.get(key)
        if group is None:
            forward = set().union(*(self._joins_of(k, tail_kind) for k in heads_before))
            swapped = self._joins_of(tail_kind, near_kind)
            rules = tuple(
                rule for rule in self.rules if rule.type in (swapped if rule.swap else forward)
            )
            # numbered from a counter, not len(): two threads filling the cache at once
            # must never give two different rule groups one number
            group = self._candidates[key] = (next(self._group_numbers), rules)
        return group

    def _matching(
        self, group: int, rules: tuple[TriggerRule, ...], gap: str
    ) -> tuple[tuple[TriggerRule, bool], ...]:
        """``(rule, after a conjunction)`` for each rule whose pattern matches ``gap``."""
        key = (group, gap)
        fired = self._fired.get(key)
        if fired is not None:
            return fired
        # "X exploited A and deployed B": after a conjunction the verb's subject is the
        # sentence's subject, not A.
        conj = CONJUNCTION.match(gap)
        after_conj = gap[conj.end() :] if conj else None
        out = []
        for rule in rules:
            if (
                after_conj is not None
                and rule.where == "after_head"
                and not rule.swap
                and rule.pattern.fullmatch(after_conj)
            ):
                out.append((rule, True))
            elif rule.pattern.fullmatch(gap):
                out.append((rule, False))
        if len(self._fired) >= _FIRED_CACHE:
            self._fired.clear()
        fired = self._fired[key] = tuple(out)
        return fired

    def __call__(
        self, text: str, spans: Sequence[Mention], sentence: tuple[int, int] | None = None
    ) -> list[Found]:
        """Relations stated in one sentence. ``spans`` are sorted, do not overlap and index
        ``text``; ``sentence`` is where the sentence lies in ``text`` (all of it by default),
        so a caller holding a whole document need not copy out each sentence and its spans."""
        found: dict[tuple[str, str, str], Found] = {}
        types = self._types
        spans = self._arguments(text, spans)

        def emit(head: Mention, type_: str, tail: Mention, rule: int) -> None:
            if head.name == tail.name and head.kind == tail.kind:
                return
            if not types[type_].admits(head.kind, tail.kind):
                return
            found.setdefault((head.name, type_, tail.name), Found(head, type_, tail, rule))

        kinds: frozenset[str] = frozenset()
        sentence_matches: dict[int, bool] = {}
        candidates, fired_for = self._candidates, self._fired
        for i in range(len(spans) - 1):
            near, after = spans[i], spans[i + 1]
            if near.kind not in kinds:
                kinds = kinds | {near.kind}
            key = (kinds, after.kind, near.kind)
            group, rules = candidates.get(key) or self._rules_for(*key)
            if not rules:
                continue
            gap = text[near.end : after.start]
            fired = fired_for.get((group, gap))
            if fired is None:
                fired = self._matching(group, rules, gap)
            if not fired:
                continue
            tails = _list_after(text, spans, i + 1)
            for rule, after_conjunction in fired:
                if rule.then is not None and not rule.then.match(text, spans[tails[-1]].end):
                    continue
                if rule.sentence is not None:
                    ok = sentence_matches.get(rule.number)
                    if ok is None:
                        whole = text if sentence is None else text[sentence[0] : sentence[1]]
                        ok = sentence_matches[rule.number] = bool(rule.sentence.search(whole))
                    if not ok:
                        continue
                rel = types[rule.type]
                if after_conjunction:
                    for h in range(0, i + 1):
                        if rel.admits(spans[h].kind, spans[i + 1].kind):
                            for t in tails:
                                emit(spans[h], rule.type, spans[t], rule.number)
                            break
                elif rule.where == "after_head":
                    for h in _list_before(text, spans, i):
                        for t in tails:
                            if rule.swap:
                                emit(spans[t], rule.type, spans[h], rule.number)
                            else:
                                emit(spans[h], rule.type, spans[t], rule.number)
                else:
                    first = _clause_start(text, spans, i)
                    for t in tails:
                        for h in range(first, i + 1):
                            if rel.admits(spans[h].kind, spans[t].kind):
                                emit(spans[h], rule.type, spans[t], rule.number)
                                break
        return list(found.values())

    def _arguments(self, text: str, spans: Sequence[Mention]) -> Sequence[Mention]:
        """``spans`` without the Methods that only qualify the noun after them: "AI 代理" in
        "收購 AI 代理新創 Manus", "人形機器人" in "的人形機器人 Unitree G1". Such a Method is
        not what the verb acts on, and its text joins the gap, so "收購 ... Manus" still reads
        as one phrase."""
        modifier = self._modifier
        if modifier is None or "Method" not in [span.kind for span in spans]:
            return spans
        drop = None
        last = len(spans) - 1
        for k, span in enumerate(spans):
            if span.kind != "Method":
                continue
            if modifier.match(text, span.end) or (
                k < last
                and spans[k + 1].kind != "Method"
                and not text[span.end : spans[k + 1].start].strip(_OPENING)
            ):
                if drop is None:
                    drop = set()
                drop.add(k)
        if drop is None:
            return spans
        return [span for k, span in enumerate(spans) if k not in drop]


_FIRED_CACHE = 1 << 16
# what may stand between a Method and the name it classifies: "人形機器人（Unitree G1、..."
_OPENING = " \t\n(「『《“"
