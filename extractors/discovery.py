"""Pattern rules that find names no list holds yet: the week's new model or benchmark.

Each rule is a regular expression over case- and hyphen-folded text with one named group
``name``; what it finds is marked ``discovered`` so reports can say the name is new to
the gazetteer. Rules are ordered from most to least specific.
"""

from __future__ import annotations

import re
import string
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import NamedTuple, TypeVar

_R = TypeVar("_R", "Rule", "ContextRule")


class Needle:
    """What a text must contain for a rule to have a chance: one of ``words`` (separated by
    ``|``), and a match of ``pattern``. Testing it first skips most rules on most texts at a
    fraction of the cost of running them.

    ``whole``: every match holds one of the words as a whole run of ASCII letters and digits
    (nothing of the kind right before or after it), so for an ASCII text whose tokens are at
    hand the test is a set lookup instead of a search per word.
    """

    __slots__ = ("words", "pattern", "chinese", "tokens")

    def __init__(self, words: str = "", pattern: str | None = None, whole: bool = False) -> None:
        self.words = tuple(words.split("|")) if words else ()
        self.pattern = re.compile(pattern) if pattern else None
        # when every word is Chinese, an ASCII text cannot hold one
        self.chinese = bool(self.words) and not any(w.isascii() for w in self.words)
        self.tokens = frozenset(w.lower() for w in self.words) if whole else None


def _live(rules: tuple[_R, ...], text: str, tokens: AbstractSet[str] | None) -> list[_R]:
    """The rules whose needle ``text`` holds (``tokens``: its lower-case tokens, ASCII only)."""
    ascii_text = text.isascii()
    if not ascii_text:
        tokens = None
    contains = text.__contains__
    live = []
    for rule in rules:
        needle = rule.needle
        if needle is not None:
            if needle.words:
                if ascii_text and needle.chinese:
                    continue
                if tokens is not None and needle.tokens is not None:
                    if needle.tokens.isdisjoint(tokens):
                        continue
                # without tokens, words that back up a pattern are not worth a search each
                elif (needle.tokens is None or needle.pattern is None) and not any(
                    map(contains, needle.words)
                ):
                    continue
            if needle.pattern is not None and needle.pattern.search(text) is None:
                continue
        live.append(rule)
    return live


@dataclass(frozen=True)
class Rule:
    kind: str
    pattern: re.Pattern[str]
    why: str
    # A capitalised word right before the match means it is the tail of a longer phrase
    # ("The Open Source AI" is not a company "Source AI").
    whole_phrase: bool = False
    needle: Needle | None = None


def _rule(
    kind: str, pattern: str, why: str, whole_phrase: bool = False, needle: Needle | None = None
) -> Rule:
    # \b fails between a CJK character and a Latin name ("領投Velora Labs"): use a Latin-only
    # boundary so names glued to Chinese text are found.
    pattern = pattern.replace(r"\b(?P<name>", _BOUNDARY + "(?P<name>")
    if pattern.endswith(r")\b"):
        pattern = pattern[:-2] + r"(?![A-Za-z0-9_])"
    return Rule(kind, re.compile(_opening_first(pattern)), why, whole_phrase, needle)


_BOUNDARY = r"(?<![A-Za-z0-9_])"


def _opening_first(pattern: str) -> str:
    """``(?<!x)(?P<name>[A-Z]...`` as ``(?P<name>[A-Z](?<!x.)...``: the same matches, but a
    pattern that opens with a character or class lets the engine skip to where one can start."""
    head = _BOUNDARY + "(?P<name>"
    if not pattern.startswith(head):
        return pattern
    rest = pattern[len(head) :]
    guard = ""
    if not_words := _NOT_WORDS.match(rest):
        # (?!CVE|MP|F)[A-Z]: the one-letter words leave the class, the longer ones are
        # checked after their first letter: [A-EG-Z](?!(?<=C)VE|(?<=M)P)
        words = not_words.group(1).split("|")
        singles = {w for w in words if len(w) == 1}
        first = "[" + "".join(c for c in string.ascii_uppercase if c not in singles) + "]"
        longer = [f"(?<={w[0]}){w[1:]}" for w in words if len(w) > 1]
        guard = "(?!" + "|".join(longer) + ")" if longer else ""
        rest = rest[not_words.end() :]
    elif rest.startswith("[A-Z]"):
        first, rest = "[A-Z]", rest[5:]
    elif rest[:1].isalnum():
        first, rest = rest[0], rest[1:]
    else:
        return pattern
    if rest[:1] in ("*", "+", "?", "{"):
        return pattern
    return f"(?P<name>{first}(?<![A-Za-z0-9_]{first}){guard}" + rest


