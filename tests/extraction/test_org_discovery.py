"""Organisations no list holds, found by the words around them (English and Chinese), with
the junk those words would otherwise bring in rejected. Invented names throughout."""

import pytest

from .helpers import names, triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kestrel Cloud CEO Dana Voss said demand is strong.", "Kestrel Cloud"),
        ("Former Brindle CEO Ana Velasquez will co-lead the lab.", "Brindle"),
        ("Norvik’s customers moved to the new plan.", "Norvik"),
        ("Tallow's Threat Insight Group warns of new lures.", "Tallow"),
        ("Tallow's Threat Insight Group warns of new lures.", "Threat Insight Group"),
        ("Rivals such as Quorvex and Dunmere fell behind.", "Dunmere"),
        (
            "Lumetra collaborated with Ostwind, Harrowgate and Pellucid on the release.",
            "Harrowgate",
        ),
        ("Brindle followed with a $50 million Series C from Ostwind.", "Ostwind"),
        ("The Carrowmere-owned lab hired staff.", "Carrowmere"),
        ("Emerging players gain too. Lumora, which develops robot brains, grew.", "Lumora"),
        ("Voice AI specialist Vellichor followed with a round.", "Vellichor"),
        ("Norvik warns customers to patch now.", "Norvik"),
        ("The group hit unpatched Fenwright network devices.", "Fenwright"),
        ("Agents now run for hours (NORVIK, 2025) on hard tasks.", "NORVIK"),
        ("Shoppa.com trained the model.", "Shoppa.com"),
        ("据报道,北辰资本、星河创投和远山基金参与了投资。", "远山基金"),
        ("Kestrel Labs has acquired Lumora and Tallyho this year.", "Tallyho"),
        ("據悉,Brennic Systems 近日宣布完成 1 億美元 B 輪融資。", "Brennic Systems"),
        ("The scans hit servers of a Lisbon-based telecom provider, Fjordtel.", "Fjordtel"),
        ("Funds went to an Austin chip startup, Brennic Systems, last May.", "Brennic Systems"),
        ("A Quorvex spokesperson declined to comment.", "Quorvex"),
        ("Dana Voss joined Pellucid as chief scientist.", "Pellucid"),
        ("以色列AI新創公司Lumora Labs正洽談併購。", "Lumora Labs"),
        ("隨著競爭對手Quorvex與Dunmere急起直追。", "Dunmere"),
        ("Vellichor報告顯示,市場成長。", "Vellichor"),
        ("根據星河日報報導,該公司將上市。", "星河日報"),
        ("日本投資集團星河銀行(Norvik)宣布完成投資。", "Norvik"),
        ("而Tallow執行長Dana Voss發文表示。", "Tallow"),
        ("儘管如此,北辰執行長林明哲仍看好。", "北辰"),
        ("性能可與Quorvex的Zentra-3相媲美。", "Quorvex"),
        ("上市當日,北辰大學教授林明哲發出內部信。", "北辰大學"),
        ("該模型由 Fenwright 開發。", "Fenwright"),
        ("北辰宣布與 Ostwind 合作。", "Ostwind"),
        ("At a glance:\n- Fenwright patches a high-severity flaw.", "Fenwright"),
        ("Quorvex and Dunmere have officially inked a five-year agreement.", "Dunmere"),
        ("The startup was acquired by Harrowgate last year.", "Harrowgate"),
        ("北辰宣布,Tallow CEO Dana Voss表示看好。", "Tallow"),
        ("包括Quorvex、Dunmere等科技巨頭都在加碼。", "Dunmere"),
        ("北辰獲得Pellucid投資。", "Pellucid"),
        ("Buyers want Harrowgate-made chips.", "Harrowgate"),
        ("The cloud provider Quorvex cut prices.", "Quorvex"),
        ("Rivals like Lumora, founded by Dana Voss in 2023, grew fast.", "Lumora"),
        ("Pellucid is a Paris-based AI startup.", "Pellucid"),
    ],
)
def test_the_context_names_an_organisation(x, text, expected):
    assert (expected, "Organization") in names(x.extract(text))


@pytest.mark.parametrize(
    ("text", "junk"),
    [
        ("Former CEO Dana Voss will co-lead the lab.", "Former"),
        ("Vice President Dana Voss spoke first.", "Vice"),
        ("The firm has clients in the Gulf states.", "Gulf"),
        ("北辰是一家AIGC公司。", "AIGC"),
        ("Robots use Adaptive Group Negotiation to plan.", "Adaptive Group"),
        ("媒體與娛樂新創 Top 6 名單出爐。", "Top"),
        ("Security researchers observed the lure in May.", "Security"),
        ("駭客組織Gravelmoth入侵南韓智庫。", "Gravelmoth"),
        ("非營利組織AI Here Institute表示。", "Institute"),
        ("時空圖神經網路(STGNN)是一種方法。", "STGNN"),
        ("星河智能宣布与北辰科技达成战略合作。", "星河智能宣布"),
    ],
)
def test_no_organisation_from_words_that_only_look_like_the_context(x, text, junk):
    assert (junk, "Organization") not in names(x.extract(text))


def test_a_company_found_by_its_role_phrase_gets_its_person_and_every_later_mention(x):
    found = x.extract(
        "Kestrel Cloud CEO Dana Voss said demand is strong. "
        "Analysts expect Kestrel Cloud to grow next year."
    )
    assert ("Dana Voss", "WORKS_FOR", "Kestrel Cloud") in triples(found)
    [org] = [e for e in found.entities if e.name == "Kestrel Cloud"]
    assert org.kind == "Organization" and org.discovered and org.count == 2
