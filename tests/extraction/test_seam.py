"""The extractor seam: the setting picks the extractor that the CLI, the pipeline and its
worker processes use."""

import json

from kg.config import load_settings
from kg.extractor import build, configured_extractor
from kg.ontology import load_ontology
from kg.pipeline import ingest
from kg.sources.files import read_files
from kg.store import open_store

PLUGIN = "extraction.plugin_extractor:build"


def _input(tmp_path, texts):
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(
            json.dumps(
                {
                    "id": f"a{i}",
                    "url": f"https://news.example/{i}",
                    "title": f"Deal {i}",
                    "published": "2026-03-02T10:00:00+08:00",
                    "lang": "en",
                    "source": "News Example",
                    "text": t,
                }
            )
            + "\n"
            for i, t in enumerate(texts)
        ),
        encoding="utf-8",
    )
    return src


def test_the_rules_extractor_is_the_default(monkeypatch):
    monkeypatch.delenv("KG_EXTRACTOR", raising=False)
    extractor = configured_extractor()
    assert extractor.name.startswith(f"rules-{extractor.version}/")
    assert build("rules").name == extractor.name


def test_the_setting_chooses_a_plug_in_for_kg_extract(tmp_path, kg, monkeypatch):
    monkeypatch.setenv("KG_EXTRACTOR", PLUGIN)
    out = tmp_path / "out.jsonl"
    assert (
        kg("extract", "--jsonl", _input(tmp_path, ["Meta and BrixCorp met."]), "--out", out).code
        == 0
    )
    line = json.loads(out.read_text(encoding="utf-8"))
    assert [e["name"] for e in line["entities"]] == ["BrixCorp"]


def test_an_unknown_extractor_is_refused_with_the_choices(tmp_path, kg, monkeypatch):
    monkeypatch.setenv("KG_EXTRACTOR", "nosuch")
    result = kg("extract", "--jsonl", _input(tmp_path, ["Meta met."]), "--out", tmp_path / "o")
    assert result.code != 0 and "rules" in result.err and "KG_EXTRACTOR" in result.err


def test_worker_processes_build_the_plug_in_too(tmp_path):
    texts = [f"Deal {i}: ZenoLabs and Kor{i}Corp and AltaCorp." for i in range(6)]
    records = list(
        read_files([_input(tmp_path, texts)], zone=load_settings().zone, ontology=load_ontology())
    )
    stats = []
    for workers in (1, 2):
        with open_store(tmp_path / f"g{workers}.lbdb") as store:
            ingest(records, store, build(PLUGIN), workers=workers, batch_size=2)
            stats.append(store.stats())
    assert stats[0] == stats[1]
    assert stats[0].entities == 2  # ZenoLabs, AltaCorp: "Kor0Corp" has a digit
