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


def test_a_company_named_like_its_product_is_the_company(x):
    # news names the company "Perplexity"; the product is "the Perplexity app"
    assert ("Perplexity AI", "Organization") in names(
        x.extract("Perplexity is in talks to raise $500 million.")
    )


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


# Common Chinese phrasings of every relation type, each in Traditional (Taiwan wording)
# and Simplified (mainland wording) Chinese.
ZH_PHRASINGS = [
    # DEVELOPED_BY: 發布 / 推出的 / 研發的 / 打造的 / 是 X 開發的 / X 的 ... 機器人 / X「Y」
    ("阿里巴巴推出的 Qwen3 表現亮眼。", "zh-Hant", ("Qwen3", "DEVELOPED_BY", "Alibaba")),
    ("百度研發的文心一言持續更新。", "zh-Hant", ("ERNIE Bot", "DEVELOPED_BY", "Baidu")),
    ("百度研发的文心一言持续更新。", "zh-Hans", ("ERNIE Bot", "DEVELOPED_BY", "Baidu")),
    ("Meta 打造的 Llama 3 廣受歡迎。", "zh-Hant", ("Llama 3", "DEVELOPED_BY", "Meta")),
    (
        "Gemini 2.5 Pro 是 Google 開發的模型。",
        "zh-Hant",
        ("Gemini 2.5 Pro", "DEVELOPED_BY", "Google"),
    ),
    (
        "Gemini 2.5 Pro 是 Google 开发的模型。",
        "zh-Hans",
        ("Gemini 2.5 Pro", "DEVELOPED_BY", "Google"),
    ),
    (
        "宇樹科技的人形機器人 Unitree G1 亮相。",
        "zh-Hant",
        ("Unitree G1", "DEVELOPED_BY", "Unitree"),
    ),
    (
        "宇树科技的人形机器人 Unitree G1 亮相。",
        "zh-Hans",
        ("Unitree G1", "DEVELOPED_BY", "Unitree"),
    ),
    (
        "智元首個機器人藝人天團（靈犀 X2、遠征 A2、精靈 G2）登台。",
        "zh-Hant",
        ("Genie G2", "DEVELOPED_BY", "AgiBot"),
    ),
    (
        "智元首个机器人艺人天团（灵犀 X2、远征 A2、精灵 G2）登台。",
        "zh-Hans",
        ("Lingxi X2", "DEVELOPED_BY", "AgiBot"),
    ),
    (
        "Neuralink「Blindsight」將進入人體試驗。",
        "zh-Hant",
        ("Blindsight", "DEVELOPED_BY", "Neuralink"),
    ),
    (
        "Neuralink「Blindsight」将进入人体试验。",
        "zh-Hans",
        ("Blindsight", "DEVELOPED_BY", "Neuralink"),
    ),
    # ACQUIRED: 收購 + a description of the company, 被 ... 收購, 完成對 ... 的收購
    ("Meta 以逾 20 億美元收購 AI 代理新創 Manus。", "zh-Hant", ("Meta", "ACQUIRED", "Manus")),
    ("Meta 以逾 20 亿美元收购 AI 代理初创公司 Manus。", "zh-Hans", ("Meta", "ACQUIRED", "Manus")),
    ("Manus 已被 Meta 以 20 億美元收購。", "zh-Hant", ("Meta", "ACQUIRED", "Manus")),
    ("Manus 已被 Meta 以 20 亿美元收购。", "zh-Hans", ("Meta", "ACQUIRED", "Manus")),
    ("Meta 完成對 Manus 的收購。", "zh-Hant", ("Meta", "ACQUIRED", "Manus")),
    ("Meta 完成对 Manus 的并购。", "zh-Hans", ("Meta", "ACQUIRED", "Manus")),
    # INVESTED_IN: 領投 / 投資 / 入股, 獲 X 領投, 融資由 X 領投
    ("騰訊入股 MiniMax。", "zh-Hant", ("Tencent", "INVESTED_IN", "MiniMax")),
    ("OpenAI 獲軟銀領投 400 億美元。", "zh-Hant", ("SoftBank", "INVESTED_IN", "OpenAI")),
    ("OpenAI 获软银领投 400 亿美元。", "zh-Hans", ("SoftBank", "INVESTED_IN", "OpenAI")),
    (
        "Sakana AI 完成 1 億美元融資，由輝達領投。",
        "zh-Hant",
        ("NVIDIA", "INVESTED_IN", "Sakana AI"),
    ),
    (
        "Sakana AI 完成 1 亿美元融资，由英伟达领投。",
        "zh-Hans",
        ("NVIDIA", "INVESTED_IN", "Sakana AI"),
    ),
    # PARTNERS_WITH: 與 ... 合作 / 攜手
    ("輝達與微軟合作開發晶片。", "zh-Hant", ("NVIDIA", "PARTNERS_WITH", "Microsoft")),
    ("英伟达携手微软打造 AI 工厂。", "zh-Hans", ("NVIDIA", "PARTNERS_WITH", "Microsoft")),
    # EVALUATED_ON and OUTPERFORMS: 在 ... 上, also after a comma that keeps the subject
    (
        "百度發布文心一言新版本，並在 C-Eval 上取得 91 分。",
        "zh-Hant",
        ("ERNIE Bot", "EVALUATED_ON", "C-Eval"),
    ),
    (
        "百度发布文心一言新版本，并在 C-Eval 上取得 91 分。",
        "zh-Hans",
        ("ERNIE Bot", "EVALUATED_ON", "C-Eval"),
    ),
    (
        "GPT-5 在 SWE-bench Verified 上超越 Claude Opus 4。",
        "zh-Hant",
        ("GPT-5", "OUTPERFORMS", "Claude Opus 4"),
    ),
    ("Qwen3 在 AIME 上的表现优于 Llama 3。", "zh-Hans", ("Qwen3", "OUTPERFORMS", "Llama 3")),
    (
        "谷歌发布 Gemini 3，OpenAI 的 GPT-5 则在 SWE-bench Verified 上超越 Claude Opus 4。",
        "zh-Hans",
        ("GPT-5", "OUTPERFORMS", "Claude Opus 4"),
    ),
    # ATTRIBUTED_TO: 歸因於, 與 ... 有關
    ("WINELOADER 與 APT29 有關。", "zh-Hant", ("WINELOADER", "ATTRIBUTED_TO", "APT29")),
    ("WINELOADER 与 APT29 有关。", "zh-Hans", ("WINELOADER", "ATTRIBUTED_TO", "APT29")),
    # TARGETS: 對 ... 發動攻擊
    ("APT29 對微軟發動攻擊。", "zh-Hant", ("APT29", "TARGETS", "Microsoft")),
    ("APT29 对微软发起网络攻击。", "zh-Hans", ("APT29", "TARGETS", "Microsoft")),
    # USES: 結合 / 透過 / 基於 / 以 ... 為基礎
    (
        "DeepSeek-R1 結合 Mixture of Experts 與 Reinforcement Learning。",
        "zh-Hant",
        ("DeepSeek-R1", "USES", "Reinforcement Learning"),
    ),
    (
        "DeepSeek-R1 通过 Reinforcement Learning 提升推理能力。",
        "zh-Hans",
        ("DeepSeek-R1", "USES", "Reinforcement Learning"),
    ),
    ("DeepSeek-R1 基於 Transformer 架構。", "zh-Hant", ("DeepSeek-R1", "USES", "Transformer")),
    ("DeepSeek-R1 以 Transformer 为基础。", "zh-Hans", ("DeepSeek-R1", "USES", "Transformer")),
    # EXPLOITS: 利用 ... 漏洞, with the vendor between actor and flaw
    (
        "APT41 利用了 Ivanti 的 CVE-2024-3400 漏洞。",
        "zh-Hant",
        ("APT41", "EXPLOITS", "CVE-2024-3400"),
    ),
    (
        "APT41 利用了 Ivanti 的 CVE-2024-3400 漏洞。",
        "zh-Hans",
        ("APT41", "EXPLOITS", "CVE-2024-3400"),
    ),
    # WORKS_FOR: Org + title + Person, Person（Org title）, 是 Org 的 title, 加入
    (
        "OpenAI 聯合創辦人 Ilya Sutskever 表示。",
        "zh-Hant",
        ("Ilya Sutskever", "WORKS_FOR", "OpenAI"),
    ),
    (
        "OpenAI 联合创始人 Ilya Sutskever 表示。",
        "zh-Hans",
        ("Ilya Sutskever", "WORKS_FOR", "OpenAI"),
    ),
    ("Ilya（OpenAI 聯合創辦人）表示。", "zh-Hant", ("Ilya Sutskever", "WORKS_FOR", "OpenAI")),
    ("黃仁勳是輝達的執行長。", "zh-Hant", ("Jensen Huang", "WORKS_FOR", "NVIDIA")),
    ("黄仁勋是英伟达的首席执行官。", "zh-Hans", ("Jensen Huang", "WORKS_FOR", "NVIDIA")),
    ("Ilya Sutskever 加入 OpenAI。", "zh-Hans", ("Ilya Sutskever", "WORKS_FOR", "OpenAI")),
    (
        "月之暗面发布Kimi K2模型，在SWE-bench Verified上得分65.8%，超过GPT-4.1。",
        "zh-Hans",
        ("Kimi K2", "OUTPERFORMS", "GPT-4.1"),
    ),
    ("Kimi K2在MMMU上得分78.7，领先于GPT-5。", "zh-Hans", ("Kimi K2", "OUTPERFORMS", "GPT-5")),
    ("輝達宣布投資50億美元入股英特爾。", "zh-Hant", ("NVIDIA", "INVESTED_IN", "Intel")),
    ("OpenAI正与博通合作开发自研芯片。", "zh-Hans", ("OpenAI", "PARTNERS_WITH", "Broadcom")),
]


