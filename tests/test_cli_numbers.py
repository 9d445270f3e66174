"""Issue 20: numbers on the command line and in settings that no sane run uses (10**20, inf,
nan, negative) are a one-line error naming the input, never a traceback."""

from __future__ import annotations

import pytest

HUGE = "9" * 25


def _one_line_error(result, *words: str) -> None:
    assert result.code in (1, 2), (result.code, result.out, result.err)
    assert "Traceback" not in result.err
    text = " ".join(result.err.split())
    for word in words:
        assert word in text, text


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (HUGE, ["parameter limit", "outside the 64-bit integer range"]),
        ("9" * 5000, ["parameter limit", "expected INT"]),
        (str(2**63), ["outside the 64-bit integer range"]),
    ],
)
def test_a_huge_integer_query_parameter_is_named(value, words, sample_store, sample_days, kg):
    args = ("--param", f"day={sample_days[-1]}", "--param", f"limit={value}")
    result = kg("query", "top_entities", *args, "--store", sample_store)
    _one_line_error(result, *words)
    assert kg("query", "top_entities", *args[:2], "--store", sample_store).code == 0


def test_the_largest_64_bit_limit_is_accepted(sample_store, sample_days, kg):
    args = ("--param", f"day={sample_days[-1]}", "--param", f"limit={2**63 - 1}")
    result = kg("query", "top_entities", *args, "--store", sample_store, "--json")
    assert result.code == 0 and len(result.json()) > 0


def test_cypher_parameters_are_strings_whatever_their_digits(sample_store, kg):
    result = kg(
        "cypher", "RETURN $x AS v", "--param", f"x={HUGE}", "--store", sample_store, "--json"
    )
    assert result.code == 0 and result.json() == [{"v": HUGE}]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("trends", "--window", HUGE), ["--window", "3660"]),
        (("trends", "--baseline", HUGE), ["--baseline", "100"]),
        (("trends", "--window", "0"), ["--window"]),
        (("ingest", "arxiv", "--category", "cs.AI", "--max", HUGE), ["--max", "100000"]),
        (("ingest", "arxiv", "--category", "cs.AI", "--max", "-5"), ["--max"]),
        (("export", "csv", "--out", "x", "--since", "0001-01-01"), ["--since 0001-01-01", "1900"]),
    ],
)
def test_out_of_range_options_are_usage_errors(args, words, sample_store, kg, tmp_path):
    # typer's usage errors go to stderr in a box; the point is: exit 2, the option named
    result = kg(*args, "--store", sample_store)
    assert result.code == 2, (result.out, result.err)
    assert "Traceback" not in result.err
    text = " ".join(result.err.split())
    for word in words:
        assert word in text, text


def test_the_largest_window_and_baseline_run(sample_store, kg):
    args = ("--date", "1900-01-01", "--window", "3660", "--baseline", "100")
    result = kg("trends", *args, "--store", sample_store)
    assert result.code == 0, result.err
    assert "Traceback" not in result.err and "OverflowError" not in result.err


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("KG_MAX_ARTICLE_MB", "1e400"),
        ("KG_MAX_ARTICLE_MB", "nan"),
        ("KG_MAX_ARTICLE_MB", "-1"),
        ("KG_BUFFER_POOL_MB", HUGE),
        ("KG_HTTP_DEADLINE", "inf"),
        ("KG_WORKERS", "0"),
    ],
)
def test_absurd_numeric_settings_are_named(name, value, monkeypatch, tmp_path, kg):
    record = tmp_path / "a.jsonl"
    record.write_text(
        '{"url": "https://example.com/a", "title": "Nimbus Labs", "published": "2026-03-02",'
        ' "text": "Nimbus Labs said it raised money."}\n',
        encoding="utf-8",
    )
    monkeypatch.setenv(name, value)
    result = kg("ingest", "files", record, "--store", tmp_path / "g.lbdb")
    field = name.removeprefix("KG_").lower()
    _one_line_error(result, "invalid settings", field, "is outside")
    assert not (tmp_path / "g.lbdb").exists()
