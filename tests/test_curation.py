"""Analyst curation: recorded in the graph, replayed over every extraction, undoable.

The corpus here is invented. Its gazetteer merges two different companies under one name
(``Halcyon``, seen as "Halcyon Robotics" and "Halcyon Bank"), and lists one company twice
(``Corvala AI`` and ``Corvala Labs``): the two mistakes an analyst curates.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.extractor import RuleExtractor
from extractors.gazetteer import load_gazetteer
from kg.config import load_settings
from kg.curation import Curation, Ref, Rewriter, build, load_log
from kg.curation.replay import record, undo
from kg.errors import InputError, UnknownTermError
from kg.models import ExtractedConcept, ExtractedEntity, ExtractedRelation, Extraction
from kg.ontology import load_ontology
from kg.pipeline import ingest, reextract
from kg.sources.files import read_files
from kg.store import open_store
from queries import library_for

ARTICLES = [
    (
        "a1",
        "2026-03-02",
        "Corvala Labs released Nimbrix-2, a coding model. Nimbrix-2 was developed by Corvala Labs.",
        [],
    ),
    (
        "a2",
        "2026-03-03",
        "Corvala AI raised $50 million from Brightwater Capital. "
        "Nimbrix-2 was developed by Corvala AI.",
        [{"name": "Corvala AI", "kind": "Organization"}],
    ),
    (
        "a3",
        "2026-03-04",
        "Halcyon Bank opened a branch in Lisbon. Halcyon Bank partnered with Corvala Labs.",
        [{"name": "Lisbon Fintech Week", "kind": "Organization"}],
    ),
    (
        "a4",
        "2026-03-05",
        "Halcyon Robotics unveiled Trellis-1. Trellis-1 was developed by Halcyon Robotics.",
        [{"name": "Trellis-1", "kind": "Model"}],
    ),
]
LATER = (
    "a5",
    "2026-03-06",
    "Corvala AI hired a research lead. Halcyon Bank cut its fees.",
    [{"name": "Corvala AI", "kind": "Organization"}],
)


@pytest.fixture
def extractor(tmp_path):
    folder = tmp_path / "gazetteer"
    folder.mkdir()
    (folder / "organization.tsv").write_text(
        "Corvala Labs\nCorvala AI\nBrightwater Capital\nHalcyon\tHalcyon Robotics|Halcyon Bank\n",
        encoding="utf-8",
    )
    (folder / "model.tsv").write_text("Nimbrix-2\nTrellis-1\n", encoding="utf-8")
    onto = load_ontology()
    return RuleExtractor(onto, load_gazetteer(onto, folder))


def corpus(tmp_path: Path, rows, name: str = "corpus.jsonl") -> Path:
    path = tmp_path / name
    path.write_text(
        "".join(
            json.dumps(
                {
                    "id": ident,
                    "url": f"https://news.example/{ident}",
                    "title": f"Story {ident}",
                    "published": f"{day}T09:00:00+00:00",
                    "source": "News Example",
                    "text": text,
                    "entities": notes,
                }
            )
            + "\n"
            for ident, day, text, notes in rows
        ),
        encoding="utf-8",
    )
    return path


def load(store, extractor, path: Path) -> None:
    report = ingest(
        read_files([path], zone=load_settings().zone, ontology=load_ontology()), store, extractor
    )
    assert report.quarantined == 0, report.problems


def dump(store) -> dict:
    """Everything the graph holds about articles, entities and relations, in a stable order."""
    onto = load_ontology()

    def rows(cypher: str) -> list:
        found = store.run(cypher)
        return sorted(json.dumps(r, sort_keys=True, default=str, ensure_ascii=False) for r in found)

    out = {
        "entities": rows(
            "MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.kind AS kind, "
            "e.aliases AS aliases, e.first_seen AS first, e.last_seen AS last"
        ),
        "mentions": rows(
            "MATCH (a:Article)-[m:MENTIONS]->(e:Entity) RETURN a.id AS a, e.id AS e, "
            "m.count AS count, m.snippet AS snippet, m.origin AS origin, m.extractor AS x"
        ),
        "states": rows(
            "MATCH (a:Article)-[s:STATES]->(h:Entity) RETURN a.id AS a, h.id AS h, "
            "s.rel_type AS type, s.tail AS t, s.sentence AS sentence, s.qualifiers AS q"
        ),
        "articles": rows("MATCH (a:Article) RETURN a.id AS id, a.content_hash AS hash"),
    }
    if store.dialect == "neo4j":  # the kind is also a label there
        out["labels"] = rows("MATCH (e:Entity) RETURN e.id AS id, labels(e) AS labels")
    for type_ in onto.relation_names:
        label = onto.cypher_relation(type_)
        out[type_] = rows(
            f"MATCH (h:Entity)-[r:{label}]->(t:Entity) RETURN h.id AS h, t.id AS t, "
            "r.count AS count, r.first_seen AS first, r.last_seen AS last, "
            "r.articles AS articles, r.evidence AS evidence, r.qualifiers AS q"
        )
    return out


def assert_same_graph(store, plain) -> None:
    """``store`` (either backend) holds what ``plain`` (embedded) does; on Neo4j every
    entity's labels are Entity and its kind."""
    got = dump(store)
    for row in map(json.loads, got.pop("labels", [])):
        assert sorted(row["labels"]) == sorted(["Entity", row["id"].split(":", 1)[0]]), row
    assert got == dump(plain)


