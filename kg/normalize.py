"""Text normalisation shared by extraction, resolution and ids.

Feeds write names with typographic hyphens (``Mify‑Coder`` uses U+2011), full-width
letters, non-breaking spaces and stray case. Matching and ids must not depend on any of
that, while offsets into the original text must survive, so ``fold_chars`` maps one
character to one character.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# U+2010..U+2015 (hyphen, non-breaking hyphen, figure dash, en dash, em dash,
# horizontal bar), U+2212 minus, U+FE63 small hyphen-minus, U+FF0D full-width hyphen.
HYPHENS = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63\uff0d"
_SPACES = "\u00a0\u2007\u202f\u3000\u200b"
_WS = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch in HYPHENS:
        return "-"
    if ch in _SPACES:
        return " "
    folded = unicodedata.normalize("NFKC", ch)
    # Keep a 1:1 mapping so span offsets found in folded text index the original.
    return folded if len(folded) == 1 else ch


class _FoldTable(dict):
    """Code point -> folded character, filled in as characters are first seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()
# Characters that may fold: neither ASCII nor a CJK unified ideograph (NFKC keeps those,
# and they are most of a Chinese text). A test checks the ideographs fold to themselves.
_MAY_FOLD = re.compile(r"[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]")
_SHORT = 64  # below this many characters one translate costs less than finding what folds


def fold_chars(text: str) -> str:
    """Length-preserving normalisation: hyphens, odd spaces, full-width forms."""
    if text.isascii():
        return text
    if len(text) < _SHORT:
        return text.translate(_FOLD_TABLE)
    # translate looks every character up in a dict; a text holds a few distinct characters
    # that fold, each replaced in one C-speed pass
    pairs = []
    for ch in set(_MAY_FOLD.findall(text)):
        folded = _FOLD_TABLE[ord(ch)]
        if folded != ch:
            if _FOLD_TABLE[ord(folded)] != folded:
                # (U+FE58 folds to an em dash, which folds on: one pass must not chain)
                return text.translate(_FOLD_TABLE)
            pairs.append((ch, folded))
    for ch, folded in pairs:
        text = text.replace(ch, folded)
    return text


def normalize_name(name: str) -> str:
    """Canonical comparison form: NFKC, ASCII hyphens, single spaces, casefolded."""
    text = unicodedata.normalize("NFKC", fold_chars(name))
    return _WS.sub(" ", text).strip().casefold()


def display_name(name: str) -> str:
    """A name as stored: NFKC with ASCII hyphens and single spaces, case kept."""
    text = unicodedata.normalize("NFKC", fold_chars(name))
    return _WS.sub(" ", text).strip()


def slugify(name: str) -> str:
    """Slug for ids: normalised, with spaces and hyphens collapsed to one hyphen.

    ``Llama 3.1`` and ``Llama-3.1`` share a slug on purpose; CJK characters are kept.
    """
    text = normalize_name(name)
    text = re.sub(r"[\s\-_/]+", "-", text)
    text = re.sub(r"[^\w.+#&-]", "", text)
    return text.strip("-") or "x"


def entity_id(kind: str, name: str) -> str:
    return f"{kind}:{slugify(name)}"
