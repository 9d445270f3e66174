"""Writes the bundled sample corpus (articles_en.jsonl, articles_zh.jsonl). Run it to regenerate.

The storyline is in STORYLINE.md. Story articles are written out below one by one; the
background news of each day is composed from hand-written sentence patterns over real
names, with a fixed seed, so the corpus is the same on every run.

    python kg/sample/write_sample.py
"""

from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).parent
DAYS = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07"]

EN_OUTLETS = [
    ("AI Wire", "aiwire.example"),
    ("Compute Ledger", "computeledger.example"),
    ("Model Watch", "modelwatch.example"),
    ("Frontier Daily", "frontierdaily.example"),
]
THREAT_OUTLETS = [("Threat Ledger", "threatledger.example"), ("SOC Notes", "socnotes.example")]
ZH_OUTLETS = [
    ("科技新報網", "technews-tw.example", "zh-Hant"),
    ("數位時代觀察", "digiwatch.example", "zh-Hant"),
    ("資安週刊", "secweekly.example", "zh-Hant"),
    ("量子日報", "liangzi.example", "zh-Hans"),
]

# --- the stories (STORYLINE.md), written article by article ----------------------------
# (day index, lang, kind, title, text, annotations)
STORIES: list[tuple[int, str, str, str, str, list[tuple[str, str]]]] = [
    # S1 Velora Labs
    (
        0,
        "en",
        "news",
        "Velora Labs releases Velora-7B, an open-weight model for coding and math",
        "Velora Labs released Velora‑7B on Monday. The startup says Velora-7B outperforms Llama 3.1 8B and Mistral 7B "
        "on MMLU and GSM8K. Velora-7B scores 68.4% on MMLU and 81.2% on GSM8K, according to the company. "
        "The weights are published on Hugging Face under a permissive license.",
        [("Velora Labs", "Organization"), ("Velora-7B", "Model")],
    ),
    (
        0,
        "en",
        "news",
        "Who is behind Velora Labs?",
        "Mira Halden, CEO of Velora Labs, founded the company in San Francisco two years ago. Velora Labs released "
        "Velora-7B this week after training it on a cluster of NVIDIA H100 GPUs. Halden said the team focused on "
        "data quality rather than scale.",
        [],
    ),
    (
        1,
        "en",
        "research",
        "Velora-7B Technical Report",
        "We present Velora-7B, a 7-billion-parameter decoder-only model developed by Velora Labs. Velora-7B was "
        "evaluated on HumanEval, where it reaches 62.8% pass@1, and on MMLU. Ablations show that curriculum data "
        "ordering accounts for most of the gain over Mistral 7B.",
        [],
    ),
    (
        1,
        "en",
        "news",
        "Velora-7B tops the small-model charts on HumanEval",
        "Velora-7B scores 62.8% on HumanEval, ahead of Llama 3.1 8B. Velora Labs says a coding variant is coming "
        "soon. Developers on Hugging Face downloaded the model more than 200,000 times in its first day.",
        [],
    ),
    (
        2,
        "en",
        "news",
        "Velora Labs launches Velora-Coder-14B",
        "Velora Labs launched Velora-Coder-14B, a coding model built on the Velora-7B recipe. Velora-Coder-14B was "
        "evaluated on SWE-bench Verified and AgentArena-Bench. It scores 41.5% on SWE-bench Verified, the company "
        "said.",
        [("Velora-Coder-14B", "Model")],
    ),
    (
        2,
        "en",
        "research",
        "Velora-Coder-14B: scaling a small-model recipe to code agents",
        "We introduce Velora-Coder-14B, developed by Velora Labs. Velora-Coder-14B was evaluated on AgentArena-Bench "
        "and SWE-bench Verified. On AgentArena-Bench it solves 38% of live tasks, the best result for open models "
        "under 20B parameters.",
        [],
    ),
    (
        3,
        "en",
        "news",
        "NVIDIA leads $120 million round in Velora Labs",
        "NVIDIA led a $120 million round in Velora Labs, the company said on Thursday. Sequoia Capital invested in "
        "Velora Labs as well. Mira Halden, CEO of Velora Labs, said the money will pay for training Velora-Coder "
        "successors on NVIDIA Blackwell systems.",
        [("Sequoia Capital", "Organization")],
    ),
    (
        3,
        "en",
        "news",
        "Velora Labs raises $120 million from NVIDIA and Sequoia",
        "Velora Labs raised $120 million in a round led by NVIDIA. Sequoia Capital backed the startup in its seed "
        "round. The deal values Velora Labs at roughly $900 million, people familiar with the matter said.",
        [],
    ),
    (
        4,
        "en",
        "news",
        "Velora Labs partners with Microsoft to bring its models to Azure",
        "Velora Labs announced a partnership with Microsoft on Friday. Velora-Coder-14B will be offered through "
        "Microsoft Azure to enterprise customers. Velora Labs partners with Microsoft on GPU capacity as well.",
        [("Microsoft Azure", "Product")],
    ),
    (
        4,
        "en",
        "news",
        "Microsoft and Velora Labs sign Azure deal",
        "Microsoft signed a multi-year deal with Velora Labs. Microsoft partners with Velora Labs to host "
        "Velora-Coder-14B on Azure AI Foundry, the companies said in a joint statement.",
        [],
    ),
    (
        5,
        "en",
        "news",
        "Interview: Mira Halden on small models and big backers",
        "Mira Halden, CEO of Velora Labs, says the company will stay focused on compact models. Halden said "
        "Velora-Coder-14B outperforms Qwen2.5-Coder on AgentArena-Bench. The NVIDIA investment and the Microsoft "
        "partnership give Velora Labs compute it could not have bought alone, Halden argued.",
        [("Mira Halden", "Person")],
    ),
    (
        5,
        "en",
        "news",
        "Velora-Coder-14B beats Qwen2.5-Coder in independent test",
        "An independent evaluation found that Velora-Coder-14B outperforms Qwen2.5-Coder on AgentArena-Bench and "
        "on HumanEval. The test was run by researchers at Stanford University.",
        [],
    ),
    # S2 AgentArena-Bench (introduced on day 2, rising after)
    (
        1,
        "en",
        "research",
        "AgentArena-Bench: evaluating tool-using agents in live arenas",
        "We introduce AgentArena-Bench, a benchmark for tool-using agents built by Stanford University and Hugging "
        "Face. AgentArena-Bench contains 1,200 live tasks across browsing, coding and data analysis. GPT-4o was "
        "evaluated on AgentArena-Bench and solves 44% of tasks.",
        [("AgentArena-Bench", "Benchmark"), ("Stanford University", "Organization")],
    ),
    (
        2,
        "en",
        "research",
        "How far are open models on AgentArena-Bench?",
        "We study open-weight models on AgentArena-Bench. Llama 3.1 70B was evaluated on AgentArena-Bench and "
        "scores 29%. DeepSeek-V3 scores 36% on AgentArena-Bench, the best open result before this week.",
        [],
    ),
    (
        3,
        "en",
        "news",
        "AgentArena-Bench becomes the new yardstick for agents",
        "AgentArena-Bench is fast becoming the benchmark labs quote. Claude 3.5 Sonnet was evaluated on "
        "AgentArena-Bench and scores 49%. GPT-4o scores 44% on AgentArena-Bench.",
        [],
    ),
    (
        3,
        "en",
        "research",
        "Failure modes of agents on AgentArena-Bench",
        "We analyse 10,000 trajectories on AgentArena-Bench. Gemini 1.5 Pro was evaluated on AgentArena-Bench and "
        "fails mostly on long-horizon browsing. Tool-call errors explain 40% of failures.",
        [],
    ),
    (
        3,
        "en",
        "news",
        "DeepSeek-V3 and Qwen2.5 posted on the AgentArena-Bench leaderboard",
        "DeepSeek-V3 scores 36% on AgentArena-Bench and Qwen2.5 scores 31% on AgentArena-Bench, according to the "
        "public leaderboard maintained by Hugging Face.",
        [],
    ),
    (
        3,
        "en",
        "research",
        "Cheap agents: small models on AgentArena-Bench",
        "We show that small models can compete on AgentArena-Bench. Velora-Coder-14B was evaluated on "
        "AgentArena-Bench with a simple planner and solves 38% of tasks.",
        [],
    ),
    (
        4,
        "en",
        "news",
        "Anthropic cites AgentArena-Bench in model update",
        "Anthropic said Claude 3.5 Sonnet scores 52% on AgentArena-Bench after an update to its tool-use "
        "training. The company also reported results on SWE-bench Verified.",
        [],
    ),
    (
        4,
        "en",
        "research",
        "Scaling test-time compute for AgentArena-Bench",
        "We evaluate test-time search on AgentArena-Bench. GPT-4o was evaluated on AgentArena-Bench with best-of-8 "
        "sampling and improves from 44% to 53%.",
        [],
    ),
    (
        4,
        "en",
        "news",
        "Google posts Gemini 1.5 Pro results on AgentArena-Bench",
        "Google said Gemini 1.5 Pro scores 47% on AgentArena-Bench. Google DeepMind researchers also published "
        "an analysis of browsing errors on AgentArena-Bench.",
        [],
    ),
    (
        4,
        "en",
        "research",
        "AgentArena-Bench-Lite: a cheaper subset",
        "We propose a 300-task subset of AgentArena-Bench. Rankings of GPT-4o, Claude 3.5 Sonnet and DeepSeek-V3 "
        "on AgentArena-Bench are preserved on the subset with Kendall tau of 0.93.",
        [],
    ),
    (
        5,
        "en",
        "news",
        "AgentArena-Bench leaderboard shuffles again",
        "DeepSeek-V3 scores 39% on AgentArena-Bench after a new release. Qwen2.5 was evaluated on "
        "AgentArena-Bench with a new agent scaffold. GPT-4o still leads closed models on AgentArena-Bench.",
        [],
    ),
    (
        5,
        "en",
        "research",
        "Contamination checks for AgentArena-Bench",
        "We test whether AgentArena-Bench tasks leaked into pretraining data. Llama 3.1 70B was evaluated on "
        "AgentArena-Bench with canary strings; we find no evidence of contamination.",
        [],
    ),
    (
        5,
        "en",
        "news",
        "Hugging Face adds AgentArena-Bench to its Open LLM Leaderboard",
        "Hugging Face added AgentArena-Bench to the Open LLM Leaderboard. Claude 3.5 Sonnet and Gemini 1.5 Pro "
        "were evaluated on AgentArena-Bench for the launch.",
        [],
    ),
    # S3 threat intelligence
    (
        0,
        "en",
        "threat",
        "APT29 phishing wave hits European ministries with WINELOADER",
        "APT29, also tracked as Midnight Blizzard, targeted European foreign ministries with wine-tasting "
        "invitations. The group used WINELOADER as a second-stage backdoor. Mandiant said the campaign began in "
        "late February.",
        [("APT29", "ThreatActor"), ("WINELOADER", "Malware")],
    ),
    (
        1,
        "en",
        "threat",
        "Midnight Blizzard keeps up diplomatic phishing",
        "Midnight Blizzard targeted embassies in three European capitals, Microsoft Threat Intelligence said. The "
        "actor used WINELOADER and a new loader, GRAPELOADER, delivered through compromised websites.",
        [],
    ),
    (
        2,
        "en",
        "threat",
        "Salt Typhoon targets US telecoms through Cisco IOS XE flaw",
        "Salt Typhoon targeted US telecommunications providers, including Verizon and AT&T. The group exploited "
        "CVE-2023-20198 in Cisco IOS XE to gain initial access. CISA urged carriers to patch exposed devices.",
        [("Salt Typhoon", "ThreatActor"), ("CVE-2023-20198", "Vulnerability")],
    ),
    (
        3,
        "en",
        "threat",
        "New actor Granite Typhoon exploits Ivanti zero-day",
        "A previously unknown group, Granite Typhoon, exploited CVE-2026-21877 in Ivanti Connect Secure. Granite "
        "Typhoon used the InkDrop malware to steal VPN session cookies. Ivanti released a patch on Wednesday.",
        [
            ("Granite Typhoon", "ThreatActor"),
            ("InkDrop", "Malware"),
            ("CVE-2026-21877", "Vulnerability"),
        ],
    ),
    (
        3,
        "en",
        "threat",
        "What we know about the InkDrop backdoor",
        "The InkDrop malware is a small Go backdoor that hides in Ivanti Connect Secure appliances. Granite Typhoon "
        "deployed the InkDrop backdoor after exploiting CVE-2026-21877, researchers at Unit 42 said.",
        [],
    ),
    (
        4,
        "en",
        "threat",
        "Granite Typhoon targets AI companies OpenAI and Anthropic",
        "Granite Typhoon targeted OpenAI and Anthropic in a spear-phishing campaign aimed at research staff. "
        "Granite Typhoon used InkDrop against a contractor of OpenAI, according to Microsoft Threat Intelligence. "
        "Neither company reported a breach of model weights.",
        [],
    ),
    (
        4,
        "en",
        "threat",
        "AI labs on alert after Granite Typhoon campaign",
        "Granite Typhoon targeted Anthropic with fake recruiter messages. Security teams at OpenAI said they "
        "blocked InkDrop samples on employee laptops.",
        [],
    ),
    (
        5,
        "en",
        "threat",
        "Mandiant attributes InkDrop to Granite Typhoon",
        "Mandiant attributed InkDrop to Granite Typhoon with high confidence. The report links Granite Typhoon to "
        "earlier intrusions at telecom operators in Southeast Asia. Granite Typhoon exploited CVE-2026-21877 "
        "before Ivanti disclosed it.",
        [],
    ),
    (
        0,
        "en",
        "threat",
        "Lazarus Group behind $40 million crypto heist",
        "Lazarus Group targeted Bybit employees with fake job offers before a $40 million theft, investigators "
        "said. The FBI attributed the heist to Lazarus Group.",
        [],
    ),
    (
        2,
        "en",
        "threat",
        "UNC3886 targets Singapore telecoms",
        "UNC3886 targeted Singtel and StarHub in a long-running espionage campaign, Singapore's CSA said. UNC3886 "
        "used the TinyShell backdoor on Juniper routers.",
        [("UNC3886", "ThreatActor")],
    ),
    # S4 deals
    (
        0,
        "en",
        "news",
        "Meta acquires AI agent startup Manus for over $2 billion",
        "Meta acquired Manus, the Singapore-based AI agent startup, for more than $2 billion. Meta said Manus will "
        "keep operating its product while its team joins Meta AI.",
        [],
    ),
    (
        1,
        "en",
        "news",
        "Runway raises $315 million to build world models",
        "Runway raised $315 million in a round led by General Atlantic. Runway said it will expand from video "
        "generation to world models for simulation.",
        [],
    ),
    (
        2,
        "en",
        "news",
        "Anthropic partners with Amazon on Trainium clusters",
        "Anthropic partners with Amazon to train future Claude models on AWS Trainium chips. Amazon invested in "
        "Anthropic again as part of the agreement.",
        [],
    ),
    (
        4,
        "en",
        "news",
        "xAI raises new funding",
        "xAI raised $6 billion in a round backed by Andreessen Horowitz and Sequoia Capital. Elon Musk said the money "
        "will expand the Colossus data center.",
        [],
    ),
    (
        5,
        "en",
        "news",
        "Databricks acquires data-labelling startup",
        "Databricks acquired Tabular Labs, a small data-labelling startup, for an undisclosed sum. Databricks said "
        "the team will work on evaluation tools.",
        [],
    ),
    # S6 fading Mify-Coder (days 1-2 hot, one mention on day 3)
    (
        0,
        "en",
        "research",
        "Mify-Coder-2.5B: compute-optimal code model",
        "We present Mify-Coder-2.5B, a 2.5B code model developed by Mify AI and trained on 4.2T tokens. "
        "Mify-Coder-2.5B was evaluated on HumanEval and BFCL and matches models twice its size.",
        [("Mify-Coder-2.5B", "Model"), ("Mify AI", "Organization")],
    ),
    (
        0,
        "en",
        "news",
        "Mify AI's tiny coder punches above its weight",
        "Mify AI released Mify-Coder-2.5B this week. Mify-Coder-2.5B scores 61% on HumanEval and does well on "
        "BFCL function-calling tests.",
        [],
    ),
    (
        0,
        "en",
        "news",
        "Why Mify-Coder-2.5B matters for on-device coding",
        "Mify-Coder-2.5B runs on a laptop GPU. Developers say Mify-Coder-2.5B is used for offline code completion "
        "in regulated industries.",
        [],
    ),
    (
        1,
        "en",
        "news",
        "Mify-Coder-2.5B downloads pass one million",
        "Mify AI said Mify-Coder-2.5B passed one million downloads on Hugging Face. Mify-Coder-2.5B was evaluated on "
        "BFCL by independent testers.",
        [],
    ),
    (
        1,
        "en",
        "research",
        "Reproducing Mify-Coder-2.5B",
        "We reproduce Mify-Coder-2.5B training on 4.2T tokens and confirm its HumanEval score. Mify-Coder-2.5B "
        "outperforms StarCoder2 on HumanEval.",
        [],
    ),
    (
        2,
        "en",
        "news",
        "Mify AI hires former Google researchers",
        "Mify AI hired two former Google DeepMind researchers after the success of Mify-Coder-2.5B.",
        [],
    ),
    # S7 Federated Learning neighbourhood switch
    (
        0,
        "en",
        "research",
        "Lightweight transformers for in-vehicle intrusion detection",
        "We propose a federated intrusion detection system for connected vehicles. Federated Learning lets cars train "
        "a shared model without sharing CAN Bus traffic. The detector flags spoofed CAN Bus frames with 99% recall.",
        [("Federated Learning", "Method"), ("CAN Bus", "Method")],
    ),
    (
        1,
        "en",
        "research",
        "Federated anomaly detection on CAN Bus data",
        "Federated Learning is applied to CAN Bus logs from 40 vehicles. We show that Federated Learning reduces "
        "false alarms on CAN Bus replay attacks.",
        [("Federated Learning", "Method"), ("CAN Bus", "Method")],
    ),
    (
        2,
        "en",
        "research",
        "Privacy-preserving fleet learning",
        "We study Federated Learning for fleets of delivery vans. CAN Bus signals stay on each vehicle while "
        "Federated Learning aggregates gradients.",
        [("Federated Learning", "Method"), ("CAN Bus", "Method")],
    ),
    (
        3,
        "en",
        "research",
        "Zero-trust agentic federated learning for IIoT",
        "We propose a zero-trust federated intrusion detection framework for IIoT. Federated Learning agents verify "
        "each other with Zero Trust policies before aggregation.",
        [("Federated Learning", "Method"), ("IIoT", "Method"), ("Zero Trust", "Method")],
    ),
    (
        4,
        "en",
        "research",
        "FEDSTR: federated learning over NOSTR",
        "We present FEDSTR, a decentralised marketplace for Federated Learning built on the NOSTR protocol. IIoT "
        "operators can rent training jobs through NOSTR relays.",
        [("Federated Learning", "Method"), ("NOSTR", "Method"), ("IIoT", "Method")],
    ),
    (
        5,
        "en",
        "research",
        "Byzantine-robust federated learning for industrial IoT",
        "Federated Learning for IIoT needs Byzantine robustness. We combine Zero Trust attestation with robust "
        "aggregation and evaluate relays over NOSTR.",
        [
            ("Federated Learning", "Method"),
            ("IIoT", "Method"),
            ("Zero Trust", "Method"),
            ("NOSTR", "Method"),
        ],
    ),
    # S8 syndicated near-duplicates
    (
        1,
        "en",
        "news",
        "OpenAI adds memory to ChatGPT for all users",
        "OpenAI released a memory feature for ChatGPT to all free users on Tuesday. ChatGPT can now recall earlier "
        "conversations, OpenAI said, and users can switch memory off in settings.",
        [],
    ),
    (
        1,
        "en",
        "news",
        "ChatGPT memory now available to every user, OpenAI says",
        "OpenAI released a memory feature for ChatGPT to all free users on Tuesday. ChatGPT can now remember "
        "earlier conversations, OpenAI said, and users can turn memory off in settings.",
        [],
    ),
    (
        4,
        "en",
        "news",
        "Google unveils Gemini 2.0 Flash for developers",
        "Google unveiled Gemini 2.0 Flash for developers on Friday. Gemini 2.0 Flash scores 76% on MMLU-Pro and is "
        "available through Vertex AI, Google said.",
        [],
    ),
    (
        4,
        "en",
        "news",
        "Gemini 2.0 Flash arrives for developers",
        "Google unveiled Gemini 2.0 Flash for developers on Friday. Gemini 2.0 Flash scores 76% on MMLU-Pro and is "
        "offered through Vertex AI, Google said in a blog post.",
        [],
    ),
    # Chinese stories
    (
        0,
        "zh-Hant",
        "news",
        "推論成本差距擴大：輝達與超微在 InferenceMAX 交鋒",
        "SemiAnalysis 公布 InferenceMAX 基準結果，輝達 H100 與超微 MI300X 的推論成本差距達 15 倍。報告指出，輝達在軟體最佳化上"
        "仍具優勢。超微表示新版 ROCm 將縮小差距。",
        [("InferenceMAX", "Benchmark")],
    ),
    (
        1,
        "zh-Hans",
        "news",
        "深度求索发布DeepSeek-V3.2",
        "深度求索发布DeepSeek-V3.2，新模型采用稀疏注意力降低长文本推理成本。DeepSeek-V3.2在MMLU上取得88分。"
        "公司表示API价格下调一半。",
        [],
    ),
    (
        2,
        "zh-Hant",
        "news",
        "字節跳動更新豆包大模型",
        "字節跳動更新豆包，新版本強化程式碼與推理能力。豆包在 C-Eval 上取得 90 分。字節跳動表示豆包日活躍用戶已破億。",
        [],
    ),
    (
        3,
        "zh-Hant",
        "news",
        "阿里巴巴發布 Qwen3，對標 Qwen2.5-Max",
        "阿里巴巴發布Qwen3系列模型，涵蓋從 0.6B 到 235B 的多種規模。Qwen3在AgentArena-Bench上取得 40 分，超越Qwen2.5-Max。"
        "阿里雲同步開放 API。",
        [],
    ),
    (
        4,
        "zh-Hans",
        "news",
        "月之暗面推出Kimi K2",
        "月之暗面推出Kimi K2，主打长上下文与代理能力。Kimi K2在AgentArena-Bench上取得42分。月之暗面表示已与多家企业合作。",
        [],
    ),
    (
        5,
        "zh-Hant",
        "news",
        "智譜發布 GLM-4.5",
        "智譜發布GLM-4.5，強調代理與工具使用。GLM-4.5在AgentArena-Bench上取得 41 分，優於DeepSeek-V3。",
        [],
    ),
    (
        3,
        "zh-Hant",
        "news",
        "輝達領投 Velora Labs 1.2 億美元",
        "輝達領投Velora Labs 1.2 億美元，紅杉資本跟投。Velora Labs 執行長 Mira Halden 表示，資金將用於訓練新一代程式碼模型。",
        [],
    ),
    (
        4,
        "zh-Hant",
        "news",
        "Velora Labs 與微軟合作",
        "Velora Labs與微軟宣布合作，Velora-Coder-14B 將上架 Azure。雙方也將在 GPU 算力上合作。",
        [],
    ),
    (
        2,
        "zh-Hant",
        "threat",
        "UNC3886 鎖定新加坡電信業者",
        "中國國家級駭客UNC3886鎖定新加坡電信業者Singtel與StarHub。新加坡網路安全局表示，攻擊者取得有限存取但未造成服務中斷。",
        [],
    ),
    (
        3,
        "zh-Hant",
        "threat",
        "新駭客組織 Granite Typhoon 利用 Ivanti 漏洞",
        "駭客組織Granite Typhoon利用CVE-2026-21877漏洞入侵Ivanti Connect Secure設備，並植入InkDrop惡意程式。Ivanti已釋出修補程式。",
        [],
    ),
    (
        4,
        "zh-Hant",
        "threat",
        "Granite Typhoon 鎖定 AI 公司",
        "Granite Typhoon鎖定OpenAI與Anthropic的研究人員，發動魚叉式網路釣魚攻擊。資安業者建議 AI 公司加強端點防護。",
        [],
    ),
    (
        5,
        "zh-Hant",
        "threat",
        "Mandiant 將 InkDrop 歸因於 Granite Typhoon",
        "Mandiant將InkDrop歸因於Granite Typhoon。報告指出該組織先前也攻擊東南亞電信業者。",
        [],
    ),
    (
        0,
        "zh-Hant",
        "research",
        "聯邦學習應用於車載網路入侵偵測",
        "研究團隊提出以聯邦學習訓練車載入侵偵測模型，CAN Bus 資料不離開車輛。實驗顯示偵測率達 99%。",
        [("Federated Learning", "Method"), ("CAN Bus", "Method")],
    ),
    (
        4,
        "zh-Hant",
        "research",
        "零信任聯邦學習守護工業物聯網",
        "研究團隊提出零信任代理式聯邦學習框架，用於 IIoT 協同入侵偵測。框架也支援在 NOSTR 協議上交換模型更新。",
        [
            ("Federated Learning", "Method"),
            ("IIoT", "Method"),
            ("Zero Trust", "Method"),
            ("NOSTR", "Method"),
        ],
    ),
    (
        4,
        "zh-Hant",
        "news",
        "xAI 完成新一輪融資",
        "xAI完成 60 億美元融資，Andreessen Horowitz 參投。馬斯克表示資金將用於擴建資料中心。",
        [],
    ),
    (
        4,
        "zh-Hant",
        "news",
        "xAI 獲 60 億美元融資",
        "xAI完成 60 億美元融資，Andreessen Horowitz 參與投資。馬斯克表示資金將用於擴建資料中心與訓練 Grok 3。",
        [],
    ),
]

