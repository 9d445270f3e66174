"""The literal gates that let a stage skip a regular expression's scan of a whole text.

A gate may only say "cannot match": every text it turns away must be one the pattern
finds nothing in. Checked on invented sentences and, with hypothesis, on texts made of
pieces of the rule files' own gate strings, for every pattern the rule files compile.
"""

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractors import coordination, families, people, qualifiers, results, subject
from extractors.literals import Gate, quick


def _patterns(obj, depth=0):
    if isinstance(obj, re.Pattern):
        yield obj
    elif depth > 3 or isinstance(obj, type | str):
        return
    elif dataclasses.is_dataclass(obj):
        for f in dataclasses.fields(obj):
            yield from _patterns(getattr(obj, f.name), depth + 1)
    elif isinstance(obj, tuple | list):
        for o in obj:
            yield from _patterns(o, depth + 1)
    elif isinstance(obj, dict):
        for o in obj.values():
            yield from _patterns(o, depth + 1)


RULE_PATTERNS = [
    *_patterns(subject.load_patterns()),
    *_patterns(people.load_patterns()),
    *_patterns(coordination.load_patterns()),
    *_patterns(qualifiers.load_patterns()),
    *_patterns(results.load_patterns()),
    *_patterns([v for v in vars(families).values() if isinstance(v, re.Pattern | dict)]),
]


def test_a_pattern_whose_words_are_absent_is_gated_off():
    g = Gate(re.compile(r"(?<![\w-])(?:[Tt]he|[Tt]his) (?:company|firm)(?![\w-])"))
    assert not g("We met the founders at noon.")
    assert g("This firm grew fast.")
    # the gate only admits: the pattern still decides ("The firmware" is no match)
    assert g("The firmware shipped.")


def test_case_insensitive_words_are_compared_in_lower_case():
    g = Gate(re.compile(r"(?i:\bseries [a-k]\b)|轮"))
    assert g("It closed a SERIES B.")
    assert g("完成A轮")
    assert not g("A serial entrepreneur.")
    # a long s matches "s" case-insensitively but lowers to itself: no verdict but yes
    assert re.search(r"(?i:series b)", "ſeries b")
    assert g("ſeries b")


def test_a_lookahead_lends_its_words():
    g = Gate(re.compile(r"(?<![\w-])[A-Z][a-z]{3,}(?=-(?:linked|backed)\b)"))
    assert g("a Freedonia-linked crew")
    assert not g("a crew from Freedonia")


def test_a_pattern_without_required_words_is_never_gated_off():
    g = Gate(re.compile(r"(?<!-)(?:\d+|[A-Z]\w*)"))
    assert g("")
    assert g("nothing here")


def test_a_pattern_the_engine_skips_through_gets_no_gate():
    # a literal, a character class or a line start opens it: the scan is cheap already
    for source in (r"記者\s*(\w+)", r"[A-Z][a-z]+ Labs", r"(?m)^By [A-Z]\w+"):
        assert Gate(re.compile(source)).strings == ("",)


def test_the_rule_files_give_gates_that_skip_something():
    gated = [p for p in RULE_PATTERNS if Gate(p).strings != ("",)]
    assert len(gated) >= 20


_PIECES = sorted({s for p in RULE_PATTERNS for s in Gate(p).strings if s} | {" ", "-", "X"})


@pytest.mark.parametrize("pattern", RULE_PATTERNS, ids=lambda p: p.pattern[:40])
@settings(max_examples=25, deadline=None)
@given(
    parts=st.lists(
        st.one_of(
            st.sampled_from(_PIECES),
            st.sampled_from([s.upper() for s in _PIECES] + [s.title() for s in _PIECES]),
            st.text(alphabet="aeiou ST-.,0123\u4e00\u4e8c", max_size=4),
        ),
        max_size=12,
    )
)
def test_a_gate_turns_away_only_texts_the_pattern_cannot_match(pattern, parts):
    text = "".join(parts)
    if not Gate(pattern)(text):
        assert pattern.search(text) is None


def _found(pattern, text):
    return [(m.span(), m.groups(), m.groupdict()) for m in pattern.finditer(text)]


def test_a_lookbehind_opening_moves_behind_the_first_character():
    plain = re.compile(r"(?<![\w-])(?:[Oo]ur|[Tt]he|[Tt]his) (?:model|system)(?![\w-])")
    fast = quick(plain)
    assert fast is not plain
    text = "Our model beat the system; Xthe model and re-this system did not. this model"
    assert _found(fast, text) == _found(plain, text)
    assert [m.group() for m in fast.finditer(text)] == ["Our model", "the system", "this model"]
    # a pattern it cannot speed up comes back as it is
    other = re.compile(r"(?i:\bseries [a-k]\b)")
    assert quick(other) is other


QUICK = [
    p
    for p in {*RULE_PATTERNS, re.compile(r"(?<![\w-])[Tt]he (?P<w>\w+)(?P<s>s)?")}
    if quick(p) is not p
]


def test_the_rule_files_have_patterns_to_speed_up():
    assert len(QUICK) >= 5


@pytest.mark.parametrize("pattern", QUICK, ids=lambda p: p.pattern[:40])
@settings(max_examples=25, deadline=None)
@given(
    parts=st.lists(
        st.one_of(
            st.sampled_from(_PIECES + ["The", "this", "Our", "-", "x", "1", "k"]),
            st.text(alphabet="aeiouThs -_.,0123\u4e00", max_size=4),
        ),
        max_size=12,
    )
)
def test_a_quick_pattern_finds_what_its_pattern_finds(pattern, parts):
    text = " ".join(parts)
    assert _found(quick(pattern), text) == _found(pattern, text)
    for pos in (0, 1, len(text) // 2):
        assert _found(quick(pattern), text[pos:]) == _found(pattern, text[pos:])
