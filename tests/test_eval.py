"""Extraction quality: the scorer itself, and the measured figures on the gold set."""

import json
from pathlib import Path

from extractors.evaluation import Evaluation, score_document
from kg.models import ExtractedEntity, Extraction

GOLD = Path(__file__).parent / "data" / "gold"


def test_matching_is_one_to_one_and_split_names_cost_precision():
    gold = {
        "id": "d",
        "text": "Jonathan Ross founded Groq. Ross said ...",
        "entities": [
            {"name": "Jonathan Ross", "type": "Person", "surface": ["Jonathan Ross", "Ross"]},
            {"name": "Groq", "type": "Organization", "surface": ["Groq"]},
        ],
        "relations": [],
    }
    split = Extraction(
        article_id="d",
        entities=(
            ExtractedEntity(name="Jonathan Ross", kind="Person", surfaces=("Jonathan Ross",)),
            ExtractedEntity(name="Ross", kind="Person", surfaces=("Ross",)),
            ExtractedEntity(name="GROQ", kind="Organization", surfaces=("Groq",)),
        ),
    )
    result = Evaluation()
    score_document(gold, split, result)
    person = result.by_kind["Person"]
    assert (person.tp, person.fp, person.fn) == (1, 1, 0)
    assert result.by_kind["Organization"].tp == 1  # case and surface forms match


def test_gold_set_scores_meet_the_targets(kg):
    dev = kg("eval", GOLD / "dev.jsonl", "--json").json()
    held = kg("eval", GOLD / "heldout.jsonl", "--json").json()
    assert dev["documents"] >= 70 and held["documents"] >= 30
    for result in (dev, held):
        assert result["core"]["f1"] >= 0.85
        assert result["all"]["f1"] >= 0.75
        assert result["relations"]["f1"] >= 0.5


def test_unseen_mode_removes_gold_names_from_the_gazetteer(kg):
    normal = kg("eval", GOLD / "heldout.jsonl", "--json").json()
    unseen = kg("eval", GOLD / "heldout.jsonl", "--unseen", "--json").json()
    assert unseen["all"]["recall"] < normal["all"]["recall"]
    assert unseen["by_kind"]["Vulnerability"]["recall"] == 1.0  # CVE ids are found by shape alone


def test_concepts_are_no_names_unless_asked(kg, tmp_path):
    """A generic concept the extractor keeps apart (``Large Language Model``) is left out of the
    score by default, whatever the gold says; ``--concepts`` scores it as a name."""
    gold = tmp_path / "g.jsonl"
    doc = {
        "id": "c1",
        "lang": "en",
        "text": "Harbor Minds trained a Large Language Model for ship logs.",
        "entities": [
            {"name": "Large Language Model", "type": "Method", "surface": ["Large Language Model"]}
        ],
        "relations": [],
    }
    gold.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    named = kg("eval", gold, "--json").json()["by_kind"]["Method"]
    scored = kg("eval", gold, "--json", "--concepts").json()["by_kind"]["Method"]
    assert (named["tp"], named["fn"]) == (0, 1)
    assert (scored["tp"], scored["fn"]) == (1, 0)
