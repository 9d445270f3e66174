"""Who made a model or product: the maker in its name, a variant's family, Chinese release
lists, "the company behind", appositions; and results and roles stated in passing."""

import pytest

from .helpers import triples


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        # the maker's name opens the product's name, and the text names the maker too
        (
            "Engineers at Microsoft said Microsoft Copilot now drafts replies.",
            ("Microsoft Copilot", "DEVELOPED_BY", "Microsoft"),
            None,
        ),
        # the gazetteer's name holds the maker ("Blackwell" is NVIDIA's line)
        (
            "Demand for Blackwell stayed high, NVIDIA said.",
            ("NVIDIA Blackwell", "DEVELOPED_BY", "NVIDIA"),
            None,
        ),
        # a threat post names the software attacked, not who made it
        (
            "Salt Typhoon exploited a flaw in Cisco IOS XE. Cisco issued a patch.",
            None,
            ("Cisco IOS XE", "DEVELOPED_BY", "Cisco"),
        ),
        # a variant of a model takes its family's maker
        (
            "DeepSeek 在四月發布了 V4。多數用戶選擇 V4-Flash。",
            ("V4-Flash", "DEVELOPED_BY", "DeepSeek"),
            None,
        ),
    ],
)
def test_makers_named_in_the_name_or_the_family(x, text, expected, wrong):
    found = triples(x.extract(text))
    if expected:
        assert expected in found
    if wrong:
        assert wrong not in found


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        # what a release includes is the releaser's
        (
            "火山引擎发布豆包大模型系列更新，包括豆包大模型1.6。",
            ("Doubao 1.6", "DEVELOPED_BY", "Volcano Engine"),
            None,
        ),
        # a list after another noun ("对比模型包括") is no release of the company's
        (
            "阿里巴巴发布Qwen3，对比模型包括GPT-4o。",
            ("Qwen3", "DEVELOPED_BY", "Alibaba"),
            ("GPT-4o", "DEVELOPED_BY", "Alibaba"),
        ),
        # a clause after a comma with no subject of its own goes on with the company
        (
            "火山引擎发布豆包大模型1.6，并推出了豆包大模型1.6 lite。",
            ("Doubao 1.6 lite", "DEVELOPED_BY", "Volcano Engine"),
            None,
        ),
        # a clause with a subject of its own does not
        (
            "阿里巴巴发布Qwen3，百度随后推出文心一言。",
            ("Qwen3", "DEVELOPED_BY", "Alibaba"),
            ("ERNIE Bot", "DEVELOPED_BY", "Alibaba"),
        ),
        # the maker written right against its model, in Chinese text
        ("阿里通义千问表现不错。", ("Qwen", "DEVELOPED_BY", "Alibaba"), None),
        ("Google Gemini 3強勢反攻。", ("Gemini 3", "DEVELOPED_BY", "Google"), None),
    ],
)
def test_chinese_release_lists_and_later_clauses(x, text, expected, wrong):
    found = triples(x.extract(text))
    if expected:
        assert expected in found
    if wrong:
        assert wrong not in found


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        (
            "OpenAI grew fast. The company behind ChatGPT hired more staff.",
            ("ChatGPT", "DEVELOPED_BY", "OpenAI"),
            None,
        ),
        (
            "Anthropic, the startup behind Claude, raised money.",
            ("Claude", "DEVELOPED_BY", "Anthropic"),
            None,
        ),
        (
            "Mistral AI lags behind Gemini 3 on coding.",
            None,
            ("Gemini 3", "DEVELOPED_BY", "Mistral AI"),
        ),
        (
            "Anthropic, known for its safety-focused models such as Claude, raised money.",
            ("Claude", "DEVELOPED_BY", "Anthropic"),
            None,
        ),
        ("An Apple-built Siri update shipped.", ("Siri", "DEVELOPED_BY", "Apple"), None),
        (
            "Salesforce made two acquisitions (Slack, Tableau).",
            ("Salesforce", "ACQUIRED", "Tableau"),
            None,
        ),
        ("xAI, Elon Musk's AI venture, raised money.", ("Elon Musk", "WORKS_FOR", "xAI"), None),
        ("xAI, Elon Musk's favourite topic, trended.", None, ("Elon Musk", "WORKS_FOR", "xAI")),
    ],
)
def test_english_makers_buyers_and_owners_in_passing(x, text, expected, wrong):
    found = triples(x.extract(text, lang="en"))
    if expected:
        assert expected in found
    if wrong:
        assert wrong not in found


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        (
            "We present Nexa-7B, a small model. Delivering strong results, it records 91.0% on "
            "MMLU and 80.1% on GSM8K, while excelling with 70.2% on AIME2025.",
            ("Nexa-7B", "EVALUATED_ON", "AIME2025"),
            None,
        ),
        (
            "Nexa-7B scores 80.0% on MMLU, while the baseline reaches 70.2% on GSM8K.",
            ("Nexa-7B", "EVALUATED_ON", "MMLU"),
            ("Nexa-7B", "EVALUATED_ON", "GSM8K"),
        ),
    ],
)
def test_results_stated_after_it_or_while(x, text, expected, wrong):
    found = triples(x.extract(text, lang="en"))
    if expected:
        assert expected in found
    if wrong:
        assert wrong not in found


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        (
            'APT28 is actively targeting hospitals with the "ShadowPad" backdoor.',
            ("APT28", "USES", "ShadowPad"),
            None,
        ),
        (
            "APT28 ran a long campaign against 40 firms using Google Sheets for control.",
            ("APT28", "USES", "Google Sheets"),
            None,
        ),
        # the product whose flaw is the way in is the victim's, not a tool
        (
            "Salt Typhoon targets US telecoms through Cisco IOS XE flaws.",
            None,
            ("Salt Typhoon", "USES", "Cisco IOS XE"),
        ),
        # the defenders' tool, in a clause of its own, is not the attacker's
        (
            "APT28 targeted firms, and defenders responded with Microsoft Defender.",
            None,
            ("APT28", "USES", "Microsoft Defender"),
        ),
    ],
)
def test_the_tool_an_attack_is_carried_out_with(x, text, expected, wrong):
    found = triples(x.extract(text, lang="en"))
    if expected:
        assert expected in found
    if wrong:
        assert wrong not in found


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        # the company's own chip: made by it, not merely used
        (
            "展現Google利用自家TPU晶片進行訓練的優勢。",
            ("Google TPU", "DEVELOPED_BY", "Google"),
            ("Google", "USES", "Google TPU"),
        ),
        # another company's model is used, not made
        (
            "Google利用Anthropic的Claude進行測試。",
            ("Claude", "DEVELOPED_BY", "Anthropic"),
            ("Claude", "DEVELOPED_BY", "Google"),
        ),
        # "該模型" after a short opening phrase is the model of the sentence before
        (
            "此外，火山引擎推出豆包大模型1.6 lite，推理速度更快。效果上，该模型超越豆包大模型1.5 pro。",
            ("Doubao 1.6 lite", "OUTPERFORMS", "Doubao-1.5-pro"),
            None,
        ),
        # not when a name stands before it: OpenAI's view is no comparison
        (
            "Google發表了Gemini 3。OpenAI表示該模型仍落後GPT-5。",
            ("Gemini 3", "DEVELOPED_BY", "Google"),
            ("Gemini 3", "OUTPERFORMS", "GPT-5"),
        ),
    ],
)
def test_own_products_and_this_model_in_chinese(x, text, expected, wrong):
    found = triples(x.extract(text))
    if expected:
        assert expected in found
    if wrong:
        assert wrong not in found


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        (
            "GitHub CEO Nat Friedman will co-lead the lab.",
            ("Nat Friedman", "WORKS_FOR", "GitHub"),
            None,
        ),
        (
            "Former GitHub CEO Nat Friedman will co-lead the lab.",
            None,
            ("Nat Friedman", "WORKS_FOR", "GitHub"),
        ),
        ("He met ex-OpenAI CTO Mira Murati.", None, ("Mira Murati", "WORKS_FOR", "OpenAI")),
        ("前微軟執行長 Steve Ballmer 出席。", None, ("Steve Ballmer", "WORKS_FOR", "Microsoft")),
        # "目前" (now) is no "前" (former)
        ("目前微軟執行長 Satya Nadella 出席。", ("Satya Nadella", "WORKS_FOR", "Microsoft"), None),
    ],
)
def test_a_past_role_before_the_company_is_no_current_job(x, text, expected, wrong):
    found = triples(x.extract(text))
    if expected:
        assert expected in found
    if wrong:
        assert wrong not in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gemini 3 beats OpenAI's GPT-5 on coding.", ("Gemini 3", "OUTPERFORMS", "GPT-5")),
        ("Gemini 3在多項基準測試中超越OpenAI的GPT-5。", ("Gemini 3", "OUTPERFORMS", "GPT-5")),
        (
            "Gemini 3 outperforms GPT-5 and Anthropic's Claude Opus 4.5.",
            ("Gemini 3", "OUTPERFORMS", "Claude Opus 4.5"),
        ),
    ],
)
def test_a_maker_named_before_the_model_compared_is_passed_over(x, text, expected):
    found = triples(x.extract(text))
    assert expected in found
    # and the maker is still the model's maker, not what is outperformed
    assert (expected[0], "OUTPERFORMS", expected[2]) in found
    assert not any(r == "OUTPERFORMS" and t in ("OpenAI", "Anthropic") for _, r, t in found)


