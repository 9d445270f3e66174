"""Makers named next to what they make: "NVIDIA H200", "Google's custom TPUs", "ChatGPT
maker OpenAI", "developed by the X team at Y"."""

from __future__ import annotations

import pytest

from extractors import default_extractor


@pytest.fixture(scope="module")
def x():
    return default_extractor()


def triples(text):
    return {(r.head, r.type, r.tail) for r in default_extractor().extract(text).relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Velora fine-tuned OpenAI GPT-5 models.", ("GPT-5", "DEVELOPED_BY", "OpenAI")),
        ("Kestrel builds on Google’s custom Gemini models.", ("Gemini", "DEVELOPED_BY", "Google")),
        ("Investors backed ChatGPT maker OpenAI again.", ("ChatGPT", "DEVELOPED_BY", "OpenAI")),
        (
            "Funds flowed to OpenAI, the ChatGPT maker, this year.",
            ("ChatGPT", "DEVELOPED_BY", "OpenAI"),
        ),
        (
            "We present Velora-7B, a model developed by the Nimbus team at Kuaishou.",
            ("Velora-7B", "DEVELOPED_BY", "Kuaishou"),
        ),
    ],
)
def test_maker_phrases(x, text, expected):
    assert expected in triples(text)


def test_trained_on_names_no_maker(x):
    found = triples("Mistral AI trained Mistral Large 3 on NVIDIA GPUs.")
    assert ("Mistral Large 3", "DEVELOPED_BY", "Mistral AI") in found
    found = triples("Mistral AI trained on OpenAI GPT-5 outputs.")
    assert ("GPT-5", "DEVELOPED_BY", "Mistral AI") not in found


def test_a_name_before_a_benchmark_is_no_maker(x):
    found = triples("Analysts cite SemiAnalysis InferenceMAX results.")
    assert not [t for t in found if t[1] == "DEVELOPED_BY"]
