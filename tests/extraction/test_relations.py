"""Relations: the trigger phrasings of each relation type, in English and Chinese."""

import pytest

from .helpers import triples


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
        "DeepSeek-R1 結合 LoRA 與 GRPO。",
        "zh-Hant",
        ("DeepSeek-R1", "USES", "GRPO"),
    ),
    (
        "DeepSeek-R1 通过 GRPO 提升推理能力。",
        "zh-Hans",
        ("DeepSeek-R1", "USES", "GRPO"),
    ),
    (
        "DeepSeek-R1 基於 FlashAttention 架構。",
        "zh-Hant",
        ("DeepSeek-R1", "USES", "FlashAttention"),
    ),
    (
        "DeepSeek-R1 以 FlashAttention 为基础。",
        "zh-Hans",
        ("DeepSeek-R1", "USES", "FlashAttention"),
    ),
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
            "DeepSeek-R1 並未使用 GRPO。",
            "zh-Hant",
            ("DeepSeek-R1", "USES", "GRPO"),
        ),
        (
            "DeepSeek-R1 不采用 FlashAttention 架构。",
            "zh-Hans",
            ("DeepSeek-R1", "USES", "FlashAttention"),
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
    # the sentence was read (a concept, "Autonomous Driving", is read as one)
    assert wrong[0] in {e.name for e in found.entities} | {c.name for c in found.concepts}
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
    found = x.extract("DeepSeek-R1 採用 FlashAttention 架構。", lang="zh-Hant")
    assert ("DeepSeek-R1", "USES", "FlashAttention") in triples(found)
    # a generic concept in that place is a concept, which no relation reaches
    found = x.extract("DeepSeek-R1 採用 Mixture of Experts 架構。", lang="zh-Hant")
    assert [c.name for c in found.concepts] == ["Mixture of Experts"] and not found.relations


def test_relations_respect_domain_and_range(x):
    # "used" between two organisations is not a USES the ontology allows from an Organization to one
    found = x.extract("Microsoft used MMLU to test.")
    assert all(r.type != "USES" for r in found.relations)


@pytest.mark.parametrize("verb", ["employs", "abused", "weaponized", "wields"])
def test_an_actor_that_employs_or_abuses_a_tool_uses_it(x, verb):
    found = x.extract(f"Storm-4410 {verb} custom malware families such as Quillbot and Netfang.")
    assert {("Storm-4410", "USES", "Quillbot"), ("Storm-4410", "USES", "Netfang")} <= triples(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Lumora Robotics raised $50 million from Quarry Ventures and Fenwick Capital.",
            {
                ("Quarry Ventures", "INVESTED_IN", "Lumora Robotics"),
                ("Fenwick Capital", "INVESTED_IN", "Lumora Robotics"),
            },
        ),
        (
            "Lumora Robotics has raised a $50 million seed round from investors including "
            "Quarry Ventures.",
            {("Quarry Ventures", "INVESTED_IN", "Lumora Robotics")},
        ),
        (
            "Kestrel Labs announced it will acquire Lumora Robotics.",
            {("Kestrel Labs", "ACQUIRED", "Lumora Robotics")},
        ),
        (
            "Kestrel Labs said that it has agreed to buy Lumora Robotics for $1 billion.",
            {("Kestrel Labs", "ACQUIRED", "Lumora Robotics")},
        ),
    ],
)
def test_money_raised_from_investors_and_a_deal_announced_by_the_buyer(x, text, expected):
    assert expected <= triples(x.extract(text, lang="en"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Quill-7B achieves a TernBench total score of 87.3%, surpassing Llama 3.1 8B.",
            {
                ("Quill-7B", "EVALUATED_ON", "TernBench"),
                ("Quill-7B", "OUTPERFORMS", "Llama 3.1 8B"),
            },
        ),
        ("On TernBench, Quill-7B reaches 87.3%.", {("Quill-7B", "EVALUATED_ON", "TernBench")}),
        (
            "Quill-7B attains state-of-the-art results on MMLU and GSM8K.",
            {("Quill-7B", "EVALUATED_ON", "MMLU"), ("Quill-7B", "EVALUATED_ON", "GSM8K")},
        ),
    ],
)
def test_results_written_with_the_benchmark_first_or_as_a_named_score(x, text, expected):
    assert expected <= triples(x.extract(text, lang="en"))


def test_what_someone_developed_at_an_organisation_is_the_organisations(x):
    found = triples(
        x.extract(
            "Dana Voss developed Quill-7B and Tern-2 text-to-image models at Kestrel Labs.",
            lang="en",
        )
    )
    assert {
        ("Quill-7B", "DEVELOPED_BY", "Kestrel Labs"),
        ("Tern-2", "DEVELOPED_BY", "Kestrel Labs"),
    } <= found
    deployed = triples(x.extract("Orbex deployed Quill-7B at Kestrel Labs in May.", lang="en"))
    assert ("Quill-7B", "DEVELOPED_BY", "Kestrel Labs") not in deployed


def test_the_tool_of_a_campaign_after_a_long_list_of_its_victims(x):
    found = triples(
        x.extract(
            "UNC6120 ran a long espionage campaign targeting 53 victims across 42 countries "
            "using Google Sheets for command and control.",
            lang="en",
        )
    )
    assert ("UNC6120", "USES", "Google Sheets") in found
