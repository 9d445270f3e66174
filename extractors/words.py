"""The word lists of the discovery, coordination and sentence rules (``words.yaml``): words
that stand where a name would but name nothing, read once into frozen sets."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from extractors.rule_files import read_rules
from kg.errors import ExtractionError

WORDS_FILE = Path(__file__).with_name("words.yaml")
_BODIES = ("words", "phrases", "chars")


@lru_cache(maxsize=4)
def load_words(path: Path = WORDS_FILE) -> dict[str, frozenset[str]]:
    """Each list of ``path`` by its key: ``words`` split on white space, ``phrases`` as
    listed, ``chars`` one member a character."""
    lists: dict[str, frozenset[str]] = {}
    for key, entry in read_rules(path).items():
        body = [b for b in _BODIES if isinstance(entry, dict) and b in entry]
        if len(body) != 1 or not isinstance(entry.get("why"), str):
            raise ExtractionError(
                f"{path}: list {key!r} needs a `why` and exactly one of {', '.join(_BODIES)}"
            )
        value = entry[body[0]]
        if body[0] == "phrases":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ExtractionError(f"{path}: {key}.phrases must be a list of strings")
            lists[key] = frozenset(value)
        elif not isinstance(value, str):
            raise ExtractionError(f"{path}: {key}.{body[0]} must be a string")
        elif body[0] == "words":
            lists[key] = frozenset(value.split())
        else:
            lists[key] = frozenset(value.strip())
    return lists


def word_list(key: str, path: Path = WORDS_FILE) -> frozenset[str]:
    """One list of ``path``; a missing key is an error naming the file."""
    lists = load_words(path)
    if key not in lists:
        raise ExtractionError(f"{path}: no list {key!r} (the extractor needs it)")
    return lists[key]
