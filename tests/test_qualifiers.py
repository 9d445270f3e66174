"""Qualifiers: what a sentence says about a fact (amount, round, valuation, score, ...)."""

from __future__ import annotations

import json

import pytest

from extractors import default_extractor


@pytest.fixture(scope="module")
def x():
    return default_extractor()


def rel(extraction, head, type_, tail):
    found = {(r.head, r.type, r.tail): r for r in extraction.relations}
    return found[(head, type_, tail)]


def test_amount_round_valuation_date_and_role_of_an_investment(x):
    found = x.extract(
        "Lumora Robotics raised $475M in a seed round at a $4.5B valuation led by "
        "Quillstone Ventures on March 3, 2026."
    )
    q = rel(found, "Quillstone Ventures", "INVESTED_IN", "Lumora Robotics").qualifiers
    assert q == {
        "amount": 475e6,
        "currency": "USD",
        "valuation": 4.5e9,
        "round": "seed",
        "date": "2026-03-03",
        "role": "lead",
    }


def test_chinese_amount_in_yi_and_a_lettered_round(x):
    found = x.extract("智谱完成 5 亿元 B 轮融资，由红杉中国领投。", lang="zh-CN")
    q = rel(found, "HongShan", "INVESTED_IN", "Zhipu AI").qualifiers
    assert (q["amount"], q["currency"], q["round"], q["role"]) == (5e8, "CNY", "series-b", "lead")


def test_yuan_in_traditional_chinese_is_taiwan_dollars_and_angel_round(x):
    found = x.extract("智譜完成 3000 萬元天使輪融資，由紅杉中國領投。", lang="zh-TW")
    q = rel(found, "HongShan", "INVESTED_IN", "Zhipu AI").qualifiers
    assert (q["amount"], q["currency"], q["round"]) == (3e7, "TWD", "angel")


def test_score_metric_and_split_of_a_result(x):
    found = x.extract("Velora-7B scores 77.2% on SWE-bench Verified.")
    q = rel(found, "Velora-7B", "EVALUATED_ON", "SWE-bench Verified").qualifiers
    assert q == {"score": 77.2, "metric": "percent", "split": "Verified"}


def test_acquisition_amount_and_no_qualifier_when_none_is_stated(x):
    found = x.extract("Meta acquired Manus for $2 billion. Google partnered with Broadcom.")
    assert rel(found, "Meta", "ACQUIRED", "Manus").qualifiers == {"amount": 2e9, "currency": "USD"}
    assert rel(found, "Google", "PARTNERS_WITH", "Broadcom").qualifiers == {}


def test_kg_extract_jsonl_prints_qualifiers(kg, tmp_path):
    src = tmp_path / "in.jsonl"
    line = {"id": "q1", "text": "Meta acquired Manus for $2 billion on 2026-01-05."}
    src.write_text(json.dumps(line) + "\n", encoding="utf-8")
    run = kg("extract", "--jsonl", src)
    assert run.code == 0, run.err
    out = json.loads(run.out.splitlines()[0])
    acquired = next(r for r in out["relations"] if r["type"] == "ACQUIRED")
    assert acquired["qualifiers"] == {"amount": 2e9, "currency": "USD", "date": "2026-01-05"}


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("NVIDIA will invest up to $100 billion in OpenAI.", 1e11),
        ("NVIDIA made a $5 billion investment in Intel.", 5e9),
        ("Google already owns a minority stake in Intersect.", None),
    ],
)
def test_investments_stated_as_a_stake_or_a_future_investment(x, text, amount):
    found = {(r.head, r.type, r.tail): r for r in x.extract(text).relations}
    (head, _, tail), rel = next(iter(found.items()))
    assert rel.type == "INVESTED_IN"
    assert rel.qualifiers.get("amount") == amount


def test_buying_a_stake_is_no_acquisition(x):
    found = {
        (r.head, r.type, r.tail)
        for r in x.extract("Meta agreed to buy a 49% stake in Scale AI.").relations
    }
    assert ("Meta", "ACQUIRED", "Scale AI") not in found
    assert ("Meta", "INVESTED_IN", "Scale AI") in found
