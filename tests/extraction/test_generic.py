"""Generic concepts are found for topics but marked: they are no named entity."""

import json


def test_a_concept_is_marked_generic_and_a_named_technique_is_not(x):
    found = x.extract("Orrin Labs trains an LLM with DPO and Mixture of Experts.")
    generic = {e.name: e.generic for e in found.entities if e.kind == "Method"}
    assert generic == {"Large Language Model": True, "DPO": False, "Mixture of Experts": True}


def test_kg_eval_leaves_concepts_out_whatever_the_gold_says(tmp_path, kg):
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
    # The concept found in both documents is no prediction: a miss where the gold names it.
    assert (method["tp"], method["fp"], method["fn"]) == (2, 0, 1)
    concepts = kg("eval", gold, "--json", "--concepts").json()["by_kind"]["Method"]
    # Scored as a name it is a hit in one document and a false alarm in the other.
    assert (concepts["tp"], concepts["fp"], concepts["fn"]) == (3, 1, 0)