def entity(store, eid: str) -> dict | None:
    found = store.run(
        "MATCH (e:Entity) WHERE e.id = $id RETURN e.name AS name, e.kind AS kind, "
        "e.aliases AS aliases, e.first_seen AS first, e.last_seen AS last",
        {"id": eid},
    )
    if not found:
        return None
    row = found[0]
    return {**row, "first": str(row["first"]), "last": str(row["last"])}


def mentions_of(store, eid: str) -> list[tuple[str, str, int]]:
    found = store.run(
        "MATCH (a:Article)-[m:MENTIONS]->(e:Entity) WHERE e.id = $id "
        "RETURN a.id AS a, m.origin AS origin, m.count AS n",
        {"id": eid},
    )
    return sorted((r["a"], r["origin"], r["n"]) for r in found)


# -- the rewrite itself: pure ------------------------------------------------------------


def curation(seq: int, op: str, entity: Ref, **fields) -> Curation:
    return Curation(id=f"c{seq}", seq=seq, op=op, entity=entity, **fields)


def test_rewrite_merges_names_counts_and_drops_loops():
    a, b = Ref.of("Corvala AI", "Organization"), Ref.of("Corvala Labs", "Organization")
    x = Extraction(
        article_id="x",
        entities=(
            ExtractedEntity(
                name="Corvala AI", kind="Organization", surfaces=("Corvala AI",), count=2
            ),
            ExtractedEntity(name="Corvala Labs", kind="Organization", surfaces=("CL",), count=1),
        ),
        relations=(
            ExtractedRelation(
                head="Corvala AI",
                head_kind="Organization",
                type="PARTNERS_WITH",
                tail="Corvala Labs",
                tail_kind="Organization",
                evidence="e",
            ),
        ),
    )
    out = Rewriter([curation(1, "merge", a, target=b)]).extraction(x)
    assert [(e.name, e.count) for e in out.entities] == [("Corvala Labs", 3)]
    assert set(out.entities[0].surfaces) == {"Corvala AI", "CL"}
    assert out.relations == ()  # a loop after the merge
    # an undone curation does nothing
    undone = curation(1, "merge", a, target=b).model_copy(update={"undone": "2026-01-01"})
    assert Rewriter([undone]).extraction(x) == x


def test_rewrite_moves_between_concepts_and_entities_by_kind():
    """A concept curated to a named kind becomes an entity; an entity curated to Concept a
    concept, and the relations that reached it go (relations join named entities)."""
    concept = Ref.of("Sparse Attention", "Concept")
    dorvik = Ref.of("Dorvik", "Method")
    x = Extraction(
        article_id="x",
        entities=(
            ExtractedEntity(name="Velox-3", kind="Model", surfaces=("Velox-3",)),
            ExtractedEntity(name="Dorvik", kind="Method", surfaces=("Dorvik",), count=2),
        ),
        relations=(
            ExtractedRelation(
                head="Velox-3",
                head_kind="Model",
                type="USES",
                tail="Dorvik",
                tail_kind="Method",
                evidence="e",
            ),
        ),
        concepts=(ExtractedConcept(name="Sparse Attention", surfaces=("sparse attention",)),),
    )
    out = Rewriter(
        [
            curation(1, "kind", concept, target=Ref.of("Sparse Attention", "Method")),
            curation(2, "kind", dorvik, target=Ref.of("Dorvik", "Concept")),
        ]
    ).extraction(x)
    assert {(e.name, e.kind) for e in out.entities} == {
        ("Velox-3", "Model"),
        ("Sparse Attention", "Method"),
    }
    assert [(c.name, c.count) for c in out.concepts] == [("Dorvik", 2)]
    assert out.relations == ()


