"""`kg eval` scores a symmetric relation (PARTNERS_WITH) as one fact in either order."""

from __future__ import annotations

import json

from extractors import default_extractor


def _gold(tmp_path, head, tail):
    text = "Google partnered with Broadcom on chips. Broadcom partnered with Google again."
    record = {
        "id": "s1",
        "lang": "en",
        "text": text,
        "entities": [
            {"name": "Google", "type": "Organization", "surface": ["Google"]},
            {"name": "Broadcom", "type": "Organization", "surface": ["Broadcom"]},
        ],
        "relations": [{"head": head, "type": "PARTNERS_WITH", "tail": tail}],
    }
    path = tmp_path / f"gold-{head}.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return path


def test_partners_with_matches_in_either_order_and_counts_once(kg, tmp_path):
    for head, tail in (("Google", "Broadcom"), ("Broadcom", "Google")):
        run = kg("eval", "--json", _gold(tmp_path, head, tail))
        assert run.code == 0, run.err
        rel = run.json()["relations"]
        assert (rel["tp"], rel["fp"], rel["fn"]) == (1, 0, 0)


def test_extraction_states_a_symmetric_pair_once():
    found = default_extractor().extract(
        "Google partnered with Broadcom on chips. Broadcom partnered with Google again."
    )
    pairs = [r for r in found.relations if r.type == "PARTNERS_WITH"]
    assert len(pairs) == 1


def test_a_relation_through_a_duplicate_entity_scores_the_same_in_any_order():
    from extractors.evaluation import Evaluation, score_document
    from kg.models import ExtractedEntity, ExtractedRelation, Extraction

    gold = {
        "id": "d1",
        "entities": [
            {"name": "Google", "type": "Organization", "surface": ["Google", "Alphabet"]},
            {"name": "Intersect", "type": "Organization", "surface": ["Intersect"]},
        ],
        "relations": [{"head": "Google", "type": "ACQUIRED", "tail": "Intersect"}],
    }
    ents = [
        ExtractedEntity(name="Google", kind="Organization", surfaces=("Google",)),
        ExtractedEntity(name="Alphabet", kind="Organization", surfaces=("Alphabet",)),
        ExtractedEntity(name="Intersect", kind="Organization", surfaces=("Intersect",)),
    ]
    rel = ExtractedRelation(
        head="Alphabet",
        head_kind="Organization",
        type="ACQUIRED",
        tail="Intersect",
        tail_kind="Organization",
        evidence="Alphabet to acquire Intersect.",
    )
    for order in (ents, ents[::-1]):
        ev = Evaluation()
        score_document(
            gold, Extraction(article_id="d1", entities=tuple(order), relations=(rel,)), ev
        )
        assert (ev.relations.tp, ev.relations.fp) == (1, 0)
        assert ev.by_kind["Organization"].tp == 2
