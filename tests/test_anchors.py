"""Rules tried only where the strings they start or close with stand find exactly what a
full scan finds."""

import json
import re
from pathlib import Path

import pytest

from extractors.anchors import (
    Ending,
    Starts,
    anchored_matches,
    ended_matches,
    ending,
    piece,
    required,
    starts,
    window,
    windowed_matches,
)
from extractors.context_rules import CONTEXT_RULES
from extractors.discovery import _CLOSINGS, _SCAN, _STARTS, _WINDOWED, _WINDOWS, RULES
from kg.normalize import fold_chars

ROOT = Path(__file__).resolve().parent.parent


def test_starts_reads_the_strings_and_digits_a_match_opens_with_from_the_pattern():
    found = starts(re.compile(r"\b(?:acquired|buys?|\d+ points) (?P<n>[A-Z]\w+)"))
    # (the \b before the digits: only a digit that opens a word can start a match)
    assert found == Starts(frozenset({"acquired ", "buy ", "buys "}), digit=True, boundary=True)
    found = starts(re.compile(r"(?:\bacquired|\d+ points) (?P<n>[A-Z]\w+)"))
    assert found == Starts(frozenset({"acquired "}), digit=True, boundary=False)
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


def _stops(pattern: str) -> str:
    found = window(re.compile(pattern))
    return "" if found is None else "".join(c for c in " \n.,-(" if found.chars.match(c))


def test_window_reads_which_characters_a_pattern_cannot_read_past():
    # a hyphenated name with a count stops at a space, a full stop, a comma, a bracket
    assert _stops(r"\b(?P<name>[A-Z][a-z]+-\d+[BM])\b") == " \n.,("
    # \s takes a line break; a lookahead reads what it sees; a lookbehind looks back only
    assert _stops(r"(?P<name>[A-Z][a-z]+)\s?\(") == ".,-"
    assert _stops(r"(?P<name>[A-Z][a-z]+)(?=[.,])") == " \n-("
    assert _stops(r"(?<=[.,] )(?P<name>[A-Z][a-z]+)") == " \n.,-("
    # ... unless a lookahead inside it reads on
    assert _stops(r"(?<=(?![A-Z]\.)[A-Z])(?P<name>[a-z]+)") == " \n,-("
    # any character, or a class that negates: only what they leave out
    assert _stops(r"(?P<name>[A-Z].+)") == "\n"
    assert _stops(r"(?P<name>[^,(]+)") == ",("
    # text matched with other flags, a pattern that can match nothing: no window
    assert _stops(r"(?P<name>(?i:[a-z]+))") == ""
    assert _stops(r"(?P<name>[A-Z]*)") == ""


def test_window_counts_the_spaces_a_match_and_its_lookarounds_can_read():
    def spaces(pattern: str) -> int | None:
        return window(re.compile(pattern)).spaces

    assert spaces(r"(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?) said\b") == 2
    assert spaces(r"(?P<name>[A-Z][a-z]+)(?= (?:Labs|AI))") == 1  # what a lookahead sees
    assert spaces(r"(?P<name>[A-Z][a-z]+),(?:\s[a-z]+){0,3} firm") == 4  # \s takes a space
    # any number of spaces, or a space that stops it anyway: no count
    assert spaces(r"(?P<name>[A-Z][a-z ]+) said") is None
    assert spaces(r"(?P<name>[A-Z][a-z]+-\d+)\b") is None


def test_an_ending_rule_searched_a_few_spaces_past_its_end_finds_what_a_full_scan_finds():
    pattern = re.compile(r"(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)?), (?:a|an) (?:[a-z]+ ){0,2}?lab\b")
    # long clauses without a stop: the search ends a few spaces past each end instead
    text = (
        "Quill Nova, a small lab in the north that few people outside the field have "
        "heard of, and Tern, an old research lab, met Vela, a lab, while Orion, a firm "
        "that is not one of them and never was in any way at all, said nothing"
    )
    assert window(pattern).spaces == 5
    ends = [m.start() for m in re.finditer(", a", text)]
    found = ended_matches(pattern, text, ends, 2, window(pattern))
    assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text)]
    assert [m["name"] for m in found] == ["Quill Nova", "Tern", "Vela"]


def test_required_can_leave_out_what_lookbehinds_see():
    pattern = re.compile(r"(?<=acquired )(?P<name>[A-Z]\w+)(?= Labs)")
    assert required(pattern) == (frozenset({"acquired "}), frozenset({" Labs"}))
    assert required(pattern, behind=False) == (frozenset({" Labs"}),)


