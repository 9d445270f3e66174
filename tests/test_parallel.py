"""Parallel extraction gives the same graph as a single process."""

from dataclasses import asdict

from extractors import default_extractor
from kg.config import load_settings
from kg.ontology import load_ontology
from kg.pipeline import ingest
from kg.sources.files import read_files
from kg.store import open_store
from queries import library_for
from tests.conftest import SAMPLE


def build(path, workers):
    records = read_files(
        sorted(SAMPLE.glob("*.jsonl")), zone=load_settings().zone, ontology=load_ontology()
    )
    store = open_store(path)
    ingest(records, store, default_extractor(), workers=workers, batch_size=100)
    return store


def test_two_processes_build_the_same_graph_as_one(tmp_path):
    one, two = build(tmp_path / "one.lbdb", 1), build(tmp_path / "two.lbdb", 2)
    try:
        assert asdict(one.stats()) == asdict(two.stats())
        for day in one.stats().days:
            lib = library_for(one)
            for name in ("day_mentions", "day_relations"):
                assert lib.run(one, name, {"day": day}) == lib.run(two, name, {"day": day})
    finally:
        one.close()
        two.close()


def test_an_article_repeated_in_the_next_batch_is_one_duplicate(tmp_path):
    # batch n+1 is prepared while batch n is still being written
    records = list(
        read_files(
            sorted(SAMPLE.glob("*.jsonl")), zone=load_settings().zone, ontology=load_ontology()
        )
    )
    repeated = records[:150] + records[95:105] + records[150:]
    reports = []
    for workers in (1, 2):
        with open_store(tmp_path / f"w{workers}.lbdb") as store:
            report = ingest(repeated, store, default_extractor(), workers=workers, batch_size=100)
            reports.append((report.new, report.duplicate, store.stats().articles))
    assert reports[0] == reports[1] == (len(records), 10, len(records))
