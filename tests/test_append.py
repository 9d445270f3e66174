"""Appends into a store that already holds a graph: new rows go in by COPY on LadybugDB
(kg.store.statements.copy_into), and the graph is the one the create statements write."""

from __future__ import annotations

import json

from tests.test_bulk import corpus, graph_rows, ingest, outputs


def _statements_only(monkeypatch) -> None:
    from kg.store import statements

    monkeypatch.setattr(statements, "copy_into", lambda dialect, table: None)


def test_appended_days_by_copy_build_the_graph_the_statements_build(tmp_path, kg, monkeypatch):
    # Two days in small batches, then the same again with an updated article: each later
    # batch adds articles, mentions, supports and relations next to rows already stored.
    monkeypatch.setenv("KG_BATCH_SIZE", "50")
    files = [corpus(tmp_path / "days.jsonl", 240, 3, changed=2)]
    first = ingest(kg, tmp_path / "copy.lbdb", files, "--no-bulk")
    assert not list(tmp_path.glob(".kg-copy-*"))  # the files COPY read are gone
    with monkeypatch.context() as m:
        _statements_only(m)
        second = ingest(kg, tmp_path / "statements.lbdb", files, "--no-bulk")

    assert first["updated"] == second["updated"] == 2
    assert first["relations_new"] == second["relations_new"] > 0
    rows = graph_rows(tmp_path / "copy.lbdb")
    assert rows == graph_rows(tmp_path / "statements.lbdb")
    assert len(rows["MENTIONS"]) > 500 and len(rows["STATES"]) > 0
    assert any(json.loads(r)["count"] > 1 for r in rows["DEVELOPED_BY"] + rows["EVALUATED_ON"])
    assert outputs(kg, tmp_path / "copy.lbdb") == outputs(kg, tmp_path / "statements.lbdb")


def test_an_edge_to_an_entity_no_one_stored_is_left_out_as_the_statements_leave_it(
    tmp_path, monkeypatch
):
    """The create statements match both ends and write nothing when one is missing; COPY
    would fail the whole batch, so such rows take the statements."""
    from extractors import default_extractor
    from kg.config import load_settings
    from kg.ontology import load_ontology
    from kg.pipeline import ingest as run_ingest
    from kg.sources.files import read_files
    from kg.store import open_store
    from tests.conftest import SAMPLE

    extractor = default_extractor()
    articles = list(
        read_files(
            [SAMPLE / "articles_en.jsonl"], zone=load_settings().zone, ontology=load_ontology()
        )
    )
    written: dict[str, dict] = {}
    for name, statements_only in (("copy", False), ("statements", True)):
        with monkeypatch.context() as m:
            if statements_only:
                _statements_only(m)
            with open_store(tmp_path / f"{name}.lbdb") as store:
                run_ingest(articles[:10], store, extractor)
                # a batch that mentions one entity it does not carry: no one stored it
                seen: list[str] = []
                original = store.write

                def write(batch, _original=original, _seen=seen, _store=store, **kw):
                    new = [
                        e.id
                        for e in batch.entities
                        if not _store.run(
                            "MATCH (e:Entity) WHERE e.id = $id RETURN e.id", {"id": e.id}
                        )
                    ]
                    kept = tuple(e for e in batch.entities if e.id != new[0])
                    _seen.append(new[0])
                    return _original(batch.model_copy(update={"entities": kept}), **kw)

                m.setattr(store, "write", write)
                run_ingest(articles[10:20], store, extractor)
                dropped = seen[0]
        rows = graph_rows(tmp_path / f"{name}.lbdb")
        assert not any(json.loads(r)["b"] == dropped for r in rows["MENTIONS"])
        written[name] = rows
    assert written["copy"] == written["statements"]
    assert len(written["copy"]["MENTIONS"]) > 20
