"""Coined names defined with their acronym, typed by their head noun, then followed."""

import pytest


@pytest.mark.parametrize(
    ("text", "name", "kind", "short"),
    [
        (
            "We present Tidal Policy Shaping (TPS), a framework for agents.",
            "Tidal Policy Shaping",
            "Method",
            "TPS",
        ),
        (
            "Results on the Harbor Reading Suite (HRS) are below.",
            "Harbor Reading Suite",
            "Benchmark",
            "HRS",
        ),
        ("Kestrel Labs (KL) said so.", "Kestrel Labs", "Organization", "KL"),
        (
            "We add a Sparse Lantern Module (SpaLM) to the encoder.",
            "Sparse Lantern Module",
            "Method",
            "SpaLM",
        ),
    ],
)
def test_a_defined_name_takes_its_acronym_as_a_surface(x, text, name, kind, short):
    entity = next(e for e in x.extract(text).entities if e.name == name)
    assert entity.kind == kind and short in entity.surfaces


def test_every_later_mention_of_a_discovered_name_is_tagged(x):
    found = x.extract(
        "We present Tidal Policy Shaping (TPS), a framework for agents. TPS beats PPO. "
        "In the ablation, TPS keeps its lead."
    )
    tps = next(e for e in found.entities if e.name == "Tidal Policy Shaping")
    assert tps.count == 4  # the long form, the acronym, and two later mentions
    assert ("Tidal Policy Shaping", "OUTPERFORMS", "PPO") in {
        (r.head, r.type, r.tail) for r in found.relations
    }


@pytest.mark.parametrize(
    "text",
    [
        "Graphics Processing Units (GPUs) are scarce.",  # a plural is a class of things
        "She is the Chief Strategy Officer (CSO) there.",  # a title
        "The Quiet River Project (QX) started.",  # letters that are not its initials
    ],
)
def test_brackets_that_define_no_coined_name(x, text):
    assert not [e for e in x.extract(text).entities if e.discovered]
