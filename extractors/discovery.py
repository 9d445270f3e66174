"""Pattern rules that find names no list holds yet: the week's new model or benchmark.

Each rule is a regular expression over case- and hyphen-folded text with one named group
``name``; what it finds is marked ``discovered`` so reports can say the name is new to
the gazetteer. Rules are ordered from most to least specific.
"""

from __future__ import annotations

import re
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
        r"\b(?P<name>[A-Z][A-Za-z0-9.+]*(?:-[A-Za-z0-9.+]+)*-?(?:Bench|bench|BENCH)(?:-[A-Z0-9][\w.]*)?)\b",
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
        r"Math|Reasoner|Turbo|Flash|Mini|Omni|LiveTalk|Preview)(?:-[\w.]+)*)\b",
        "model name with a variant suffix (Name-Coder, X-LiveTalk)",
    ),
    _rule(
        "Model",
        r"\b(?P<name>[A-Z][A-Za-z]+-V\d+(?:\.\d+)*)\b",
        "model name with a version (Name-V3.2)",
    ),
    _rule(
        "Person",
        r"(?:\b(?:CEO|CTO|COO|CFO|founder|co-founder|cofounder|chief executive|chief scientist|"
        r"president|chairman|researcher|professor|analyst)\s+)(?P<name>[A-Z][a-z]+(?: [A-Z][a-z]+){1,2})\b",
        "title before a person's name",
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


def discover(text: str) -> list[Found]:
    """Candidate names in ``text`` (already folded: ASCII hyphens), overlaps allowed."""
    out = []
    for rule in RULES:
        for m in rule.pattern.finditer(text):
            name = m.group("name")
            if name.casefold() in NOT_NAMES or len(name) < 3:
                continue
            if rule.whole_phrase:
                before = _WORD_BEFORE.search(text, max(0, m.start("name") - 30), m.start("name"))
                if before and before.group(1)[0].isupper():
                    continue
            out.append(Found(name, rule.kind, m.start("name"), m.end("name"), rule.why))
    return out
