"""Re-extraction after a gazetteer change replaces extracted facts and keeps annotations."""

import json

from extractors.extractor import RuleExtractor
from extractors.gazetteer import load_gazetteer
from kg.config import load_settings
from kg.ontology import load_ontology
from kg.pipeline import ingest, reextract
from kg.sources.files import read_files
from kg.store import open_store


def extractor_with(tmp_path, name, organizations):
    folder = tmp_path / name
    folder.mkdir()
    (folder / "organization.tsv").write_text("\n".join(organizations) + "\n", encoding="utf-8")
    (folder / "model.tsv").write_text("Qwen3\n", encoding="utf-8")
    onto = load_ontology()
    return RuleExtractor(onto, load_gazetteer(onto, folder))


def test_reextract_replaces_only_extracted_facts(tmp_path, store_location):
    src = tmp_path / "a.jsonl"
    src.write_text(
        json.dumps(
            {
                "id": "a1",
                "url": "https://x.example/1",
                "title": "Qwen3 launch",
                "published": "2026-03-05T09:00:00+08:00",
                "text": "Qwen3 was developed by Zephyrine Corp.",
                "entities": [{"name": "Qwen3", "kind": "Model"}],
            }
        )
        + "\n",
        encoding="utf-8",
    )
    old = extractor_with(tmp_path, "old", ["Acme"])
    new = extractor_with(tmp_path, "new", ["Acme", "Zephyrine Corp"])
    assert old.name != new.name  # the gazetteer version is part of the extractor name
    onto = load_ontology()
    with open_store(store_location) as store:
        ingest(read_files([src], zone=load_settings().zone, ontology=onto), store, old)
        before = store.run(
            "MATCH (:Article)-[m:MENTIONS]->(e:Entity) RETURN e.name AS name, m.origin AS origin, "
            "m.extractor AS extractor ORDER BY name, origin"
        )
        assert ("Zephyrine Corp", "extracted") not in {(r["name"], r["origin"]) for r in before}

        report = reextract(store, new)
        assert report.articles == 1 and report.entities_new == 1 and report.relations_new == 1
        after = store.run(
            "MATCH (:Article)-[m:MENTIONS]->(e:Entity) RETURN e.name AS name, m.origin AS origin, "
            "m.extractor AS extractor ORDER BY name, origin"
        )
        assert {"name": "Qwen3", "origin": "annotation", "extractor": "annotation"} in after
        assert {"name": "Zephyrine Corp", "origin": "extracted", "extractor": new.name} in after
        assert all(r["extractor"] != old.name for r in after)
        rels = store.run(
            "MATCH (h:Entity)-[r:DEVELOPED_BY]->(t:Entity) RETURN h.name AS h, t.name AS t, r.extractor AS x"
        )
        assert rels == [{"h": "Qwen3", "t": "Zephyrine Corp", "x": new.name}]
        # running it again changes nothing
        stats = store.stats()
        reextract(store, new)
        assert store.stats() == stats
