"""Rules tried only where their opening words stand find exactly what a full scan finds."""

import json
import re
from pathlib import Path

import pytest

from extractors.anchors import anchored_matches, closed_matches, closing, opening
from extractors.context_rules import CONTEXT_RULES
from extractors.discovery import _CLOSINGS, _OPENINGS, RULES, _anchors
from extractors.tokenizer import split
from kg.normalize import fold_chars

ROOT = Path(__file__).resolve().parent.parent


def test_opening_reads_words_prefixes_and_digits_from_the_pattern():
    found = opening(re.compile(r"\b(?:acquired|buys?|co-led|\d+ points|state-of-the-art) (?P<n>X)"))
    assert found is not None
    assert found.words == {"acquired", "co", "state"}
    assert found.prefixes == ("buy",)
    assert found.digit
    assert found.admits("buys") and found.admits("86") and not found.admits("acquire")


@pytest.mark.parametrize(
    "pattern",
    [
        r"(?P<name>[A-Z]\w+) said",  # opens with a name, not a word
        r"acquired (?P<name>X)",  # no \b: may start inside a word
        r"\b(?:acquired|[A-Z]+) X",  # one path opens with a class
        r"\bcafé X",  # a letter outside ASCII may continue the word (a prefix, still sound)
    ],
)
def test_opening_refuses_or_widens_what_it_cannot_pin_down(pattern):
    found = opening(re.compile(pattern))
    if found is not None:
        assert found.prefixes == ("caf",) and not found.words


def test_closing_reads_the_trigger_after_the_name_and_how_far_back_the_name_goes():
    found = closing(
        re.compile(r"(?:^|(?<=\. ))(?P<name>[A-Z]\w+(?: [A-Z]\w+){0,2}) (?:said|adds?)\b")
    )
    assert found is not None and found.chunks == 3
    assert found.trigger.words == {"said"} and found.trigger.prefixes == ("add",)
    # a name that may hold any number of spaces, or text consumed before the name: no closing
    assert closing(re.compile(r"(?P<name>[A-Z][\w ]+) said")) is None
    assert closing(re.compile(r"\bthe (?P<name>[A-Z]\w+) said")) is None


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


def test_anchored_rules_match_exactly_what_a_full_scan_matches():
    rules = (*RULES, *CONTEXT_RULES)
    assert len(_OPENINGS) >= 10 and len(_CLOSINGS) >= 5, "trigger rules should be anchored"
    checked = 0
    for text in _texts():
        tokens = split(text)
        anchors = _anchors(tokens, frozenset(tokens.words))
        for number in (*_OPENINGS, *_CLOSINGS):
            pattern = rules[number].pattern
            full = [m.span() for m in pattern.finditer(text)]
            at = anchors.get(number, ())
            if number in _OPENINGS:
                anchored = anchored_matches(pattern, text, at)
            else:
                anchored = closed_matches(pattern, text, at, _CLOSINGS[number].chunks)
            assert [m.span() for m in anchored] == full, (rules[number].why, text)
            checked += len(full)
    assert checked > 50  # the texts do exercise the anchored rules


def test_the_trigger_cache_stays_bounded_and_answers_the_same(monkeypatch):
    import extractors.discovery as discovery

    # a cache of 8 words fills and starts over several times on these texts
    texts = [
        f"Word{i}x acquired Velora Labs; Nova{i} said it outperforms GPT-4." for i in range(30)
    ]
    expected = [discovery.discover(t) for t in texts]
    assert any(f.name == "Velora Labs" for f in expected[0])
    monkeypatch.setattr(discovery, "_ANCHOR_CACHE", 8)
    monkeypatch.setattr(discovery, "_SEEN", set())
    monkeypatch.setattr(discovery, "_ANCHORED_RULES", {})
    assert [discovery.discover(t) for t in reversed(texts)] == expected[::-1]
    longest = max(len(set(split(t).words)) for t in texts)
    assert len(discovery._SEEN) <= 8 + longest


def test_rules_passed_over_for_want_of_their_needles_would_have_found_nothing(monkeypatch):
    import extractors.discovery as discovery
    from extractors.discovery_rules import Needle

    texts = _texts()
    rules = (*RULES, *CONTEXT_RULES)
    skipped = sum(
        1 for text in texts for rule in rules if rule.needle and not rule.needle.holds(text)
    )
    assert skipped > len(texts)  # the needles do pass rules over
    expected = [discovery.discover(t) for t in texts]
    monkeypatch.setattr(Needle, "holds", lambda self, text: True)
    assert [discovery.discover(t) for t in texts] == expected
