"""`kg extract`: the command line around the extractor."""

import json


def test_extract_cli_writes_one_line_per_input(tmp_path, kg):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "a", "text": "Meta acquired Manus for over $2 billion."})
        + "\n"
        + "not json\n"
        + json.dumps({"id": "b", "text": "輝達與微軟宣布合作。", "lang": "zh-Hant"})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    result = kg("extract", "--jsonl", src, "--out", out)
    assert result.code == 3 and "in.jsonl:2" in result.err
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert {"name": "Meta", "kind": "Organization", "surfaces": ["Meta"]} in lines[0]["entities"]
    assert {k: lines[0]["relations"][0][k] for k in ("head", "type", "tail")} == {
        "head": "Meta",
        "type": "ACQUIRED",
        "tail": "Manus",
    }
    assert lines[1]["relations"][0]["type"] == "PARTNERS_WITH"
