"""Discovery by shape: names no list holds, found from how they are written."""

import pytest

from .helpers import names, triples


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Researchers at Tsinghua University proposed SpecDiff, which speeds up decoding.",
            ("SpecDiff", "Method"),
        ),
        ("Acme released FooNet, a graph-based approach to routing.", ("FooNet", "Method")),
    ],
)
def test_a_coined_name_that_is_proposed_or_called_an_approach_is_a_method(x, text, expected):
    assert expected in names(x.extract(text))


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
    # a parameter count right before a Chinese character still ends the name
    found = x.extract("阿里巴巴發布新模型Zeta-7B在C-Eval上取得高分。", lang="zh-Hant")
    assert ("Zeta-7B", "Model") in names(found)
    assert ("Zeta-7B", "EVALUATED_ON", "C-Eval") in triples(found)


def test_a_known_family_with_a_new_version_is_a_new_name(x):
    found = x.extract(
        "Google released Gemma 7, and GPT-4.9 trails Claude 9.5 Sonnet on SWE-bench Hard."
    )
    got = names(found)
    assert {
        ("Gemma 7", "Model"),
        ("GPT-4.9", "Model"),
        ("Claude 9.5 Sonnet", "Model"),
        ("SWE-bench Hard", "Benchmark"),
    } <= got
    # the family name inside the new one is not reported on its own
    assert not {("GPT-4", "Model"), ("SWE-bench", "Benchmark")} & got
    assert all(e.discovered for e in found.entities if e.name in {"Gemma 7", "GPT-4.9"})


def test_a_known_family_is_not_extended_by_a_year_or_a_plain_word(x):
    got = names(x.extract("Gemma 2024 results came in. Claude wrote the report."))
    assert not any(n.startswith("Gemma 2024") for n, _ in got)
    assert ("Claude", "Model") in got


def test_a_vla_suffix_marks_a_model_name(x):
    # "GF-VLA" is a vision-language-action model, not the method "VLA" inside a longer word
    found = x.extract("GF\u2011VLA 則用資訊論圖融合將視覺、語言、動作對齊。", lang="zh-Hant")
    assert names(found) == {("GF-VLA", "Model")}
