"""Rules tried only where the strings they start or close with stand find exactly what a
full scan finds."""

import json
import re
from pathlib import Path

import pytest

from extractors.anchors import Ending, Starts, anchored_matches, ended_matches, ending, starts
from extractors.context_rules import CONTEXT_RULES
from extractors.discovery import _CLOSINGS, _SCAN, _STARTS, RULES
from kg.normalize import fold_chars

ROOT = Path(__file__).resolve().parent.parent


def test_starts_reads_the_strings_and_digits_a_match_opens_with_from_the_pattern():
    found = starts(re.compile(r"\b(?:acquired|buys?|\d+ points) (?P<n>[A-Z]\w+)"))
    assert found == Starts(frozenset({"acquired ", "buy ", "buys "}), digit=True)
    # assertions before the first character take no text; any script's literal counts
    found = starts(re.compile(r"(?<![A-Za-z])由(?P<n>\w+)领投"))
    assert found == Starts(frozenset({"由"}))


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?P<name>[A-Z]\w+) said",  # opens with a name, not a literal
        r"\b(?:acquired|[A-Z]+) X",  # one path opens with a class
        r"(?:^|(?<=\. ))(?P<n>[A-Z]\w+) said",  # an assertion, then a name
        r"\((?P<n>[A-Z]+)\)",  # one ASCII character is too common to be worth trying only there
        r"(?i:acquired) X",  # any case: the literal case is not known
    ],
)
def test_starts_refuses_what_it_cannot_pin_down(pattern):
    assert starts(re.compile(pattern)) is None


def test_ending_reads_what_follows_the_name_and_how_far_back_the_name_goes():
    found = ending(
        re.compile(r"(?:^|(?<=\. ))(?P<name>[A-Z]\w+(?: [A-Z]\w+){0,2}) (?:said|adds?)\b")
    )
    assert found == Ending(3, frozenset({" said", " add", " adds"}))
    found = ending(re.compile(r"(?P<name>[A-Z]\w+), (?:a|an) [a-z-]+ startup\b"))
    assert found == Ending(1, frozenset({", a ", ", an "}))
    # a name that may hold any number of spaces, or text consumed before the name: none
    assert ending(re.compile(r"(?P<name>[A-Z][\w ]+) said")) is None
    assert ending(re.compile(r"\bthe (?P<name>[A-Z]\w+) said")) is None


def _texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests/data/gold").glob("*.jsonl")):
        lines = path.read_text(encoding="utf-8").splitlines()
        texts += [json.loads(line)["text"] for line in lines]
    for path in sorted((ROOT / "kg/sample").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts.append(f"{record.get('title', '')}\n{record.get('text', '')}")
    # openings at the very start, after punctuation, inside words and in other cases
    texts += [
        "acquired Velora Labs. Reacquired Nimbus. ACQUIRED Foo; (acquired Bar)",
        "86% on MMLU-Pro, 12.5 points on GPQA; scores 70% on the AgentArena-Bench",
        "CEO of Acme AI; co-founder of Zeta Labs; the startup Quill said it outperforms Nova-7B",
        "已收購 Velora Labs，並 deployed on Azure AI Foundry；we propose FooNet, a new model",
        "Acme Robotics Labs Inc released Nova-7B. Big  Tech said so; Mira Halden said, then "
        "Quill Nova Corp has raised $5m and Nimbus  released X. Volt Typhoon targeted Acme.",
        "said released Acme said (Zeta Labs released it) Foo Bar Baz Qux said",
    ]
    return [fold_chars(t) for t in texts]


def test_placed_rules_match_exactly_what_a_full_scan_matches():
    rules = (*RULES, *CONTEXT_RULES)
    assert len(_STARTS) >= 20 and len(_CLOSINGS) >= 5, "trigger rules should be placed"
    checked = 0
    for text in _texts():
        held, at = _SCAN(text)
        for number in (*_STARTS, *_CLOSINGS):
            pattern = rules[number].pattern
            full = [m.span() for m in pattern.finditer(text)]
            places = at.get(number, ())
            assert list(places) == sorted(set(places))
            if number in _STARTS:
                placed = anchored_matches(pattern, text, places)
            else:
                placed = ended_matches(pattern, text, places, _CLOSINGS[number].chunks)
            assert [m.span() for m in placed] == full, (rules[number].why, text)
            checked += len(full)
    assert checked > 50  # the texts do exercise the placed rules


def test_the_plan_finds_what_every_rule_scanning_every_text_finds(monkeypatch):
    import extractors.discovery as discovery

    texts = _texts()
    every = list(range(len(RULES) + len(CONTEXT_RULES)))
    skipped = sum(len(every) - len(discovery._candidates(*_SCAN(t))) for t in texts)
    assert skipped > len(texts)  # the scan does pass rules over
    expected = [discovery.discover(t) for t in texts]
    assert sum(map(len, expected)) > 100
    monkeypatch.setattr(discovery, "_candidates", lambda held, at: every)
    monkeypatch.setattr(discovery, "_matches", lambda n, pattern, text, at: pattern.finditer(text))
    assert [discovery.discover(t) for t in texts] == expected