@pytest.mark.parametrize(("text", "lang", "expected"), ZH_PHRASINGS)
def test_chinese_phrasings_of_each_relation(x, text, lang, expected):
    assert expected in triples(x.extract(text, lang=lang))


@pytest.mark.parametrize(
    ("text", "lang", "wrong"),
    [
        # passive: the company bought is not the buyer
        ("Manus 被 Meta 收購。", "zh-Hant", ("Manus", "ACQUIRED", "Meta")),
        # a technique before the noun it qualifies is not what was made
        (
            "阿里雲與輝達合作推出自動駕駛平台。",
            "zh-Hant",
            ("Autonomous Driving", "DEVELOPED_BY", "NVIDIA"),
        ),
        (
            "宇树科技的人形机器人 Unitree G1 亮相。",
            "zh-Hans",
            ("Humanoid Robot", "DEVELOPED_BY", "Unitree"),
        ),
        # after a comma a name opens a clause of its own: Gemini 3 is not the one compared
        (
            "Google 發布 Gemini 3，OpenAI 的 GPT-5 則在 SWE-bench Verified 上超越 Claude Opus 4。",
            "zh-Hant",
            ("Gemini 3", "OUTPERFORMS", "Claude Opus 4"),
        ),
        # negation
        (
            "DeepSeek-R1 並未使用 Reinforcement Learning。",
            "zh-Hant",
            ("DeepSeek-R1", "USES", "Reinforcement Learning"),
        ),
        (
            "DeepSeek-R1 不采用 Transformer 架构。",
            "zh-Hans",
            ("DeepSeek-R1", "USES", "Transformer"),
        ),
        # in "利用 A 與植入 B" it is the attacker, not A, that plants B
        (
            "APT41 利用 Ivanti Connect Secure 與植入 ShadowPad 進行橫向移動。",
            "zh-Hant",
            ("Ivanti Connect Secure", "USES", "ShadowPad"),
        ),
        # the title belongs to the name after it, not to the one before the comma
        (
            "Sam Altman，微軟執行長 Satya Nadella 表示。",
            "zh-Hant",
            ("Sam Altman", "WORKS_FOR", "Microsoft"),
        ),
        ("WINELOADER 与 APT29 无关。", "zh-Hans", ("WINELOADER", "ATTRIBUTED_TO", "APT29")),
        # the product with the flaw is what is exploited, not a tool the actor uses
        (
            "駭客組織Earth Lamia利用SAP NetWeaver的CVE-2025-31324漏洞攻擊台灣企業。",
            "zh-Hant",
            ("Earth Lamia", "USES", "SAP NetWeaver"),
        ),
        ("OpenAI 獲微軟支持。", "zh-Hant", ("Microsoft", "INVESTED_IN", "OpenAI")),
        (
            "LangChain 可用於 RAG 應用。",
            "zh-Hant",
            ("LangChain", "USES", "Retrieval-Augmented Generation"),
        ),
    ],
)
def test_chinese_phrasings_that_state_no_such_relation(x, text, lang, wrong):
    found = x.extract(text, lang=lang)
    assert wrong[0] in {e.name for e in found.entities}  # the sentence was read
    assert wrong not in triples(found)


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        # when, between the subject and its verb
        (
            "Mistral AI on Tuesday released Magistral Medium 1.2, a reasoning model.",
            ("Magistral Medium 1.2", "DEVELOPED_BY", "Mistral AI"),
            None,
        ),
        ("Meta on Monday acquired Scale AI.", ("Meta", "ACQUIRED", "Scale AI"), None),
        # an appositive after the subject
        (
            "Storm-2035, an Iranian group, used ChatGPT to write phishing lures.",
            ("Storm-2035", "USES", "ChatGPT"),
            None,
        ),
        (
            "NVIDIA, the chipmaker, partnered with OpenAI.",
            ("NVIDIA", "PARTNERS_WITH", "OpenAI"),
            None,
        ),
        # the verb of purpose names the victim; the vendor's product is not the attacker
        (
            "Salt Typhoon exploited CVE-2024-3400 in Palo Alto Networks PAN-OS firewalls to "
            "breach AT&T and Verizon.",
            ("Salt Typhoon", "TARGETS", "Verizon"),
            ("Palo Alto Networks", "TARGETS", "AT&T"),
        ),
        # the amount and valuation between "raised" and "led by"
        (
            "Anthropic raised $13 billion at a $183 billion valuation in a round led by Iconiq.",
            ("ICONIQ", "INVESTED_IN", "Anthropic"),
            ("Anthropic", "INVESTED_IN", "ICONIQ"),
        ),
        # the one that lags is outperformed
        (
            "Llama 4 Maverick lags behind Gemini 2.5 Pro on LiveCodeBench.",
            ("Gemini 2.5 Pro", "OUTPERFORMS", "Llama 4 Maverick"),
            ("Llama 4 Maverick", "OUTPERFORMS", "Gemini 2.5 Pro"),
        ),
        # a decimal point in a score is no sentence end
        (
            "Grok 4 Heavy scored 44.4% on Humanity's Last Exam.",
            ("Grok 4 Heavy", "EVALUATED_ON", "Humanity's Last Exam"),
            None,
        ),
        # a person who joins a company works for it; a company that joins a round does not
        (
            "Scale AI CEO Alexandr Wang joined Meta to lead its superintelligence lab.",
            ("Alexandr Wang", "WORKS_FOR", "Meta"),
            None,
        ),
        ("SoftBank joined Anthropic in the round.", None, ("SoftBank", "WORKS_FOR", "Anthropic")),
        # the one who reports an attack is not its target; a victim does not use the malware
        (
            "Volt Typhoon, a Chinese state-sponsored group, has compromised US critical "
            "infrastructure, CISA warned on Wednesday.",
            None,
            ("Volt Typhoon", "TARGETS", "CISA"),
        ),
        (
            "Scattered Spider breached MGM Resorts using social engineering, then deployed "
            "ALPHV ransomware.",
            ("Scattered Spider", "TARGETS", "MGM Resorts"),
            ("MGM Resorts", "USES", "BlackCat ransomware"),
        ),
        # an appositive that is a whole clause does not carry the subject over
        (
            "NVIDIA, which OpenAI called a partner, and Microsoft said nothing.",
            None,
            ("NVIDIA", "PARTNERS_WITH", "OpenAI"),
        ),
    ],
)
def test_english_subjects_separated_from_their_verb(x, text, expected, wrong):
    found = triples(x.extract(text))
    if expected:
        assert expected in found
    if wrong:
        assert wrong not in found


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        # an aside holding a name: the verb after it goes with the name before it
        (
            "Microsoft, which backs OpenAI, acquired Inflection AI.",
            ("Microsoft", "ACQUIRED", "Inflection AI"),
            ("OpenAI", "ACQUIRED", "Inflection AI"),
        ),
        (
            "Microsoft, OpenAI's largest backer, acquired Inflection AI.",
            ("Microsoft", "ACQUIRED", "Inflection AI"),
            ("OpenAI", "ACQUIRED", "Inflection AI"),
        ),
        # "Facebook" is a name of Meta
        ("Meta, the Facebook parent, acquired Manus.", ("Meta", "ACQUIRED", "Manus"), None),
        (
            "Microsoft, an OpenAI backer, partnered with Mistral AI.",
            ("Microsoft", "PARTNERS_WITH", "Mistral AI"),
            ("OpenAI", "PARTNERS_WITH", "Mistral AI"),
        ),
        (
            "Microsoft, which backs OpenAI, released Phi-4.",
            ("Phi-4", "DEVELOPED_BY", "Microsoft"),
            ("Phi-4", "DEVELOPED_BY", "OpenAI"),
        ),
        # what the aside itself states still holds
        (
            "Meta, whose Llama 3 outperforms GPT-4o, acquired Scale AI.",
            ("Llama 3", "OUTPERFORMS", "GPT-4o"),
            ("Llama 3", "ACQUIRED", "Scale AI"),
        ),
        (
            "Meta, whose Llama 3 outperforms GPT-4o, acquired Scale AI.",
            ("Meta", "ACQUIRED", "Scale AI"),
            None,
        ),
        # a list is no aside
        (
            "NVIDIA invested in OpenAI, Mistral AI, and xAI.",
            ("NVIDIA", "INVESTED_IN", "Mistral AI"),
            None,
        ),
        ("NVIDIA invested in OpenAI, Mistral AI, and xAI.", ("NVIDIA", "INVESTED_IN", "xAI"), None),
        # the technique a model was trained with is not what outperforms
        (
            "Qwen3, fine-tuned with GRPO, outperforms Llama 3.",
            ("Qwen3", "OUTPERFORMS", "Llama 3"),
            ("GRPO", "OUTPERFORMS", "Llama 3"),
        ),
        (
            "Qwen3 fine-tuned with GRPO outperforms Llama 3.",
            ("Qwen3", "OUTPERFORMS", "Llama 3"),
            ("GRPO", "OUTPERFORMS", "Llama 3"),
        ),
        (
            "Qwen3 fine-tuned with GRPO and DPO outperforms Llama 3.",
            ("Qwen3", "OUTPERFORMS", "Llama 3"),
            ("DPO", "OUTPERFORMS", "Llama 3"),
        ),
        (
            "We present Orca-Math-7B, a 7B model trained with DPO that reaches 86% on GSM8K.",
            None,
            ("DPO", "EVALUATED_ON", "GSM8K"),
        ),
        # ... while a technique that is the subject still is, and so is one that "which" may
        # be about
        (
            "Qwen3 was fine-tuned with GRPO, which outperforms PPO.",
            ("GRPO", "OUTPERFORMS", "PPO"),
            ("Qwen3", "OUTPERFORMS", "PPO"),
        ),
        ("GRPO outperforms PPO on GSM8K.", ("GRPO", "OUTPERFORMS", "PPO"), None),
        # every victim of a list, whatever its kind, if the ontology admits it
        (
            "APT29 targeted Microsoft, TeamViewer and HPE.",
            ("APT29", "TARGETS", "TeamViewer"),
            None,
        ),
        (
            "APT29 targeted Microsoft, TeamViewer and HPE.",
            ("APT29", "TARGETS", "Hewlett Packard Enterprise"),
            None,
        ),
        (
            "NVIDIA partnered with Microsoft, TeamViewer and HPE.",
            ("NVIDIA", "PARTNERS_WITH", "Hewlett Packard Enterprise"),
            ("NVIDIA", "PARTNERS_WITH", "TeamViewer"),
        ),
        # a name of another kind that has a verb of its own is no member of the list
        (
            "APT29 targeted Microsoft and TeamViewer said it saw no intrusion.",
            ("APT29", "TARGETS", "Microsoft"),
            ("APT29", "TARGETS", "TeamViewer"),
        ),
        # two names side by side are one phrase, not a list
        (
            "Mify-Coder 基於 2.5B 參數的 Mify-2.5B 基礎模型，採 compute-optimal 策略訓練。",
            None,
            ("Mify-Coder", "USES", "Foundation Model"),
        ),
        # the attacker, not the victim, uses what a later clause deploys
        (
            "Scattered Spider breached MGM Resorts using social engineering, then deployed "
            "ALPHV ransomware.",
            ("Scattered Spider", "USES", "BlackCat ransomware"),
            ("MGM Resorts", "USES", "BlackCat ransomware"),
        ),
        (
            "Scattered Spider breached MGM Resorts in September and then deployed ALPHV "
            "ransomware.",
            ("Scattered Spider", "USES", "BlackCat ransomware"),
            ("MGM Resorts", "USES", "BlackCat ransomware"),
        ),
        (
            "Scattered Spider breached MGM Resorts using phishing before deploying ALPHV "
            "ransomware.",
            ("Scattered Spider", "USES", "BlackCat ransomware"),
            ("MGM Resorts", "USES", "BlackCat ransomware"),
        ),
        (
            "Volt Typhoon deployed the GlassLoader malware last week after exploiting "
            "CVE-2025-22457.",
            ("Volt Typhoon", "EXPLOITS", "CVE-2025-22457"),
            None,
        ),
        # a victim named first, or a later clause with a subject of its own, takes no verb
        (
            "MGM Resorts was breached by hackers who used social engineering, then deployed "
            "ALPHV ransomware.",
            None,
            ("MGM Resorts", "USES", "BlackCat ransomware"),
        ),
        (
            "APT29 targeted Microsoft, whose engineers then deployed Cobalt Strike.",
            ("APT29", "TARGETS", "Microsoft"),
            ("APT29", "USES", "Cobalt Strike"),
        ),
        # the subject's own claim, after a conjunction
        (
            "OpenAI released GPT-4.1 on Monday and said it outperforms GPT-4o.",
            ("GPT-4.1", "OUTPERFORMS", "GPT-4o"),
            None,
        ),
    ],
)
def test_english_asides_lists_and_later_clauses(x, text, expected, wrong):
    found = triples(x.extract(text, lang="en"))
    if expected:
        assert expected in found
    if wrong:
        assert wrong not in found


