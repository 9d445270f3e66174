"""Trigger-pattern relation extraction over the entities of one sentence.

The rules are data (``relations.yaml``); this module compiles them and applies them.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
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
# The same, further into a gap: "breached MGM using social engineering, then deployed".
LATER_CONJUNCTION = re.compile(r"(?:\s*,\s*|\s+)(?:and then|then|and|before|after)\s+", re.I)
# Before such a conjunction, these mean the clause has a subject of its own ("hackers who
# used ...", "was breached by ..."), so the later verb need not be the sentence subject's.
_OWN_SUBJECT = re.compile(r"\b(?:who|whose|which|that|by)\b", re.I)
# What may follow the last name of a list when that name is of another kind than the first:
# the list goes on or the phrase ends, so the name is no subject of a verb of its own.
_MEMBER_END = re.compile(
    r"\s*(?:$|[,.;:!?)。；！？，、]|(?:and|or|as well as|plus|in|on|at|with|for|via|during|"
    r"across|through|since|over|among|including|last|this|earlier)\b)",
    re.I,
)
# A word in an aside that is not a name nor a joint of a list: ", the Facebook parent,"
# is an aside, ", Google DeepMind and" or ", Google's" only continue a list.
_ASIDE_WORD = re.compile(r"\b(?!(?:and|or|plus)\b)[^\W\d_]{2,}")


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
    # optional: the kinds the relation's head may be for this rule ("NVIDIA H200" names a
    # product's maker; "SemiAnalysis InferenceMAX" names no benchmark's)
    heads: frozenset[str] | None = None
    # optional: must not match right before the first entity ("Former GitHub CEO X")
    unless_before: re.Pattern[str] | None = None
    # the second entity only, not the list it opens: a title names one person
    single: bool = False


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


class Asides(NamedTuple):
    """The file's ``aside`` patterns, matched right after a name."""

    comma: re.Pattern[str] | None  # the aside up to and past its closing comma
    # the words right before the name(s) an aside with no commas ends with, matched as the
    # end of the text between two names
    bare: re.Pattern[str] | None


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


def _macros(path: Path, data: dict[str, Any]) -> dict[str, str]:
    # {F} and {L} stand for `filler` and `lead`; `macros` names further shared pieces
    macros = {"F": str(data.get("filler", "")), "L": str(data.get("lead", ""))}
    extra = data.get("macros") or {}
    if not isinstance(extra, dict):
        raise ExtractionError(f"{path}: 'macros' must be a mapping of name to pattern")
    macros.update({str(k): str(v) for k, v in extra.items()})
    return macros


def _expander(macros: dict[str, str]):
    def expand(pattern: Any) -> str:
        out = str(pattern)
        for key, value in macros.items():
            out = out.replace("{" + key + "}", value)
        return out

    return expand


def load_asides(path: Path = RULES_FILE) -> Asides | None:
    """The file's ``aside`` patterns: what, after a name, is an aside the verb skips."""
    data = _read(path)
    raw = data.get("aside")
    if not raw:
        return None
    if not isinstance(raw, dict) or not set(raw) <= {"comma", "bare"}:
        raise ExtractionError(f"{path.name} aside: expected a mapping with 'comma' and 'bare'")
    expand = _expander(_macros(path, data))
    try:
        compiled = {
            key: re.compile(f"(?:{expand(raw[key])})" + end, re.I) if raw.get(key) else None
            for key, end in (("comma", ""), ("bare", r"\Z"))
        }
    except re.error as exc:
        raise ExtractionError(f"{path.name} aside: bad regular expression: {exc}") from None
    return Asides(compiled["comma"], compiled["bare"])


