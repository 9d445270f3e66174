"""The store contract: the same tests on the embedded store and on a live Neo4j 5 (the
``store`` fixture of conftest.py: the test launcher, or KG_NEO4J_URI, wiped per test)."""

import json

from extractors import default_extractor
from kg.config import load_settings
from kg.ontology import load_ontology
from kg.pipeline import ingest
from kg.sources.files import read_files
from kg.store import open_store
from queries import library_for
from reports import write_report
from tests.conftest import SAMPLE


def load_sample(store):
    records = read_files(
        sorted(SAMPLE.glob("*.jsonl")), zone=load_settings().zone, ontology=load_ontology()
    )
    return ingest(records, store, default_extractor())


def test_ingest_is_idempotent(store):
    first = load_sample(store)
    before = store.stats()
    again = load_sample(store)
    assert again.new == 0 and again.duplicate == first.new
    assert store.stats() == before
    assert before.articles == first.new and before.relations > 0


def test_every_named_query_runs_and_report_is_built(store, tmp_path):
    load_sample(store)
    days = store.stats().days
    library = library_for(store)
    for name in library.names():
        query = library.get(name)
        params = {
            p.name: {
                "DATE": days[-1],
                "STRING": "Velora Labs",
                "INT": 20,
                "LIST": ["en-0307-001"]
                if name == "articles_by_ids"
                else ["Organization:velora-labs"],
            }.get(p.type)
            for p in query.params
            if p.default is None
        }
        if "since" in params:
            params["since"] = days[0]
        assert isinstance(library.run(store, name, params), list)
    report = json.loads(write_report(store, None, fmt="json"))
    assert report["articles_count"] > 0 and report["focus"]


def test_sync_copies_the_graph_and_the_report_is_identical(store, tmp_path):
    from kg.sync import sync

    source = open_store(tmp_path / "source.lbdb")
    load_sample(source)
    first = sync(source, store)
    assert store.stats() == source.stats()
    again = sync(source, store)
    assert again.written.articles_new == again.written.relations_new == 0
    for day in source.stats().days:
        from datetime import date

        d = date.fromisoformat(day)
        assert write_report(store, d, fmt="json") == write_report(source, d, fmt="json")
    assert first.articles == source.stats().articles
    source.close()


def test_sync_back_to_an_embedded_file_copies_everything_once(store, tmp_path):
    from datetime import date

    from kg.sync import sync

    load_sample(store)
    copy = open_store(tmp_path / "copy.lbdb")
    first = sync(store, copy)
    assert copy.stats() == store.stats() and first.articles == store.stats().articles
    again = sync(store, copy)
    assert again.written.articles_new == again.written.relations_new == 0
    assert again.written.mentions == again.written.entities_new == 0
    day = date.fromisoformat(store.stats().days[-1])
    assert write_report(copy, day, fmt="json") == write_report(store, day, fmt="json")
    copy.close()


def test_sync_in_small_transactions_copies_the_same_graph(store, tmp_path, monkeypatch):
    import kg.sync
    from kg.sync import bounded, sync

    source = open_store(tmp_path / "source.lbdb")
    load_sample(source)
    page = next(kg.sync.article_pages(source))
    parts = list(bounded(page, 2000))
    assert len(parts) > 1 and sum(len(p.articles) for p in parts) == len(page.articles)
    monkeypatch.setattr(kg.sync, "TX_TEXT_BYTES", 2000)
    sync(source, store)
    assert store.stats() == source.stats()
    source.close()