# --- background news: hand-written sentence patterns over real names ------------------
MODELS = [
    ("GPT-4o", "OpenAI"),
    ("Claude 3.5 Sonnet", "Anthropic"),
    ("Gemini 1.5 Pro", "Google DeepMind"),
    ("Llama 3.1 70B", "Meta"),
    ("Mistral Large", "Mistral AI"),
    ("DeepSeek-V3", "DeepSeek"),
    ("Qwen2.5", "Alibaba"),
    ("Phi-4", "Microsoft"),
    ("Gemma 2", "Google"),
    ("Command R+", "Cohere"),
    ("Grok 2", "xAI"),
    ("Nemotron", "NVIDIA"),
]
BENCHES = [
    "MMLU",
    "GSM8K",
    "HumanEval",
    "GPQA",
    "MATH",
    "SWE-bench Verified",
    "MMLU-Pro",
    "LiveCodeBench",
]
ORGS = [
    "OpenAI",
    "Anthropic",
    "Google",
    "Meta",
    "Microsoft",
    "NVIDIA",
    "AMD",
    "Mistral AI",
    "Hugging Face",
    "Databricks",
    "Cohere",
    "Perplexity AI",
    "Scale AI",
    "Snowflake",
]
INVESTORS = [
    "Sequoia Capital",
    "Andreessen Horowitz",
    "Lightspeed Venture Partners",
    "Thrive Capital",
    "Accel",
    "General Atlantic",
    "SoftBank",
]
STARTUPS = [
    "Sakana AI",
    "Liquid AI",
    "Poolside",
    "Cognition AI",
    "Physical Intelligence",
    "Skild AI",
    "World Labs",
    "Black Forest Labs",
    "ElevenLabs",
    "Luma AI",
]
ACTORS = [
    ("Volt Typhoon", "US water utilities"),
    ("APT28", "NATO agencies"),
    ("Kimsuky", "South Korean think tanks"),
    ("Scattered Spider", "MGM-style casino operators"),
    ("MuddyWater", "Israeli logistics firms"),
    ("Sandworm", "Ukrainian energy companies"),
]
TOOLS = ["Cobalt Strike", "Sliver", "PlugX", "ShadowPad", "AsyncRAT", "Mimikatz"]
CVES = [
    ("CVE-2024-3400", "Palo Alto PAN-OS"),
    ("CVE-2023-4966", "Citrix NetScaler"),
    ("CVE-2024-21887", "Ivanti Connect Secure"),
    ("CVE-2025-53770", "Microsoft SharePoint"),
]
METHODS = [
    "Mixture of Experts",
    "Speculative Decoding",
    "LoRA",
    "DPO",
    "GRPO",
    "Knowledge Distillation",
    "Retrieval-Augmented Generation",
    "Sparse Autoencoder",
    "Flow Matching",
    "Quantization",
]