def test_rewrite_leaves_what_no_curation_names_as_it_was():
    a, b = Ref.of("Corvala AI", "Organization"), Ref.of("Corvala Labs", "Organization")
    untouched = ExtractedEntity(
        name="Nimbrix-2", kind="Model", surfaces=("Nimbrix\u20112", "nimbrix-2"), count=3
    )
    x = Extraction(article_id="x", entities=(untouched,))
    assert Rewriter([curation(1, "merge", a, target=b)]).extraction(x).entities == (untouched,)


def test_rewrite_follows_the_log_in_order_and_splits_by_surface():
    h = Ref.of("Halcyon", "Organization")
    bank = Ref.of("Halcyon Bank", "Organization")
    log = [
        curation(1, "split", h, target=bank, surfaces=("Halcyon Bank",)),
        curation(2, "rename", bank, target=Ref.of("Halcyon Financial", "Organization")),
        curation(3, "alias_remove", h, alias="Halcyon Robotics"),
    ]

    def seen(surface: str) -> ExtractedEntity:
        x = Extraction(
            article_id="x",
            entities=(ExtractedEntity(name="Halcyon", kind="Organization", surfaces=(surface,)),),
        )
        return Rewriter(log).extraction(x).entities[0]

    moved = seen("Halcyon Bank")
    assert (moved.name, moved.kind) == ("Halcyon Financial", "Organization")
    assert set(moved.surfaces) == {"Halcyon Bank"}  # renamed: the old name is kept as alias
    stays = seen("Halcyon Robotics")
    assert stays.name == "Halcyon" and stays.surfaces == ()  # the alias was removed


def test_rewrite_alias_add_takes_in_entities_of_that_name():
    a = Ref.of("Corvala Labs", "Organization")
    x = Extraction(
        article_id="x",
        entities=(ExtractedEntity(name="CVL", kind="Method", surfaces=("CVL",)),),
    )
    out = Rewriter([curation(1, "alias_add", a, alias="CVL")]).extraction(x)
    assert [(e.name, e.kind, e.surfaces) for e in out.entities] == [
        ("Corvala Labs", "Organization", ("CVL",))
    ]


# -- on a stored graph, both stores ------------------------------------------------------


def test_merge_moves_everything_and_undo_restores_the_graph(tmp_path, store, extractor):
    load(store, extractor, corpus(tmp_path, ARTICLES))
    before = dump(store)
    assert entity(store, "Organization:corvala-ai") is not None

    c, report = build_and_record(store, extractor, build.merge, "Corvala AI", "Corvala Labs")
    assert report.articles == 3  # a1, a2, a3 mention one of them
    assert entity(store, "Organization:corvala-ai") is None
    survivor = entity(store, "Organization:corvala-labs")
    assert "Corvala AI" in survivor["aliases"]
    assert (survivor["first"], survivor["last"]) == ("2026-03-02", "2026-03-04")
    # the extracted mention and the trusted annotation both moved
    assert ("a2", "annotation", 1) in mentions_of(store, "Organization:corvala-labs")
    assert ("a2", "extracted", 2) in mentions_of(store, "Organization:corvala-labs")
    developed = store.run(
        "MATCH (h:Entity)-[r:DEVELOPED_BY]->(t:Entity) WHERE h.id = 'Model:nimbrix-2' "
        "RETURN t.id AS t, r.count AS n, r.first_seen AS first, r.last_seen AS last"
    )
    assert [(r["t"], r["n"], str(r["first"]), str(r["last"])) for r in developed] == [
        ("Organization:corvala-labs", 2, "2026-03-02", "2026-03-03")
    ]
    stated = store.run(
        "MATCH (a:Article)-[s:STATES]->(h:Entity) WHERE s.tail = 'Organization:corvala-ai' "
        "RETURN a.id AS a"
    )
    assert stated == []
    assert [x.id for x in load_log(store)] == [c.id]

    # it survives re-extraction, and holds for articles ingested later
    merged = dump(store)
    reextract(store, extractor)
    assert dump(store) == merged
    load(store, extractor, corpus(tmp_path, [LATER], "later.jsonl"))
    assert ("a5", "annotation", 1) in mentions_of(store, "Organization:corvala-labs")
    assert entity(store, "Organization:corvala-ai") is None

    # undone: the graph a store would hold had the merge never been made
    undo(store, extractor, c.id)
    with open_store(tmp_path / "plain.lbdb") as plain:
        load(plain, extractor, corpus(tmp_path, [*ARTICLES, LATER], "all.jsonl"))
        assert_same_graph(store, plain)
    assert load_log(store)[0].undone
    assert before != dump(store)  # (a5 is there now)