@pytest.mark.parametrize(
    ("text", "expected", "wrong"),
    [
        (
            "OpenAI released GPT-5. It outperformed o3 on SWE-bench Verified.",
            ("GPT-5", "OUTPERFORMS", "o3"),
            None,
        ),
        (
            "OpenAI released GPT-5. The model scores 80% on MMLU.",
            ("GPT-5", "EVALUATED_ON", "MMLU"),
            None,
        ),
        (
            "Mistral AI is a French startup. The company raised $600 million in a round led "
            "by General Catalyst.",
            ("General Catalyst", "INVESTED_IN", "Mistral AI"),
            None,
        ),
        # the first name of the sentence before, the one it is about; and on to the next
        (
            "Velora Labs released Velora-7B, which beats Mistral 7B. It scores 80% on MMLU.",
            ("Velora-7B", "EVALUATED_ON", "MMLU"),
            ("Mistral 7B", "EVALUATED_ON", "MMLU"),
        ),
        (
            "OpenAI released GPT-5. It beats o3. It also scores 80% on MMLU.",
            ("GPT-5", "EVALUATED_ON", "MMLU"),
            ("o3", "EVALUATED_ON", "MMLU"),
        ),
        # only a name of the kind the words refer to, and only from the sentence right before
        (
            "GPT-5 beats o3. The company raised $1 billion in a round led by SoftBank.",
            None,
            ("SoftBank", "INVESTED_IN", "GPT-5"),
        ),
        (
            "OpenAI released GPT-5. Analysts were divided. It beats o3, one said.",
            None,
            ("GPT-5", "OUTPERFORMS", "o3"),
        ),
        # "it" inside a sentence is left alone
        (
            "OpenAI released GPT-5. Analysts said that it beats o3.",
            None,
            ("GPT-5", "OUTPERFORMS", "o3"),
        ),
    ],
)
def test_a_sentence_opened_by_it_or_the_model_is_about_the_name_before(x, text, expected, wrong):
    found = x.extract(text, lang="en")
    if expected:
        assert expected in triples(found)
    if wrong:
        assert wrong not in triples(found)
    # the pronoun is no mention of its own
    assert not any(e.name in ("It", "The model", "The company") for e in found.entities)