def load_rules(ontology: Ontology, path: Path = RULES_FILE) -> list[TriggerRule]:
    data = _read(path)
    expand = _expander(_macros(path, data))

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
            unless_before = (
                re.compile(f"(?:{expand(raw['unless_before'])})\\Z", re.I)
                if raw.get("unless_before")
                else None
            )
        except KeyError:
            raise ExtractionError(f"{where}: missing 'pattern'") from None
        except re.error as exc:
            raise ExtractionError(f"{where}: bad regular expression: {exc}") from None
        heads = raw.get("heads")
        if heads is not None and not set(heads) <= set(ontology.kinds):
            raise ExtractionError(f"{where}: 'heads' names unknown kinds {heads!r}")
        rules.append(
            TriggerRule(
                rel,
                position,
                pattern,
                bool(raw.get("swap", False)),
                sentence,
                number,
                then,
                frozenset(heads) if heads is not None else None,
                unless_before,
                bool(raw.get("single", False)),
            )
        )
    return rules


@lru_cache(maxsize=1 << 14)
def _joins_list(gap: str) -> bool:
    """Whether ``gap`` is what stands between members of a list (gaps recur: ", ", " and ")."""
    return COORD.fullmatch(gap) is not None


def _list_after(text: str, spans: Sequence[Mention], first: int) -> list[int]:
    """Index ``first`` and the indices of spans coordinated with it that follow. A member
    of another kind counts only where the list goes on or ends after it: in "targeted
    Microsoft, TeamViewer and HPE" the product is a victim too, while in "released Gemini 3
    and OpenAI released GPT-5" OpenAI is a new subject. The ontology then keeps the
    members the relation admits."""
    out = [first]
    k = first
    while k + 1 < len(spans) and _joins_list(gap := text[spans[k].end : spans[k + 1].start]):
        # (and a real joint: two names side by side, "Mify-2.5B 基礎模型", are one phrase)
        if spans[k + 1].kind != spans[first].kind and (
            not gap.strip() or not _MEMBER_END.match(text, spans[k + 1].end)
        ):
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


# How a rule's pattern matched a gap: over the whole gap; after a conjunction that opens
# it ("X exploited A and deployed B"); after a conjunction further in ("breached MGM using
# social engineering, then deployed B").
WHOLE, AFTER_CONJUNCTION, LATER_CLAUSE = 0, 1, 2