def background(rng: random.Random, day: int) -> list[tuple[str, str, str, str]]:
    """(lang, kind, title, text) items for one day."""
    out = []
    for _ in range(4):
        model, org = rng.choice(MODELS)
        b1, b2 = rng.sample(BENCHES, 2)
        rival, _ = rng.choice([m for m in MODELS if m[0] != model])
        score = rng.randint(55, 92)
        out.append(
            (
                "en",
                "news",
                f"{org} updates {model}",
                f"{org} released an update to {model} on {['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][day]}. "
                f"{model} scores {score}% on {b1}, the company said. In {org}'s own tests {model} outperforms {rival} on {b2}. "
                f"The update is available through the API today.",
            )
        )
    for _ in range(3):
        startup, investor = rng.choice(STARTUPS), rng.choice(INVESTORS)
        amount = rng.choice([40, 65, 80, 150, 200, 300])
        out.append(
            (
                "en",
                "news",
                f"{startup} raises ${amount} million",
                f"{investor} led a ${amount} million round in {startup}. {startup} said the money will fund "
                f"hiring and compute. {rng.choice(ORGS)} also invested in {startup}.",
            )
        )
    for _ in range(2):
        a, b = rng.sample(ORGS, 2)
        out.append(
            (
                "en",
                "news",
                f"{a} and {b} expand their partnership",
                f"{a} partners with {b} on AI infrastructure. The agreement covers data centers in Europe and "
                f"Asia, the companies said.",
            )
        )
    for _ in range(3):
        actor, victim = rng.choice(ACTORS)
        tool = rng.choice(TOOLS)
        cve, product = rng.choice(CVES)
        out.append(
            (
                "en",
                "threat",
                f"{actor} campaign targets {victim}",
                f"{actor} targeted {victim} in a new campaign. The group exploited {cve} in {product} and "
                f"used {tool} for lateral movement. Defenders should patch {product} and hunt for {tool} beacons.",
            )
        )
    for _ in range(4):
        method = rng.choice(METHODS)
        model, _ = rng.choice(MODELS)
        bench = rng.choice(BENCHES)
        out.append(
            (
                "en",
                "research",
                f"Revisiting {method} for efficient language models",
                f"We revisit {method} for efficient training of language models. {model} was evaluated on "
                f"{bench} with our method and improves by {rng.randint(2, 9)} points. Code and data are released.",
            )
        )
    return out