def test_a_technique_that_only_qualifies_a_noun_is_passed_over(x):
    # "AI agent" describes the startup: the verb's object is Manus, and the technique is no
    # relation's argument
    found = x.extract("Meta acquires AI agent startup Manus for over $2 billion.")
    assert ("Meta", "ACQUIRED", "Manus") in triples(found)
    found = x.extract("阿里雲與輝達合作推出自動駕駛平台。", lang="zh-Hant")
    assert ("Alibaba Cloud", "PARTNERS_WITH", "NVIDIA") in triples(found)
    assert not any(h == "Autonomous Driving" for h, _, _ in triples(found))
    # a technique that is itself the object stays one
    found = x.extract("DeepSeek-R1 採用 Mixture of Experts 架構。", lang="zh-Hant")
    assert ("DeepSeek-R1", "USES", "Mixture of Experts") in triples(found)


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


# Discovery by context: invented names no gazetteer holds, each found only by the words
# around it, and typed by them.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Meta acquired Brindle, a Singapore-based agent startup.", {("Brindle", "Organization")}),
        (
            "Thrive Capital invested in Quorra maker Corvanta at a high valuation.",
            {("Quorra", "Product"), ("Corvanta", "Organization")},
        ),
        ("Dana Whitlock, CEO of Varnell, said demand is strong.", {("Varnell", "Organization")}),
        (
            "Orbis AI raised $675 million from Kestrel, Dunmore and Tamsin.",
            {(n, "Organization") for n in ("Orbis AI", "Kestrel", "Dunmore", "Tamsin")},
        ),
        (
            "Talvik raised $6 billion in a round led by Brightwater.",
            {("Brightwater", "Organization")},
        ),
        ("Elsewhere, xTalon will release a model next month.", {("xTalon", "Organization")}),
        (
            "Ardent and Corvel announced a partnership.",
            {("Ardent", "Organization"), ("Corvel", "Organization")},
        ),
        ("The Zentra family from Quillon tops the chart.", {("Quillon", "Organization")}),
        (
            "Researchers at Caldera University propose a new loss.",
            {("Caldera University", "Organization")},
        ),
        ("Norvik introduced Command Z for enterprise agents.", {("Command Z", "Model")}),
        (
            "Vela-7B reaches 86% on QuillMath and PARSE.",
            {("QuillMath", "Benchmark"), ("PARSE", "Benchmark")},
        ),
        ("It rivals o7 and outperforms StarFish2.", {("o7", "Model"), ("StarFish2", "Model")}),
        (
            "Orca tops Zebra's Final Test among public models.",
            {("Zebra's Final Test", "Benchmark")},
        ),
        ("We present Vela, a 7B model trained with XPO that is small.", {("XPO", "Method")}),
        (
            "The company will deploy it on Halden Cloud Studio next week.",
            {("Halden Cloud Studio", "Product")},
        ),
    ],
)
def test_context_cues_find_names_no_list_holds(x, text, expected):
    found = x.extract(text)
    assert expected <= names(found)
    assert all(e.discovered for e in found.entities if (e.name, e.kind) in expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sandrake deployed Gridbreaker2 against a utility, Sentrix said.",
            {("Sandrake", "ThreatActor"), ("Gridbreaker2", "Malware"), ("Sentrix", "Organization")},
        ),
        ("Kragmar targeted think tanks in Europe.", {("Kragmar", "ThreatActor")}),
        ("The Darkvale group claimed the attack.", {("Darkvale", "ThreatActor")}),
        ("The actors used NimbusRAT in the intrusion.", {("NimbusRAT", "Malware")}),
        (
            "Bramble Spider targeted Harlow Resorts and Telvra with vishing.",
            {("Harlow Resorts", "Organization"), ("Telvra", "Organization")},
        ),
        (
            "Attackers exploited CVE-2031-12345 in Halden Gateway OS last week.",
            {("Halden Gateway OS", "Product")},
        ),
    ],
)
def test_threat_report_cues(x, text, expected):
    assert expected <= names(x.extract(text))


