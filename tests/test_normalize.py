from kg.normalize import _fold_char, display_name, entity_id, fold_chars, slugify


def test_typographic_hyphens_fold_to_ascii_keeping_length():
    text = "Mify\u2011Coder and SoulX\u2013LiveTalk"
    folded = fold_chars(text)
    assert folded == "Mify-Coder and SoulX-LiveTalk"
    assert len(folded) == len(text)


def test_spellings_of_one_name_share_an_id():
    assert (
        entity_id("Model", "Llama 3.1")
        == entity_id("Model", "Llama-3.1")
        == entity_id("Model", "llama\u20113.1")
    )
    assert entity_id("Model", "Velora-7B") != entity_id("Organization", "Velora-7B")
    assert slugify("輝達") == "輝達"
    assert display_name("  GPT\u20114o\u00a0mini ") == "GPT-4o mini"


def test_folding_a_long_text_is_folding_each_character():
    # (a long text takes the replace path; U+FE58 folds to an em dash, which folds on)
    text = "Mify\u2011Coder\u3000ＧＰＴ\ufe58４ \u2014 輝達領投 " * 5
    assert fold_chars(text) == "".join(_fold_char(ch) for ch in text)
    assert fold_chars(text[:10]) == "".join(_fold_char(ch) for ch in text[:10])


def test_cjk_ideographs_fold_to_themselves():
    # fold_chars skips them when it looks for what to fold
    for lo, hi in ((0x3400, 0x4DC0), (0x4E00, 0xA000)):
        assert all(_fold_char(chr(c)) == chr(c) for c in range(lo, hi))
