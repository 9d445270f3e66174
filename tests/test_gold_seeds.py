"""The seed reports' items as extraction gold: built from hand annotations, complete, scorable."""

import copy
import importlib.util
import json
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml

from kg.sources.reports import read_report

GOLD = Path(__file__).parent / "data" / "gold"
SEEDS = Path(__file__).parent / "data" / "seeds"


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("gold_build", GOLD / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def annotations():
    return yaml.safe_load((GOLD / "seeds_annotations.yaml").read_text(encoding="utf-8"))


def _gold_docs() -> list[dict]:
    lines = (GOLD / "seeds.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_builder_reproduces_seeds_jsonl(build):
    docs, counts = build.build_seeds()
    assert build.jsonl(docs) == (GOLD / "seeds.jsonl").read_text(encoding="utf-8")
    assert (
        counts["kept"] + counts["dropped, not in text"] + counts["dropped, generic"]
        == (counts["key entities"])
    )


def test_every_seed_item_is_a_gold_document():
    items = [
        article
        for path in sorted(SEEDS.glob("*.txt"))
        for article in read_report(path, zone=ZoneInfo("Asia/Taipei"))
    ]
    docs = _gold_docs()
    assert len(items) >= 2 and len(docs) == len(items)
    texts = Counter(d["text"] for d in docs)
    for article in items:
        # The text is what the extractor sees for a report item: title, then the prose.
        assert texts[f"{article.title}\n{article.text}"] == 1, article.title
    assert len({d["id"] for d in docs}) == len(docs)


def test_gold_surfaces_are_exact_strings_of_the_text():
    for doc in _gold_docs():
        names = {e["name"] for e in doc["entities"]}
        for entity in doc["entities"]:
            assert entity["surface"], entity
            for surface in entity["surface"]:
                assert surface in doc["text"], (doc["id"], surface)
        for rel in doc["relations"]:
            assert rel["head"] in names and rel["tail"] in names, (doc["id"], rel)


def _first_item(annotations: dict, file: str, containing: str) -> str:
    return next(t for t in annotations[file] if containing in t)


@pytest.mark.parametrize(
    "breakage, message",
    [
        ("forget a key entity", "not annotated"),
        ("stale title", "no annotation"),
        ("surface not in text", "not in the text"),
        ("dropped but present", "appears"),
        ("relation outside the ontology", "not allowed"),
        ("unknown kind", "has type"),
    ],
)
def test_builder_fails_loudly_when_an_annotation_no_longer_fits(
    build, annotations, breakage, message
):
    broken = copy.deepcopy(annotations)
    file = "000_f661572a7f41681c.txt"
    title = _first_item(broken, file, "Meta 以逾")
    note = broken[file][title]
    if breakage == "forget a key entity":
        del note["entities"]["Manus"]
    elif breakage == "stale title":
        broken[file][title + " (renamed)"] = broken[file].pop(title)
    elif breakage == "surface not in text":
        note["entities"]["Meta"] = {"type": "Organization", "also": ["Meta Platforms"]}
    elif breakage == "dropped but present":
        note["entities"]["Meta"] = {"drop": "not in text"}
    elif breakage == "relation outside the ontology":
        note["relations"] = ["Manus > EXPLOITS > Meta"]
    else:
        note["entities"]["Meta"] = "Company"
    with pytest.raises(build.AnnotationError, match=message):
        build.build_seeds(broken, SEEDS)


def test_kg_eval_scores_the_seed_gold_per_kind(kg):
    run = kg("eval", GOLD / "seeds.jsonl", "--json")
    assert run.code == 0, run.err
    result = run.json()
    docs = _gold_docs()
    assert result["documents"] == len(docs)
    gold_per_kind = Counter(e["type"] for d in docs for e in d["entities"])
    assert {"Model", "Organization", "Benchmark", "ThreatActor"} <= set(gold_per_kind)
    for kind, count in gold_per_kind.items():
        score = result["by_kind"][kind]
        assert score["tp"] + score["fn"] == count, kind
        assert 0.0 <= score["f1"] <= 1.0
    relations = result["relations"]
    assert relations["tp"] + relations["fn"] == sum(len(d["relations"]) for d in docs)
