"""People named without a list: paper author blocks, bylines, role phrases, WORKS_FOR."""

from __future__ import annotations

import json

import pytest

from extractors import default_extractor


@pytest.fixture(scope="module")
def x():
    return default_extractor()


def people(extraction):
    return {e.name for e in extraction.entities if e.kind == "Person"}


def works_for(extraction):
    return {(r.head, r.tail) for r in extraction.relations if r.type == "WORKS_FOR"}


PAPER_MARKED = """Tidal Policy Shaping for Small Models

Ana Velasquez1,2∗, Tomas Brenner1, Li Wenqing2† and Oskar Maele3
1Northfield University   2Kestrel Labs   3Corvane Institute of Technology
Work done while at Kestrel Labs
Abstract
We propose Tidal Policy Shaping, a framework for training small models.
"""


def test_superscript_markers_map_authors_to_the_affiliation_legend(x):
    found = x.extract(PAPER_MARKED)
    assert {"Ana Velasquez", "Tomas Brenner", "Li Wenqing", "Oskar Maele"} <= people(found)
    assert works_for(found) == {
        ("Ana Velasquez", "Northfield University"),
        ("Ana Velasquez", "Kestrel Labs"),
        ("Tomas Brenner", "Northfield University"),
        ("Li Wenqing", "Kestrel Labs"),
        ("Oskar Maele", "Corvane Institute of Technology"),
    }
    orgs = {e.name for e in found.entities if e.kind == "Organization"}
    assert "Corvane Institute of Technology" in orgs


def test_greek_markers_and_a_separate_legend_line(x):
    text = (
        "Sparse Tides in Attention\n\n"
        "Mira Oduya\u03b1,\u2217  Pell Haraldsen\u03b2  Quinn R. Abara\u03b1\n"
        "\u03b1 Lakemont University  \u03b2 Ferrowind AI\n"
        "Abstract\n\nAttention is sparse.\n"
    )
    assert works_for(x.extract(text)) == {
        ("Mira Oduya", "Lakemont University"),
        ("Pell Haraldsen", "Ferrowind AI"),
        ("Quinn R. Abara", "Lakemont University"),
    }


def test_one_affiliation_for_all_authors_and_names_without_markers(x):
    text = (
        "Quiet Gradients\n\nHanne Solvik    Ebo Mensah    Rui Tanaka-Ward\n"
        "Brightwater Research Institute\nAbstract\nWe study gradients.\n"
    )
    found = x.extract(text)
    assert works_for(found) == {
        (name, "Brightwater Research Institute")
        for name in ("Hanne Solvik", "Ebo Mensah", "Rui Tanaka-Ward")
    }


def test_affiliation_written_after_each_name_with_the_place_glued_on(x):
    text = (
        "Shield: Auditing Prompts\n\n"
        "Wen Hualin Lakeside Normal UniversityHangzhouChina , Bo Ruiqi Institute of "
        "Deep Computing, Western Academy of SciencesXianChina and Ye Tong Lakeside Normal "
        "UniversityHangzhouChina\nAbstract.\n\nPrompts are audited.\n"
    )
    assert works_for(x.extract(text)) == {
        ("Wen Hualin", "Lakeside Normal University"),
        ("Bo Ruiqi", "Institute of Deep Computing, Western Academy of Sciences"),
        ("Ye Tong", "Lakeside Normal University"),
    }


def test_a_text_without_front_matter_gets_no_authors(x):
    found = x.extract("Dana Voss Joins Brightwater\nAbstract\nThe board met on Monday.")
    assert works_for(found) == set()


def test_role_phrases_name_people_and_their_employer(x):
    found = x.extract(
        "Kestrel Labs President Dana Voss said the chip ships in May. "
        "Oren Baptiste, director of research at Ferrowind AI, disagreed. "
        "Voss of Kestrel Labs said prices would fall."
    )
    assert {"Dana Voss", "Oren Baptiste"} <= people(found)
    assert {("Dana Voss", "Kestrel Labs"), ("Oren Baptiste", "Ferrowind AI")} <= works_for(found)


def test_chinese_role_phrase(x):
    found = x.extract("星河科技副董事長林明哲表示，新晶片將於明年量產。", lang="zh-TW")
    assert "林明哲" in people(found)
    assert ("林明哲", "星河科技") in works_for(found)


def test_kg_extract_prints_people_and_relation_fields(kg, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "p1", "text": PAPER_MARKED}) + "\n", encoding="utf-8")
    run = kg("extract", "--jsonl", src)
    assert run.code == 0, run.err
    line = json.loads(run.out.splitlines()[0])
    rel = next(r for r in line["relations"] if r["head"] == "Oskar Maele")
    assert rel["type"] == "WORKS_FOR" and rel["tail"] == "Corvane Institute of Technology"
    assert rel["qualifiers"] == {} and rel["via"] == ""


def test_a_paper_by_one_organisation_made_what_it_presents(x):
    text = (
        "Velora-7B: Small and Sharp\n\nKuaishou\nAbstract\n"
        "We present Velora-7B, a compact model. We further propose DPO for its tuning.\n"
    )
    found = {(r.head, r.type, r.tail): r for r in x.extract(text).relations}
    rel = found[("Velora-7B", "DEVELOPED_BY", "Kuaishou")]
    assert rel.via == "paper authors"
    assert ("DPO", "DEVELOPED_BY", "Kuaishou") in found


