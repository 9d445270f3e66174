"""Discovery by context for malware, tools, products and Chinese investors, with the junk a
context rule would otherwise take for a name rejected. Invented names throughout."""

import pytest

from .helpers import names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The group deployed malware families such as Quillfang and Sorrow-Net in the attacks.",
            {("Quillfang", "Malware"), ("Sorrow-Net", "Malware")},
        ),
        ("Operators dropped a backdoor called Mothvane on the servers.", {("Mothvane", "Malware")}),
        (
            'The actors planted a web shell named "drizzle7.aspx" on the hosts.',
            {("drizzle7.aspx", "Malware")},
        ),
        (
            'Analysts saw the "Ravenquill" backdoor in several networks.',
            {("Ravenquill", "Malware")},
        ),
        (
            "Affiliates pushed ransomware like Gloamlock and Tidebreak.",
            {("Gloamlock", "Malware"), ("Tidebreak", "Malware")},
        ),
        (
            'Kestrel Labs builds its next chip, codenamed "Marrowstone", for training.',
            {("Marrowstone", "Product")},
        ),
        ("UAT-7781 breached the utility last spring.", {("UAT-7781", "ThreatActor")}),
        (
            "本轮融资的投资方包括青岚资本、远山创投等机构。",
            {("青岚资本", "Organization"), ("远山创投", "Organization")},
        ),
        ("本轮由青岚资本领投，远山创投跟投。", {("青岚资本", "Organization")}),
    ],
)
def test_context_finds_and_types_the_name(x, text, expected):
    assert expected <= names(x.extract(text))


def test_a_list_of_malware_stops_at_a_plain_word(x):
    found = x.extract(
        "It uses malware families such as Quillfang and Sorrow-Net, alongside common tools."
    )
    assert not any(n == "alongside" for n, _ in names(found))


@pytest.mark.parametrize(
    "text",
    [
        "青岚科技率先发布新一代芯片。",
        "去年，率先发布中国首个模型。",
        "青岚本周宣布裁员。",
    ],
)
def test_a_chinese_adverb_or_a_name_glued_to_a_time_word_is_no_company(x, text):
    got = {n for n, _ in names(x.extract(text))}
    assert not got & {"率先", "青岚科技率先", "青岚本周"}, got


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("Meta named a Chief AI Officer.", "Chief AI"),
        ("AI Robotics Funding Boom Hits Record", "AI Robotics"),
        ("Claude AI Evolution: more compute.", "Claude AI"),
        ("Big Tech's Massive AI Spending grows.", "Massive AI"),
    ],
)
def test_a_company_suffix_after_a_role_topic_or_known_model_is_no_company(x, text, wrong):
    assert wrong not in {n for n, _ in names(x.extract(text))}


def test_a_company_suffix_still_names_a_new_company(x):
    assert ("Kestrel AI", "Organization") in names(x.extract("Kestrel AI raised $5 million."))