def test_passing_over_a_maker_gives_no_other_maker(x):
    found = triples(x.extract("輝達 H100 與超微 MI300X 的推論成本差距達 15 倍。"))
    assert ("AMD Instinct MI300X", "DEVELOPED_BY", "AMD") in found
    assert ("AMD Instinct MI300X", "DEVELOPED_BY", "NVIDIA") not in found


HIRES = (
    "Velora hired widely this spring.\n"
    "Here is a look at the researchers joining Meta's new lab:\n"
    "- Dana Voss – Led pre-training at Kestrel.\n"
    "- Ana Ruiz – Former research lead at Google.\n"
    "Meta declined to comment."
)


def test_a_list_of_people_joining_a_company_works_for_it(x):
    found = triples(x.extract(HIRES, lang="en"))
    assert ("Dana Voss", "WORKS_FOR", "Meta") in found
    assert ("Ana Ruiz", "WORKS_FOR", "Meta") in found


def test_a_list_of_people_leaving_a_company_does_not(x):
    found = triples(x.extract(HIRES.replace("joining", "leaving"), lang="en"))
    assert not any(r == "WORKS_FOR" and t == "Meta" for _, r, t in found)


@pytest.mark.parametrize(
    ("text", "expected", "amount"),
    [
        # a product that only describes its maker is passed over
        (
            "SoftBank invested $40 billion in ChatGPT maker OpenAI last year.",
            ("SoftBank", "INVESTED_IN", "OpenAI"),
            40e9,
        ),
        (
            "日本軟銀12月31日宣布，已完成對ChatGPT開發商OpenAI的410億美元投資。",
            ("SoftBank", "INVESTED_IN", "OpenAI"),
            41e9,
        ),
        (
            "Microsoft partnered with ChatGPT maker OpenAI.",
            ("Microsoft", "PARTNERS_WITH", "OpenAI"),
            None,
        ),
    ],
)
def test_a_product_naming_its_maker_is_passed_over(x, text, expected, amount):
    found = x.extract(text)
    assert expected in triples(found)
    assert ("ChatGPT", "DEVELOPED_BY", "OpenAI") in triples(found)
    if amount is not None:
        (rel,) = [r for r in found.relations if (r.head, r.type, r.tail) == expected]
        assert rel.qualifiers.get("amount") == amount


