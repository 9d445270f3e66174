import json

from tests.conftest import SAMPLE


def sample_files():
    return sorted(SAMPLE.glob("*.jsonl"))


def test_sample_corpus_is_large_bilingual_and_covers_five_days():
    records = [
        json.loads(line)
        for f in sample_files()
        for line in f.read_text(encoding="utf-8").splitlines()
    ]
    assert len(records) >= 150
    assert {r["lang"][:2] for r in records} == {"en", "zh"}
    days = {r["published"][:10] for r in records}
    assert len(days) >= 5


def test_ingest_twice_is_idempotent(tmp_path, kg):
    store = tmp_path / "g.lbdb"
    first = kg("ingest", "files", *sample_files(), "--store", store, "--json")
    assert first.code == 0, first.err
    stats1 = kg("stats", "--store", store, "--json").json()
    again = kg("ingest", "files", *sample_files(), "--store", store, "--json")
    assert again.code == 0
    assert again.json()["new"] == 0 and again.json()["duplicate"] == first.json()["new"]
    assert kg("stats", "--store", store, "--json").json() == stats1
    assert stats1["articles"] == first.json()["new"] >= 150
    assert {"Model", "Organization", "Benchmark", "ThreatActor"} <= set(stats1["entities_by_kind"])


def test_bad_records_are_quarantined_and_the_rest_land(tmp_path, kg):
    good = {
        "url": "https://x.example/1",
        "title": "Meta acquires Manus",
        "published": "2026-03-02T10:00:00+08:00",
        "text": "Meta acquired Manus for over $2 billion.",
    }
    lines = [
        json.dumps(good).encode(),
        json.dumps({**good, "url": "https://x.example/2", "title": ""}).encode(),
        json.dumps({**good, "url": "https://x.example/3", "text": "  "}).encode(),
        json.dumps({**good, "url": "https://x.example/4", "published": "last Tuesday"}).encode(),
        json.dumps(
            {**good, "url": "https://x.example/5", "entities": [{"name": "X", "kind": "Gadget"}]}
        ).encode(),
        b'{"url": "https://x.example/6", "title": "caf\xe9", "published": "2026-03-02", "text": "x"}',
        b"{not json",
        json.dumps({**good, "url": "https://x.example/7", "title": "Second good one"}).encode(),
    ]
    src = tmp_path / "mixed.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    store = tmp_path / "g.lbdb"
    result = kg("ingest", "files", src, "--store", store)
    assert result.code == 3
    for number, reason in [
        (2, "missing title"),
        (3, "empty text"),
        (4, "ISO 8601"),
        (5, "Gadget"),
        (6, "not UTF-8"),
        (7, "not valid JSON"),
    ]:
        assert f"mixed.jsonl:{number}" in result.err and reason in result.err
    assert kg("stats", "--store", store, "--json").json()["articles"] == 2
    listed = kg("quarantine", "list", "--store", store, "--json").json()
    assert len(listed) == 6 and {q["source"].rsplit(":", 1)[1] for q in listed} == {
        "2",
        "3",
        "4",
        "5",
        "6",
        "7",
    }
    # re-running keeps one copy of each quarantined record
    kg("ingest", "files", src, "--store", store)
    assert len(kg("quarantine", "list", "--store", store, "--json").json()) == 6


def test_markdown_with_front_matter_and_annotations(tmp_path, kg):
    md = tmp_path / "note.md"
    md.write_text(
        "---\ntitle: Runway raises funding\ndate: 2026-03-03T08:00:00+08:00\nsource: Notes\n"
        "entities:\n  - {name: Runway, kind: Organization}\n  - {name: world models, kind: Method}\n---\n"
        "General Atlantic led a $315 million round in Runway.\n",
        encoding="utf-8",
    )
    store = tmp_path / "g.lbdb"
    assert kg("ingest", "files", md, "--store", store).code == 0
    rows = kg(
        "query", "day_mentions", "--param", "day=2026-03-03", "--store", store, "--json"
    ).json()
    origins = {(r["name"], r["origin"]) for r in rows}
    assert ("World Model", "annotation") in origins  # resolved through the gazetteer alias
    assert ("Runway", "annotation") in origins and ("Runway", "extracted") in origins
    rels = kg(
        "query", "new_relations", "--param", "day=2026-03-03", "--store", store, "--json"
    ).json()
    assert {(r["head"], r["type"], r["tail"]) for r in rels} == {
        ("General Atlantic", "INVESTED_IN", "Runway")
    }


def test_missing_input_file_is_a_usage_error(tmp_path, kg):
    result = kg("ingest", "files", tmp_path / "nope.jsonl", "--store", tmp_path / "g.lbdb")
    assert result.code == 2 and "nope.jsonl" in result.err and "no such file" in result.err


def test_markdown_that_is_not_utf8_is_quarantined(tmp_path, kg):
    bad = tmp_path / "latin1.md"
    bad.write_bytes(
        "---\ntitle: Caf\xe9 AI\ndate: 2026-03-03\n---\nMeta acquired Manus.\n".encode("latin-1")
    )
    store = tmp_path / "g.lbdb"
    result = kg("ingest", "files", bad, "--store", store)
    assert result.code == 3 and "latin1.md" in result.err and "not UTF-8: byte 0xe9" in result.err
    kept = kg("quarantine", "list", "--store", store, "--json").json()
    assert [q["source"] for q in kept] == [str(bad)]