_NOT_WORDS = re.compile(r"\(\?!((?:[A-Z]+\|)*[A-Z]+)\)\[A-Z\]")


_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ ]$")


def _one_of(words: str) -> str:
    """``A|An|And|The`` as ``(?:A(?:nd|n)?|The)``: the same words, but the engine tries
    each first letter once instead of every word in turn."""
    by_first: dict[str, list[str]] = {}
    for word in words.split("|"):
        by_first.setdefault(word[0], []).append(word[1:])
    branches = []
    for first, rests in by_first.items():
        tails = sorted({r for r in rests if r}, key=lambda r: (-len(r), r))
        if not tails:
            branches.append(re.escape(first))
        else:
            optional = "?" if "" in rests else ""
            inner = "|".join(re.escape(t) for t in tails)
            branches.append(f"{re.escape(first)}(?:{inner}){optional}")
    return "(?:" + "|".join(branches) + ")"


# Runs written X++ / X*+ (possessive) never give characters back: every way on from them
# starts with a character outside X, so backtracking into the run could not match anyway.
_CAP = r"[A-Z][A-Za-z0-9]*+"
# Words that start capitalised phrases in headlines but never begin a name.
_STOP = (
    r"(?!"
    + _one_of(
        "The|A|An|This|That|These|Its|Their|Our|New|Open|Generative|Agentic|Physical|Responsible|"
        "Sovereign|Enterprise|Frontier|Chinese|American|European|Global|Leading|Top|Why|How|What|"
        "When|Other|Many|Some|In|On|At|For|With|From|And|But|Both|Every|All|Legacy|Modern"
    )
    + r"\b)"
)

