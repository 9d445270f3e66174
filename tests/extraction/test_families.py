"""New members of known model and chip families, and the bare versions that stand for them."""

import pytest

from extractors.extractor import RuleExtractor
from extractors.gazetteer import GazetteerEntry, build
from kg.ontology import load_ontology

from .helpers import names, triples


@pytest.fixture(scope="module")
def fx():
    """An extractor whose gazetteer knows invented families by their members only."""
    entries = [
        GazetteerEntry("Brightwave 1.0", "Model", (), "test:1"),
        GazetteerEntry("Corvid 3", "Model", ("Corvid-3",), "test:2"),
        GazetteerEntry("Tessera 410A", "Product", ("天枢410A",), "test:3"),
        GazetteerEntry("Kestrel Vox", "Model", ("鳴鳥大模型",), "test:4"),
        GazetteerEntry("Nimbo-R1", "Model", (), "test:5"),
        GazetteerEntry("Nimbo Labs", "Organization", (), "test:6"),
    ]
    return RuleExtractor(load_ontology(), build(entries, "test"))


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("The studio shipped Brightwave 2.0 last week.", "Brightwave 2.0", "Model"),
        ("Then came Brightwave 3.5 Lite for phones.", "Brightwave 3.5 Lite", "Model"),
        ("The cluster runs on Tessera 520PR chips.", "Tessera 520PR", "Product"),
        ("公司将推出天枢620芯片。", "天枢620", "Product"),
        # named by the known name's canonical form and the version
        ("该公司发布了鸣鸟大模型2.5 lite。", "Kestrel Vox 2.5 lite", "Model"),
    ],
)
def test_a_known_family_with_a_new_version_is_a_new_member(fx, text, name, kind):
    assert (name, kind) in names(fx.extract(text))


def test_a_family_stem_alone_or_with_a_year_is_no_name(fx):
    found = names(
        fx.extract("In 2025 the lab said its Tessera 2026 plans and brightwave 4 are set.")
    )
    assert not any(n.startswith(("Brightwave", "brightwave", "Tessera")) for n, _ in found)


def test_a_member_replaces_the_known_name_inside_it(fx):
    found = fx.extract("The lab released 鳴鳥大模型3.0 today.")
    member = next(e for e in found.entities if e.name == "Kestrel Vox 3.0")
    assert member.kind == "Model" and "鳴鳥大模型3.0" in member.surfaces
    assert ("Kestrel Vox", "Model") not in names(found)


def test_a_bare_version_after_the_family_is_named_is_its_member(fx):
    found = names(
        fx.extract(
            "Nimbo Labs released Nimbo-V4 in two versions. V4-Max is for coding, "
            "and it replaces R1, which shipped last year."
        )
    )
    assert {("Nimbo-V4", "Model"), ("Nimbo-V4-Max", "Model"), ("Nimbo-R1", "Model")} <= found
    assert not any(n in {"V4-Max", "R1"} for n, _ in found)


def test_a_bare_version_with_no_family_in_the_text_is_left_alone(fx):
    assert not any(n.endswith("V4") for n, _ in names(fx.extract("The V4 engine was loud.")))


def test_a_discovered_model_takes_its_variant_word(fx):
    found = names(fx.extract("| Quillon-V2-Pro | 1.2 Trillion |"))
    assert ("Quillon-V2-Pro", "Model") in found


@pytest.fixture(scope="module")
def makers():
    entries = [
        GazetteerEntry("Corvane", "Organization", (), "test:1"),
        GazetteerEntry("Corvane-V3", "Model", (), "test:2"),
        GazetteerEntry("Corvane Cloud", "Product", (), "test:3"),
    ]
    return RuleExtractor(load_ontology(), build(entries, "test"))


def test_a_model_named_after_its_maker_is_developed_by_it(makers):
    found = makers.extract("Benchmarks put Corvane-V3 ahead of rivals. Corvane is based in Oslo.")
    assert ("Corvane-V3", "DEVELOPED_BY", "Corvane") in triples(found)


def test_no_maker_in_the_name_without_the_maker_named_on_its_own(makers):
    found = makers.extract("Benchmarks put Corvane-V3 ahead of rivals on Corvane Cloud.")
    assert not any(t == "DEVELOPED_BY" for _, t, _ in triples(found))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Larger ones (e.g., Corvid-3.6V-106B) trail it.", "Corvid-3.6V-106B"),
        ("It beats Nimbo-R1-0415 on math.", "Nimbo-R1-0415"),
        ("We finetune Corvid-3-T2V-14B on clips.", "Corvid-3-T2V-14B"),
    ],
)
def test_a_model_name_goes_on_while_its_hyphen_joined_pieces_carry_digits(fx, text, name):
    assert (name, "Model") in names(fx.extract(text))
