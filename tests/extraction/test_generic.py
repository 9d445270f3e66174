"""Generic concepts are found, for topics, but kept apart: they are no named entity."""

import json


def _extract(kg, tmp_path, texts):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)),
        encoding="utf-8",
    )
    result = kg("extract", "--jsonl", src)
    assert result.code == 0
    return [json.loads(line) for line in result.out.splitlines() if line.strip()]


def test_a_concept_is_kept_apart_and_a_named_technique_is_an_entity(kg, tmp_path):
    (line,) = _extract(kg, tmp_path, ["Orrin Labs trains an LLM with DPO and Mixture of Experts."])
    assert {(e["name"], e["kind"]) for e in line["entities"]} == {
        ("Orrin Labs", "Organization"),
        ("DPO", "Method"),
    }
    assert {c["name"]: c["surfaces"] for c in line["concepts"]} == {
        "Large Language Model": ["LLM"],
        "Mixture of Experts": ["Mixture of Experts"],
    }


def test_no_relation_reaches_a_concept(kg, tmp_path):
    lines = _extract(
        kg,
        tmp_path,
        [
            "Velox-3 uses Mixture of Experts and DPO.",
            "Sparse Attention, developed by Orrin Labs, cuts memory use.",
        ],
    )
    uses, developed = ({(r["head"], r["type"], r["tail"]) for r in x["relations"]} for x in lines)
    # the named technique beside the concept keeps its relation; the concept has none
    assert uses == {("Velox-3", "USES", "DPO")}
    assert developed == set()
    assert [c["name"] for c in lines[0]["concepts"]] == ["Mixture of Experts"]
    assert [c["name"] for c in lines[1]["concepts"]] == ["Sparse Attention"]


def test_kg_eval_scores_the_entities_and_concepts_only_when_asked(tmp_path, kg):
    text = "Orrin Labs trains an LLM with DPO."
    docs = [
        {
            "id": "plain",
            "text": text,
            "entities": [
                {"name": "Orrin Labs", "type": "Organization", "surface": ["Orrin Labs"]},
                {"name": "DPO", "type": "Method", "surface": ["DPO"]},
            ],
            "relations": [],
        },
        {
            "id": "concept",
            "text": text,
            "entities": [
                {"name": "Orrin Labs", "type": "Organization", "surface": ["Orrin Labs"]},
                {"name": "DPO", "type": "Method", "surface": ["DPO"]},
                {
                    "name": "Large Language Model",
                    "type": "Method",
                    "surface": ["LLM"],
                },
            ],
            "relations": [],
        },
    ]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    result = kg("eval", gold, "--json")
    method = result.json()["by_kind"]["Method"]
    # The concept found in both documents is no entity: a miss where the gold names it.
    assert (method["tp"], method["fp"], method["fn"]) == (2, 0, 1)
    concepts = kg("eval", gold, "--json", "--concepts").json()["by_kind"]["Method"]
    # Scored as a Method name it is a hit in one document and a false alarm in the other.
    assert (concepts["tp"], concepts["fp"], concepts["fn"]) == (3, 1, 0)