RULES: tuple[Rule, ...] = (
    _rule(
        "Vulnerability",
        r"\b(?P<name>CVE-\d{4}-\d{4,7})\b",
        "CVE identifier",
        needle=Needle("CVE", whole=True),
    ),
    _rule(
        "ThreatActor",
        r"\b(?P<name>(?:APT ?\d{1,3}|UNC\d{3,5}|TA\d{3,4}|Storm-\d{3,4}|DEV-\d{4}|"
        r"TGR-STA-\d{3,5}|CL-STA-\d{3,5}|FIN\d{1,2}|TAG-\d{2,4}|Void [A-Z][a-z]+))\b",
        "vendor threat-actor identifier",
        needle=Needle(pattern=r"APT|UNC|TA\d|Storm-|DEV-|STA-|FIN\d|TAG-|Void "),
    ),
    _rule(
        "ThreatActor",
        rf"\b(?P<name>{_STOP}[A-Z][a-z]++ (?:Typhoon|Blizzard|Sleet|Sandstorm|Tempest|Hail|Dust|"
        r"Panda|Bear|Kitten|Chollima|Spider|Jackal|Tiger|Ocelot))\b",
        "vendor naming scheme (weather / animal)",
        # a pattern that opens with a literal (here the space) is found faster than many words
        needle=Needle(
            "Typhoon|Blizzard|Sleet|Sandstorm|Tempest|Hail|Dust|Panda|Bear|Kitten|Chollima|Spider|Jackal|Tiger|Ocelot",
            pattern=r" (?:Typhoon|Blizzard|Sleet|Sandstorm|Tempest|Hail|Dust|Panda|Bear|Kitten|Chollima|Spider|Jackal|Tiger|Ocelot)",
            whole=True,
        ),
    ),
    _rule(
        "Benchmark",
        r"\b(?P<name>[A-Z][A-Za-z0-9.+]*(?:-[A-Za-z0-9.+]+)*-?(?:Bench|bench|BENCH)(?:-[A-Z0-9][A-Za-z0-9_.]*)?)\b",
        "*Bench / *-Bench name",
        needle=Needle("Bench|bench|BENCH"),
    ),
    _rule(
        "Model",
        r"\b(?P<name>[A-Z][A-Za-z]++(?:-[A-Za-z][A-Za-z0-9]*+)*-\d++(?:\.\d+)?[BMT]"
        r"(?:-[A-Z][A-Za-z0-9]*)*)\b",
        "model name with a parameter count (Name-7B, Name-Coder-2.5B)",
        # \d[BMT]\b, written to open with the letter so the engine can skip ahead to it
        needle=Needle(pattern=r"[BMT](?<=\d[BMT])\b"),
    ),
    _rule(
        "Model",
        r"\b(?P<name>[A-Z][A-Za-z0-9.]*+(?:-[A-Za-z0-9.]++)*-(?:Coder|Instruct|Chat|VL|Vision|"
        r"Math|Reasoner|Turbo|Flash|Mini|Omni|LiveTalk|Preview)(?:-[A-Za-z0-9_.]+)*)\b",
        "model name with a variant suffix (Name-Coder, X-LiveTalk)",
        needle=Needle(
            pattern=r"-(?:Coder|Instruct|Chat|VL|Vision|Math|Reasoner|Turbo|Flash|Mini|Omni|LiveTalk|Preview)"
        ),
    ),
    _rule(
        "Model",
        r"\b(?P<name>[A-Z][A-Za-z]++-V\d+(?:\.\d+)*)\b",
        "model name with a version (Name-V3.2)",
        needle=Needle(pattern=r"-V\d"),
    ),
    _rule(
        "Model",
        r"\b(?P<name>(?!CVE|COVID|SARS|MIL|ISO|RFC|UTF|SHA|MP|PS|F|B|A|Q|H|X|W)[A-Z][A-Za-z]*+-\d++(?:\.\d+)*[a-z]?(?:[ -](?:mini|Pro|Turbo|Flash|Max|Ultra|Plus))?)(?![A-Za-z0-9_-])",
        "model name with a version number (GPT-4.1, GLM-4.5, Phi-4)",
        # [A-Za-z]-\d, written to open with the hyphen so the engine can skip ahead to it
        needle=Needle(pattern=r"-(?<=[A-Za-z]-)\d"),
    ),
    _rule(
        "Person",
        r"(?:\b(?:CEO|CTO|COO|CFO|founder|co-founder|cofounder|chief executive|chief scientist|"
        r"president|chairman|researcher|professor|analyst)\s+)(?P<name>[A-Z][a-z]++(?: [A-Z][a-z]++){1,2})\b",
        "title before a person's name",
        needle=Needle(
            "CEO|CTO|COO|CFO|founder|cofounder|chief|president|chairman|researcher|professor|analyst",
            whole=True,
        ),
    ),
    _rule(
        "Person",
        r"(?:執行長|执行长|首席執行官|首席执行官|創辦人|创办人|創始人|创始人|總裁|总裁|技術長|技术长|研究員|研究员)\s*(?P<name>[A-Z][a-z]+ [A-Z][a-z]+)(?![A-Za-z])",
        "Chinese title before a Latin name",
        needle=Needle(
            "執行長|执行长|首席執行官|首席执行官|創辦人|创办人|創始人|创始人|總裁|总裁|技術長|技术长|研究員|研究员"
        ),
    ),
    _rule(
        "Person",
        r"\b(?P<name>[A-Z][a-z]++ [A-Z][a-z]++),\s+(?:the\s+)?(?:CEO|CTO|co-?founder|founder|"
        r"chief [a-z]+ officer|president|head)\b",
        "person's name before a title",
        needle=Needle("CEO|CTO|founder|cofounder|chief|president|head", whole=True),
    ),
    _rule(
        "Malware",
        rf"\b(?P<name>{_STOP}[A-Z][A-Za-z0-9]++) (?:malware|backdoor|ransomware|loader|stealer|"
        r"implant|wiper|dropper|rootkit|RAT|botnet)\b",
        "name before a malware noun",
        whole_phrase=True,
        needle=Needle(
            "malware|backdoor|ransomware|loader|stealer|implant|wiper|dropper|rootkit|RAT|botnet",
            pattern=r" (?:malware|backdoor|ransomware|loader|stealer|implant|wiper|dropper|rootkit|RAT|botnet)",
            whole=True,
        ),
    ),
    _rule(
        "Malware",
        r"\b(?:malware|backdoor|implant|loader|wiper|dropper|rootkit|stealer)\s+(?:called\s+|"
        r"named\s+|dubbed\s+|known as\s+)?(?P<name>[A-Z][A-Za-z0-9]+(?:[A-Z][a-z0-9]+)*)\b",
        "malware noun before a name",
        needle=Needle("malware|backdoor|implant|loader|wiper|dropper|rootkit|stealer", whole=True),
    ),
    _rule(
        "Malware",
        r"(?:惡意程式|恶意程序|惡意軟體|恶意软件|後門|后门|勒索軟體|勒索软件)\s*(?P<name>[A-Z][A-Za-z0-9]{2,})",
        "malware noun before a name (zh)",
        needle=Needle("惡意程式|恶意程序|惡意軟體|恶意软件|後門|后门|勒索軟體|勒索软件"),
    ),
    _rule(
        "Malware",
        r"(?P<name>[A-Z][A-Za-z0-9]{2,})\s*(?:惡意程式|恶意程序|惡意軟體|恶意软件|後門程式|勒索軟體|勒索软件)",
        "name before a malware noun (zh)",
        needle=Needle("惡意程式|恶意程序|惡意軟體|恶意软件|後門程式|勒索軟體|勒索软件"),
    ),
    _rule(
        "Organization",
        rf"\b(?P<name>{_STOP}{_CAP}(?: {_CAP})? (?:Labs|AI|Technologies|Robotics|Research|Systems|Inc\.|Ltd\.))"
        r"(?![A-Za-z])",
        "company-name suffix (X Labs, X AI)",
        whole_phrase=True,
        needle=Needle(" Labs| AI| Technologies| Robotics| Research| Systems| Inc.| Ltd."),
    ),
)