def test_required_keeps_a_shared_space_before_words_too_many_to_pair():
    # 16 x 20 (text before the verb, verb) pairs are too many to spell out; every text
    # before the verb ends with a space, so each verb is needed with that space before it
    adverbs = "|".join(f" adv{i}" for i in range(15))
    verbs = [f"verb{i}" for i in range(19)] + ["sign"]
    pattern = re.compile(rf"(?P<name>[A-Z]\w+)(?:{adverbs})? (?:{'|'.join(verbs)})\b")
    spaced = frozenset(" " + v for v in verbs)
    assert spaced in required(pattern)
    assert frozenset(verbs) not in required(pattern)
    # sound: every match holds one of them; a text where "sign" only ends a word lacks them
    for text in ("Norvik adv3 sign", "Norvik verb7"):
        m = pattern.search(text)
        assert m and any(s in m.group() for s in spaced)
    assert not any(s in "Norvik design" for s in spaced) and not pattern.search("Norvik design")


def test_windowed_search_finds_what_a_full_scan_finds_around_the_strings_it_needs():
    pattern = re.compile(r"(?<![A-Za-z])(?P<name>[A-Z][A-Za-z]*(?:-[A-Za-z]+)*-\d+[BM])\b")
    text = "Nova-7B and Orion-Mini-2B, then Tern-9X and Vela-3M; Quill-Lab-12B. Zed-1B"
    hits = [m.start() for m in re.finditer("-", text)]
    found = windowed_matches(pattern, text, hits, window(pattern))
    spans = [m.span() for m in found]
    assert spans == [m.span() for m in pattern.finditer(text)] and len(spans) == 5
    # hits that no window around them explains: nothing is searched, nothing found
    assert windowed_matches(pattern, "Nova 7B and Orion", [4], window(pattern)) == []


def test_windows_close_together_or_after_any_stop_find_what_a_full_scan_finds():
    # opens with a class: windows a few characters apart are searched as one
    skipping = re.compile(r"(?P<name>[A-Z][a-z]+-\d+)(?![A-Za-z0-9-])")
    # opens with an assertion: a window opens after the nearest stop of any kind before
    # its hit (here a quote or a colon), not only after a new line
    asserting = re.compile(
        r"(?<![A-Za-z])(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+)*) and [A-Z][a-z]+ said"
    )
    assert window(skipping).skips and not window(asserting).skips
    text = (
        'Nova-7 Orion-2 x-1 Tern-9: "Vela and Quill said" so; Zed-3 and Mira Halden and '
        'Orion said it, "Acme and Bolt said" then Kite-12 and Lark-4'
    )
    for pattern, needle in ((skipping, "-"), (asserting, " and ")):
        hits = [m.start() for m in re.finditer(re.escape(needle), text)]
        found = windowed_matches(pattern, text, hits, window(pattern))
        assert [m.span() for m in found] == [m.span() for m in pattern.finditer(text)]
        assert len(found) >= 3


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
        for number in (*_STARTS, *_CLOSINGS, *_WINDOWED):
            pattern = rules[number].pattern
            full = [m.span() for m in pattern.finditer(text)]
            places = at.get(number, ())
            assert list(places) == sorted(set(places))
            if number in _STARTS:
                placed = [anchored_matches(pattern, text, places)]
            elif number in _CLOSINGS:
                chunks = _CLOSINGS[number].chunks
                placed = [
                    ended_matches(pattern, text, places, chunks),
                    ended_matches(pattern, text, places, chunks, _WINDOWS.get(number)),
                ]
            else:
                placed = [windowed_matches(pattern, text, places, _WINDOWS[number])]
            for found in placed:
                assert [m.span() for m in found] == full, (rules[number].why, text)
            checked += len(full)
    assert checked > 50  # the texts do exercise the placed rules
    assert len(_WINDOWED) >= 10 and len(set(_CLOSINGS) - set(_WINDOWS)) < 3


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


def test_a_piece_is_a_literal_and_what_the_pattern_takes_right_after_it():
    pattern = re.compile(r"(?P<name>[A-Z][a-z]+(?:-[A-Z][a-z]+)*-\d+(?:\.\d+)?)\b")
    found = piece(pattern)
    assert found is not None and found.pattern == r"\-[\d]"
    text = "Nova-Lite-7 and Orion-2.5 beat Tern-X, dated 2026-03-01"
    hits = [m.start() for m in found.finditer(text)]
    assert len(hits) < text.count("-")  # fewer places than the bare hyphen
    spans = [m.span() for m in windowed_matches(pattern, text, hits, window(pattern))]
    assert spans == [m.span() for m in pattern.finditer(text)] and len(spans) == 2
    # nothing certain after the only literal: no piece
    assert piece(re.compile(r"(?P<name>[A-Z]\w+) (?:Labs|AI)")) is None


def test_widest_lookbehind_is_read_from_the_pattern():
    import re

    from extractors.anchors import widest_lookbehind

    assert widest_lookbehind(re.compile(r"Kestrel \w+")) == 0
    assert widest_lookbehind(re.compile(r"(?<![\w-])Kestrel")) == 1
    assert widest_lookbehind(re.compile(r"(?:(?<=by )|(?<!Labs ))X(?<=\bX)", re.I)) == 5
