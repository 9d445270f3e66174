"""Results stated around a benchmark: "X achieves 79.6% on B", "a B score of 81.65", and a
rival's result in the same breath, "(vs. Y at 80.8%)". Each gives an EVALUATED_ON with the
score as a qualifier. The patterns are data (``qualifiers.yaml``, ``results``)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from extractors.qualifiers import DATA_FILE
from kg.errors import ExtractionError

_SUBJECTS = ("Model", "Method")
# a clause break the model before a benchmark may not lie across ("while" with a verb in
# -ing goes on with the same subject: "scores 80% on A while reaching 70% on B")
_BREAK = re.compile(r"[;]|\bwhile\b(?! [a-z]+ing\b)|\bwhereas\b|\bbut\b")


class Result(NamedTuple):
    head: Any  # a mention: start, end, name, kind (maybe a reference with .via)
    tail: Any
    score: float | None
    metric: str = ""  # "percent" or "points" when the text says so


@dataclass(frozen=True)
class Patterns:
    score_after: re.Pattern[str]
    score_before: re.Pattern[str]
    rival_of: re.Pattern[str]
    rival_at: re.Pattern[str]
    rival_at_after: re.Pattern[str]


@lru_cache(maxsize=4)
def load_patterns(path: Path = DATA_FILE) -> Patterns:
    try:
        raw: Any = yaml.safe_load(path.read_text(encoding="utf-8"))["results"]
        return Patterns(
            score_after=re.compile(raw["score_after"]),
            score_before=re.compile(raw["score_before"]),
            rival_of=re.compile(raw["rival_of"]),
            rival_at=re.compile(raw["rival_at"]),
            rival_at_after=re.compile(raw["rival_at_after"]),
        )
    except (KeyError, TypeError, yaml.YAMLError) as exc:
        raise ExtractionError(f"{path}: 'results' missing or malformed: {exc}") from None
    except re.error as exc:
        raise ExtractionError(f"{path} results: bad regular expression: {exc}") from None


def results(text: str, mentions: Sequence[Any], p: Patterns | None = None) -> list[Result]:
    """EVALUATED_ON results in one sentence; ``mentions`` are sorted and index ``text``."""
    p = p or load_patterns()
    out: list[Result] = []
    for k, bench in enumerate(mentions):
        if bench.kind != "Benchmark":
            continue
        after = p.score_after.match(text, bench.end)
        before = p.score_before.search(text, max(0, bench.start - 30), bench.start)
        if before is not None and (
            before.end() != bench.start
            or any(m.start < before.end("num") and before.start() < m.end for m in mentions)
        ):
            before = None  # (the digits of a name: "rivals o1 on AIME", "Gemma 2 on MMLU")
        hit = after or before
        if hit is None:
            continue
        # the model or method of the clause before the benchmark, the nearest first
        # (a model before a method: "a model trained with DPO that reaches 86% on GSM8K")
        head = None
        for kind in _SUBJECTS:
            for j in range(k - 1, -1, -1):
                m = mentions[j]
                if _BREAK.search(text, m.end, bench.start):
                    break
                gap = text[m.end : bench.start]
                if m.kind == kind and gap.count(")") <= gap.count("("):  # not in brackets
                    head = m
                    break
            if head is not None:
                break
        if head is not None:
            out.append(Result(head, bench, float(hit.group("num")), _metric(hit)))
        # a rival right after the score
        end = hit.end() if hit is after else bench.end
        nxt = next((m for m in mentions[k + 1 :] if m.kind in _SUBJECTS), None)
        if nxt is None or nxt.start - end > 40:
            continue
        gap = text[end : nxt.start]
        of = p.rival_of.fullmatch(gap)
        if of is not None:
            out.append(Result(nxt, bench, float(of.group("num"))))
        elif p.rival_at.fullmatch(gap):
            at = p.rival_at_after.match(text, nxt.end)
            if at is not None:
                out.append(Result(nxt, bench, float(at.group("num"))))
    return out


def _metric(hit: re.Match) -> str:
    unit = hit.groupdict().get("pct") or ""
    return {"%": "percent", "percent": "percent", "points": "points"}.get(unit, "")
