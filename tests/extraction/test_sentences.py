import re

from extractors.sentences import _word_before, sentence_spans


def test_an_abbreviation_ends_no_sentence():
    text = "Dana Voss joined Kestrel Inc. in May. She leads research.\n\nNext line"
    spans = [text[s:e] for s, e in sentence_spans(text)]
    assert spans == [
        "Dana Voss joined Kestrel Inc. in May. ",
        "She leads research.\n\n",
        "Next line",
    ]


def test_a_line_of_spaces_is_no_sentence():
    assert sentence_spans("One\n \u3000\nTwo") == [(0, 4), (7, 10)]
    assert sentence_spans(" \n ") == []


def test_the_word_before_a_full_stop_is_what_the_pattern_finds():
    # (the run of letters and dots before ``end``, also before a line break there, and
    # longer than the look-back window)
    word_end = re.compile(r"[A-Za-z.]+$")
    texts = ["Kestrel Inc", "x e.g", "Inc\n", "a\n\n", "Supercalifragilisticexpialidocious", "1 ab"]
    for text in texts:
        for start in range(len(text) + 1):
            for end in range(start, len(text) + 1):
                m = word_end.search(text, start, end)
                assert _word_before(text, start, end) == (m.group() if m else None)
