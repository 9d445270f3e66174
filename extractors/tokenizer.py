"""One tokenizer for English and Chinese text, and for the gazetteer's phrase patterns.

spaCy's blank ``zh`` pipeline splits Latin words into letters and blank ``en`` splits
``Llama-3.1-8B`` unevenly. Names in AI news mix both scripts (``輝達領投Velora Labs``), so
tokens here are script runs: a run of letters/digits of a non-CJK script, one CJK
character, or one other non-space character. Patterns are tokenized the same way, so a
gazetteer phrase matches wherever its characters appear, with or without spaces.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc
from spacy.vocab import Vocab

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
TOKEN = re.compile(rf"(?:(?![{_CJK}])[^\W_])+|[{_CJK}]|\S")


def token_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN.finditer(text)]


class ScriptTokenizer:
    """A spaCy tokenizer: ``nlp.tokenizer = ScriptTokenizer(nlp.vocab)``."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        matches = list(TOKEN.finditer(text))
        for i, m in enumerate(matches):
            words.append(m.group())
            end = m.end()
            nxt = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            spaces.append(nxt > end and text[end] == " " and nxt == end + 1)
        if not words:
            return Doc(self.vocab, words=[], spaces=[])
        doc = Doc(self.vocab, words=words, spaces=spaces)
        # Runs of spaces and newlines are not kept in ``doc.text``; offsets into the input
        # live here so spans map back to the original characters.
        doc.user_data["offsets"] = [m.span() for m in matches]
        return doc

    # spaCy serialises tokenizers with the pipeline; this one has no state to save.
    def to_bytes(self, **_kwargs: object) -> bytes:
        return b""

    def from_bytes(self, _data: bytes, **_kwargs: object) -> ScriptTokenizer:
        return self