def build_and_record(store, extractor, maker, *args, **kwargs):
    return record(store, extractor, maker(store, *args, **kwargs), who="ana", why="test")


def test_merge_then_undo_leaves_the_graph_exactly_as_before(tmp_path, store, extractor):
    load(store, extractor, corpus(tmp_path, ARTICLES))
    before, stats = dump(store), store.stats()
    c, _ = build_and_record(
        store, extractor, build.merge, "Organization:corvala-ai", "Corvala Labs"
    )
    assert store.stats() != stats
    undo(store, extractor, c.id)
    assert dump(store) == before
    assert store.stats() == stats
    with pytest.raises(InputError, match="already undone"):
        undo(store, extractor, c.id)


def test_split_moves_the_mentions_seen_under_an_alias(tmp_path, store, extractor):
    load(store, extractor, corpus(tmp_path, ARTICLES))
    before = dump(store)
    assert set(entity(store, "Organization:halcyon")["aliases"]) == {
        "Halcyon Bank",
        "Halcyon Robotics",
    }
    c, _ = build_and_record(store, extractor, build.split, "Halcyon", ["Halcyon Bank"])
    bank = entity(store, "Organization:halcyon-bank")
    assert bank["name"] == "Halcyon Bank" and bank["first"] == bank["last"] == "2026-03-04"
    assert mentions_of(store, "Organization:halcyon-bank") == [("a3", "extracted", 2)]
    halcyon = entity(store, "Organization:halcyon")
    assert halcyon["aliases"] == ["Halcyon Robotics"]
    assert (halcyon["first"], halcyon["last"]) == ("2026-03-05", "2026-03-05")
    partners = store.run(
        "MATCH (h:Entity)-[r:PARTNERS_WITH]->(t:Entity) RETURN h.id AS h, t.id AS t"
    )
    assert partners == [{"h": "Organization:halcyon-bank", "t": "Organization:corvala-labs"}]

    load(store, extractor, corpus(tmp_path, [LATER], "later.jsonl"))
    assert ("a5", "extracted", 1) in mentions_of(store, "Organization:halcyon-bank")

    undo(store, extractor, c.id)
    assert entity(store, "Organization:halcyon-bank") is None
    with open_store(tmp_path / "plain.lbdb") as plain:
        load(plain, extractor, corpus(tmp_path, [*ARTICLES, LATER], "all.jsonl"))
        assert_same_graph(store, plain)
    assert dump(store) != before


def test_rename_kind_and_aliases_chain_and_undo_in_any_order(tmp_path, store, extractor):
    load(store, extractor, corpus(tmp_path, ARTICLES))
    before = dump(store)
    kind, _ = build_and_record(store, extractor, build.change_kind, "Trellis-1", "Product")
    assert entity(store, "Model:trellis-1") is None
    assert entity(store, "Product:trellis-1")["kind"] == "Product"
    # the annotation moved with it, and the relation
    assert ("a4", "annotation", 1) in mentions_of(store, "Product:trellis-1")
    rename, _ = build_and_record(store, extractor, build.rename, "Product:trellis-1", "Trellis One")
    renamed = entity(store, "Product:trellis-one")
    assert renamed["name"] == "Trellis One" and "Trellis-1" in renamed["aliases"]
    developed = store.run(
        "MATCH (h:Entity)-[r:DEVELOPED_BY]->(t:Entity) WHERE t.id = 'Organization:halcyon' "
        "RETURN h.id AS h"
    )
    assert developed == [{"h": "Product:trellis-one"}]
    # the named queries find an entity by its new name and by an alias a curation added
    library = library_for(store)
    found = library.run(store, "entity_relations", {"entity": "trellis one"})
    assert {r["other_id"] for r in found} >= {"Organization:halcyon"}
    added, _ = build_and_record(store, extractor, build.alias_add, "Corvala Labs", "CVL Group")
    assert "CVL Group" in entity(store, "Organization:corvala-labs")["aliases"]
    assert library.run(store, "entity_timeline", {"entity": "CVL Group"})
    removed, _ = build_and_record(
        store, extractor, build.alias_remove, "Halcyon", "Halcyon Robotics"
    )
    assert entity(store, "Organization:halcyon")["aliases"] == ["Halcyon Bank"]
    assert [c.op for c in load_log(store)] == ["kind", "rename", "alias_add", "alias_remove"]

    # the oldest first: the rename made after it is taken back and made again (and now
    # finds no Product:trellis-1 to rename, so nothing of it shows)
    _, report = undo(store, extractor, kind.id)
    assert report.replayed == [rename.id]
    assert entity(store, "Model:trellis-1") is not None
    assert entity(store, "Product:trellis-one") is None
    for c in (rename, added, removed):
        undo(store, extractor, c.id)
    assert dump(store) == before