def test_a_paper_whose_model_has_a_maker_gives_it_the_rest(x):
    text = (
        "Velora-7B Technical Report\nAbstract\n"
        "We present Velora-7B, an agentic model developed by the Nimbus team at Kuaishou. "
        "We further propose GRPO for stable training.\n"
    )
    found = {(r.head, r.type, r.tail) for r in x.extract(text).relations}
    assert {
        ("Velora-7B", "DEVELOPED_BY", "Kuaishou"),
        ("GRPO", "DEVELOPED_BY", "Kuaishou"),
    } <= found


def test_news_saying_we_present_is_no_paper(x):
    found = x.extract("Kuaishou said: we present Velora-7B to customers today.")
    assert not [r for r in found.relations if r.via == "paper authors"]


def test_an_appointment_names_the_employer(x):
    found = x.extract(
        "Kestrel Labs, the robotics maker, has appointed Oren Baptiste as its new Chief "
        "Strategy Officer."
    )
    assert ("Oren Baptiste", "Kestrel Labs") in works_for(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("輝達(Nvidia)執行長黃仁勳昨日訪台。", ("Jensen Huang", "NVIDIA")),
        ("小米CEO林明哲表示，价格将下调。", ("林明哲", "Xiaomi")),
        ("清華大學計算機系教授林明哲指出，模型仍在改進。", ("林明哲", "Tsinghua University")),
    ],
)
def test_chinese_titles_after_asides_departments_and_with_known_people(x, text, expected):
    assert expected in works_for(x.extract(text, lang="zh-TW"))


def test_two_chinese_titles_in_a_row_give_one_role_at_each_organisation(x):
    found = x.extract(
        "北京大學電子系教授、星河科技創辦人兼首席科學家林明哲昨日發出內部信。", lang="zh-TW"
    )
    assert {("林明哲", "Peking University"), ("林明哲", "星河科技")} <= works_for(found)
    assert people(found) == {"林明哲"}


@pytest.mark.parametrize(
    ("text", "names", "lang"),
    [
        (
            "Written by Dana Voss, Oren Baptiste and Li Wenqing\nKestrel Labs released a chip.",
            {"Dana Voss", "Oren Baptiste", "Li Wenqing"},
            "",
        ),
        ("〔記者林明哲／台北報導〕聯發科今日發表新晶片。", {"林明哲"}, "zh-TW"),
        ("文｜陈小雨\n智谱发布新模型。", {"陈小雨"}, "zh-CN"),
    ],
)
def test_bylines_name_people(x, text, names, lang):
    assert names <= people(x.extract(text, lang=lang))


def test_a_list_of_people_one_a_line_with_what_each_did():
    from extractors import default_extractor

    text = (
        "The new hires joining the lab:\n-\n"
        "Dana Voss – Co-creator of the Quillon series and known for work on agents.\n-\n"
        "Mira Halden – Led pre-training at Kestrel Labs.\n"
        "- Model Overview - Pricing and access.\n"
    )
    found = {(e.name, e.kind) for e in default_extractor().extract(text).entities}
    assert {("Dana Voss", "Person"), ("Mira Halden", "Person")} <= found
    assert not any(n == "Model Overview" for n, _ in found)


def test_a_sentence_opened_by_a_bare_title_names_someone_at_the_storys_company(x):
    story = (
        "Kestrel Labs raised new money on Monday. Kestrel Labs will hire in Lisbon. "
        "Kestrel Labs ships its first chip in May. CFO Dana Voss said the plan is funded."
    )
    assert ("Dana Voss", "Kestrel Labs") in works_for(x.extract(story))
    elsewhere = story.replace("CFO Dana Voss said", "CFO Dana Voss of NVIDIA said")
    found = x.extract(elsewhere)
    assert ("Dana Voss", "NVIDIA") in works_for(found)
    assert ("Dana Voss", "Kestrel Labs") not in works_for(found)
    assert people(found) == {"Dana Voss"}


def test_byline_and_abstract_gates_say_no_only_where_the_pattern_finds_nothing():
    from extractors.people import _needs, load_patterns

    p = load_patterns()
    texts = [
        "Written by Dana Voss\nKestrel Labs released a chip.",
        "  By Mira Halden and Oren Baptiste\nText",
        "〔記者林明哲／台北報導〕聯發科今日發表新晶片。",
        "Kestrel Labs released a chip on Monday.",
        "Tidal Policy Shaping\nAna Velasquez1\n  Abstract  \nWe study",
        "\n\n",
    ]
    for pattern in (*p.bylines, p.abstract):
        needs = _needs(pattern)
        for text in texts:
            assert needs(text) or pattern.search(text) is None
    # and they do say no: to a text without a byline word or an abstract heading
    plain = "Kestrel Labs released a chip on Monday."
    assert not _needs(p.bylines[0])(plain)
    assert not _needs(p.bylines[1])(plain)
    assert not _needs(p.abstract)(plain)