class RelationFinder:
    """Trigger rules checked against the ontology once, then applied sentence by sentence."""

    def __init__(
        self,
        rules: list[TriggerRule],
        ontology: Ontology,
        modifier: re.Pattern[str] | None = None,
        asides: Asides | None = None,
    ) -> None:
        self.rules = rules
        self._modifier = modifier
        self._asides = asides
        self._types = {t: ontology.relation(t) for t in {rule.type for rule in rules}}
        self._joins: dict[tuple[str, str], frozenset[str]] = {}
        # (kinds before the gap, kind after it, kind right before it) -> the rules that
        # could link them in some reading, in file order, and a number for that group
        self._candidates: dict[tuple[frozenset[str], str, str], tuple[int, tuple]] = {}
        self._group_numbers = itertools.count()
        # (group, gap) -> the group's rules whose pattern matches the gap. Gaps repeat
        # (" released ", " and ", ", ahead of "), so most pairs are settled by one lookup.
        self._fired: dict[tuple[int, str], tuple[tuple[TriggerRule, int], ...]] = {}
        self._bare: dict[str, int | None] = {}  # gap -> where a bare aside opens in it
        self._heads = {rule.number: rule.heads for rule in rules if rule.heads is not None}

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
            # a swapped before_tail rule: the name after the gap is the head, the clause's
            # first name of an admitted kind the tail ("华为发布 A 系列，包括 B")
            backward = set().union(*(self._joins_of(tail_kind, k) for k in heads_before))
            admitted = {"after_head": swapped, "before_tail": backward}
            rules = tuple(
                rule
                for rule in self.rules
                if rule.type in (admitted[rule.where] if rule.swap else forward)
            )
            # numbered from a counter, not len(): two threads filling the cache at once
            # must never give two different rule groups one number
            group = self._candidates[key] = (next(self._group_numbers), rules)
        return group

    def _matching(
        self, group: int, rules: tuple[TriggerRule, ...], gap: str
    ) -> tuple[tuple[TriggerRule, int], ...]:
        """``(rule, how)`` for each rule whose pattern matches ``gap``; ``how`` is WHOLE,
        AFTER_CONJUNCTION or LATER_CLAUSE."""
        key = (group, gap)
        fired = self._fired.get(key)
        if fired is not None:
            return fired
        # "X exploited A and deployed B": after a conjunction the verb's subject is the
        # sentence's subject, not A.
        conj = CONJUNCTION.match(gap)
        after_conj = gap[conj.end() :] if conj else None
        later = () if conj else _later_clauses(gap)
        out = []
        for rule in rules:
            if (
                after_conj is not None
                and rule.where == "after_head"
                and not rule.swap
                and rule.pattern.fullmatch(after_conj)
            ):
                out.append((rule, AFTER_CONJUNCTION))
            # before the whole gap: in "breached MGM using phishing before deploying" the
            # filler after "using" would reach over the conjunction to the malware
            elif (
                later
                and rule.where == "after_head"
                and not rule.swap
                and any(rule.pattern.fullmatch(rest) for rest in later)
            ):
                out.append((rule, LATER_CLAUSE))
            elif rule.pattern.fullmatch(gap):
                out.append((rule, WHOLE))
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
        # an aside only matters with a name inside it and one after it
        asides = (
            self._find_asides(text, spans) if self._asides is not None and len(spans) > 2 else None
        )
        # start of a name inside an aside -> the stretch from the name the aside follows to
        # the aside's end: the name links to nothing outside it
        fence: dict[int, tuple[int, int]] | None = None
        if asides:
            fence = {}
            for subject, first, last, _, end in asides:
                for k in range(first, last + 1):
                    fence[spans[k].start] = (spans[subject].start, end)

        only = self._heads

        def emit(head: Mention, type_: str, tail: Mention, rule: int) -> None:
            if head.name == tail.name and head.kind == tail.kind:
                return
            if only and rule in only and head.kind not in only[rule]:
                return
            if not types[type_].admits(head.kind, tail.kind):
                return
            if fence:
                for one, other in ((head, tail), (tail, head)):
                    inside = fence.get(one.start)
                    if inside is not None and not inside[0] <= other.start < inside[1]:
                        return
            found.setdefault((head.name, type_, tail.name), Found(head, type_, tail, rule))

        # rule number -> whether its `sentence` pattern is found in the sentence
        said: dict[int, bool] = {}
        self._scan(text, spans, emit, found, text, sentence, said)
        if asides:
            # once more with the asides blanked out, so the verb after one reads as the
            # verb of the name before it: "Microsoft, which backs OpenAI, acquired X"
            inner = set()
            pieces = []
            at = 0
            for _, first, last, begin, end in asides:
                inner.update(range(first, last + 1))
                pieces += [text[at:begin], " " * (end - begin)]
                at = end
            pieces.append(text[at:])
            outer = [span for k, span in enumerate(spans) if k not in inner]
            if len(outer) > 1:
                self._scan("".join(pieces), outer, emit, found, text, sentence, said)
        if len(spans) > 2 and found:
            self._without_makers(text, spans, emit, found, sentence, said)
        return list(found.values())

    def _without_makers(self, text, spans, emit, found, sentence, said) -> None:
        """Once more with each maker named before what it made blanked out, where that
        DEVELOPED_BY was found: "beats OpenAI's GPT-5" and "超越OpenAI的GPT-5" read as
        "beats GPT-5"; and each product that only describes its maker: "invested in
        ChatGPT maker OpenAI" reads as "invested in OpenAI". (Not a name that opens the
        sentence or a clause: what it made is a subject there.)"""
        owned = []
        for k in range(1, len(spans) - 1):
            one, other = spans[k], spans[k + 1]
            # (after a comma the maker opens a clause: "，OpenAI 的 GPT-5 則 ...")
            if text[spans[k - 1].end : one.start].rstrip().endswith((",", ";")):
                continue
            if (
                (other.name, "DEVELOPED_BY", one.name) in found
                and _POSSESSIVE.fullmatch(text, one.end, other.start)
            ) or (
                (one.name, "DEVELOPED_BY", other.name) in found
                and _MAKER_NOUN.fullmatch(text, one.end, other.start)
            ):
                owned.append(k)
        if not owned:
            return
        pieces = []
        at = 0
        for k in owned:
            begin, end = spans[k].start, spans[k + 1].start
            pieces += [text[at:begin], " " * (end - begin)]
            at = end
        pieces.append(text[at:])
        drop = set(owned)
        rest = [span for k, span in enumerate(spans) if k not in drop]
        made = {spans[k + 1].start for k in owned}

        def about_made(head: Mention, type_: str, tail: Mention, rule: int) -> None:
            # only what this reading adds: a relation of the thing made, not who made what
            # ("輝達 H100 與超微 MI300X" must not make MI300X NVIDIA's)
            if type_ != "DEVELOPED_BY" and (head.start in made or tail.start in made):
                emit(head, type_, tail, rule)

        self._scan("".join(pieces), rest, about_made, found, text, sentence, said)

    def _scan(
        self,
        text: str,
        spans: Sequence[Mention],
        emit: Callable[[Mention, str, Mention, int], None],
        found: dict[tuple[str, str, str], Found],
        original: str,
        sentence: tuple[int, int] | None,
        sentence_matches: dict[int, bool],
    ) -> None:
        """Apply the rules to each pair of neighbouring ``spans`` of ``text`` (the sentence,
        maybe with its asides blanked out); `sentence` patterns read ``original``."""
        types = self._types
        kinds: frozenset[str] = frozenset()
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
            members = _list_after(text, spans, i + 1)
            for rule, how in fired:
                tails = members[:1] if rule.single else members
                if rule.then is not None and not rule.then.match(text, spans[tails[-1]].end):
                    continue
                if rule.sentence is not None:
                    ok = sentence_matches.get(rule.number)
                    if ok is None:
                        whole = (
                            original if sentence is None else original[sentence[0] : sentence[1]]
                        )
                        ok = sentence_matches[rule.number] = bool(rule.sentence.search(whole))
                    if not ok:
                        continue
                rel = types[rule.type]
                if how == LATER_CLAUSE:
                    # the later clause's verb belongs to the sentence's subject: the first
                    # name of an admitted kind, and only if it already heads a relation
                    # here ("Scattered Spider breached MGM ..., then deployed"), so a victim
                    # named first ("MGM Resorts was breached by ...") never takes the verb
                    heads = {f.head.name for f in found.values()}
                    for h in range(0, i + 1):
                        if rel.admits(spans[h].kind, spans[i + 1].kind):
                            if spans[h].name in heads:
                                for t in tails:
                                    emit(spans[h], rule.type, spans[t], rule.number)
                            break
                elif how == AFTER_CONJUNCTION:
                    for h in range(0, i + 1):
                        if rel.admits(spans[h].kind, spans[i + 1].kind):
                            for t in tails:
                                emit(spans[h], rule.type, spans[t], rule.number)
                            break
                elif rule.where == "after_head":
                    for h in _list_before(text, spans, i):
                        if rule.unless_before is not None and rule.unless_before.search(
                            text[max(0, spans[h].start - 30) : spans[h].start]
                        ):
                            continue
                        for t in tails:
                            if rule.swap:
                                emit(spans[t], rule.type, spans[h], rule.number)
                            else:
                                emit(spans[h], rule.type, spans[t], rule.number)
                else:
                    first = _clause_start(text, spans, i)
                    for t in tails:
                        for h in range(first, i + 1):
                            if rule.swap:
                                if rel.admits(spans[t].kind, spans[h].kind):
                                    emit(spans[t], rule.type, spans[h], rule.number)
                                    break
                            elif rel.admits(spans[h].kind, spans[t].kind):
                                emit(spans[h], rule.type, spans[t], rule.number)
                                break

    def _find_asides(
        self, text: str, spans: Sequence[Mention]
    ) -> list[tuple[int, int, int, int, int]] | None:
        """``(name, first inside, last inside, start, end)`` for each aside after a name that
        holds other names: ", OpenAI's largest backer," or " fine-tuned with GRPO". ``end``
        is where the verb the name before the aside goes with may begin."""
        comma, bare = self._asides  # type: ignore[misc]
        bare_at = self._bare
        out = None
        n = len(spans)
        j = 0
        while j < n - 1:
            end = spans[j].end
            # (the comma pattern opens with the comma, maybe after a space)
            m = comma.match(text, end) if comma is not None and "," in text[end : end + 2] else None
            if m is not None:
                last = j
                while last + 1 < n and spans[last + 1].end <= m.end():
                    last += 1
                if last > j:
                    inside = text[end : m.end()]
                    for k in range(last, j, -1):
                        cut_from, cut_to = spans[k].start - end, spans[k].end - end
                        inside = inside[:cut_from] + inside[cut_to:]
                    if _ASIDE_WORD.search(inside):
                        out = out or []
                        out.append((j, j + 1, last, end, m.end()))
                        j = last + 1
                        continue
            # "Qwen3 fine-tuned with GRPO outperforms", "Orca-Math-7B, a model trained with
            # DPO that reaches": the participle need not follow the name right away
            if bare is None:
                at = None
            else:
                gap = text[end : spans[j + 1].start]
                at = bare_at.get(gap, _UNSEEN)
                if at is _UNSEEN:
                    at = self._bare_aside(gap)
            if at is not None:
                last = _list_after(text, spans, j + 1)[-1]
                if _AFTER_BARE_ASIDE.match(text, spans[last].end):
                    out = out or []
                    out.append((j, j + 1, last, end + at, spans[last].end))
                    j = last + 1
                    continue
            j += 1
        return out

    def _bare_aside(self, gap: str) -> int | None:
        """Where in ``gap`` a bare aside opens that ends with it, if one does; remembered,
        for gaps recur (" and ", " released ")."""
        cache = self._bare
        if gap in cache:
            return cache[gap]
        m = self._asides.bare.search(gap)  # type: ignore[union-attr]
        if len(cache) >= _FIRED_CACHE:
            cache.clear()
        cache[gap] = at = m.start() if m is not None else None
        return at

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


