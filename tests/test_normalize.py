from kg.normalize import display_name, entity_id, fold_chars, slugify


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
