"""Pattern rules that find names no list holds yet: the week's new model or benchmark.

Each rule is a regular expression over case- and hyphen-folded text with one named group
``name``; what it finds is marked ``discovered`` so reports can say the name is new to
the gazetteer. Rules are ordered from most to least specific.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    kind: str
    pattern: re.Pattern[str]
    why: str
    # A capitalised word right before the match means it is the tail of a longer phrase
    # ("The Open Source AI" is not a company "Source AI").
    whole_phrase: bool = False


def _rule(kind: str, pattern: str, why: str, whole_phrase: bool = False) -> Rule:
    # \b fails between a CJK character and a Latin name ("領投Velora Labs"): use a Latin-only
    # boundary so names glued to Chinese text are found.
    pattern = pattern.replace(r"\b(?P<name>", r"(?<![A-Za-z0-9_])(?P<name>")
    if pattern.endswith(r")\b"):
        pattern = pattern[:-2] + r"(?![A-Za-z0-9_])"
    return Rule(kind, re.compile(pattern), why, whole_phrase)


_WORD_BEFORE = re.compile(r"([A-Za-z]+)[ ]$")


_CAP = r"[A-Z][A-Za-z0-9]*"
# Words that start capitalised phrases in headlines but never begin a name.
_STOP = (
    r"(?!(?:The|A|An|This|That|These|Its|Their|Our|New|Open|Generative|Agentic|Physical|Responsible|"
    r"Sovereign|Enterprise|Frontier|Chinese|American|European|Global|Leading|Top|Why|How|What|"
    r"When|Other|Many|Some|In|On|At|For|With|From|And|But|Both|Every|All|Legacy|Modern)\b)"
)

RULES: tuple[Rule, ...] = (
    _rule("Vulnerability", r"\b(?P<name>CVE-\d{4}-\d{4,7})\b", "CVE identifier"),
    _rule(
        "ThreatActor",
        r"\b(?P<name>(?:APT ?\d{1,3}|UNC\d{3,5}|TA\d{3,4}|Storm-\d{3,4}|DEV-\d{4}|"
        r"TGR-STA-\d{3,5}|CL-STA-\d{3,5}|FIN\d{1,2}|TAG-\d{2,4}|Void [A-Z][a-z]+))\b",
        "vendor threat-actor identifier",
    ),
    _rule(
        "ThreatActor",
        rf"\b(?P<name>{_STOP}[A-Z][a-z]+ (?:Typhoon|Blizzard|Sleet|Sandstorm|Tempest|Hail|Dust|"
        r"Panda|Bear|Kitten|Chollima|Spider|Jackal|Tiger|Ocelot))\b",
        "vendor naming scheme (weather / animal)",
    ),
    _rule(
        "Benchmark",
        r"\b(?P<name>[A-Z][A-Za-z0-9.+]*(?:-[A-Za-z0-9.+]+)*-?(?:Bench|bench|BENCH)(?:-[A-Z0-9][A-Za-z0-9_.]*)?)\b",
        "*Bench / *-Bench name",
    ),
    _rule(
        "Model",
        r"\b(?P<name>[A-Z][A-Za-z]+(?:-[A-Za-z][A-Za-z0-9]*)*-\d+(?:\.\d+)?[BMT]"
        r"(?:-[A-Z][A-Za-z0-9]*)*)\b",
        "model name with a parameter count (Name-7B, Name-Coder-2.5B)",
    ),
    _rule(
        "Model",
        r"\b(?P<name>[A-Z][A-Za-z0-9.]*(?:-[A-Za-z0-9.]+)*-(?:Coder|Instruct|Chat|VL|Vision|"
        r"Math|Reasoner|Turbo|Flash|Mini|Omni|LiveTalk|Preview)(?:-[A-Za-z0-9_.]+)*)\b",
        "model name with a variant suffix (Name-Coder, X-LiveTalk)",
    ),
    _rule(
        "Model",
        r"\b(?P<name>[A-Z][A-Za-z]+-V\d+(?:\.\d+)*)\b",
        "model name with a version (Name-V3.2)",
    ),
    _rule(
        "Model",
        r"\b(?P<name>(?!CVE|COVID|SARS|MIL|ISO|RFC|UTF|SHA|MP|PS|F|B|A|Q|H|X|W)[A-Z][A-Za-z]*-\d+(?:\.\d+)*[a-z]?(?:[ -](?:mini|Pro|Turbo|Flash|Max|Ultra|Plus))?)(?![A-Za-z0-9_-])",
        "model name with a version number (GPT-4.1, GLM-4.5, Phi-4)",
    ),
    _rule(
        "Person",
        r"(?:\b(?:CEO|CTO|COO|CFO|founder|co-founder|cofounder|chief executive|chief scientist|"
        r"president|chairman|researcher|professor|analyst)\s+)(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\b",
        "title before a person's name",
    ),
    _rule(
        "Person",
        r"(?:執行長|执行长|首席執行官|首席执行官|創辦人|创办人|創始人|创始人|總裁|总裁|技術長|技术长|研究員|研究员)\s*(?P<name>[A-Z][a-z]+ [A-Z][a-z]+)(?![A-Za-z])",
        "Chinese title before a Latin name",
    ),
    _rule(
        "Person",
        r"\b(?P<name>[A-Z][a-z]+ [A-Z][a-z]+),\s+(?:the\s+)?(?:CEO|CTO|co-?founder|founder|"
        r"chief [a-z]+ officer|president|head)\b",
        "person's name before a title",
    ),
    _rule(
        "Malware",
        rf"\b(?P<name>{_STOP}[A-Z][A-Za-z0-9]+) (?:malware|backdoor|ransomware|loader|stealer|"
        r"implant|wiper|dropper|rootkit|RAT|botnet)\b",
        "name before a malware noun",
        whole_phrase=True,
    ),
    _rule(
        "Malware",
        r"\b(?:malware|backdoor|implant|loader|wiper|dropper|rootkit|stealer)\s+(?:called\s+|"
        r"named\s+|dubbed\s+|known as\s+)?(?P<name>[A-Z][A-Za-z0-9]+(?:[A-Z][a-z0-9]+)*)\b",
        "malware noun before a name",
    ),
    _rule(
        "Malware",
        r"(?:惡意程式|恶意程序|惡意軟體|恶意软件|後門|后门|勒索軟體|勒索软件)\s*(?P<name>[A-Z][A-Za-z0-9]{2,})",
        "malware noun before a name (zh)",
    ),
    _rule(
        "Malware",
        r"(?P<name>[A-Z][A-Za-z0-9]{2,})\s*(?:惡意程式|恶意程序|惡意軟體|恶意软件|後門程式|勒索軟體|勒索软件)",
        "name before a malware noun (zh)",
    ),
    _rule(
        "Organization",
        rf"\b(?P<name>{_STOP}{_CAP}(?: {_CAP})? (?:Labs|AI|Technologies|Robotics|Research|Systems|Inc\.|Ltd\.))"
        r"(?![A-Za-z])",
        "company-name suffix (X Labs, X AI)",
        whole_phrase=True,
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


# A proper name of one to three capitalised words ("OpenAI", "Hugging Face", "Mistral AI").
_PROPER = rf"{_STOP}(?!(?:We|It|They|He|She|Researchers|Developers|Analysts|Investors|Officials)\b)[A-Z][A-Za-z0-9&.]*[a-z0-9A-Z](?: [A-Z][A-Za-z0-9&]+){{0,2}}"
_DEAL_VERB = r"(?:released|launched|unveiled|introduced|raised|acquired|acquires|announced|partners with|partnered with|led a|invested|open-sourced|debuted)"

CONTEXT_RULES: tuple[ContextRule, ...] = (
    ContextRule(
        re.compile(rf"(?<![A-Za-z0-9,] )(?<![A-Za-z0-9])(?P<name>{_PROPER}) {_DEAL_VERB}\b"),
        "Organization",
        "X released / raised / acquired ...",
        typed_by_context=False,
    ),
    ContextRule(
        re.compile(
            rf"\b(?:acquired|acquires|acquire|invested in|partners with|partnered with|round in|stake in|backed) (?P<name>{_PROPER})(?=[ ,.;:'’]|$)"
        ),
        "Organization",
        "acquired / invested in X",
        typed_by_context=False,
    ),
    ContextRule(
        re.compile(
            r"(?:^|[。！？；，\s])(?P<name>[A-Z][A-Za-z0-9.&-]+(?: [A-Z][A-Za-z0-9]+)?)(?=\s?(?:發布|发布|推出|宣布|領投|领投|收購|收购|開源|开源))"
        ),
        "Organization",
        "X 發布 / 推出 ...",
        typed_by_context=False,
    ),
    ContextRule(
        re.compile(
            rf"\b(?:we|We|they|They|authors) (?:propose|introduce|present|release|develop|build|design)s?d? (?:a |an |the )?(?:new |novel )?(?:[a-z-]+ )?(?P<name>{_COINED})"
        ),
        "Method",
        "we propose X",
    ),
    ContextRule(
        re.compile(
            rf"(?P<name>{_COINED}),? (?:a|an) (?:new|novel|open|open-source|open-weight|lightweight|small|large|\d[\w.]*)\b"
        ),
        "Method",
        "X, a new ...",
    ),
    ContextRule(
        re.compile(
            rf"\b(?:startup|start-up|company|lab|unicorn|firm) (?P<name>{_CAP}(?: {_CAP})?)(?= [a-z]|[,.])"
        ),
        "Organization",
        "startup X",
        typed_by_context=False,
    ),
    ContextRule(
        re.compile(
            r"(?:提出|發布|发布|推出|發表|发表|開源|开源)了?(?:新一代|新的|名為|名为|一個|一个|全新)?\s*[「“]?(?P<name>[A-Z][A-Za-z0-9]*(?:[-.+][A-Za-z0-9]+)*)"
        ),
        "Model",
        "提出 / 發布 X",
    ),
    ContextRule(
        re.compile(
            r"(?:駭客組織|黑客组织|駭客集團|黑客团伙|威脅組織|威胁组织|APT組織|APT组织)\s*[「“]?(?P<name>[A-Za-z][A-Za-z0-9_-]*(?: [A-Z][a-z]+)?|[\u4e00-\u9fff]{2,6}(?=[」”]))"
        ),
        "ThreatActor",
        "駭客組織 X",
        typed_by_context=False,
    ),
)


def context_kind(text: str, end: int, default: str) -> str:
    """The kind the words right after a name give it (", a benchmark for ...")."""
    window = re.split(r"[.;!?。；！？]", text[end : end + 60], maxsplit=1)[0]
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


@dataclass(frozen=True)
class Found:
    name: str
    kind: str
    start: int
    end: int
    why: str
    rank: int = 1  # where two candidates cover the same span, the lower rank wins


# A cheap test per rule: when its needle is absent the rule cannot match, so skip it.
_NEEDLES: dict[str, re.Pattern[str]] = {
    "CVE identifier": re.compile("CVE-"),
    "vendor threat-actor identifier": re.compile(r"APT|UNC|TA\d|Storm-|DEV-|STA-|FIN\d|TAG-|Void "),
    "vendor naming scheme (weather / animal)": re.compile(
        r"Typhoon|Blizzard|Sleet|Sandstorm|Tempest|Hail|Dust|Panda|Bear|Kitten|Chollima|Spider|Jackal|Tiger|Ocelot"
    ),
    "*Bench / *-Bench name": re.compile("[Bb]ench|BENCH"),
    "model name with a parameter count (Name-7B, Name-Coder-2.5B)": re.compile(r"\d[BMT]\b"),
    "model name with a version (Name-V3.2)": re.compile(r"-V\d"),
    "model name with a version number (GPT-4.1, GLM-4.5, Phi-4)": re.compile(r"[A-Za-z]-\d"),
}


# What may follow a known model name to make a newer one: "Gemma" -> "Gemma 3",
# "GPT-4" -> "GPT-4.1", "Claude 3" -> "Claude 3.5 Sonnet", "Qwen2.5" -> "Qwen2.5-Coder".
_MODEL_VARIANT = (
    r"(?:\d+(?:\.\d+)?[BMT]|Pro|Sonnet|Opus|Haiku|Flash|Mini|mini|Ultra|Max|Plus|Turbo|Nano|"
    r"Lite|Small|Medium|Large|Coder|Instruct|Chat|VL|Vision|Math|Reasoner|Preview|Omni|Thinking)"
)
_EXTENSION = {
    "Model": re.compile(
        r"(?:(?:\.\d+)+[a-z]?|[ -](?:\d{1,2}(?:\.\d+)*[a-z]?|[A-Z]\d{1,2}(?:\.\d+)?)(?![\d.]\d))?"
        rf"(?:[ -]{_MODEL_VARIANT})*(?![A-Za-z0-9])"
    ),
    "Benchmark": re.compile(
        r"(?:[ -](?:Verified|Lite|Pro|Hard|Plus|Multimodal|Live|Full|Extended|Diamond|Redux|"
        r"\d{1,2}(?:\.\d+)?))+(?![A-Za-z0-9])"
    ),
}


def extend_known(text: str, known: Iterable[tuple[int, int, str]]) -> list[Found]:
    """A known family name followed by a version or variant: a new member of the family."""
    out = []
    for start, end, kind in known:
        pattern = _EXTENSION.get(kind)
        if pattern is None:
            continue
        m = pattern.match(text, end)
        if m and m.end() > end:
            out.append(Found(text[start : m.end()], kind, start, m.end(), "known name + version"))
    return out


def settle(found: Iterable[Found], known: list[tuple[int, int]]) -> tuple[list[Found], set[int]]:
    """Discovered names that do not clash with each other or with ``known`` spans.

    A discovered name that strictly contains known spans replaces them ("GPT-4.1" over
    "GPT-4", "Perplexity AI" over "Perplexity"); one that only partly overlaps a known
    span, or lies inside it, gives way. Returns the names kept and the known spans replaced.
    """
    kept: list[Found] = []
    replaced: set[int] = set()
    for f in sorted(found, key=lambda f: (f.start, -(f.end - f.start), f.rank)):
        if any(f.start < k.end and k.start < f.end for k in kept):
            continue
        inside = []
        clash = False
        for i, (start, end) in enumerate(known):
            if f.start < end and start < f.end:
                if f.start <= start and end <= f.end and (start, end) != (f.start, f.end):
                    inside.append(i)
                else:
                    clash = True
                    break
        if clash:
            continue
        replaced.update(inside)
        kept.append(f)
    return kept, replaced


def discover(text: str, known: Iterable[tuple[int, int, str]] = ()) -> list[Found]:
    """Candidate names in ``text`` (already folded: ASCII hyphens), overlaps allowed.

    ``known`` are the spans (start, end, kind) the gazetteer already found, so a known
    family name followed by a new version can be proposed as a new name.
    """
    out = extend_known(text, known)
    for rule in RULES:
        needle = _NEEDLES.get(rule.why)
        if needle is not None and not needle.search(text):
            continue
        for m in rule.pattern.finditer(text):
            name = m.group("name")
            if name.casefold() in NOT_NAMES or len(name) < 3:
                continue
            if rule.whole_phrase:
                before = _WORD_BEFORE.search(text, max(0, m.start("name") - 30), m.start("name"))
                if before and before.group(1)[0].isupper():
                    continue
            out.append(Found(name, rule.kind, m.start("name"), m.end("name"), rule.why))
    for ctx in CONTEXT_RULES:
        for m in ctx.pattern.finditer(text):
            name = m.group("name").rstrip(".-")
            if name.casefold() in NOT_NAMES or len(name) < 2:
                continue
            start = m.start("name")
            kind = (
                context_kind(text, start + len(name), ctx.default)
                if ctx.typed_by_context
                else ctx.default
            )
            out.append(Found(name, kind, start, start + len(name), ctx.why))
    return out
