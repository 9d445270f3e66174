"""The tokenizer's shortcuts give what the plain definitions give.

``split`` lowers a whole text at once unless it holds a character that lowers by context
or grows ("Σ", "İ"); ``PhraseFinder`` looks only at tokens that open a phrase. Both are
checked against the plain definitions on invented text mixing scripts.
"""

from hypothesis import given, settings
from hypothesis import strategies as st

from extractors.tokenizer import TOKEN, PhraseFinder, split, token_spans


def _words_and_spans(text):
    parts = split(text)
    ends = parts.ends
    return parts.words, [(ends[2 * k], ends[2 * k + 1]) for k in range(len(parts.words))]


def test_greek_final_sigma_and_dotted_capital_i_are_lowered_word_by_word():
    for text in (
        "ΟΔΥΣΣΕΥΣ sailed",
        "ΑΣ.ΒΑ and ΑΣ'Β",
        "İstanbul Labs and ΣΟΦΙΑ",
        "Ünïcode café 東京AI",
    ):
        words, spans = _words_and_spans(text)
        assert words == [w.lower() for w in TOKEN.findall(text)]
        assert spans == token_spans(text)


_PIECES = ["Σ", "ΣΑ", "İ", "ß", "Straße", "ǅ", "東京", "AI", "Lab", " ", "-", ".", "é", "x1", "\n"]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=12))
def test_split_gives_the_lowered_tokens_and_their_spans(parts):
    text = "".join(parts)
    words, spans = _words_and_spans(text)
    assert words == [w.lower() for w in TOKEN.findall(text)]
    assert spans == token_spans(text)


def _plain_phrases(finder, phrases, text):
    """Every phrase occurrence over the tokens, then the longest, earliest, non-overlapping."""
    spans = token_spans(text)
    words = [text[s:e].lower() for s, e in spans]
    table = {}
    for phrase, value in phrases:
        key = tuple(w.lower() for w in TOKEN.findall(phrase))
        if key:
            table.setdefault(key, value)
    found = [
        (i, j, table[tuple(words[i:j])])
        for i in range(len(words))
        for j in range(i + 1, len(words) + 1)
        if tuple(words[i:j]) in table
    ]
    found.sort(key=lambda m: (m[0] - m[1], m[0]))
    taken, kept = set(), []
    for i, j, value in found:
        if not taken & set(range(i, j)):
            kept.append((i, j, value))
            taken.update(range(i, j))
    kept.sort()
    return [(spans[i][0], spans[j - 1][1], value) for i, j, value in kept]


_PHRASES = [
    ("Velora Labs", 1),
    ("Velora", 2),
    ("Labs", 3),
    ("Quill Model 2", 4),
    ("Quill", 5),
    ("鳴鳥大模型", 6),
    ("AI代理", 7),
    ("Model 2 Pro", 8),
]


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["Velora", "Labs", "Quill", "Model", "2", "Pro", "鳴鳥", "大模型", "AI", "代理"]
        )
        | st.sampled_from([" ", ", ", "-", "the"]),
        max_size=14,
    )
)
def test_the_phrase_finder_keeps_the_longest_earliest_phrases(parts):
    text = " ".join(parts)
    finder = PhraseFinder(_PHRASES)
    assert finder(text) == _plain_phrases(finder, _PHRASES, text)