# A coined name: capitalised, and with a second capital, a digit or a hyphen somewhere
# (RAST, AutoFed, STRelay, Mify-Coder), so plain sentence-initial words do not qualify.
_COINED = r"[A-Z](?=[A-Za-z0-9.+-]*[A-Z0-9-])[A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*"
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
        re.compile(r"\b(?:startup|company|lab|firm|unicorn)\b|公司|新創|初创|新创", re.I),
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


@dataclass(frozen=True)
class ContextRule:
    pattern: re.Pattern[str]
    default: str  # kind when the words after the name do not say
    why: str
    typed_by_context: bool = True
    needle: Needle | None = None


# A proper name of one to three capitalised words ("OpenAI", "Hugging Face", "Mistral AI").
_NOT_SUBJECT = _one_of("We|It|They|He|She|Researchers|Developers|Analysts|Investors|Officials")
_PROPER = (
    rf"{_STOP}(?!{_NOT_SUBJECT}\b)[A-Z][A-Za-z0-9&.]*[a-z0-9A-Z](?: [A-Z][A-Za-z0-9&]++){{0,2}}"
)
_DEAL_VERB = r"(?:released|launched|unveiled|introduced|raised|acquired|acquires|announced|partners with|partnered with|led a|invested|open-sourced|debuted)"