def test_alias_add_merges_entities_stored_under_that_name(tmp_path, store, extractor):
    load(store, extractor, corpus(tmp_path, ARTICLES))
    before = dump(store)
    c, _ = build_and_record(store, extractor, build.alias_add, "Corvala Labs", "Corvala AI")
    assert c.also == ("Organization:corvala-ai",)
    assert entity(store, "Organization:corvala-ai") is None
    assert ("a2", "extracted", 2) in mentions_of(store, "Organization:corvala-labs")
    undo(store, extractor, c.id)
    assert dump(store) == before


def test_an_entity_known_only_from_annotations_is_moved_and_put_back(tmp_path, store, extractor):
    load(store, extractor, corpus(tmp_path, ARTICLES))
    before = dump(store)
    c, report = build_and_record(
        store, extractor, build.change_kind, "Lisbon Fintech Week", "Product"
    )
    assert entity(store, "Organization:lisbon-fintech-week") is None
    assert mentions_of(store, "Product:lisbon-fintech-week") == [("a3", "annotation", 1)]
    if store.dialect == "neo4j":
        labels = store.run(
            "MATCH (e:Entity) WHERE e.id = 'Product:lisbon-fintech-week' RETURN labels(e) AS l"
        )
        assert sorted(labels[0]["l"]) == ["Entity", "Product"]
    undo(store, extractor, c.id)
    assert dump(store) == before


def test_bad_curations_are_refused_with_what_is_wrong(tmp_path, store, extractor):
    load(store, extractor, corpus(tmp_path, ARTICLES))
    before = dump(store)
    with pytest.raises(InputError, match="'Nobody Corp'.*no such entity"):
        build.merge(store, "Nobody Corp", "Corvala Labs")
    with pytest.raises(InputError, match="nothing to merge"):
        build.merge(store, "Corvala Labs", "Organization:corvala-labs")
    with pytest.raises(UnknownTermError, match="'Spaceship'.*Model"):
        build.change_kind(store, "Trellis-1", "Spaceship")
    with pytest.raises(InputError, match="already exists.*kg entity merge"):
        build.rename(store, "Corvala AI", "Corvala Labs")
    with pytest.raises(InputError, match="not an alias of Organization:halcyon"):
        build.split(store, "Halcyon", ["Halcyon Motors"])
    with pytest.raises(InputError, match="not an alias"):
        build.alias_remove(store, "Corvala Labs", "CVL")
    with pytest.raises(InputError, match="already an alias"):
        build.alias_add(store, "Halcyon", "halcyon bank")
    # a name is found through its aliases too; a name that fits two entities is refused
    assert build.find_entity(store, "Halcyon Bank")["id"] == "Organization:halcyon"
    build_and_record(store, extractor, build.alias_add, "Corvala Labs", "Halcyon Bank")
    with pytest.raises(InputError, match="names 2 entities.*give the id"):
        build.find_entity(store, "Halcyon Bank")
    undo(store, extractor, "c1")
    with pytest.raises(InputError, match="no such curation"):
        undo(store, extractor, "c9")
    assert dump(store) == before and [c.op for c in load_log(store)] == ["alias_add"]


# -- through the kg command, both stores ---------------------------------------------------


