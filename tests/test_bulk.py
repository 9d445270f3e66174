"""The bulk path (kg/store/bulk.py) builds the graph the batched path builds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import ConfigError, StoreError
from kg.store.schema import (
    MENTION_PROPERTIES,
    NODE_TABLES,
    RELATION_PROPERTIES,
    STATES_PROPERTIES,
)
from tests.conftest import SAMPLE


def graph_rows(path: Path) -> dict[str, list[str]]:
    """Every node and edge of the graph with every property, per table, as sorted JSON
    (scans run in parallel, so the order of an unordered MATCH is not a property)."""
    from kg.store import open_store

    tables: dict[str, list] = {}
    with open_store(path, read_only=True) as store:
        for table in ("Source", "Article", "Entity", "EntityKey"):
            cols = ", ".join(f"n.{c} AS {c}" for c in NODE_TABLES[table])
            tables[table] = store.run(f"MATCH (n:{table}) RETURN {cols}")
        for table, props in (("MENTIONS", MENTION_PROPERTIES), ("STATES", STATES_PROPERTIES)):
            cols = ", ".join(f"r.{c} AS {c}" for c in props)
            tables[table] = store.run(
                f"MATCH (a:Article)-[r:{table}]->(b:Entity) RETURN a.id AS a, b.id AS b, {cols}"
            )
        tables["PUBLISHED_BY"] = store.run(
            "MATCH (a:Article)-[:PUBLISHED_BY]->(b:Source) RETURN a.id AS a, b.id AS b"
        )
        for name in store.ontology.relation_names:
            label = store.ontology.cypher_relation(name)
            cols = ", ".join(f"r.{c} AS {c}" for c in RELATION_PROPERTIES)
            tables[label] = store.run(
                f"MATCH (a:Entity)-[r:{label}]->(b:Entity) RETURN a.id AS a, b.id AS b, {cols}"
            )
    return {
        t: sorted(json.dumps(r, sort_keys=True, default=str, ensure_ascii=False) for r in rows)
        for t, rows in tables.items()
    }


def outputs(kg, store: Path) -> dict[str, str]:
    """What a user sees: stats and the JSON report of the last day, in both languages."""
    found = {"stats": kg("stats", "--json", "--store", store)}
    for lang in ("zh-TW", "en"):
        found[lang] = kg("report", "--format", "json", "--lang", lang, "--store", store)
    assert all(r.code == 0 for r in found.values()), {k: r.err for k, r in found.items()}
    return {k: r.out for k, r in found.items()}


def ingest(kg, store: Path, files: list[Path], *flags: str):
    run = kg("ingest", "files", *files, "--store", store, "--json", *flags)
    assert run.code in (0, 3), run.err  # 3: some records quarantined
    return run.json()


def corpus(path: Path, articles: int, days: int, changed: int = 0) -> Path:
    """A generated corpus; the first ``changed`` articles come back at the end with more
    text (an article updated after it was first loaded)."""
    from benchmarks.generate import generate

    records = list(generate(articles, days, style="real"))
    for record in records[:changed]:
        records.append({**record, "text": record["text"] + " It was updated later."})
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def test_bulk_and_batched_paths_build_the_same_graph_on_the_sample(tmp_path, kg):
    files = sorted(SAMPLE.glob("*.jsonl"))
    batched = ingest(kg, tmp_path / "batched.lbdb", files, "--no-bulk")
    bulk = ingest(kg, tmp_path / "bulk.lbdb", files, "--bulk")

    assert (batched["bulk"], bulk["bulk"]) == (False, True)
    counts = ("read", "new", "updated", "duplicate", "quarantined", "entities_new", "mentions")
    assert {k: bulk[k] for k in counts} == {k: batched[k] for k in counts}
    assert bulk["new"] > 100
    assert outputs(kg, tmp_path / "bulk.lbdb") == outputs(kg, tmp_path / "batched.lbdb")
    assert graph_rows(tmp_path / "bulk.lbdb") == graph_rows(tmp_path / "batched.lbdb")
    # nothing of the load is left beside the store
    assert not list(tmp_path.glob(".kg-bulk-*"))


@pytest.mark.parametrize("load_bytes", [None, 150_000], ids=["one-load", "several-loads"])
def test_bulk_path_matches_across_many_batches_and_an_updated_article(
    tmp_path, kg, monkeypatch, load_bytes
):
    # Small batches, so entities and relations are widened by later batches; the updated
    # articles at the end must be detached first, which the bulk path hands to the store.
    # With several loads, later loads also update what earlier ones stored.
    from kg.store import bulk

    monkeypatch.setenv("KG_BATCH_SIZE", "60")
    loads: list[list[str]] = []  # per load, the tables it updated in place
    if load_bytes:
        monkeypatch.setattr(bulk, "LOAD_TEXT_BYTES", load_bytes)
        copy = bulk.BulkLoad._copy

        def counted(self, files, updates):
            loads.append([table.name for table, _ in updates])
            return copy(self, files, updates)

        monkeypatch.setattr(bulk.BulkLoad, "_copy", counted)
    files = [corpus(tmp_path / "corpus.jsonl", 400, 6, changed=2)]
    batched = ingest(kg, tmp_path / "batched.lbdb", files, "--no-bulk")
    bulk = ingest(kg, tmp_path / "bulk.lbdb", files, "--bulk")
    if load_bytes:
        # later loads widened entities and relations that earlier loads had stored
        assert len(loads) >= 3 and not loads[0]
        assert "Entity" in {t for names in loads for t in names}
        assert any(len(names) > 1 for names in loads[1:])

    assert bulk["bulk"] and bulk["updated"] == batched["updated"] == 2
    assert bulk["relations_new"] == batched["relations_new"] > 0
    rows = graph_rows(tmp_path / "bulk.lbdb")
    assert rows == graph_rows(tmp_path / "batched.lbdb")
    assert any(json.loads(r)["count"] > 1 for r in rows["DEVELOPED_BY"] + rows["EVALUATED_ON"])
    assert outputs(kg, tmp_path / "bulk.lbdb") == outputs(kg, tmp_path / "batched.lbdb")


def test_bulk_path_is_chosen_for_a_large_load_into_an_empty_store_only(tmp_path, kg, monkeypatch):
    from kg import pipeline

    monkeypatch.setattr(pipeline, "BULK_FROM", 100)
    files = [corpus(tmp_path / "corpus.jsonl", 150, 3)]
    first = ingest(kg, tmp_path / "g.lbdb", files)
    assert first["bulk"] and first["new"] == 150
    before = graph_rows(tmp_path / "g.lbdb")

    again = ingest(kg, tmp_path / "g.lbdb", files)  # not empty now: the batched path
    assert not again["bulk"] and again["duplicate"] == 150 and again["new"] == 0
    assert graph_rows(tmp_path / "g.lbdb") == before

    monkeypatch.setattr(pipeline, "BULK_FROM", 1000)
    small = ingest(kg, tmp_path / "small.lbdb", files)
    assert not small["bulk"]


def test_sync_into_an_empty_store_takes_the_bulk_path_with_the_same_graph(tmp_path, kg):
    files = sorted(SAMPLE.glob("*.jsonl"))
    ingest(kg, tmp_path / "src.lbdb", files, "--no-bulk")
    for name, flag in (("batched", "--no-bulk"), ("bulk", "--bulk")):
        run = kg("sync", "--from", tmp_path / "src.lbdb", "--to", tmp_path / f"{name}.lbdb", flag)
        assert run.code == 0, run.err
    source = graph_rows(tmp_path / "src.lbdb")
    assert graph_rows(tmp_path / "bulk.lbdb") == graph_rows(tmp_path / "batched.lbdb") == source
    assert outputs(kg, tmp_path / "bulk.lbdb") == outputs(kg, tmp_path / "src.lbdb")


def test_a_failed_bulk_load_writes_nothing_and_can_be_run_again(tmp_path):
    from extractors import default_extractor
    from kg.config import load_settings
    from kg.extractor import naming
    from kg.ontology import load_ontology
    from kg.resolve import resolve_batch
    from kg.sources.files import read_files
    from kg.store import open_store
    from kg.store.bulk import BulkLoad

    extractor = default_extractor()
    articles = list(
        read_files(
            [SAMPLE / "articles_en.jsonl"], zone=load_settings().zone, ontology=load_ontology()
        )
    )[:20]
    batch = resolve_batch(
        [(a, extractor.extract(a.text, title=a.title, article_id=a.id)) for a in articles],
        *naming(extractor),
    )
    with open_store(tmp_path / "g.lbdb") as store:
        load = BulkLoad(store)
        assert load.write(batch).articles_new == 20
        # the planned mentions vanish before the load: COPY fails half-way through
        (mentions,) = tmp_path.glob(".kg-bulk-*/MENTIONS.parquet")
        mentions.write_bytes(b"not parquet")
        with pytest.raises(StoreError, match="rolled back"):
            load.finish()
        assert store.stats().articles == 0
        assert not list(tmp_path.glob(".kg-bulk-*"))

        again = BulkLoad(store)
        assert again.active
        again.write(batch)
        assert again.finish() > 20
        stats = store.stats()
    assert stats.articles == 20 and stats.mentions > 20


def test_bulk_on_neo4j_points_to_neo4j_admin_import(store):
    from kg.pipeline import bulk_target

    if store.dialect == "ladybug":
        assert bulk_target(store, True) is not None
        assert bulk_target(store, None, expected=10) is None  # small: the batched path
        return
    with pytest.raises(ConfigError, match="neo4j-admin database import"):
        bulk_target(store, True)
    assert bulk_target(store, None, expected=10**6) is None


def generated_batch(tmp_path: Path, articles: int):
    """One batch of a generated corpus, extracted and resolved as ingest does."""
    from extractors import default_extractor
    from kg.config import load_settings
    from kg.extractor import naming
    from kg.ontology import load_ontology
    from kg.resolve import resolve_batch
    from kg.sources.files import read_files

    extractor = default_extractor()
    path = corpus(tmp_path / "batch.jsonl", articles, 3)
    read = read_files([path], zone=load_settings().zone, ontology=load_ontology())
    return resolve_batch(
        [(a, extractor.extract(a.text, title=a.title, article_id=a.id)) for a in read],
        *naming(extractor),
    )


def test_the_columnar_plan_holds_the_rows_of_the_row_plan(tmp_path):
    """plan_write(columns=True), which the bulk path writes to Parquet, plans the very
    mentions and statements the batched path writes, in the same order."""
    from kg.store.merge import MENTION_KEYS, STATEMENT_KEYS, plan_write

    batch = generated_batch(tmp_path, 120)
    rows = plan_write(batch, {}, {}, {}, set())
    cols = plan_write(batch, {}, {}, {}, set(), columns=True)

    assert not cols.mentions and not cols.statements
    assert len(rows.mentions) > 100 and len(rows.statements) > 10
    assert [
        dict(zip(MENTION_KEYS, r, strict=True))
        for r in zip(*cols.mention_columns.values(), strict=True)
    ] == rows.mentions
    assert list(cols.mention_columns) == list(MENTION_KEYS)
    assert [
        dict(zip(STATEMENT_KEYS, r, strict=True))
        for r in zip(*cols.statement_columns.values(), strict=True)
    ] == rows.statements
    assert cols.new_entities == rows.new_entities and cols.new_relations == rows.new_relations
    assert cols.counts == rows.counts


def test_merged_qualifiers_keep_the_latest_non_empty_value():
    from kg.store.merge import merged_qualifiers, qualifier_json

    one = qualifier_json({"round": "Series B", "amount": 12_000_000, "lead": {"b": 1, "a": 2}})
    # one object into nothing: itself, in the one JSON form
    assert merged_qualifiers(None, [(one, "press")]) == (one, "press")
    assert merged_qualifiers(("{}", "old"), [("{}", ""), (one, "")]) == (one, "old")
    # empty values never overwrite, later values win
    empty = qualifier_json({"round": "", "amount": None, "currency": "EUR"})
    assert merged_qualifiers(None, [(empty, "")])[0] == '{"currency": "EUR"}'
    later = qualifier_json({"round": "Series C"})
    merged = json.loads(merged_qualifiers((one, ""), [(empty, ""), (later, "x")])[0])
    assert merged == {
        "round": "Series C",
        "amount": 12_000_000,
        "currency": "EUR",
        "lead": {"a": 2, "b": 1},
    }