def test_a_vla_suffix_marks_a_model_name(x):
    # "GF-VLA" is a vision-language-action model, not the method "VLA" inside a longer word
    found = x.extract("GF\u2011VLA 則用資訊論圖融合將視覺、語言、動作對齊。", lang="zh-Hant")
    assert names(found) == {("GF-VLA", "Model")}


def test_a_vendor_alias_is_a_surface_of_the_actor_it_names(x):
    found = x.extract("Bramble Spider, also known as Cobalt Tempest, targeted Harlow Resorts.")
    actors = [e for e in found.entities if e.kind == "ThreatActor"]
    assert len(actors) == 1
    assert actors[0].name == "Bramble Spider"
    assert set(actors[0].surfaces) == {"Bramble Spider", "Cobalt Tempest"}


def test_a_person_named_in_full_then_by_surname(x):
    found = x.extract("Arlo Venn said the launch is on track. Venn did not give a date.")
    assert ("Arlo Venn", "Person") in names(found)
    assert not any(e.kind == "Organization" for e in found.entities)
    # a two-word name before "said" whose second word never recurs is not taken for a person
    assert not x.extract("Quiet Harbor said the launch is on track.").entities


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "星曜科技發布Zeta-9，並在QuillMath上取得 91 分。",
            {("星曜科技", "Organization"), ("Zeta-9", "Model"), ("QuillMath", "Benchmark")},
        ),
        ("凌雲與星河宣布合作，擴大產能。", {("凌雲", "Organization"), ("星河", "Organization")}),
        ("凌雲開源飛瀑新模型，支援影片生成。", {("凌雲", "Organization"), ("飛瀑", "Model")}),
        (
            "陳志遠表示，凌雲的Orion晶片需求強勁。",
            {("陳志遠", "Person"), ("凌雲", "Organization"), ("Orion", "Product")},
        ),
        (
            "UNC9999鎖定星河電信與Telvra。",
            {("星河電信", "Organization"), ("Telvra", "Organization")},
        ),
        (
            "Sentrix將InkVine歸因於Granite Typhoon。",
            {("Sentrix", "Organization"), ("InkVine", "Malware")},
        ),
        ("軟銀投資Quorra 400 億美元。", {("Quorra", "Organization")}),
        ("新加坡網路防衛局表示已完成調查。", {("新加坡網路防衛局", "Organization")}),
        # a coined name glossed in brackets, or a list closed by "等 …", by what it is
        ("研究團隊發表 TimeScope（長時序推理基準），用於評估。", {("TimeScope", "Benchmark")}),
        ("FlowPilot（端到端駕駛模型）以相機輸入預測軌跡。", {("FlowPilot", "Model")}),
        ("GraphWeave（圖神經網路框架）降低記憶體用量。", {("GraphWeave", "Method")}),
        ("Quantix9（量化交易新創）完成融資。", {("Quantix9", "Organization")}),
        (
            "本週論文包括 ChartQuest、DocMaze 和 Tab-Sage 等基準。",
            {("ChartQuest", "Benchmark"), ("DocMaze", "Benchmark"), ("Tab-Sage", "Benchmark")},
        ),
        ("另有 OmniDrive、VoxelNet 等多個模型。", {("OmniDrive", "Model"), ("VoxelNet", "Model")}),
    ],
)
def test_chinese_context_cues(x, text, expected):
    assert expected <= names(x.extract(text))


