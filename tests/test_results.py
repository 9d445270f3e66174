"""Results around a benchmark: EVALUATED_ON with its score, rivals, and comparisons."""

from __future__ import annotations

import pytest

from extractors import default_extractor


@pytest.fixture(scope="module")
def x():
    return default_extractor()


def found(x, text):
    return {(r.head, r.type, r.tail): r for r in x.extract(text).relations}


def test_scores_on_several_benchmarks_and_a_rival_in_brackets(x):
    rels = found(
        x,
        "Velora-7B achieves 79.6% on SWE-bench Verified (vs. Claude Opus 4.6 at 80.8%), "
        "88.7 on MMLU (surpassing GPT-4o and Gemma 2), and a GSM8K score of 91.2.",
    )
    assert rels[("Velora-7B", "EVALUATED_ON", "SWE-bench Verified")].qualifiers["score"] == 79.6
    assert (
        rels[("Claude Opus 4.6", "EVALUATED_ON", "SWE-bench Verified")].qualifiers["score"] == 80.8
    )
    assert rels[("Velora-7B", "EVALUATED_ON", "GSM8K")].qualifiers["score"] == 91.2
    assert ("Velora-7B", "OUTPERFORMS", "GPT-4o") in rels
    assert ("Velora-7B", "OUTPERFORMS", "Gemma 2") in rels
    assert ("Velora-7B", "OUTPERFORMS", "Claude Opus 4.6") not in rels


def test_the_digits_of_a_name_are_no_score(x):
    rels = found(x, "Mistral Small is out; it rivals Gemma 2 on MMLU.")
    assert ("Gemma 2", "EVALUATED_ON", "MMLU") not in rels


def test_a_model_before_a_method_takes_the_result(x):
    rels = found(x, "We present Velora-7B, a model trained with DPO that reaches 86% on GSM8K.")
    assert ("Velora-7B", "EVALUATED_ON", "GSM8K") in rels
    assert ("DPO", "EVALUATED_ON", "GSM8K") not in rels


def test_each_score_of_a_list_keeps_its_unit(x):
    rels = found(x, "Harbor-3B scores 64.1% on MMLU and 77.5% on GSM8K, and 12 points on Elo.")
    for bench, score in (("MMLU", 64.1), ("GSM8K", 77.5)):
        q = rels[("Harbor-3B", "EVALUATED_ON", bench)].qualifiers
        assert (q["score"], q.get("metric")) == (score, "percent")