@lru_cache(maxsize=1 << 14)
def _later_clauses(gap: str) -> tuple[str, ...]:
    """What follows each conjunction inside ``gap`` that opens a clause with no subject
    of its own."""
    low = gap.lower()
    if "and " not in low and "then " not in low and "before " not in low and "after " not in low:
        return ()
    return tuple(
        gap[m.end() :]
        for m in LATER_CONJUNCTION.finditer(gap)
        if m.start() > 0 and not _OWN_SUBJECT.search(gap, 0, m.start())
    )


# after the name(s) an uncommaed aside ends with, the verb: "Qwen3 fine-tuned with GRPO
# outperforms", not "... with GRPO and DPO" (the list goes on), "... with GRPO on MMLU" nor
# "... with GRPO, which" (which may be about GRPO)
_AFTER_BARE_ASIDE = re.compile(
    r"\s+(?!(?:and|or|but|nor|plus|on|in|at|for|with|to|from|by|of|as|than)\b)(?-i:[a-z])",
    re.I,
)
_FIRED_CACHE = 1 << 16
_UNSEEN: Any = object()  # a gap not looked at yet
# between a maker and what it made: "OpenAI's GPT-5", "OpenAI 的 GPT-5", "阿里通义千问"
_POSSESSIVE = re.compile(r"\s*(?:['’]s\s+|的\s*)?")
# between a product and its maker it describes: "ChatGPT maker OpenAI", "ChatGPT開發商OpenAI"
_MAKER_NOUN = re.compile(r"\s*(?:maker|developer|creator|owner|開發商|开发商|母公司)\s*", re.I)
# what may stand between a Method and the name it classifies: "人形機器人（Unitree G1、..."
_OPENING = " \t\n(「『《“"


# the members of a list that follow a name, for readers of whole documents (subject.py)
list_after = _list_after
