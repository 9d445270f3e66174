"""The word lists (extractors/words.yaml): read from the file, each used by the rules."""

import re
from pathlib import Path

import pytest

from extractors.words import WORDS_FILE, load_words, word_list
from kg.errors import ExtractionError

from .helpers import names

EXTRACTORS = Path(__file__).resolve().parents[2] / "extractors"


def test_every_list_in_the_file_is_read_by_the_rules():
    source = "\n".join(p.read_text(encoding="utf-8") for p in EXTRACTORS.glob("*.py"))
    used = set(re.findall(r'word_list\("(\w+)"\)', source))
    assert used == set(load_words())


def test_the_three_shapes_of_a_list(tmp_path):
    path = tmp_path / "w.yaml"
    path.write_text(
        "a:\n  why: x\n  words: >-\n    Foo Bar\n    Baz\n"
        "b:\n  why: x\n  phrases: [the thing]\n"
        "c:\n  why: x\n  chars: 的是\n",
        encoding="utf-8",
    )
    lists = load_words(path)
    assert lists == {
        "a": frozenset({"Foo", "Bar", "Baz"}),
        "b": frozenset({"the thing"}),
        "c": frozenset({"的", "是"}),
    }


@pytest.mark.parametrize(
    "body",
    [
        "a:\n  words: Foo\n",  # no why
        "a:\n  why: x\n  words: Foo\n  chars: ab\n",  # two bodies
        "a:\n  why: x\n  phrases: the thing\n",  # phrases not a list
        "a:\n  why: x\n  words: [Foo]\n",  # words not a string
    ],
)
def test_a_broken_list_names_the_file(tmp_path, body):
    path = tmp_path / "broken.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(ExtractionError, match="broken.yaml"):
        load_words(path)


def test_a_missing_list_names_the_file_and_the_key():
    with pytest.raises(ExtractionError, match="no list 'nope'"):
        word_list("nope", WORDS_FILE)


def test_a_listed_word_names_nothing_where_a_name_would_stand(x):
    # "X said" makes a name of a capitalised subject, but not of a listed word.
    assert ("Velquor", "Organization") in names(x.extract("Velquor said the chips ship in May."))
    assert not names(x.extract("Separately said the chips ship in May."))