def test_cli_merge_reextract_and_undo_on_the_sample(kg, store_location):
    sample = Path(__file__).resolve().parent.parent / "kg" / "sample"
    s = ["--store", store_location]
    assert kg("ingest", "files", *sorted(sample.glob("*.jsonl")), *s).code == 0
    stats = kg("stats", "--json", *s).out
    days = json.loads(stats)["days"]

    def reports() -> list[str]:
        return [kg("report", "--format", "json", "--date", d, *s).out for d in days]

    before = reports()
    assert kg("curation", "list", "--json", *s).json() == []

    done = kg("entity", "merge", "Meta AI", "Meta", "--why", "one company", "--json", *s)
    assert done.code == 0, done.err
    assert done.json()["id"] == "c1" and done.json()["articles"] > 0
    listed = kg("curation", "list", "--json", *s).json()
    assert [(c["id"], c["op"], c["why"], c["undone"]) for c in listed] == [
        ("c1", "merge", "one company", "")
    ]
    merged = kg("stats", "--json", *s).out
    assert json.loads(merged)["entities"] == json.loads(stats)["entities"] - 1
    assert reports() != before  # the merge shows in some day's report
    assert kg("reextract", *s).code == 0
    assert kg("stats", "--json", *s).out == merged

    assert kg("curation", "undo", "c1", *s).code == 0
    assert kg("stats", "--json", *s).out == stats
    assert reports() == before
    again = kg("curation", "undo", "c1", *s)
    assert again.code == 2 and "already undone" in again.err


def test_cli_names_bad_input(kg, tmp_path):
    sample = Path(__file__).resolve().parent.parent / "kg" / "sample"
    s = ["--store", str(tmp_path / "g.lbdb")]
    assert kg("ingest", "files", sample / "articles_en.jsonl", *s).code == 0
    missing = kg("entity", "rename", "Nobody Corp", "Somebody", *s)
    assert missing.code == 2 and "'Nobody Corp'" in missing.err
    kind = kg("entity", "kind", "Meta", "Spaceship", *s)
    assert kind.code == 1 and "unknown entity kind 'Spaceship'" in kind.err
    unknown = kg("curation", "undo", "c7", *s)
    assert unknown.code == 2 and "no such curation" in unknown.err
    added = kg("alias", "add", "Meta", "Meta Platforms", "--who", "ana", *s)
    assert added.code == 0 and "c1" in added.out
    listed = kg("curation", "list", "--json", *s).json()
    assert listed[0]["who"] == "ana" and "Meta Platforms" in listed[0]["what"]
    assert kg("alias", "remove", "Meta", "Meta Platforms", *s).code == 0
    assert kg("curation", "undo", "c2", *s).code == 0 and kg("curation", "undo", "c1", *s).code == 0


def test_readme_documents_the_curation_commands():
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    for command in (
        "kg entity merge",
        "kg entity split",
        "kg entity rename",
        "kg entity kind",
        "kg alias add",
        "kg alias remove",
        "kg curation list",
        "kg curation undo",
    ):
        assert command in readme, f"README does not show `{command}`"


def test_every_curation_statement_parses_as_neo4j_cypher():
    import re

    from kg.store import curation as statements
    from tests.test_cypher_lint import lint

    found = [
        {"name": name, "query": text, "params": sorted(set(re.findall(r"\$(\w+)", text)))}
        for name, text in vars(statements).items()
        if name.isupper() and isinstance(text, str)
    ]
    assert len(found) >= 15
    problems = [r for r in lint(found) if r["errors"]]
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)


def test_a_graph_from_before_curation_lists_none_read_only(kg, tmp_path):
    path = tmp_path / "old.lbdb"
    with open_store(path) as graph:
        graph.run("DROP TABLE AnnotationOrigin")
        graph.run("DROP TABLE Curation")
    listed = kg("curation", "list", "--json", "--store", path)
    assert listed.code == 0 and listed.json() == []
    with open_store(path) as graph:  # a write-mode open adds the tables
        assert load_log(graph) == []


def test_sync_carries_the_log_so_the_copy_can_undo(tmp_path, store, extractor):
    from kg.sync import sync

    with open_store(tmp_path / "first.lbdb") as first:
        load(first, extractor, corpus(tmp_path, ARTICLES))
        before = dump(first)
        c, _ = build_and_record(first, extractor, build.merge, "Corvala AI", "Corvala Labs")
        sync(first, store)
        sync(first, store)  # twice: one log
    assert [x.id for x in load_log(store)] == [c.id]
    assert entity(store, "Organization:corvala-ai") is None
    undo(store, extractor, c.id)
    got = dump(store)
    got.pop("labels", None)
    assert got == before
