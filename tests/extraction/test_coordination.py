"""Names typed by where they stand: lists, head nouns, CVE parentheses, "group called X"."""

import pytest

from extractors.coordination import RULES_FILE, load_patterns
from kg.errors import ExtractionError

from .helpers import names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Last year the lab made two acquisitions (Quorvex, Palindra Health).",
            {("Quorvex", "Organization"), ("Palindra Health", "Organization")},
        ),
        (
            "The plant stays backed by existing investors Tarn Ridge Climate, Meadowlark "
            "Infrastructure, and Fenwick Capital Partners.",
            {
                ("Tarn Ridge Climate", "Organization"),
                ("Meadowlark Infrastructure", "Organization"),
            },
        ),
        (
            "The intruders install remote tools, including BriskDesk and AnyDesk, to persist.",
            {("BriskDesk", "Product")},
        ),
        (
            "The model holds up on benchmarks such as GLIMMER-7 and ORCHARD2025 at long range.",
            {("GLIMMER-7", "Benchmark"), ("ORCHARD2025", "Benchmark")},
        ),
        (
            "Switches from Cisco, Quellwater, and HPE were built for offices.",
            {("Quellwater", "Organization")},
        ),
    ],
)
def test_a_list_takes_the_kind_its_noun_or_its_known_names_give(x, text, expected):
    assert expected <= names(x.extract(text))


def test_a_citation_or_an_acronym_in_parentheses_is_no_list(x):
    found = names(
        x.extract(
            "Assistants improved, such as chatbots (Ferrow et al., 2023) and coding "
            "assistants (Lindqvist et al., 2024). Mergers and acquisitions (M&A) rose."
        )
    )
    assert not {n for n, _ in found} & {"Ferrow", "Lindqvist", "M&A"}


def test_a_list_with_one_known_name_and_no_noun_passes_nothing_on(x):
    found = names(x.extract("We met Google and Wallace Point at the fair."))
    assert ("Wallace Point", "Organization") not in found


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        (
            "The system adds Hive Relay, a self-directed parallel agent orchestration framework.",
            "Hive Relay",
            "Method",
        ),
        ("We propose a simple yet effective Fold-Merge training recipe.", "Fold-Merge", "Method"),
        ("It adopts a Plan-then-Merge paradigm that splits tasks.", "Plan-then-Merge", "Method"),
        ("We build GrottoEnv, a modular infrastructure for sandboxes.", "GrottoEnv", "Product"),
    ],
)
def test_a_coined_name_takes_the_kind_of_its_head_noun(x, text, name, kind):
    assert (name, kind) in names(x.extract(text))


def test_a_paper_title_types_its_name_by_the_noun_after_the_colon(x):
    found = x.extract(
        "We study agents on capture-the-flag tasks.",
        title="Flagstaff: A Live Task Based Benchmark for Evaluating Agents",
    )
    assert ("Flagstaff", "Benchmark") in names(found)


def test_a_name_ending_in_bench_keeps_its_kind_under_another_head_noun(x):
    found = x.extract(
        "DefendorBench measures agents.", title="DefendorBench: A Toolkit for Testing Agents"
    )
    assert ("DefendorBench", "Benchmark") in names(found)


def test_the_product_beside_a_cve_and_the_group_called_x(x):
    found = names(
        x.extract(
            "The state-sponsored hacking group Amber Heron was seen again. It exploited "
            "CVE-2031-40001 (Lumen Web Console) and a flaw (CVE-2031-40002) in Tallow "
            "Gateway, which the vendor patched."
        )
    )
    assert {
        ("Amber Heron", "ThreatActor"),
        ("Lumen Web Console", "Product"),
        ("Tallow Gateway", "Product"),
    } <= found


def test_the_platform_x_only_where_the_words_say_a_platform(x):
    assert ("X", "Product") in names(x.extract("The founder wrote in an X post that it shipped."))
    assert ("X", "Product") in names(x.extract("She announced the hires on X, then left."))
    assert not any(n == "X" for n, _ in names(x.extract("Let X be the set of inputs.")))


def test_a_broken_rule_file_is_an_error_naming_it(tmp_path):
    bad = tmp_path / "coordination.yaml"
    bad.write_text(RULES_FILE.read_text(encoding="utf-8").replace("list_item:", "list_itm:"))
    with pytest.raises(ExtractionError, match="coordination.yaml"):
        load_patterns(bad)