def test_investors_of_a_company_are_no_investment(x):
    found = triples(x.extract("軟銀對OpenAI的投資人表示感謝。"))
    assert ("SoftBank", "INVESTED_IN", "OpenAI") not in found


def test_an_acquisition_announced_before_a_comma(x):
    found = triples(x.extract("軟銀本周也宣布，將以約65億美元收購Ampere。"))
    assert ("SoftBank", "ACQUIRED", "Ampere") in found
    # a new subject after the comma takes the verb
    found = triples(x.extract("軟銀本周也宣布，Arm將收購Ampere。"))
    assert ("Arm", "ACQUIRED", "Ampere") in found
    assert ("SoftBank", "ACQUIRED", "Ampere") not in found


def test_a_tool_a_paper_builds_is_its_authors(x):
    paper = (
        "Quill-2 Technical Report\nAbstract\n"
        "We present Quill-2, a coding model developed by the Atlas team at Kuaishou. "
        "We also build SandboxHub, a modular platform for agent rollouts. "
        "Quill-2 scores 70.1% on SWE-bench Verified."
    )
    found = triples(x.extract(paper, lang="en"))
    assert ("SandboxHub", "DEVELOPED_BY", "Kuaishou") in found
    # a benchmark the paper reports on is no contribution of its own
    assert ("SWE-bench Verified", "DEVELOPED_BY", "Kuaishou") not in found


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        ("台積電公布財報，由董事長魏哲家說明。", ("C.C. Wei", "WORKS_FOR", "TSMC"), None),
        # the title is the first person's only
        (
            "台積電公布財報，由董事長魏哲家與黃仁勳同台。",
            ("C.C. Wei", "WORKS_FOR", "TSMC"),
            ("Jensen Huang", "WORKS_FOR", "TSMC"),
        ),
        # a company named with the title is the person's
        (
            "台積電公布財報，輝達執行長黃仁勳也出席。",
            ("Jensen Huang", "WORKS_FOR", "NVIDIA"),
            ("Jensen Huang", "WORKS_FOR", "TSMC"),
        ),
    ],
)
def test_a_bare_title_after_a_comma_is_a_role_at_the_clauses_company(x, text, expected, wrong):
    found = triples(x.extract(text))
    if expected:
        assert expected in found
    if wrong:
        assert wrong not in found
