"""The discovery rules are data: every example in the rule files holds, the prefilter read
from each pattern never turns away a text the pattern matches, and a broken rule is an
error naming the file and the rule."""

import json
import re
from pathlib import Path

import pytest

from extractors.anchors import required
from extractors.discovery_rules import DATA_FILE, CandidateScan, Needle, load_rules
from kg.errors import ExtractionError
from kg.normalize import fold_chars

ROOT = Path(__file__).resolve().parents[2]
RULE_FILES = sorted(
    p
    for p in (ROOT / "extractors").glob("*.yaml")
    if re.search(r"(?m)^(?:shape|context)_rules:", p.read_text(encoding="utf-8"))
)


def _all_rules():
    for path in RULE_FILES:
        rules = load_rules(path)
        for rule in (*rules.shape, *rules.context):
            yield pytest.param(rule, id=f"{path.stem}:{rule.name}")


def test_the_rule_files_are_found_and_hold_both_kinds_of_rule():
    assert DATA_FILE in RULE_FILES
    rules = load_rules()
    assert len(rules.shape) >= 15 and len(rules.context) >= 60


@pytest.mark.parametrize("rule", list(_all_rules()))
def test_every_example_of_every_rule_holds(rule):
    assert any(e.name is not None for e in rule.examples), rule.name
    for example in rule.examples:
        found = [m.group("name") for m in rule.pattern.finditer(example.text)]
        if example.name is None:
            assert found == [], (rule.name, example.text)
        else:
            assert example.name in found, (rule.name, example.text, found)
            # the derived prefilter lets every matching example through
            assert rule.needle is None or rule.needle.holds(example.text), rule.name


def _texts() -> list[str]:
    texts = []
    for path in [
        *sorted((ROOT / "tests/data/gold").glob("*.jsonl")),
        *(ROOT / "kg/sample").glob("*.jsonl"),
    ]:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            texts.append(fold_chars(f"{record.get('title') or ''}\n{record.get('text') or ''}"))
    for rules in map(load_rules, RULE_FILES):
        texts += [e.text for r in (*rules.shape, *rules.context) for e in r.examples]
    return texts


def test_no_text_a_pattern_matches_is_turned_away_by_its_needle():
    checked = 0
    for text in _texts():
        for rule in (*load_rules().shape, *load_rules().context):
            if rule.needle is not None and rule.pattern.search(text):
                assert rule.needle.holds(text), (rule.name, text[:200])
                checked += 1
    assert checked > 200


def test_one_scan_says_which_needles_hold_as_each_needle_would():
    rules = (*load_rules().shape, *load_rules().context)
    scan = CandidateScan([r.needle for r in rules])
    texts = _texts() + [
        # curly quotes and Chinese text take the same path as plain ASCII
        "Kestrel’s “Quill” backdoor, a tool against banks; 輝達領投Velora Labs。",
        "",
        "no needle of any rule here",
    ]
    passed = 0
    for text in texts:
        expected = {n for n, r in enumerate(rules) if r.needle is None or r.needle.holds(text)}
        assert scan(text) == (expected, {}), text[:200]
        passed += len(rules) - len(expected)
    assert passed > len(texts)  # the scan does turn rules away


def test_a_rule_placed_by_two_sets_is_placed_by_the_one_that_occurs_least():
    said = Needle((frozenset({" said"}),))
    scan = CandidateScan(
        [said, said, None],
        {
            # rule 0: every match holds " and " and " said"; rule 1 a hyphen and a digit
            0: (frozenset({" and "}), frozenset({" said"})),
            1: (frozenset({"-"}), frozenset({"1", "2"})),
            2: frozenset({"Acme"}),
        },
        gated=frozenset({0, 1}),
    )
    text = "Acme and Quill and Nimbus said Vela-1 and Orion-2 said"
    held, at = scan(text)
    assert held == {0, 1, 2}
    assert at[0] == [text.index(" said"), text.rindex(" said")]  # two, not four " and "
    # single characters: the first set (the automaton counts only longer strings)
    assert at[1] == [text.index("-"), text.rindex("-")]
    assert at[2] == [0]
    # a set with no string in the text: no match is possible, the rule is not placed
    assert 1 not in scan("Vela-X and Orion said")[1]
    # a gated rule whose needle fails is not placed even where its strings stand
    held, at = scan("Acme and Quill and Nimbus")
    assert 0 not in held and 0 not in at and at[2] == [0]


@pytest.mark.parametrize(
    ("pattern", "sets"),
    [
        (r"\b(?:acquired|buys?) (?P<name>[A-Z]\w+)", [{"acquired ", "buy ", "buys "}]),
        # a class of a few characters is spelled out; "\d" (any Unicode digit) is not
        (r"[Tt]he (?P<name>X)-\d+", [{"The X-", "the X-"}]),
        # what a lookahead sees is in the text too
        (r"(?P<name>[A-Z]\w+)(?=\s?(?:發布|推出))", [{"發布", "推出"}]),
        # case-insensitive parts and open classes say nothing
        (r"(?i:said) (?P<name>[A-Z]+)", []),
    ],
)
def test_required_strings_are_read_from_the_pattern(pattern, sets):
    assert [set(s) for s in required(re.compile(pattern))] == sets


def _rule_file(tmp_path, rule: str, fragments: str = "  NAME: '[A-Z][a-z]+'\n") -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(f"fragments:\n{fragments}context_rules:\n{rule}", encoding="utf-8")
    return path


GOOD = """  - name: said
    kind: Organization
    why: X said
    pattern: '(?P<name>{NAME}) said'
    match:
      - ["Norvik said so.", "Norvik"]
"""


@pytest.mark.parametrize(
    ("change", "says"),
    [
        (("{NAME}", "{NOPE}"), "no fragment {NOPE}"),
        (("kind: Organization", "kind: Company"), "unknown kind"),
        (("why: X said", "wy: X said"), "unknown key(s) ['wy']"),
        (('      - ["Norvik said so.", "Norvik"]\n', ""), "at least one 'match' example"),
        (("(?P<name>{NAME})", "(?P<name>{NAME}"), "not a valid pattern"),
        (("(?P<name>{NAME})", "({NAME})"), "no group (?P<name>"),
    ],
)
def test_a_broken_rule_names_the_file_and_the_rule(tmp_path, change, says):
    path = _rule_file(tmp_path, GOOD.replace(*change))
    with pytest.raises(ExtractionError) as err:
        load_rules(path)
    assert str(path.resolve()) in str(err.value) and says in str(err.value)
    assert "rule said" in str(err.value) or "fragment" in says


def test_a_rule_added_to_the_file_is_compiled_with_a_needle_read_from_it(tmp_path):
    # the shipped file plus one new rule at the end: the format is open to additions
    extra = GOOD.replace("said", "zorbles").replace("- name: zorbles", "- name: zorbles-x")
    extra = extra.replace("{NAME}", "{ONE_WORD}")
    path = tmp_path / "discovery.yaml"
    path.write_text(DATA_FILE.read_text(encoding="utf-8") + extra, encoding="utf-8")
    rules = load_rules(path)
    added = rules.context[-1]
    assert added.name == "zorbles-x" and len(rules.context) == len(load_rules().context) + 1
    assert added.needle is not None and added.needle.requires == (frozenset([" zorbles"]),)
    assert added.pattern.search("Quintal zorbles daily.").group("name") == "Quintal"
    assert not added.needle.holds("Quintal said so.")
