"""Generic concepts end to end: extracted apart, stored as Concept nodes, left out of what
counts and lists named entities (new entities, ``kg stats``, watchlists), kept as topics."""

import json

import pytest

DAY = "2026-04-01"
ARTICLES = [
    {
        "id": "c-1",
        "url": "https://example.test/c-1",
        "title": "Orrin Labs ships Velox-3",
        "published": f"{DAY}T09:00:00+00:00",
        "lang": "en",
        "source": "Test Wire",
        "text": "Orrin Labs released Velox-3 on Tuesday. Velox-3 uses Mixture of Experts and "
        "DPO. Orrin Labs trained Velox-3 as a Large Language Model for legal text.",
    },
    {
        "id": "c-2",
        "url": "https://example.test/c-2",
        "title": "Tessellate Robotics and Federated Learning",
        "published": f"{DAY}T10:00:00+00:00",
        "lang": "en",
        "source": "Test Wire",
        "text": "Tessellate Robotics trains a Large Language Model with Federated Learning "
        "across its warehouse robots.",
        # annotations as older guidelines wrote them: concepts given as Methods
        "entities": [
            {"name": "LLM", "kind": "Method"},
            {"name": "Federated Learning", "kind": "Method"},
        ],
    },
]
CONCEPTS = {"Large Language Model", "Mixture of Experts", "Federated Learning"}


@pytest.fixture
def graph(tmp_path, kg):
    src = tmp_path / "articles.jsonl"
    src.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    store = tmp_path / "g.lbdb"
    result = kg("ingest", "files", src, "--store", store, "--json")
    assert result.code == 0, result.err
    assert result.json()["concepts_new"] == len(CONCEPTS)
    return store


def nodes(kg, store):
    rows = kg(
        "cypher",
        "MATCH (e:Entity) RETURN e.name AS name, e.kind AS kind",
        "--store",
        store,
        "--json",
    ).json()
    return {(r["name"], r["kind"]) for r in rows}


def test_concepts_are_stored_as_concept_nodes_and_annotations_follow(kg, graph):
    stored = nodes(kg, graph)
    assert {n for n, k in stored if k == "Concept"} == CONCEPTS
    # neither the text nor the annotation ("LLM" given as a Method) made a Method of them
    assert not {n for n, k in stored if k == "Method"} & CONCEPTS
    assert ("DPO", "Method") in stored


def test_stats_count_entities_and_concepts_apart(kg, graph):
    stats = kg("stats", "--store", graph, "--json").json()
    assert stats["concepts"] == len(CONCEPTS)
    assert "Concept" not in stats["entities_by_kind"]
    assert stats["entities"] == sum(stats["entities_by_kind"].values())
    assert stats["entities_by_kind"]["Method"] == 1  # DPO


def test_report_lists_no_concept_as_new_but_keeps_it_as_a_topic(kg, graph):
    report = kg("report", "--date", DAY, "--format", "json", "--store", graph).json()
    new = {e["name"] for e in report["new_entities"]}
    assert {"Velox-3", "Orrin Labs", "DPO"} <= new and not new & CONCEPTS
    assert all(e["kind"] != "Concept" for e in report["new_entities"])
    relations = {(r["head"], r["tail"]) for r in report["new_relations"]}
    assert not {end for pair in relations for end in pair} & CONCEPTS
    # a topic still names what the articles discuss
    topics = {n for item in report["focus"] for n in item["entities"]} | set(report["keywords"])
    assert "Mixture of Experts" in topics
    named = kg("query", "new_entities", "-p", f"day={DAY}", "--store", graph, "--json").json()
    assert not {r["name"] for r in named} & CONCEPTS


WATCHLIST = """\
watch:
  - pattern: ".*"
    rules: [new_entity]
  - name: Federated Learning
    rules: [mention]
  - kind: Concept
    label: topics
    rules: [new_entity]
"""


def test_watchlists_match_a_concept_by_name_or_kind_only(kg, graph, tmp_path):
    wl = tmp_path / "watchlist.yaml"
    wl.write_text(WATCHLIST, encoding="utf-8")
    result = kg("watch", "--date", DAY, "--watchlist", wl, "--store", graph, "--json")
    assert result.code == 0, result.err
    alerts = result.json()["alerts"]
    by_entry: dict[str, set[str]] = {}
    for a in alerts:
        for entry in a["entries"]:
            by_entry.setdefault(entry, set()).add(a["entity"])
    assert not by_entry["pattern:.*"] & CONCEPTS  # a pattern watches named entities
    assert "Velox-3" in by_entry["pattern:.*"]
    assert by_entry["Federated Learning"] == {"Federated Learning"}
    assert by_entry["topics"] == CONCEPTS
