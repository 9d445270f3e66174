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
from extractors.words import word_list

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
            r"\b(?:tool|library|platform|app|assistant|agent|SDK|toolkit|chip|GPU|processor|"
            r"accelerator|superchip|browser)s?\b|工具|平台|應用|助手|晶片|芯片",
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


# The word lists the rules consult (data: ``words.yaml``; each list says there what it holds).
COMMON_WORDS = word_list("common_words")
PLACES = word_list("places")
NATIONALITIES = word_list("nationalities")
TITLES = word_list("titles")
ZH_GENERIC = word_list("zh_generic")
ZH_FUNCTION_CHARS = word_list("zh_function_chars")
