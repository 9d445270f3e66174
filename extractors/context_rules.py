"""Context rules: the words around a name that say it is one, and of which kind.

A shape rule (``discovery.RULES``) knows ``Mify-2.5B`` is a model from the string alone; a
plain name such as ``Anysphere`` or ``百度`` is only a name because of where it stands:
"maker Anysphere", "CEO of X", "X said", "scores 86% on X", "百度發布". Each rule here is a
regular expression with one named group ``name``; the kind is the rule's default, or, for
rules typed by context, the kind noun that follows the name ("X, a benchmark for ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CAP = r"[A-Z][A-Za-z0-9]*"


def one_of(words: str) -> str:
    """A pattern for any of these space-separated words, as a trie ("T(?:he|his)"): the
    engine reads each character once instead of trying every word in turn. It matches
    the same strings as the plain alternation, so it is for assertions, where only
    whether something matches counts."""
    trie: dict = {}
    for word in words.split():
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def pattern(node: dict) -> str:
        branches = [re.escape(ch) + pattern(rest) for ch, rest in sorted(node.items()) if ch]
        if "" in node:
            branches.append("")
        if len(branches) == 1:
            return branches[0]
        return "(?:" + "|".join(branches) + ")"

    return pattern(trie)


# Words that start capitalised phrases in headlines but never begin a name.
STOP = rf"""(?!{
    one_of(
        "The A An This That These Its Their Our New Open Generative Agentic Physical Responsible "
        "Sovereign Enterprise Frontier Chinese American European Global Leading Top Why How What "
        "When Other Many Some In On At For With From And But Both Every All Legacy Modern"
    )
}\b)"""
# A coined name: capitalised, and with a second capital, a digit or a hyphen somewhere
# (RAST, AutoFed, STRelay, Mify-Coder), so plain sentence-initial words do not qualify.
COINED = r"[A-Z](?=[A-Za-z0-9.+-]*[A-Z0-9-])[A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*"

# Threat-actor names vendors coin: ids (APT29, UNC3886, Storm-0558) and schemes (Volt Typhoon).
ACTOR_ID = (
    r"(?:APT ?\d{1,3}|UNC\d{3,5}|TA\d{3,4}|Storm-\d{3,4}|DEV-\d{4}|TGR-STA-\d{3,5}|"
    r"CL-STA-\d{3,5}|FIN\d{1,2}|TAG-\d{2,4}|UAT-\d{3,5}|Void [A-Z][a-z]+)"
)
ACTOR_SCHEME = (
    rf"{STOP}[A-Z][a-z]+ (?:Typhoon|Blizzard|Sleet|Sandstorm|Tempest|Hail|Dust|Panda|Bear|"
    r"Kitten|Chollima|Spider|Jackal|Tiger|Ocelot)"
)

# A proper name of one to three capitalised words ("OpenAI", "Hugging Face", "AT&T"), or
# one that starts with a lower-case letter before a capital ("xAI", "iFlytek").
# (Each atom first checks the one character a name can start with: cheaper than running
# the stop-word lookaheads at every position of the text.)
_PROPER = (
    rf"(?=[A-Z]|[a-z][A-Z]){STOP}(?!(?:We|It|They|He|She|Researchers|Developers|Analysts|Investors|Officials)\b)"
    r"(?:[A-Z][A-Za-z0-9&.]*[a-z0-9A-Z]|[a-z][A-Z][A-Za-z0-9]*)(?: [A-Z][A-Za-z0-9&]+){0,2}"
)
_ONE_WORD = rf"(?=[A-Z]|[a-z][A-Z]){STOP}(?:[A-Z][A-Za-z0-9&]*[A-Za-z0-9]|[a-z][A-Z][A-Za-z0-9]*)"
# "NVIDIA, Microsoft and OpenAI"
_LIST = rf"{_PROPER}(?:(?:, | and |, and ){_PROPER})*"
# A product or platform name: capitalised words, codes and hyphens ("Palo Alto PAN-OS").
_PRODUCT = (
    r"[A-Z][A-Za-z0-9.&-]*[A-Za-z0-9](?: (?:[A-Z0-9][A-Za-z0-9.&-]*[A-Za-z0-9]|[A-Z0-9])){0,4}"
)
# ...of two words or more, or with a digit: one plain word before "chips" is usually the maker.
_PRODUCT_MULTI = (
    r"(?:[A-Z][A-Za-z0-9.&-]*(?: (?!(?:GPUs?|CPUs?|TPUs?)\b)[A-Z0-9][A-Za-z0-9.&-]*[A-Za-z0-9]){1,3}"
    r"|[A-Z][A-Za-z-]*\d[A-Za-z0-9.-]*[A-Za-z0-9])"
)
# What a model release names: words, version numbers and single letters ("Command A").
_RELEASED = (
    rf"(?=[A-Za-z]){STOP}(?:[A-Z][A-Za-z0-9.&+-]*[A-Za-z0-9+]|[a-z]+[A-Z0-9][A-Za-z0-9.+-]*[A-Za-z0-9])"
    r"(?: (?:[A-Z][A-Za-z0-9.+-]*[A-Za-z0-9+]|[A-Z]|\d+(?:\.\d+)*[A-Za-z]?)(?![A-Za-z0-9])){0,3}"
)
_BENCH = rf"(?=[A-Z]){STOP}(?:[A-Z][A-Za-z0-9'-]*[A-Za-z0-9]|[A-Z])(?: (?:[A-Z][A-Za-z0-9'-]*[A-Za-z0-9]|\d+)){{0,2}}"
_BENCH_LIST = rf"{_BENCH}(?:(?:, | and |, and ){_BENCH})*"
_END = r"(?=[ ,.;:')]|$)"
# a malware or tool name: letters, digits, dots and hyphens ("Net-Star", "spinstall0.aspx")
_MAL = r"(?=[A-Za-z])(?!(?:the|a|an|and|other|its|their|this|that)\b)[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*"
# a defined long form: two to five capitalised words, hyphen-joined or spaced
_DEFINED = rf"{STOP}[A-Z][a-z]+(?:[- ](?:[A-Z][a-z]+|to|then|of|for|and|the|with)){{1,5}}"
_ACRONYM = r"[A-Z][A-Za-z]{1,7}[0-9]?"
_MAL_CAP = r"[A-Z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*"
# one product name in a list: capitalised words or a lower-case name with a capital or digit
_PRODUCT_ONE = r"(?=[A-Z])[A-Z][A-Za-z0-9.+-]*(?: [A-Z0-9][A-Za-z0-9.+-]*){0,2}"

_CJK = r"[\u4e00-\u9fff]"
# after punctuation or a space, but not the space after a number ("3.15 億美元融資")
# (Text is folded first: full-width "，" and "：" arrive as "," and ":".)
_CJK_START = r"(?:^|(?<=[。、「」『』,;:!?()\n\"“”])|(?<![0-9.,%] )(?<= ))"
_ZH_ADVERB = (
    r"(?:今日|今天|近日|日前|昨日|昨天|稍早|正式|首次|再次|也|亦|已經|已经|已|將|将|同時|同时|"
    r"則|则|還|还|又|再|並|并|共同|聯合|联合)?"
)
_ZH_CORPORATE_VERB = (
    r"(?:發布|发布|推出|宣布|開源|开源|領投|领投|收購|收购|投資|投资|更新|升級|升级|上線|上线|"
    r"入股|注資|注资|併購|并购|裁員|裁员|融資|融资)(?![人者方案的])"
)
# What a bracketed gloss or "等 …" calls a name, typed by noun_kind.
_ZH_KIND_NOUN = "基準|基准|資料集|数据集|評測集|评测集|大模型|模型|框架|方法|架構|架构|演算法|算法|公司|新創|新创"
_ZH_ORG = rf"(?:{_CJK}{{2,6}}?|[A-Z][A-Za-z0-9.&-]*(?: [A-Z][A-Za-z0-9]+)?)"
# Common Chinese surnames, for "黃仁勳表示" (three characters, surname first).
_SURNAMES = (
    "王李張张劉刘陳陈楊杨黃黄趙赵周吳吴徐孫孙馬马朱胡郭何林羅罗鄭郑梁謝谢宋唐許许韓韩馮冯"
    "鄧邓曹彭曾蕭萧田董潘袁蔡蔣蒋余杜葉叶程魏蘇苏呂吕丁任盧卢姚沈鍾钟姜崔譚谭陸陆范汪廖賈贾"
    "夏鄒邹熊孟秦邱侯尹薛段雷黎史陶賀贺毛郝顧顾龔龚邵錢钱戴嚴严莫孔湯汤喬乔賴赖施洪"
)


def _after(*words: str) -> str:
    """Lookbehinds for "right after one of these words": one per word length, as re needs
    fixed-width lookbehinds (fewer lookbehinds for the engine to try at every word)."""
    by_length: dict[int, list[str]] = {}
    for word in words:
        by_length.setdefault(len(word), []).append(word)
    return "|".join(rf"(?<=\b(?:{'|'.join(same)}) )" for _, same in sorted(by_length.items()))


# Where a name may start: a phrase start, or right after a conjunction ("while Runway
# released"), not in the middle of a capitalised phrase.
_START = (
    r"(?<![A-Za-z0-9&])(?=[A-Za-z])(?:(?<![A-Za-z0-9&] )|"
    rf"{_after('while', 'and', 'but', 'as', 'after', 'when', 'before', 'since', 'because', 'whereas', 'then', 'so', 'that', 'which', 'the', 'said', 'says')})"
)
_SENTENCE_START = r"(?:^|(?<=[.!?;] )|(?<=\n))"
_CLAUSE_START = r"(?:^|(?<=[.;:!?,(] )|(?<=\bthe )|(?<=\n))"

_DEAL_VERB = (
    r"(?:released|releases|launched|launches|unveiled|unveils|introduced|introduces|raised|raises|"
    r"acquired|acquires|announced|announces|partners with|partnered with|teamed up with|"
    r"is in talks|in talks with|led a|invested|invests|open-sourced|open-sources|debuted|signed|"
    r"agreed to|has raised|has acquired|has released|has launched|"
    r"will (?:release|launch|offer|open-source|acquire|invest|ship|host|integrate|deploy|roll out|"
    r"debut|unveil|introduce)|plans to (?:release|launch|acquire|invest|open-source))"
)
_SAY_VERB = (
    r"(?:said|says|reported|reports|told|wrote|warned|noted|observed|disclosed|confirmed|"
    r"attributed|tracks|tracked|detailed|published|uncovered|spotted)"
)
_TITLE = (
    r"(?:CEO|CTO|COO|CFO|chief executive|chief [a-z]+ officer|founder|co-founder|cofounder|"
    r"president|chairman|chairwoman|head(?: of [a-z]+)?|spokesperson|spokesman|spokeswoman|"
    r"researchers?|engineers?|scientists?|analysts?|executives?|employees|staff|director|"
    r"professor|investors?)"
)
_CYBER_VERB = (
    r"(?:used|uses|deployed|deploys|leveraged|dropped|delivered|distributed|spread|installed)"
)
_SCORE_CUE = (
    r"(?:\d+(?:\.\d+)?\s?%|(?:\d+(?:\.\d+)? points|scores?|scored|scoring|accuracy|SOTA|"
    r"state-of-the-art|outperform\w*|beats?|beating|rivals?|surpass\w*|ahead of|results?|"
    r"evaluated|tested|benchmarked|performance|gains?|improves?|improved|leads?|trails?)\b)"
)
_AFTER_VICTIM = (
    r"(?=[,.;:)]|$| (?:with|in|and|or|using|via|through|to|for|by|since|after|before|during|"
    r"last|this|as|from|on|at|over|until|when|while|earlier|recently|again|between|amid)\b)"
)
_HARDWARE = r"(?:GPUs?|chips?|hardware|devices|servers|clusters|phones?|laptops?|instances)"

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


class Needle:
    """What a text must hold for a rule to have a chance: testing it first skips most rules
    on most texts at a fraction of the cost of running them.

    ``words``: groups of words separated by spaces (groups by ``|``); every match holds one
    word of each group as a whole run of letters and digits (in any case), so for an ASCII
    text whose lower-case tokens are at hand the test is a set lookup. ``literals``: one of
    these strings (``|``-separated, exact case) is in every match. ``pattern``: a search
    that finds something in every text the rule matches. ``cjk``: every match holds a
    Chinese character, so an ASCII text cannot match.
    """

    __slots__ = ("words", "lowered_words", "literals", "pattern", "cjk")

    def __init__(
        self,
        words: str = "",
        literals: str = "",
        pattern: str | None = None,
        cjk: bool = False,
    ) -> None:
        self.words = tuple(frozenset(group.split()) for group in words.split("|") if group)
        # the same groups as one search each, for texts without tokens
        self.lowered_words = tuple(
            re.compile("|".join(map(re.escape, sorted(group)))) for group in self.words
        )
        self.literals = tuple(literals.split("|")) if literals else ()
        self.pattern = re.compile(pattern) if pattern else None
        self.cjk = cjk or (bool(self.literals) and not any(w.isascii() for w in self.literals))

    def holds(self, text: str, tokens: frozenset[str] | None, lowered: list[str]) -> bool:
        """``tokens``: the lower-case tokens of an ASCII ``text`` (None if not at hand or
        not ASCII); ``lowered``: a one-place cache for ``text.lower()``."""
        if tokens is not None:
            if self.cjk:
                return False
            for group in self.words:
                if group.isdisjoint(tokens):
                    return False
        elif self.words:
            # lower-casing never splits an ASCII letter from its neighbours, so a word of
            # the text is still a substring of the lower-cased text
            if not lowered:
                lowered.append(text.lower())
            for group in self.lowered_words:
                if group.search(lowered[0]) is None:
                    return False
        if self.literals:
            for literal in self.literals:
                if literal in text:
                    break
            else:
                return False
        return self.pattern is None or self.pattern.search(text) is not None


@dataclass(frozen=True)
class ContextRule:
    pattern: re.Pattern[str]
    default: str  # kind when the words after the name do not say
    why: str
    typed_by_context: bool = True
    reach: int = 45  # how far after the name a kind noun may stand to type it
    rank: int = 1  # where two candidates cover the same span, the lower rank wins
    many: bool = False  # the group is a list: "NVIDIA, Microsoft and OpenAI", "台積電與輝達"
    # "Elon Musk said" is a person only if the text goes on to call him "Musk".
    surname_recurs: bool = False
    # what the text must hold for the rule to match at all: a cheap test that skips it
    needle: Needle | None = None
    # the match defines an acronym: the groups ``long`` and ``short`` must agree
    # ("Tidal Policy Shaping (TPS)"), or it is a bracketed aside, not a definition
    acronym: bool = False


def _r(
    pattern: str,
    default: str,
    why: str,
    needle: str | None = None,
    words: str = "",
    literals: str = "",
    cjk: bool = False,
    **options,
) -> ContextRule:
    options.setdefault("typed_by_context", False)
    if needle is not None or words or literals or cjk:
        options["needle"] = Needle(words, literals, needle, cjk)
    return ContextRule(re.compile(pattern), default, why, **options)


CONTEXT_RULES: tuple[ContextRule, ...] = (
    # -- English: organisations --------------------------------------------------------
    _r(
        rf"{_START}(?P<name>{_PROPER}) {_DEAL_VERB}\b",
        "Organization",
        "X released / raised",
        words="released releases launched launches unveiled unveils introduced introduces raised "
        "raises acquired acquires announced announces partners partnered teamed talks led "
        "invested invests sourced sources debuted signed agreed will plans",
    ),
    _r(
        r"\b(?:acquired|acquires|acquire|invested in|partners with|partnered with|round in|"
        rf"stake in|backed|in talks with) (?P<name>{_PROPER}){_END}",
        "Organization",
        "acquired / invested in X",
        words="acquired acquires acquire invested partners partnered round stake backed talks",
    ),
    _r(
        rf"{_CLAUSE_START}(?P<name>{_ONE_WORD}) {_SAY_VERB}\b",
        "Organization",
        "X said / reported",
        words="said says reported reports told wrote warned noted observed disclosed confirmed attributed tracks tracked detailed published uncovered spotted",
        # a name ends with a letter or digit right before the verb
        needle=rf" (?<=[A-Za-z0-9] ){_SAY_VERB}\b",
    ),
    _r(
        rf"\b{_TITLE} (?:of|at) (?P<name>{_PROPER}){_END}",
        "Organization",
        "CEO of X",
        words="ceo cto coo cfo chief founder cofounder president chairman chairwoman head "
        "spokesperson spokesman spokeswoman researcher researchers engineer engineers scientist "
        "scientists analyst analysts executive executives employees staff director professor "
        "investor investors",
        literals=" of | at ",
    ),
    _r(
        r"\b(?:raised|raises|secured|closed|received)\b(?:[^.;:\n]|\.(?=\d)){0,60}? from "
        rf"(?P<name>{_LIST}){_END}",
        "Organization",
        "raised $N from X, Y and Z",
        words="raised raises secured closed received",
        literals=" from ",
        many=True,
    ),
    _r(
        rf"\b(?:led|co-led|backed|joined|funded) by (?P<name>{_LIST}){_END}",
        "Organization",
        "led by X",
        words="led backed joined funded",
        literals=" by ",
        many=True,
    ),
    _r(
        rf"{_START}(?P<name>{_PROPER}(?:, {_PROPER})*,? and {_PROPER}) (?:announced|announce|"
        r"partnered|partner|signed|sign|formed|agreed|launched|unveiled|released|jointly|"
        r"teamed up|said|say)\b",
        "Organization",
        "X and Y announced",
        words="announced announce partnered partner signed sign formed agreed launched unveiled released jointly teamed said say",
        # the rule's tail, opening with a literal so the engine skips ahead to it
        needle=r" and [A-Za-z][A-Za-z0-9&.]*(?: [A-Z][A-Za-z0-9&]+){0,2} (?:announced|announce|"
        r"partnered|partner|signed|sign|formed|agreed|launched|unveiled|released|jointly|"
        r"teamed up|said|say)\b",
        many=True,
    ),
    _r(
        rf"\b(?:maker|chipmaker|parent|owner|rival|competitor)s? (?P<name>{_PROPER}){_END}",
        "Organization",
        "maker X / rival X",
        words="maker makers chipmaker chipmakers parent parents owner owners rival rivals competitor competitors",
    ),
    _r(
        rf"\b(?:family|models?|series|lineup|researchers|engineers|scientists|team) from "
        rf"(?P<name>{_PROPER}){_END}",
        "Organization",
        "models from X",
        words="family model models series lineup researchers engineers scientists team",
        literals=" from ",
    ),
    _r(
        rf"(?:^|(?<=[.;:!?] )|(?<=\n)|(?<=[a-z] ))(?P<name>{_PROPER}), (?:a|an|the) "
        r"(?:[A-Za-z0-9-]+ ){0,3}?(?P<noun>startup|start-up|company|firm|lab|unicorn|maker|"
        r"developer|provider|benchmark|dataset|model|framework|library|tool|platform|method|"
        r"approach|technique|algorithm|architecture)\b",
        "Organization",
        "X, a startup / a benchmark / a method",
        words="startup start company firm lab unicorn maker developer provider benchmark dataset model framework library tool platform method approach technique algorithm architecture",
        literals=", a |, an |, the ",
    ),
    _r(
        rf"\bthe (?P<name>{_PROPER}) (?:startup|start-up|company|lab)\b",
        "Organization",
        "the X startup",
        words="startup start company lab",
        literals="the ",
    ),
    _r(
        rf"(?:^|(?<=[.;:!?(] )|(?<=\n)|(?<=[a-z] ))(?P<name>{_PROPER})'s (?:researchers|"
        r"engineers|scientists|team|CEO|chief|founder|co-founder|lab|board|investors|shares|"
        r"stock|valuation|revenue|cloud|chips?|platform|models?|flagship|latest|new)\b",
        "Organization",
        "X's researchers",
        literals="'s ",
    ),
    _r(
        rf"\b(?:CEO|CTO|COO|CFO|founder|co-founder|cofounder|chief executive) (?P<name>{_ONE_WORD})'s\b",
        "Organization",
        "CEO X's",
        words="ceo cto coo cfo founder cofounder chief",
        literals="'s",
    ),
    # -- English: models, benchmarks, methods, products --------------------------------
    _r(
        r"\b(?:released|releases|launched|launches|unveiled|unveils|introduced|introduces|debuted|"
        r"debuts|open-sourced|open-sources|rolled out|rolls out|shipped|ships|previewed|previews) "
        rf"(?:the |its |a |an |new |open |open-source |open-weight )*(?P<name>{_RELEASED}){_END}",
        "Model",
        "released X",
        words="released releases launched launches unveiled unveils introduced introduces debuted debuts sourced sources rolled rolls shipped ships previewed previews",
        typed_by_context=True,
        reach=12,
    ),
    _r(
        rf"(?<=[a-z] )(?P<name>{_PROPER}) (?:models?|LLMs?|model family|checkpoints?|weights)\b",
        "Model",
        "X models",
        words="model models llm llms checkpoint checkpoints weights",
    ),
    _r(
        r"\b(?:outperforms?|outperformed|outperforming|beats?|beating|rivals?|rivaling|rivalling|"
        r"surpass(?:es|ed|ing)?|ahead of|trails?|trailing|matches|matching|versus|vs\.?|"
        rf"compared (?:with|to)|edges out) (?P<name>{COINED}|[a-z]\d{{1,2}}(?:-[a-z]+)?)(?![A-Za-z0-9-])",
        "Model",
        "outperforms X",
        words="outperform outperforms outperformed outperforming beat beats beating rival rivals rivaling rivalling surpass surpasses surpassed surpassing ahead trail trails trailing matches matching versus vs compared edges",
    ),
    _r(
        rf"\b{_SCORE_CUE}(?:[^.;:\n]|\.(?=\d)){{0,60}}? on (?:the )?(?P<name>{_BENCH_LIST})"
        rf"{_END}(?! {_HARDWARE})",
        "Benchmark",
        "scores N% on X",
        literals=" on ",
        many=True,
    ),
    _r(
        r"\btops (?:the )?(?P<name>[A-Z][\w'-]*(?: [A-Z][\w'-]*){0,3}) (?:among|leaderboard|"
        r"benchmark|rankings?|with (?:a )?(?:score|\d))",
        "Benchmark",
        "tops X among ...",
        words="tops",
        literals="tops ",
    ),
    _r(
        r"\b(?:trained|fine-tuned|aligned|optimi[sz]ed|tuned|distilled|post-trained|pretrained|"
        r"pre-trained)\b(?: [a-z]+){0,2} (?:with|using|via|through) "
        rf"(?P<name>[A-Z][A-Za-z0-9-]*[A-Z][A-Za-z0-9-]*){_END}(?! {_HARDWARE})",
        "Method",
        "trained with X",
        words="trained tuned aligned optimised optimized distilled pretrained",
        literals="train|tuned|aligned|optimi|distilled",
    ),
    _r(
        r"(?:CVE-\d{4}-\d{4,7}|vulnerabilit(?:y|ies)|flaws?|bugs?|zero-days?|weakness(?:es)?) "
        rf"(?:in|affecting|impacting) (?P<name>{_PRODUCT}){_END}",
        "Product",
        "a flaw in X",
        literals="CVE-|vulnerabilit|flaw|bug|zero-day|weakness",
        rank=0,
    ),
    _r(
        rf"(?<![A-Za-z0-9] )(?<=[ (])(?P<name>{_PRODUCT_MULTI}) (?:chips?|GPUs?|accelerators?|"
        r"processors?|CPUs?|servers?|firewalls?|routers?|appliances?|gateways?|superchips?)\b",
        "Product",
        "X chips",
        words="chip chips gpu gpus accelerator accelerators processor processors cpu cpus server servers firewall firewalls router routers appliance appliances gateway gateways superchip superchips",
        rank=0,
    ),
    _r(
        r"\b(?:deploy\w*|available|host\w*|serve[sd]?|serving|offered|offers?|run\w*|models?|"
        r"integrated|built)\b[^.;:\n]{0,30}? (?:on|in|via|through) "
        rf"(?P<name>{_PRODUCT_MULTI}){_END}",
        "Product",
        "deployed on X",
        needle=r" (?:on|in|via|through) [A-Z]",
        rank=0,
    ),
    # -- English: threat actors, malware, victims, people ------------------------------
    _r(
        rf"{_SENTENCE_START}(?P<name>{_PROPER}) (?:targeted|targets|has targeted|have targeted|"
        r"compromised|breached|infiltrated|hacked|attacked|hijacked|impersonated|spear-phished|"
        r"phished)\b",
        "ThreatActor",
        "X targeted ...",
        words="targeted targets compromised breached infiltrated hacked attacked hijacked impersonated "
        "phished",
        literals="target|compromis|breach|infiltrat|hack|attack|hijack|imperson|phish",
    ),
    _r(
        rf"{_START}(?P<name>{_PROPER}) {_CYBER_VERB} (?:the |a |an |its |new |custom )*"
        r"(?:[A-Za-z0-9-]+ ){0,2}?[A-Za-z0-9-]+ against\b",
        "ThreatActor",
        "X used Y against ...",
        words="against",
    ),
    _r(
        rf"\b{_CYBER_VERB} (?:the |a |an |its |new |custom )*(?P<name>[A-Z][A-Za-z0-9]+) "
        r"(?:(?:malware|backdoor|implant|loader|tool|payload|RAT) )?against\b",
        "Malware",
        "used X against ...",
        words="against",
    ),
    _r(
        rf"(?:^|(?<=\b[Tt]he )|(?<=[.;:,!?] )|(?<=\n))(?P<name>{_PROPER}) (?:ransomware )?"
        r"(?:group|gang|crew|affiliates?|operators?|hackers)\b",
        "ThreatActor",
        "the X group",
        words="group gang crew affiliate affiliates operator operators hackers",
        literals="group|gang|crew|affiliate|operator|hackers",
    ),
    _r(
        r"\b(?:targeted|targeting|targets|breached|compromised|attacked|hacked|infiltrated|"
        rf"victims include|victims including) (?P<name>{_LIST}){_AFTER_VICTIM}",
        "Organization",
        "targeted X",
        words="targeted targeting targets breached compromised attacked hacked infiltrated victims",
        literals="target|compromis|breach|infiltrat|hack|attack|victims",
        many=True,
    ),
    _r(
        r"\battributed (?:the |a |an )?(?P<name>[A-Z][A-Za-z0-9-]+) (?:[a-z]+ )?(?:campaign |)to\b",
        "Malware",
        "attributed X to ...",
        words="attributed",
        typed_by_context=True,
        reach=10,
    ),
    _r(
        r"(?P<name>[A-Z][a-z]+ [A-Z][a-z]+) (?:said|says|told|wrote|added|noted|argued|posted)\b",
        "Person",
        "First Last said (and Last again)",
        words="said says told wrote added noted argued posted",
        surname_recurs=True,
    ),
    _r(
        rf"(?<![A-Za-z0-9])(?=[A-Z])(?P<canon>{ACTOR_ID}|{ACTOR_SCHEME}|[A-Z][A-Za-z0-9-]*(?: [A-Z][A-Za-z0-9-]*)?), "
        r"(?:also known as|aka|a\.k\.a\.|also tracked as|tracked as|which [A-Z][A-Za-z]+ "
        rf"(?:tracks|calls) as) (?P<name>{ACTOR_ID}|{ACTOR_SCHEME})\b",
        "ThreatActor",
        "X, also known as Y",
        literals="known as|aka|tracked as|tracks as|calls as",
        rank=0,
    ),
    _r(
        rf"(?P<name>{_PROPER}) (?:maker|creator|developer|owner|operator)s? (?=[A-Z])",
        "Product",
        "X maker Y",
        words="maker makers creator creators developer developers owner owners operator operators",
        rank=0,
    ),
    _r(
        rf"\bthe (?P<name>{_PROPER}) (?:maker|creator|developer)\b",
        "Product",
        "the X maker",
        words="maker creator developer",
        rank=0,
    ),
    # -- coined names defined with their acronym ---------------------------------------
    # "Tidal Policy Shaping (TPS), a framework for ...": the long form, typed by its head
    # noun or the words after it; the acronym is its surface (the rule below)
    _r(
        rf"(?<![A-Za-z0-9-])(?P<name>(?P<long>{_DEFINED}))\s?\((?P<short>{_ACRONYM})\)",
        "Method",
        "Long Name (LN): the long form",
        literals="(",
        typed_by_context=True,
        reach=20,
        acronym=True,
        rank=0,
    ),
    _r(
        rf"(?<![A-Za-z0-9-])(?P<canon>(?P<long>{_DEFINED}))\s?\((?P<name>(?P<short>{_ACRONYM}))\)",
        "Method",
        "Long Name (LN): the acronym",
        literals="(",
        typed_by_context=True,
        reach=20,
        acronym=True,
        rank=0,
    ),
    # -- discovery by context: malware, tools, products, chips ---------------------------
    # "malware families such as Specter and Net-Star", "a web shell named "x.aspx"",
    # "ransomware like Warlock and LockBit", "a backdoor called Dohdoor"
    _r(
        r"\b(?:malware|backdoors?|implants?|loaders?|stealers?|wipers?|droppers?|rootkits?|"
        r"ransomware|web ?shells?|RATs?|trojans?)(?: (?:families|family|strains?|variants?|"
        r"components|tools|payloads?))? (?:such as|like|including|called|named|dubbed|known as) "
        rf"[\"“]?(?P<name>{_MAL}(?:(?:, | and |, and ){_MAL_CAP})*)(?=[\"”]|{_END})",
        "Malware",
        "malware such as X and Y / a backdoor called X",
        words="malware backdoor backdoors implant implants loader loaders stealer stealers "
        "wiper wipers dropper droppers rootkit rootkits ransomware shell shells webshell "
        "webshells rat rats trojan trojans",
        literals="such as|like|including|called|named|dubbed|known as",
        many=True,
        rank=0,
    ),
    # the ""Dohdoor" backdoor", "the Foo web shell"
    _r(
        rf"[\"“](?P<name>{_MAL})[\"”] (?:malware|backdoor|implant|loader|stealer|wiper|dropper|"
        r"rootkit|ransomware|web ?shell|RAT|trojan)s?\b",
        "Malware",
        'the "X" backdoor',
        words="malware backdoor implant loader stealer wiper dropper rootkit ransomware shell "
        "webshell rat trojan",
        literals='"|“',
        rank=0,
    ),
    _r(
        rf"\b(?P<name>{STOP}[A-Z][A-Za-z0-9]+(?:-[A-Za-z0-9]+)*) web ?shells?\b",
        "Malware",
        "X web shell",
        words="shell shells webshell webshells",
        rank=0,
    ),
    # "codenamed "Ironwood"": a product unless the words after say a model
    _r(
        r"\b(?:codenamed|code-named|code name|codename) [\"“]?"
        r"(?P<name>[A-Z][A-Za-z0-9-]+(?: [A-Z0-9][A-Za-z0-9-]*)?)(?=[\"”]|[ ,.;:)]|$)",
        "Product",
        "codenamed X",
        words="codenamed code codename",
        typed_by_context=True,
        reach=20,
    ),
    # "products like Chrome, Maps and Drive"
    _r(
        r"\b(?:products|tools|platforms|apps|applications|services|software|chips|devices) "
        rf"(?:such as|like|including) (?P<name>{_PRODUCT_ONE}(?:(?:, | and |, and ){_PRODUCT_ONE})*){_END}",
        "Product",
        "products like A, B",
        words="products tools platforms apps applications services software chips devices",
        literals="such as|like|including",
        many=True,
        rank=0,
    ),
    # -- Chinese: investors and companies named by their suffix or role ---------------
    # "投资方包括今日资本、高榕创投等", "由红杉中国领投"
    _r(
        r"(?:投资方|投資方|投资人|投資人|投资机构|投資機構|股东|股東|参投方|參投方)(?:包括|包含|有|为|為|是)"
        rf"(?P<name>{_ZH_ORG}(?:(?:、|和|及|与|與|,){_ZH_ORG})*)(?=等|。|,|;|$)",
        "Organization",
        "投资方包括 A、B 等",
        cjk=True,
        literals="投资|投資|股东|股東|参投|參投",
        many=True,
    ),
    _r(
        rf"由(?P<name>{_ZH_ORG}(?:(?:、|和|及|与|與){_ZH_ORG})*)(?:共同)?(?:领投|領投|跟投|参投|參投|投资|投資)",
        "Organization",
        "由 X 领投",
        cjk=True,
        literals="由",
        many=True,
    ),
    # a name with an investor's or a maker's suffix, inside a list or before a deal verb
    _r(
        rf"(?:^|(?<=[、,;:。\s和及与與由]))(?P<name>{_CJK}{{2,4}}?(?:资本|資本|创投|創投|资管|資管|基金))(?=、|等|和|及|与|與|领投|領投|跟投|参投|參投|共同|,|。)",
        "Organization",
        "X资本 / X创投 in a list",
        cjk=True,
        needle=r"资本|資本|创投|創投|资管|資管|基金",
    ),
    # -- Chinese -----------------------------------------------------------------------
    _r(
        r"在(?P<name>[A-Z][A-Za-z0-9-]*(?: [A-Z][A-Za-z0-9-]*){0,2})\s?(?:基準|基准|測試|测试|"
        r"榜單|榜单|評測|评测)?上[^。;,]{0,8}?(?:取得|超越|超過|超过|優於|优于|領先|领先|達到|达到|"
        r"得分|擊敗|击败|表現|表现|獲得|获得|拿下|刷新|奪冠|夺冠)",
        "Benchmark",
        "在 X 上取得",
        cjk=True,
        literals="在",
    ),
    _r(
        r"(?:超越|超過|超过|優於|优于|擊敗|击败|勝過|胜过|媲美|比肩|落後於|落后于)\s?"
        rf"(?P<name>{COINED}|[a-z]\d{{1,2}}(?:-[a-z]+)?)(?![A-Za-z0-9-])",
        "Model",
        "超越 X",
        literals="超越|超過|超过|優於|优于|擊敗|击败|勝過|胜过|媲美|比肩|落後於|落后于",
    ),
    _r(
        r"(?:鎖定|锁定|入侵|針對|针对)"
        rf"(?P<name>{_ZH_ORG}(?:(?:與|与|和|及|、){_ZH_ORG})+)(?=[。、,;:!?\s]|$)",
        "Organization",
        "鎖定 X 與 Y",
        cjk=True,
        literals="鎖定|锁定|入侵|針對|针对",
        many=True,
    ),
    _r(
        rf"{_CJK_START}(?P<name>{_CJK}{{1,8}}?(?:局|署|公司|集團|集团|銀行|银行|大學|大学|研究院|"
        r"實驗室|实验室|電信|电信|基金會|基金会))(?=表示|稱|称|宣布|發布|发布|透露|證實|证实|警告|指出)",
        "Organization",
        "X局表示",
        cjk=True,
        needle=r"[局署司團团行學学院室信會会]",
    ),
    ContextRule(
        re.compile(
            r"(?:^|[。,;:!?\s])(?P<name>[A-Z][A-Za-z0-9.&-]+(?: [A-Z][A-Za-z0-9]+)?)(?=\s?(?:發布|发布|推出|宣布|領投|领投|收購|收购|開源|开源))"
        ),
        "Organization",
        "X 發布 / 推出 ...",
        needle=Needle(literals="發布|发布|推出|宣布|領投|领投|收購|收购|開源|开源"),
        typed_by_context=False,
    ),
    _r(
        r"(?:^|(?<=[。,;:!?\s]))(?P<name>[A-Z][A-Za-z0-9.&-]+)(?=\s?(?:表示|稱|称|"
        r"證實|证实|觀察到|观察到|(?:將|将)[^。;,]{1,20}?(?:歸因|归因)))",
        "Organization",
        "X 表示 / 將 Y 歸因於 ...",
        literals="表示|稱|称|證實|证实|觀察到|观察到|歸因|归因",
    ),
    _r(
        rf"{_CJK_START}(?P<name>{_CJK}{{2,6}}?){_ZH_ADVERB}{_ZH_CORPORATE_VERB}",
        "Organization",
        "百度發布 / 軟銀投資",
        literals="發布|发布|推出|宣布|開源|开源|領投|领投|收購|收购|投資|投资|更新|升級|升级|上線|上线|入股|注資|注资|併購|并购|裁員|裁员|融資|融资",
    ),
    _r(
        rf"{_CJK_START}(?P<name>{_ZH_ORG}(?:(?:與|与|和|及|、){_ZH_ORG})+){_ZH_ADVERB}"
        r"(?:宣布|合作|簽署|签署|達成|达成|簽約|签约|結盟|结盟)",
        "Organization",
        "X 與 Y 宣布合作",
        cjk=True,
        needle=r"[與与和及、]",
        many=True,
    ),
    _r(
        rf"{_CJK_START}(?P<name>{_CJK}{{2,5}}?)的(?=[A-Za-z])",
        "Organization",
        "輝達的 X",
        cjk=True,
        needle=r"的[A-Za-z]",
    ),
    _r(
        r"(?:收購|收购|投資|投资|領投|领投|入股|併購|并购|注資|注资)了?\s?"
        r"(?P<name>[A-Z][A-Za-z0-9.&-]*(?: [A-Z][A-Za-z0-9]+)?)",
        "Organization",
        "收購 X",
        literals="收購|收购|投資|投资|領投|领投|入股|併購|并购|注資|注资",
    ),
    _r(
        r"(?:發布|发布|推出|開源|开源|更新|升級|升级|上線|上线|發表|发表)了?"
        rf"(?P<name>{_CJK}{{2,4}}?)(?:新一代|新版本|新版|最新版|最新|新)?(?:大模型|模型|版本)",
        "Model",
        "發布 X 大模型",
        literals="模型|版本",
    ),
    _r(
        rf"{_CJK_START}(?P<name>[{_SURNAMES}]{_CJK}{{2}})(?:表示|指出|認為|认为|說|说|透露|強調|强调|坦言)",
        "Person",
        "黃仁勳表示",
        cjk=True,
        literals="表示|指出|認為|认为|說|说|透露|強調|强调|坦言",
    ),
    _r(
        r"(?:將|将)(?P<name>[A-Z][A-Za-z0-9-]+)(?:攻擊|攻击|活動|活动)?(?:歸因|归因)",
        "Malware",
        "將 X 歸因於",
        cjk=True,
        literals="歸因|归因",
    ),
    _r(
        r"(?P<name>[A-Z][A-Za-z0-9-]+(?: [A-Z0-9][A-Za-z0-9-]*)?)\s?(?:晶片|芯片|處理器|处理器|加速器)",
        "Product",
        "X 晶片",
        literals="晶片|芯片|處理器|处理器|加速器",
        rank=0,
    ),
    # A coined name glossed in brackets by what it is, as Chinese summaries of papers do:
    # "TimeScope（長時序推理基準）", "FlowPilot（端到端駕駛模型）" (brackets arrive folded).
    _r(
        rf"(?<![A-Za-z0-9.+-])(?P<name>{COINED})\s?\([^()。;]{{0,30}}?(?P<noun>{_ZH_KIND_NOUN})\)",
        "Method",
        "X（…基準 / 模型）",
        literals="基準|基准|資料集|数据集|評測集|评测集|模型|框架|方法|架構|架构|演算法|算法|公司|新創|新创",
        rank=0,
    ),
    # A list of coined names closed by what they all are: "ChartQuest、DocMaze 等基準".
    _r(
        rf"(?<![A-Za-z0-9.+-])(?P<name>{COINED}(?:(?:\s?[,、]\s?|\s?(?:和|與|与|及)\s?){COINED})*)"
        rf"\s?等(?:多個|多个|多項|多项)?\s?(?P<noun>{_ZH_KIND_NOUN})",
        "Method",
        "X、Y 等基準 / 模型",
        literals="等",
        many=True,
        rank=0,
    ),
    ContextRule(
        re.compile(
            rf"\b(?:we|We|they|They|authors) (?:propose|introduce|present|release|develop|build|design)s?d? (?:a |an |the )?(?:new |novel )?(?:[a-z-]+ )?(?P<name>{COINED})"
        ),
        "Method",
        "we propose X",
        needle=Needle(
            words="we they authors|propose proposes proposed proposesd introduce introduces introduced introducesd present presents presentd presentsd release releases released releasesd develop develops developd developsd build builds buildd buildsd design designs designd designsd"
        ),
    ),
    # "Researchers at Tsinghua proposed SpecDiff": the verb says it is new work whoever the
    # subject is; a coined shape keeps plain words out
    ContextRule(
        re.compile(
            rf"\b(?:proposed|proposes|propose) (?:a |an |the )?(?:new |novel )?(?:[a-z-]+ )?(?P<name>{COINED})"
        ),
        "Method",
        "proposed X",
        needle=Needle(words="propose proposes proposed"),
    ),
    ContextRule(
        re.compile(
            rf"(?P<name>{COINED}),? (?:a|an) (?:new|novel|open|open-source|open-weight|lightweight|small|large|\d[\w.]*)\b"
        ),
        "Method",
        "X, a new ...",
        needle=Needle(pattern=r" an? (?:new|novel|open|lightweight|small|large|\d)"),
    ),
    ContextRule(
        re.compile(
            rf"\b(?:startup|start-up|company|lab|unicorn|firm) (?P<name>{CAP}(?: {CAP})?)(?= [a-z]|[,.])"
        ),
        "Organization",
        "startup X",
        needle=Needle(words="startup start company lab unicorn firm"),
        typed_by_context=False,
    ),
    ContextRule(
        re.compile(
            r"(?:提出|發布|发布|推出|發表|发表|開源|开源)了?(?:新一代|新的|名為|名为|一個|一个|全新)?\s*[「“]?(?P<name>[A-Z][A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*)"
        ),
        "Model",
        "提出 / 發布 X",
        needle=Needle(literals="提出|發布|发布|推出|發表|发表|開源|开源"),
    ),
    ContextRule(
        re.compile(
            r"(?:駭客組織|黑客组织|駭客集團|黑客团伙|威脅組織|威胁组织|APT組織|APT组织)\s*[「“]?(?P<name>[A-Za-z][A-Za-z0-9_-]*(?: [A-Z][a-z]+)?|[\u4e00-\u9fff]{2,6}(?=[」”]))"
        ),
        "ThreatActor",
        "駭客組織 X",
        needle=Needle(
            literals="駭客組織|黑客组织|駭客集團|黑客团伙|威脅組織|威胁组织|APT組織|APT组织"
        ),
        typed_by_context=False,
    ),
)


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
    Few Several Any No Not Only Just Even Please Yes Users Customers People Companies Experts
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