ZH_BACKGROUND = [
    (
        "news",
        "百度發布文心一言新版",
        "百度發布文心一言新版本，強化多模態理解。文心一言在 C-Eval 上取得 91 分。",
    ),
    (
        "news",
        "騰訊混元開源新模型",
        "騰訊開源混元新模型，支援長文本與影片生成。騰訊表示混元已應用於微信搜尋。",
    ),
    (
        "news",
        "台積電擴大先進封裝產能",
        "台積電擴大 CoWoS 先進封裝產能，以滿足輝達與超微的 AI 晶片需求。",
    ),
    ("news", "華為推出新一代昇騰晶片", "華為推出新一代昇騰 AI 晶片，並與百度合作訓練大模型。"),
    (
        "threat",
        "Lazarus Group 鎖定加密貨幣交易所",
        "北韓駭客Lazarus Group鎖定加密貨幣交易所員工，利用假求職訊息散播惡意程式。",
    ),
    (
        "threat",
        "Volt Typhoon 鎖定關鍵基礎設施",
        "Volt Typhoon鎖定美國關鍵基礎設施，並利用CVE-2024-3400漏洞取得初始存取。",
    ),
    (
        "news",
        "阿里雲調降大模型 API 價格",
        "阿里雲調降通義千問 API 價格，企業用戶可免費試用。阿里巴巴表示將持續投資 AI 基礎設施。",
    ),
    (
        "news",
        "小米發布自研大模型",
        "小米發布自研大模型，並整合到手機與汽車產品。小米與輝達合作建置算力中心。",
    ),
    ("news", "騰訊與英偉達合作", "騰訊與輝達宣布合作，共同建設 AI 算力平台。"),
    (
        "research",
        "清華大學提出新型稀疏注意力",
        "清華大學研究團隊提出新型稀疏注意力方法，在 LongBench 上優於既有方法。",
    ),
    ("news", "商湯發布日日新大模型", "商湯發布新版大模型，主打多模態與醫療應用。"),
    (
        "threat",
        "APT41 利用新漏洞攻擊台灣企業",
        "APT41利用CVE-2025-0282漏洞攻擊台灣製造業，並使用ShadowPad後門。",
    ),
]


