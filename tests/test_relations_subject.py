"""Document subject and references: facts stated about "the group", "the round", "该公司"."""

from __future__ import annotations

import pytest

from extractors import default_extractor


@pytest.fixture(scope="module")
def x():
    return default_extractor()


def facts(extraction):
    return {(r.head, r.type, r.tail): r for r in extraction.relations}


THREAT = (
    "Storm-2977 Targets Utilities\n"
    "Storm-2977, a Freedonia-linked group, has been active since 2021, researchers said. "
    "The group exploited CVE-2031-4410 and CVE-2031-4411 to get in. "
    "Later, Storm-2977 moved laterally. The actors used stolen keys. "
    "Storm-2977 remains active."
)


def test_the_group_resolves_to_the_threat_actor_and_keeps_the_phrase(x):
    found = facts(x.extract(THREAT))
    for cve in ("CVE-2031-4410", "CVE-2031-4411"):
        rel = found[("Storm-2977", "EXPLOITS", cve)]
        assert rel.via == "The group"
        assert "exploited" in rel.evidence


def test_a_country_an_actor_is_linked_to_becomes_an_entity(x):
    extraction = x.extract(THREAT)
    assert ("Storm-2977", "ATTRIBUTED_TO", "Freedonia") in facts(extraction)
    assert ("Freedonia", "Organization") in {(e.name, e.kind) for e in extraction.entities}


def test_demonym_before_the_actor_it_names(x):
    found = facts(
        x.extract("Researchers tracked the Iranian state-sponsored group UNC6120 in May.")
    )
    assert ("UNC6120", "ATTRIBUTED_TO", "Iran") in found


@pytest.mark.parametrize(
    ("text", "actor", "country"),
    [
        ("Russia's Storm-4410 widened its phishing this spring.", "Storm-4410", "Russia"),
        ("Iranian UNC6120 wipers hit a water utility.", "UNC6120", "Iran"),
        ("Freedonia-aligned Storm-2977 kept at it.", "Storm-2977", "Freedonia"),
    ],
)
def test_a_country_right_before_the_actor_name(x, text, actor, country):
    assert (actor, "ATTRIBUTED_TO", country) in facts(x.extract(text))


def test_a_lower_case_demonym_or_a_gap_attributes_nothing(x):
    found = facts(x.extract("russian UNC6120 operators and Iranian banks met Storm-4410."))
    assert not any(t == "ATTRIBUTED_TO" for _, t, _ in found)


def test_no_subject_when_no_actor_stands_out(x):
    text = (
        "Weekly digest. Storm-2977 hit a port. UNC6120 hit a bank. "
        "The group exploited CVE-2031-9999."
    )
    assert not [k for k in facts(x.extract(text)) if k[1] == "EXPLOITS"]


FUNDING = (
    "Lumora Robotics raises $120 million\n"
    "Lumora Robotics raised $120 million in a Series B round led by Quillstone Ventures "
    "with participation from Harrow Capital, Beacon Peak Partners and Ostwind Capital. "
    "The company builds warehouse robots."
)


def test_investor_lists_on_both_sides_of_the_cue(x):
    found = facts(x.extract(FUNDING))
    lead = found[("Quillstone Ventures", "INVESTED_IN", "Lumora Robotics")]
    assert lead.qualifiers.get("role") == "lead"
    for who in ("Harrow Capital", "Beacon Peak Partners", "Ostwind Capital"):
        assert found[(who, "INVESTED_IN", "Lumora Robotics")].qualifiers.get("role") == (
            "participant"
        )


def test_the_round_stands_for_the_startup_that_raised(x):
    text = (
        "Lumora Robotics raised $120 million on Monday. "
        "The round was led by Quillstone Ventures, the firm said."
    )
    rel = facts(x.extract(text))[("Quillstone Ventures", "INVESTED_IN", "Lumora Robotics")]
    assert rel.qualifiers.get("role") == "lead"


def test_chinese_investor_list_after_the_funded_company(x):
    text = (
        "智谱完成 5 亿元 B 轮融资，由红杉中国领投，跟投的有腾讯、美团。"
        "该公司表示，本轮融资将用于研发。"
    )
    found = facts(x.extract(text, lang="zh-CN"))
    heads = {k[0] for k in found if k[1] == "INVESTED_IN" and k[2] == "Zhipu AI"}
    assert {"Tencent", "Meituan"} <= heads


@pytest.mark.parametrize(
    ("text", "pair"),
    [
        ("Mistral AI collaborated with NVIDIA and Red Hat on serving.", ("Mistral AI", "Red Hat")),
        ("The deal adds to OpenAI’s existing partnerships with NVIDIA and AMD.", ("OpenAI", "AMD")),
        ("Apple and Google have signed a multi-year agreement on models.", ("Apple", "Google")),
        ("軟銀與OpenAI也一同推動資料中心計畫。", ("SoftBank", "OpenAI")),
    ],
)
def test_partnership_phrasings(x, text, pair):
    found = facts(x.extract(text))
    assert (pair[0], "PARTNERS_WITH", pair[1]) in found or (
        pair[1],
        "PARTNERS_WITH",
        pair[0],
    ) in found


def test_chinese_investor_list_with_unknown_names_before_known_ones(x):
    text = "智谱完成 5 亿美元融资，跟投的有星河资本、腾讯、美团等老股东。"
    found = facts(x.extract(text, lang="zh-CN"))
    assert ("Tencent", "INVESTED_IN", "Zhipu AI") in found


