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
