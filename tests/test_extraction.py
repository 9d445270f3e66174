import json

import pytest

from extractors import default_extractor


@pytest.fixture(scope="module")
def x():
    return default_extractor()


def names(extraction):
    return {(e.name, e.kind) for e in extraction.entities}


def triples(extraction):
    return {(r.head, r.type, r.tail) for r in extraction.relations}


def test_gazetteer_holds_300_entries_over_the_core_kinds_with_chinese_aliases(x):
    gaz = x.gazetteer
    assert len(gaz) >= 300
    kinds = {e.kind for e in gaz.entries}
    assert {"Model", "Organization", "Benchmark", "ThreatActor"} <= kinds
    chinese = [
        e for e in gaz.entries if any("\u4e00" <= ch <= "\u9fff" for a in e.aliases for ch in a)
    ]
    assert len(chinese) >= 30


@pytest.mark.parametrize("surface", ["英偉達", "輝達", "英伟达", "Nvidia", "NVIDIA"])
def test_chinese_and_english_aliases_resolve_to_one_canonical(x, surface):
    found = x.extract(f"{surface}發布新晶片。 {surface} said more.")
    assert ("NVIDIA", "Organization") in names(found)


def test_lower_case_words_are_not_companies(x):
    assert not any(
        e.kind == "Organization"
        for e in x.extract("The runway at the airport was closed.").entities
    )


def test_non_breaking_hyphen_inside_a_name(x):
    found = x.extract("Velora Labs released Velora\u20117B, which outperforms Mistral 7B on MMLU.")
    model = next(e for e in found.entities if e.name == "Velora-7B")
    assert model.kind == "Model" and model.discovered
    assert "Velora-7B" in model.surfaces
    assert ("Velora-7B", "DEVELOPED_BY", "Velora Labs") in triples(found)
    assert ("Velora-7B", "OUTPERFORMS", "Mistral 7B") in triples(found)
    assert ("Velora-7B", "EVALUATED_ON", "MMLU") in triples(found)


def test_discovery_of_names_no_list_holds(x):
    text = (
        "Stanford University and Hugging Face introduced AgentArena-Bench. Granite Typhoon "
        "exploited CVE-2026-21877 and deployed the InkDrop malware against OpenAI."
    )
    found = x.extract(text)
    assert {
        ("AgentArena-Bench", "Benchmark"),
        ("Granite Typhoon", "ThreatActor"),
        ("CVE-2026-21877", "Vulnerability"),
        ("InkDrop", "Malware"),
    } <= names(found)
    assert ("Granite Typhoon", "EXPLOITS", "CVE-2026-21877") in triples(found)
    assert ("Granite Typhoon", "USES", "InkDrop") in triples(found)
    assert ("AgentArena-Bench", "DEVELOPED_BY", "Hugging Face") in triples(found)


def test_chinese_relation_triggers(x):
    found = x.extract(
        "輝達領投Velora Labs 1.2 億美元。阿里巴巴發布Qwen3。UNC3886鎖定新加坡電信業者Singtel。"
    )
    assert ("NVIDIA", "INVESTED_IN", "Velora Labs") in triples(found)
    assert any(h == "Qwen3" and t == "Alibaba" for h, r, t in triples(found) if r == "DEVELOPED_BY")


def test_relations_respect_domain_and_range(x):
    # "used" between two organisations is not a USES the ontology allows from an Organization to one
    found = x.extract("Microsoft used MMLU to test.")
    assert all(r.type != "USES" for r in found.relations)


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


def test_latin_names_glued_to_chinese_text(x):
    found = x.extract(
        "Velora Labs執行長Mira Halden表示，Velora-Coder-14B也在AgentArena-Bench上接受評測。"
    )
    assert {
        ("Mira Halden", "Person"),
        ("Velora-Coder-14B", "Model"),
        ("AgentArena-Bench", "Benchmark"),
    } <= names(found)
    assert ("Mira Halden", "WORKS_FOR", "Velora Labs") in triples(found)
    assert ("Velora-Coder-14B", "EVALUATED_ON", "AgentArena-Bench") in triples(found)


def test_overlapping_gazetteer_names_keep_the_longest_then_the_earliest(tmp_path):
    from extractors.extractor import RuleExtractor
    from extractors.gazetteer import load_gazetteer
    from kg.ontology import load_ontology

    (tmp_path / "organization.tsv").write_text("Acme\nAcme Robotics\n", encoding="utf-8")
    (tmp_path / "product.tsv").write_text("Robotics Cloud\n", encoding="utf-8")
    onto = load_ontology()
    x = RuleExtractor(onto, load_gazetteer(onto, tmp_path))
    # "Acme Robotics" and "Robotics Cloud" are equally long and overlap: the first wins,
    # and "Acme" inside it is not a second mention.
    found = x.extract("ACME ROBOTICS CLOUD is live. Acme shipped it.")
    by_name = {e.name: e for e in found.entities}
    assert set(by_name) == {"Acme Robotics", "Acme"}
    assert by_name["Acme Robotics"].surfaces == ("ACME ROBOTICS",)
    assert by_name["Acme"].count == 1
    # lower case is not the company's name, so only "Acme" is found here
    assert names(x.extract("The robotics cloud of Acme.")) == {("Acme", "Organization")}