def test_relation_qualifiers_round_trip_through_the_store_and_sync(store, tmp_path):
    from datetime import UTC, date, datetime

    from kg.models import Article, Entity, IngestBatch, Mention, Relation
    from kg.ontology import load_ontology
    from kg.sync import sync
    from queries import library_for

    investor, startup = (
        Entity.of("Halcyon Ventures", "Organization"),
        Entity.of("Quillmark AI", "Organization"),
    )

    def funding(aid, day, qualifiers, via=""):
        a = Article(
            id=aid,
            url=f"https://x.example/{aid}",
            title="t",
            source="AI Wire",
            published=datetime(2026, 3, day, 1, tzinfo=UTC),
            day=date(2026, 3, day),
            lang="en",
            text=f"Halcyon Ventures led a round in Quillmark AI ({aid}).",
        )
        rel = Relation(
            head_id=investor.id,
            type="INVESTED_IN",
            tail_id=startup.id,
            article_id=aid,
            day=a.day,
            evidence=a.text,
            qualifiers=qualifiers,
            via=via,
        )
        mentions = tuple(Mention(article_id=aid, entity_id=e.id) for e in (investor, startup))
        return IngestBatch(
            articles=(a,), entities=(investor, startup), mentions=mentions, relations=(rel,)
        )

    first = {"amount": 1.5e9, "currency": "USD", "round": "Series B", "role": "lead"}
    store.write(funding("f1", 2, first))
    store.write(funding("f2", 3, {"valuation": 9e9, "round": ""}, via="the startup"))
    assert set(first) | {"valuation"} <= set(load_ontology().qualifiers)

    lib = library_for(store)
    [day1] = lib.run(store, "day_relations", {"day": "2026-03-02"})
    assert json.loads(day1["qualifiers"]) == first and day1["via"] == ""
    [day2] = lib.run(store, "day_relations", {"day": "2026-03-03"})
    assert json.loads(day2["qualifiers"]) == {"round": "", "valuation": 9e9}
    assert day2["via"] == "the startup"
    # on the edge, each key's latest non-empty value wins
    [edge] = [r for r in lib.run(store, "entity_relations", {"entity": "Halcyon Ventures"})]
    assert json.loads(edge["qualifiers"]) == {**first, "valuation": 9e9}
    assert edge["via"] == "the startup"

    copy = open_store(tmp_path / "copy.lbdb")
    sync(store, copy)
    for day in ("2026-03-02", "2026-03-03"):
        assert lib.run(store, "day_relations", {"day": day}) == library_for(copy).run(
            copy, "day_relations", {"day": day}
        )
    assert library_for(copy).run(copy, "entity_relations", {"entity": "Halcyon Ventures"}) == [edge]
    copy.close()


def test_concepts_are_stored_apart_from_the_named_entities(store):
    """A generic concept is a node of the Concept kind (in Neo4j also the :Concept label):
    counted apart in the stats, never a new entity, and no relation reaches it."""
    from datetime import UTC, date, datetime

    from kg.models import Article
    from kg.pipeline import ingest as run_ingest

    text = (
        "Orrin Labs released Velox-3. Velox-3 uses Mixture of Experts and DPO. "
        "Sparse Attention, developed by Orrin Labs, cuts memory use."
    )
    article = Article(
        id="concept-1",
        url="https://x.example/concept-1",
        title="Velox-3",
        source="AI Wire",
        published=datetime(2026, 4, 1, 9, tzinfo=UTC),
        day=date(2026, 4, 1),
        lang="en",
        text=text,
    )
    report = run_ingest([article], store, default_extractor())
    assert report.concepts_new == 2 and report.entities_new >= 3
    stats = store.stats()
    assert stats.concepts == 2 and "Concept" not in stats.entities_by_kind
    assert stats.entities == sum(stats.entities_by_kind.values())
    concepts = store.run(
        "MATCH (e:Entity) WHERE e.kind = 'Concept' RETURN e.name AS name ORDER BY name"
    )
    assert [r["name"] for r in concepts] == ["Mixture of Experts", "Sparse Attention"]
    if store.dialect == "neo4j":
        labelled = store.run("MATCH (c:Concept) RETURN count(c) AS n")
        assert labelled[0]["n"] == 2
    stated = store.run(
        "MATCH (a:Article)-[s:STATES]->(h:Entity) RETURN h.kind AS head, s.tail AS tail"
    )
    assert stated and not [r for r in stated if r["head"] == "Concept" or "Concept:" in r["tail"]]
    new = library_for(store).run(store, "new_entities", {"day": date(2026, 4, 1)})
    assert {r["name"] for r in new} >= {"Velox-3", "DPO"}
    assert all(r["kind"] != "Concept" for r in new)