def write() -> None:
    rng = random.Random(20260302)
    en, zh = [], []
    counters: dict[tuple[str, int], int] = {}

    def add(
        day: int, lang: str, kind: str, title: str, text: str, entities: list[tuple[str, str]]
    ) -> None:
        prefix = "en" if lang == "en" else "zh"
        counters[(prefix, day)] = counters.get((prefix, day), 0) + 1
        n = counters[(prefix, day)]
        mmdd = DAYS[day][5:].replace("-", "")
        hour = 7 + (n * 37) % 15
        if kind == "research":
            url, source = (
                f"https://arxiv.org/abs/2603.{day * 2000 + n * 17 + (0 if lang == 'en' else 900):05d}",
                "arXiv",
            )
        elif lang == "en":
            outlet, host = (THREAT_OUTLETS if kind == "threat" else EN_OUTLETS)[
                n % (2 if kind == "threat" else 4)
            ]
            url, source = (
                f"https://{host}/{DAYS[day].replace('-', '/')}/{prefix}-{mmdd}-{n:03d}",
                outlet,
            )
        else:
            outlet, host, _ = ZH_OUTLETS[2 if kind == "threat" else n % 4 if n % 4 != 2 else 0]
            url, source = (
                f"https://{host}/{DAYS[day].replace('-', '/')}/{prefix}-{mmdd}-{n:03d}",
                outlet,
            )
        record = {
            "id": f"{prefix}-{mmdd}-{n:03d}",
            "url": url,
            "title": title,
            "published": f"{DAYS[day]}T{hour:02d}:{(n * 7) % 60:02d}:00+08:00",
            "lang": lang,
            "source": source,
            "source_kind": kind,
            "text": text,
        }
        if entities:
            record["entities"] = [{"name": name, "kind": kind_} for name, kind_ in entities]
        (en if lang == "en" else zh).append(record)

    for day in range(len(DAYS)):
        for d, lang, kind, title, text, entities in STORIES:
            if d == day:
                add(day, lang, kind, title, text, entities)
        for lang, kind, title, text in background(rng, day):
            add(day, lang, kind, title, text, [])
        for kind, title, text in rng.sample(ZH_BACKGROUND, 7):
            lang = "zh-Hant"
            add(day, lang, kind, title, text, [])
    for name, rows in (("articles_en.jsonl", en), ("articles_zh.jsonl", zh)):
        (HERE / name).write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        print(f"{name}: {len(rows)} articles")


if __name__ == "__main__":
    write()
