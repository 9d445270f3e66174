"""The synthetic corpus generator: deterministic, and its two styles as dense as they claim."""

import json
from pathlib import Path

import pytest

from benchmarks.generate import generate
from extractors import default_extractor

SAMPLE = Path(__file__).resolve().parent.parent / "kg" / "sample" / "articles_en.jsonl"


def _names_per_kchar(records) -> float:
    extractor = default_extractor()
    names = chars = 0
    for r in records:
        names += len(extractor.extract(r["text"], title=r["title"], lang=r["lang"]).entities)
        chars += len(r["title"]) + 1 + len(r["text"])
    return 1000 * names / chars


def test_same_seed_same_corpus_and_unknown_style_is_refused():
    assert list(generate(50, 2)) == list(generate(50, 2))
    assert list(generate(50, 2, seed=8)) != list(generate(50, 2))
    with pytest.raises(ValueError, match="style"):
        list(generate(5, 1, style="sparse"))


def test_news_style_is_paragraphed_and_no_denser_than_prose_while_dense_style_is_denser():
    news = [r for r in generate(400, 2) if r["lang"] == "en"]
    dense = [r for r in generate(400, 2, style="dense") if r["lang"] == "en"]
    prose = [json.loads(line) for line in SAMPLE.read_text(encoding="utf-8").splitlines()]

    assert sum("\n\n" in r["text"] for r in news) >= 0.7 * len(news)
    assert not any("\n" in r["text"] for r in dense)
    assert {r["source_kind"] for r in news} == {"news", "research", "threat"}

    in_news, in_dense, in_prose = map(_names_per_kchar, (news, dense, prose))
    assert 0.3 * in_prose <= in_news <= in_prose < in_dense


def test_background_sentences_name_nothing_the_extractor_would_discover():
    import random

    from benchmarks import background
    from benchmarks.generate import fill_slots

    extractor = default_extractor()
    rng = random.Random(3)
    for pool, lang in [
        (background.NEWS, "en"),
        (background.RESEARCH, "en"),
        (background.THREAT, "en"),
        (background.ZH, "zh-Hant"),
    ]:
        for sentence in pool:
            text = fill_slots(sentence, {"weekday": "Monday"}, rng, lambda: "the firm")
            found = extractor.extract(text, lang=lang)
            assert not [e.name for e in found.entities if e.discovered], text


def test_real_style_sits_near_the_calibration_and_keeps_other_styles_apart():
    from benchmarks.corpus_stats import corpus_stats
    from benchmarks.generate import _calibration

    target = _calibration()
    records = list(generate(300, 2, style="real"))
    assert list(generate(40, 2, style="real")) == list(generate(40, 2, style="real"))
    measured = corpus_stats(records, default_extractor())
    for lang in ("en", "zh"):
        want, got = target[lang], measured[lang]
        assert 0.8 * want["chars_median"] <= got["chars_median"] <= 1.25 * want["chars_median"]
        for key in ("names_per_kchar", "relations_per_kchar"):
            assert 0.6 * want[key] <= got[key] <= 1.5 * want[key], (lang, key, got[key])
    en = measured["en"]
    # typographic marks in about the measured share of English articles, not in all or none
    assert abs(en["non_ascii_article_share"] - target["en"]["non_ascii_article_share"]) < 0.15
    assert en["per_kchar"]["rsquo"] > 0 and en["per_kchar"]["mdash"] > 0
    # no range dash inside an identifier: CVE ids keep their ASCII hyphen
    assert not any(
        "CVE-2" in r["text"] and "\u2013" in r["text"].split("CVE-")[1][:5] for r in records
    )
    news = corpus_stats([r for r in generate(300, 2) if r["lang"] == "en"])["en"]
    assert en["vocabulary"]["5000"] > news["vocabulary"]["5000"]