def test_a_group_of_actors_named_together_shares_the_cves(x):
    text = (
        "Three clusters hit file servers\n"
        "Researchers tied Storm-2977 and UNC6120 to the intrusions. "
        "Storm-2977 moved fast. UNC6120 moved slowly. "
        "The flaws involve CVE-2031-1111 and CVE-2031-2222."
    )
    found = facts(x.extract(text))
    for actor in ("Storm-2977", "UNC6120"):
        for cve in ("CVE-2031-1111", "CVE-2031-2222"):
            assert found[(actor, "EXPLOITS", cve)].via == "document subjects"


def test_actors_never_named_together_share_nothing(x):
    text = (
        "Weekly notes\nStorm-2977 hit a port. Storm-2977 left. UNC6120 hit a bank. UNC6120 left. "
        "The flaws involve CVE-2031-1111."
    )
    assert not [k for k in facts(x.extract(text)) if k[1] == "EXPLOITS"]


def test_tools_observed_include_a_list_are_the_subject_actors(x):
    text = (
        "Storm-2977 Returns\nStorm-2977 is a busy actor. Storm-2977 was seen again. "
        "Tools observed include AnyDesk, Mimikatz and Cobalt Strike."
    )
    found = facts(x.extract(text))
    for tool in ("AnyDesk", "Mimikatz", "Cobalt Strike"):
        assert found[("Storm-2977", "USES", tool)].via == "Tools observed include"


def test_apposition_the_group_that_has_hit_a_list(x):
    found = facts(
        x.extract("Storm-2977, the group that has hit Microsoft, Cisco and Fortinet, is back.")
    )
    assert {("Storm-2977", "TARGETS", v) for v in ("Microsoft", "Cisco", "Fortinet")} <= set(found)


def test_backed_startup(x):
    found = facts(x.extract("Quillstone Ventures-backed startup Lumora Robotics hired staff."))
    assert ("Quillstone Ventures", "INVESTED_IN", "Lumora Robotics") in found


def test_chinese_joint_release_names_both_makers_and_their_partnership(x):
    found = facts(x.extract("小米和华为联合发布 Qwen3 芯片。", lang="zh-CN"))
    assert {("Qwen3", "DEVELOPED_BY", "Xiaomi"), ("Qwen3", "DEVELOPED_BY", "Huawei")} <= set(found)
    assert ("Xiaomi", "PARTNERS_WITH", "Huawei") in found
    assert not facts(x.extract("小米和华为各自发布新品。", lang="zh-CN"))


def test_a_long_appositive_between_the_startup_and_its_round(x):
    found = facts(
        x.extract(
            "Brightloom, a Lisbon-based startup building purpose-made networking gear and "
            "software for very large artificial intelligence data centres, raised $300 million "
            "in a Series B round led by Quarry Ventures with participation from Fenwick "
            "Capital and Marlow Partners."
        )
    )
    for investor in ("Quarry Ventures", "Fenwick Capital", "Marlow Partners"):
        assert (investor, "INVESTED_IN", "Brightloom") in found


def test_a_round_from_an_investor_and_an_investor_that_led_the_round(x):
    assert ("Quarry Ventures", "INVESTED_IN", "Tallyho") in facts(
        x.extract(
            "Voice startup Tallyho followed with a $90 million Series C from Quarry Ventures."
        )
    )
    found = facts(
        x.extract(
            "Corvane Systems raised $1 billion in a Series H round. While Quarry Ventures led "
            "the round, most of it came from others."
        )
    )
    assert ("Quarry Ventures", "INVESTED_IN", "Corvane Systems") in found


def test_a_funding_round_up_gives_each_round_to_the_startup_of_its_sentence(x):
    found = facts(
        x.extract(
            "Money kept flowing to AI startups this month. Corvane Systems closed a $400 "
            "million round led by Fenwick Capital. Voice startup Tallyho followed with a $90 "
            "million Series C from Quarry Ventures, reaching a $2 billion valuation."
        )
    )
    assert ("Fenwick Capital", "INVESTED_IN", "Corvane Systems") in found
    assert ("Quarry Ventures", "INVESTED_IN", "Tallyho") in found
    assert ("Quarry Ventures", "INVESTED_IN", "Corvane Systems") not in found


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Tallyho raised $90 million. Quarry Ventures and Fenwick Capital both took part in "
            "the round.",
            "en",
        ),
        (
            "Tallyho raised $90 million. Quarry Ventures and Fenwick Capital participated in the round.",
            "en",
        ),
        ("Tallyho完成新一輪融資。Quarry Ventures和Fenwick Capital均參與了該輪籌資。", "zh-TW"),
    ],
)
def test_investors_that_took_part_in_the_round(x, text, lang):
    found = facts(x.extract(text, lang=lang))
    for investor in ("Quarry Ventures", "Fenwick Capital"):
        assert (investor, "INVESTED_IN", "Tallyho") in found


def test_tools_like_a_and_b_are_the_subject_actors(x):
    found = facts(
        x.extract(
            "Storm-2977 is a Freedonia-linked group. Storm-2977 hit two banks in May. "
            "Tools like ngrok and AnyDesk were also used in the intrusions."
        )
    )
    assert {("Storm-2977", "USES", "ngrok"), ("Storm-2977", "USES", "AnyDesk")} <= set(found)