@pytest.mark.parametrize(
    ("text", "known"),
    [
        ("OpenAI（美國公司）推出新模型。", ("OpenAI", "Organization")),
        ("Gemini（Google 的模型）表現亮眼。", ("Gemini", "Model")),
        ("研究使用 GPU（圖形處理器）與 AI（人工智慧）模型。", None),
        ("Transformer（一種神經網路）仍是主流。", None),
    ],
)
def test_a_bracketed_gloss_types_only_coined_names_it_fits(x, text, known):
    found = x.extract(text)
    assert not [e.name for e in found.entities if e.discovered], names(found)
    if known:
        assert known in names(found)


@pytest.mark.parametrize(
    "text",
    [
        "On Monday, the company said it would expand into Europe.",
        "The report said revenue grew 20% in the quarter.",
        "In March, analysts said demand was strong.",
        "Separately, the startup said it had no plans to sell.",
        "Researchers said the model scores 80% on the test set.",
        "The new version launched Tuesday with improvements.",
        "Users targeted by the campaign were notified.",
        "The model outperforms the baseline on every task.",
        "The US and China signed an agreement last week.",
        "When Congress passed the bill, lawmakers said it was historic.",
        "研究團隊提出新的方法，並在多個基準上取得領先。",
        "昨日發布的新版本修正了錯誤。",
        "用戶可藉升級關閉廣告。",
        "這反映投資人對內容賽道的興趣。",
        "視訊生成創企完成 3.15 億美元融資。",
        "商湯發布新版大模型。",
        "新創公司推出新模型。",
        "Hugging Face bought the French maker of the Reachy humanoid.",
        "研究團隊公司宣布合作。",
        "政府近期也推出多項措施，鼓勵企業投資 AI 基礎設施。",
        "政府鼓励企业投资。",
    ],
)
def test_context_cues_leave_plain_words_alone(x, text):
    found = x.extract(text)
    assert not [e for e in found.entities if e.discovered], names(found)


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
