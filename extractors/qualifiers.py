"""What a sentence says about a fact: amount, currency, round and valuation of a deal, the
score, metric and split of a result, the benchmark of a comparison, a date.

The patterns are data (``qualifiers.yaml``); ``qualify`` takes a sentence and the fact's
ends and returns a dict of typed values (floats for numbers, ISO codes and dates, stable
English keys for rounds: "seed", "series-b", "angel").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from extractors.rule_files import read_rules
from kg.errors import ExtractionError

DATA_FILE = Path(__file__).parent / "qualifiers.yaml"


@dataclass(frozen=True)
class Patterns:
    money: tuple[re.Pattern[str], ...]
    scales: dict[str, float]
    currencies: dict[str, str]
    local_yuan: dict[str, str]
    valuation_before: re.Pattern[str]
    valuation_after: re.Pattern[str]
    rounds: tuple[tuple[str, re.Pattern[str]], ...]
    score_after: re.Pattern[str]
    score_before: re.Pattern[str]
    metrics: re.Pattern[str]
    splits: re.Pattern[str]
    months: tuple[str, ...]
    dates: tuple[re.Pattern[str], ...]
    by_type: dict[str, frozenset[str]]


@lru_cache(maxsize=4)
def load_patterns(path: Path = DATA_FILE) -> Patterns:
    raw = read_rules(path)
    try:
        return Patterns(
            money=(re.compile(raw["money_before"]), re.compile(raw["money_after"])),
            scales={str(k): float(v) for k, v in raw["scales"].items()},
            currencies={str(k): str(v) for k, v in raw["currencies"].items()},
            local_yuan={str(k): str(v) for k, v in raw["local_yuan"].items()},
            valuation_before=re.compile(raw["valuation_before"]),
            valuation_after=re.compile(raw["valuation_after"]),
            rounds=tuple((str(r["key"]), re.compile(r["pattern"])) for r in raw["rounds"]),
            score_after=re.compile(raw["score_after"]),
            score_before=re.compile(raw["score_before"]),
            metrics=re.compile(raw["metrics"]),
            splits=re.compile(raw["splits"]),
            months=tuple(str(m)[:3] for m in raw["months"]),
            dates=tuple(re.compile(p) for p in raw["date_patterns"]),
            by_type={str(k): frozenset(v) for k, v in raw["by_type"].items()},
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ExtractionError(f"{path}: missing or malformed {exc}") from None
    except re.error as exc:
        raise ExtractionError(f"{path}: bad regular expression: {exc}") from None


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def _money(sentence: str, lang: str, p: Patterns) -> tuple[list, list]:
    """(amounts, valuations): each ``(value, currency)`` in the order written."""
    amounts, valuations = [], []
    taken: list[tuple[int, int]] = []
    for pattern in p.money:
        for m in pattern.finditer(sentence):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            num = _number(m.group("num"))
            if num is None:
                continue
            taken.append((m.start(), m.end()))
            scale = p.scales.get(m.group("scale") or "", 1.0)
            cur = m.group("cur")
            code = p.currencies.get(cur, "")
            if cur == "元" and lang in p.local_yuan:
                code = p.local_yuan[lang]
            value = (m.start(), num * scale, code)
            if p.valuation_before.search(sentence[max(0, m.start() - 40) : m.start()]) or (
                p.valuation_after.match(sentence, m.end())
            ):
                valuations.append(value)
            else:
                amounts.append(value)
    amounts.sort()
    valuations.sort()
    return amounts, valuations


def _round(sentence: str, p: Patterns) -> str:
    for key, pattern in p.rounds:
        m = pattern.search(sentence)
        if m is not None:
            groups = m.groupdict()
            letter = groups.get("x") or groups.get("y") or ""
            return key.replace("{x}", letter.lower())
    return ""


def _date(sentence: str, p: Patterns) -> str:
    for pattern in p.dates:
        m = pattern.search(sentence)
        if m is None:
            continue
        month = m.group("m")
        mm = int(month) if month.isdigit() else p.months.index(month[:3].lower()) + 1
        dd, yy = int(m.group("d")), int(m.group("y"))
        if 1 <= mm <= 12 and 1 <= dd <= 31:
            return f"{yy:04d}-{mm:02d}-{dd:02d}"
    return ""


def qualify(
    type_: str,
    sentence: str,
    tail: tuple[int, int, str] | None = None,
    benchmarks: tuple[str, ...] = (),
    lang: str = "",
    p: Patterns | None = None,
    names: tuple[tuple[int, int], ...] = (),
) -> dict[str, str | float]:
    """The qualifiers ``sentence`` states for a fact of ``type_``. ``tail`` is the span of
    the fact's second end in ``sentence`` and its name (the benchmark of a result);
    ``benchmarks`` are the benchmarks the sentence names (for a comparison); ``names`` the
    spans of the names in it, whose digits are no score ("Gemma 2 on MMLU")."""
    p = p or load_patterns()
    wanted = p.by_type.get(type_)
    if not wanted:
        return {}
    out: dict[str, str | float] = {}
    if "amount" in wanted or "valuation" in wanted:
        amounts, valuations = _money(sentence, lang, p)
        if amounts and "amount" in wanted:
            out["amount"] = amounts[0][1]
            if amounts[0][2]:
                out["currency"] = amounts[0][2]
        if valuations and "valuation" in wanted:
            out["valuation"] = valuations[0][1]
            if "currency" not in out and valuations[0][2]:
                out["currency"] = valuations[0][2]
    if "round" in wanted:
        r = _round(sentence, p)
        if r:
            out["round"] = r
    if "score" in wanted and tail is not None:
        start, end, _ = tail
        m = p.score_after.match(sentence, end)
        lo = max(0, start - 40)
        b = p.score_before.search(sentence[lo:start])
        if b is not None and any(s < lo + b.end("num") and lo + b.start() < e for s, e in names):
            b = None
        hit = m if m is not None and m.group("num") else b
        if hit is not None:
            num = _number(hit.group("num"))
            if num is not None:
                out["score"] = num
    if "metric" in wanted:
        m = p.metrics.search(sentence)
        if m is not None:
            out["metric"] = m.group()
        elif "score" in out and "%" in sentence:
            out["metric"] = "percent"
    if "split" in wanted:
        name = tail[2] if tail is not None and type_ == "EVALUATED_ON" else ""
        if type_ == "OUTPERFORMS" and benchmarks:
            name = benchmarks[0]
        m = p.splits.search(name) if name else None
        if m is not None and m.start() > 0:
            out["split"] = m.group()
    if "benchmark" in wanted and benchmarks:
        out["benchmark"] = benchmarks[0]
    if "date" in wanted:
        d = _date(sentence, p)
        if d:
            out["date"] = d
    return out