CONTEXT_RULES: tuple[ContextRule, ...] = (
    ContextRule(
        re.compile(rf"(?<![A-Za-z0-9,] )(?<![A-Za-z0-9])(?P<name>{_PROPER}) {_DEAL_VERB}\b"),
        "Organization",
        "X released / raised / acquired ...",
        typed_by_context=False,
        needle=Needle(
            "released|launched|unveiled|introduced|raised|acquired|acquires|announced|partners|partnered|led|invested|sourced|debuted",
            whole=True,
        ),
    ),
    ContextRule(
        re.compile(
            rf"\b(?:acquired|acquires|acquire|invested in|partners with|partnered with|round in|stake in|backed) (?P<name>{_PROPER})(?=[ ,.;:'’]|$)"
        ),
        "Organization",
        "acquired / invested in X",
        typed_by_context=False,
        needle=Needle(
            "acquired|acquires|acquire|invested|partners|partnered|round|stake|backed", whole=True
        ),
    ),
    ContextRule(
        re.compile(
            r"(?:^|[。！？；，\s])(?P<name>[A-Z][A-Za-z0-9.&-]+(?: [A-Z][A-Za-z0-9]+)?)(?=\s?(?:發布|发布|推出|宣布|領投|领投|收購|收购|開源|开源))"
        ),
        "Organization",
        "X 發布 / 推出 ...",
        typed_by_context=False,
        needle=Needle("發布|发布|推出|宣布|領投|领投|收購|收购|開源|开源"),
    ),
    ContextRule(
        re.compile(
            rf"\b(?:we|We|they|They|authors) (?:propose|introduce|present|release|develop|build|design)s?d? (?:a |an |the )?(?:new |novel )?(?:[a-z-]+ )?(?P<name>{_COINED})"
        ),
        "Method",
        "we propose X",
        needle=Needle(
            "we|We|they|They|authors",
            pattern=r" (?:propose|introduce|present|release|develop|build|design)",
            whole=True,
        ),
    ),
    ContextRule(
        re.compile(
            rf"(?P<name>{_COINED}),? (?:a|an) (?:new|novel|open|open-source|open-weight|lightweight|small|large|\d[\w.]*)\b"
        ),
        "Method",
        "X, a new ...",
        needle=Needle(pattern=r" an? (?:new|novel|open|lightweight|small|large|\d)"),
    ),
    ContextRule(
        re.compile(
            rf"\b(?:startup|start-up|company|lab|unicorn|firm) (?P<name>{_CAP}(?: {_CAP})?)(?= [a-z]|[,.])"
        ),
        "Organization",
        "startup X",
        typed_by_context=False,
        needle=Needle("startup|start|company|lab|unicorn|firm", whole=True),
    ),
    ContextRule(
        re.compile(
            r"(?:提出|發布|发布|推出|發表|发表|開源|开源)了?(?:新一代|新的|名為|名为|一個|一个|全新)?\s*[「“]?(?P<name>[A-Z][A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*)"
        ),
        "Model",
        "提出 / 發布 X",
        needle=Needle("提出|發布|发布|推出|發表|发表|開源|开源"),
    ),
    ContextRule(
        re.compile(
            r"(?:駭客組織|黑客组织|駭客集團|黑客团伙|威脅組織|威胁组织|APT組織|APT组织)\s*[「“]?(?P<name>[A-Za-z][A-Za-z0-9_-]*(?: [A-Z][a-z]+)?|[\u4e00-\u9fff]{2,6}(?=[」”]))"
        ),
        "ThreatActor",
        "駭客組織 X",
        typed_by_context=False,
        needle=Needle("駭客組織|黑客组织|駭客集團|黑客团伙|威脅組織|威胁组织|APT組織|APT组织"),
    ),
)


_CLAUSE_END = re.compile(r"[.;!?。；！？]")


def context_kind(text: str, end: int, default: str) -> str:
    """The kind the words right after a name give it (", a benchmark for ...")."""
    window = _CLAUSE_END.split(text[end : end + 60], maxsplit=1)[0]
    best: tuple[int, str] | None = None
    for pattern, kind in _NOUN_KIND:
        match = pattern.search(window)
        if match and match.start() < 45 and (best is None or match.start() < best[0]):
            best = (match.start(), kind)
    return best[1] if best else default


# Names the rules produce that are words, not entities.
NOT_NAMES = frozenset(
    {
        "the ai",
        "open ai",
        "gen ai",
        "generative ai",
        "artificial intelligence",
    }
)


class Found(NamedTuple):  # a tuple: several are made per article
    name: str
    kind: str
    start: int
    end: int
    why: str


def discover(
    text: str, tokens: AbstractSet[str] | None = None, taken: bytearray | None = None
) -> list[Found]:
    """Candidate names in ``text`` (already folded: ASCII hyphens), overlaps allowed.

    ``tokens``, if the caller has them, are the text's lower-case tokens
    (``extractors.tokenizer.split(text).words``); they only make the rules cheaper to skip.
    ``taken``, one byte per character of ``text``, non-zero where a name already stands:
    candidates that overlap one are left out.
    """
    out = []
    for rule in _live(RULES, text, tokens):
        for m in rule.pattern.finditer(text):
            start, end = m.span("name")
            if taken is not None and any(taken[start:end]):
                continue
            name = m.group("name")
            if len(name) < 3 or name.casefold() in NOT_NAMES:
                continue
            if rule.whole_phrase:
                before = _WORD_BEFORE.search(text, max(0, start - 30), start)
                if before and before.group(1)[0].isupper():
                    continue
            out.append(Found(name, rule.kind, start, end, rule.why))
    for ctx in _live(CONTEXT_RULES, text, tokens):
        for m in ctx.pattern.finditer(text):
            name = m.group("name").rstrip(".-")
            if name.casefold() in NOT_NAMES or len(name) < 2:
                continue
            start = m.start("name")
            end = start + len(name)
            if taken is not None and any(taken[start:end]):
                continue
            kind = context_kind(text, end, ctx.default) if ctx.typed_by_context else ctx.default
            out.append(Found(name, kind, start, end, ctx.why))
    return out
