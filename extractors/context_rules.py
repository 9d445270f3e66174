"""Context rules: the words around a name that say it is one, and of which kind.

A shape rule (``discovery.RULES``) knows ``Mify-2.5B`` is a model from the string alone; a
plain name such as ``Anysphere`` or ``百度`` is only a name because of where it stands:
"maker Anysphere", "CEO of X", "X said", "scores 86% on X", "百度發布". The rules
themselves are data (``discovery.yaml``, read by ``discovery_rules``): each a regular
expression with one named group ``name``; the kind is the rule's default, or, for rules
typed by context, the kind noun that follows the name ("X, a benchmark for ..."), which
this module reads.
"""

from __future__ import annotations

import re

from extractors.discovery_rules import ContextRule, load_rules

CONTEXT_RULES: tuple[ContextRule, ...] = load_rules().context

_NOUN_KIND = (
    (
        re.compile(
            r"bench(?:mark)?|dataset|corpus|suite|leaderboard|test set|評測集|基準|基准|資料集|数据集",
            re.I,
        ),
        "Benchmark",
    ),
    (
        re.compile(
            r"\b(?:model|LLM|VLM|language model|foundation model|checkpoint)s?\b|模型", re.I
        ),
        "Model",
    ),
    (
        re.compile(
            r"\b(?:startup|start-up|company|lab|firm|unicorn|maker|developer|provider)\b"
            r"|公司|新創|初创|新创",
            re.I,
        ),
        "Organization",
    ),
    (
        re.compile(
            r"\b(?:tool|library|platform|app|assistant|agent|SDK|toolkit)\b|工具|平台|應用|助手",
            re.I,
        ),
        "Product",
    ),
    (
        re.compile(
            r"\b(?:framework|method|approach|algorithm|architecture|technique|mechanism|pipeline)\b|框架|方法|架構|架构|演算法|算法",
            re.I,
        ),
        "Method",
    ),
)


def noun_kind(noun: str) -> str | None:
    """The kind a noun names ("startup" -> Organization), if it is one of the kind nouns."""
    for pattern, kind in _NOUN_KIND:
        if pattern.search(noun):
            return kind
    return None


_CLAUSE_END = re.compile(r"[.;!?。；！？]")


def context_kind(text: str, end: int, default: str, reach: int = 45) -> str:
    """The kind the words right after a name give it (", a benchmark for ...")."""
    window = _CLAUSE_END.split(text[end : end + 60], maxsplit=1)[0]
    best: tuple[int, str] | None = None
    for pattern, kind in _NOUN_KIND:
        match = pattern.search(window)
        if match and match.start() < reach and (best is None or match.start() < best[0]):
            best = (match.start(), kind)
    return best[1] if best else default


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Capitalised words that begin sentences and lists but are not names, or not the start
# of one ("Separately, Apple ..."); a name made only of them is dropped.
COMMON_WORDS = _words(
    """
    January February March April May June July August September October November December
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Tomorrow Tonight
    Meanwhile However Separately Additionally Also Earlier Later Last Next Now Here There Still
    Instead Overall Finally First Second Third Recently Previously Currently Notably Similarly
    Likewise Moreover Furthermore Although While After Before Since Because If Unlike Like
    Despite According Under Over Through During Across Among Between Within Without Against
    Beyond Upon Per Via As By To Of Or Nor Yet So Then Thus Hence Once Each Such Most More
    Few Several Any No Not Only Just Even Please Yes Users Customers People Companies Experts Former
    Sources Reports Data Results Models Studies Scientists Engineers Teams Employees Hackers
    Attackers Authorities Police Regulators Lawmakers Critics Executives Sales Shares Stocks
    Revenue Investors Researchers Developers Analysts Officials My Your Its His Her Their
    AI ML LLM LLMs GPU GPUs API APIs US UK EU UN IT PC OS SaaS GenAI VLM NLP RL CPU AGI
    The A An This That These Those I You We They He She It Who Which Where Why How What Is Are Was Were Will Can May Should
    """
)
# Places: a name of their own only as part of a longer one ("China Mobile").
PLACES = _words(
    """
    China Japan Korea India France Germany Britain Taiwan Singapore Israel Russia Iran Canada
    Europe Asia America Africa Australia Brazil Ukraine Italy Spain Mexico Indonesia Vietnam
    Washington Beijing Shanghai Shenzhen Tokyo Seoul London Paris Berlin Brussels California
    Texas Virginia
    """
)
# Nationalities, like places, name nothing on their own ("the French maker of Reachy").
NATIONALITIES = _words(
    """
    French German British English Chinese Japanese Korean Indian Israeli Russian Iranian
    American Canadian European Asian African Australian Brazilian Italian Spanish Dutch Swiss
    Swedish Finnish Norwegian Danish Polish Ukrainian Taiwanese Singaporean Vietnamese Indonesian
    Saudi Emirati Turkish Mexican Irish Belgian Austrian Portuguese Greek Czech
    """
)
# Words before a person's name: "led by CEO Sam Altman" is not an organisation.
TITLES = _words(
    "CEO CTO COO CFO President Chairman Founder Director Professor Prof Dr Mr Ms Mrs Sir"
)
# Chinese subjects that are roles and places, not names ("研究團隊提出").
ZH_GENERIC = _words(
    """
    研究團隊 研究团队 研究人員 研究人员 團隊 团队 公司 官方 我們 我们 他們 他们 研究者 作者 專家 专家
    分析師 分析师 報告 报告 消息 媒體 媒体 外媒 市場 市场 政府 業界 业界 用戶 用户 論文 论文 本文 研究
    雙方 双方 兩家 两家 此外 同時 同时 目前 今天 今日 近日 日前 稍早 另外 其中 正式 首次 再次 持續
    持续 昨日 昨天 明天 本週 本周 上週 上周 去年 今年 明年 近期 最近 廠商 厂商 企業 企业 平台 社群 開發者 开发者 網友 网友 美國 美国 中國 中国 台灣 台湾 日本
    韓國 韩国 歐盟 欧盟 全球 國內 国内 業者 业者 科技巨頭 科技巨头 巨頭 巨头 新創 新创 模型 系統 系统
    工具 方法 框架 作者群 研究小組 研究小组 多家 各家 雙方 微調 微调 訓練 训练 推理 語言 语言 多模態
    多模态 視覺 视觉 影片 视频 生成 基礎 基础 自研 全新 大型 小型 開源 开源 新款 多款 一款 首款 兩款 新版 新版本 新一代 最新 首個 首个 旗艦 旗舰 自家
    鼓勵 鼓励 推動 推动 協助 协助 幫助 帮助 支持 吸引 呼籲 呼吁 要求 允許 允许 邀請 邀请 帶動 带动
    促進 促进 扶持 補助 补助 輔導 辅导
    """
)
# (The verbs last above take a company as their object: "鼓勵企業投資" is a phrase, no name.)
# Characters no Chinese name in these positions contains: particles, pronouns, measure words.
ZH_FUNCTION_CHARS = frozenset(
    "的是在了於于為为對对把被從从向以其該该此這这那個个們们不都就而或等將将已並并也及和與与款億亿萬万"
    "但可藉若如因所由讓让使令且即仍"
)
