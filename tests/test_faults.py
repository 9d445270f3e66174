"""Fuzz and fault suite (issue 20): generated bad input never loses a record nor stops a run.

Bounded: every property runs a fixed, small number of examples with no per-example
deadline, so the suite takes well under a minute on two cores.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import textwrap
import time
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.cypher_guard import read_only_problem
from kg.safe_url import safe_link
from kg.safe_yaml import load_yaml

BOUNDED = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
_ids = itertools.count()

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = ["id", "url", "title", "published", "date", "lang", "text", "source", "entities", "tags"]
dates = st.one_of(
    st.datetimes().map(lambda d: d.isoformat()),
    st.sampled_from(["9999-12-31T23:59:00-05:00", "0001-01-01T00:10:00+08:00", "31 Dec 9999"]),
    json_values,
)
bad_records = st.fixed_dictionaries(
    {},
    optional={
        **{f: json_values for f in FIELDS},
        "published": dates,
        "extra": json_values,
    },
)


def _good(n: int) -> dict:
    return {
        "id": f"good-{n}",
        "url": f"https://example.com/good/{n}",
        "title": f"Nimbus Labs update {n}",
        "published": "2026-03-02T09:00:00+08:00",
        "text": f"Nimbus Labs released a robot arm on Monday, report {n}.",
    }


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    from extractors import default_extractor
    from kg.store import open_store

    store = open_store(tmp_path_factory.mktemp("fuzz") / "g.lbdb")
    yield store, default_extractor()
    store.close()


@BOUNDED
@given(batch=st.lists(st.one_of(bad_records, st.just(None)), min_size=1, max_size=8))
def test_generated_records_are_all_stored_or_quarantined(batch, shared, tmp_path):
    from kg.config import load_settings
    from kg.ontology import load_ontology
    from kg.pipeline import ingest
    from kg.sources.files import read_files

    store, extractor = shared
    lines = []
    for record in batch:
        n = next(_ids)
        lines.append(json.dumps(_good(n) if record is None else record, default=str))
    path = tmp_path / f"batch{next(_ids)}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = read_files([path], zone=load_settings().zone, ontology=load_ontology())
    report = ingest(records, store, extractor, batch_size=3)
    assert report.read == len(lines)
    assert report.new + report.updated + report.duplicate + report.quarantined == report.read
    assert report.new >= sum(r is None for r in batch)


@BOUNDED
@given(
    stamps=st.lists(
        st.one_of(
            st.sampled_from(
                ["Fri, 31 Dec 9999 23:59:59 GMT", "Mon, 01 Jan 0001 00:00:00 +0900", "garbage"]
            ),
            st.datetimes(timezones=st.just(UTC)).map(
                lambda d: d.strftime("%a, %d %b %Y %H:%M:%S GMT")
            ),
            st.text(max_size=20).filter(lambda t: "<" not in t and "&" not in t),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_feed_entries_with_any_date_are_kept_or_quarantined(stamps):
    from zoneinfo import ZoneInfo

    from kg.models import Article
    from kg.sources.feeds import parse_feed

    items = "".join(
        f"<item><title>Item {i}</title><link>https://example.com/{i}</link>"
        f"<pubDate>{stamp}</pubDate><description>Text {i}.</description></item>"
        for i, stamp in enumerate(stamps)
    )
    body = (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    )
    now = datetime(2026, 3, 2, tzinfo=UTC)
    out = list(
        parse_feed(
            body.encode(), "https://example.com/f", zone=ZoneInfo("Asia/Taipei"), fetched_at=now
        )
    )
    assert len(out) == len(stamps)
    for record in out:
        if isinstance(record, Article):
            assert datetime(1990, 1, 1, tzinfo=UTC) <= record.published


@BOUNDED
@given(text=st.text(max_size=300))
def test_yaml_loader_only_ever_refuses_with_a_value_error(text):
    try:
        load_yaml(text, "front matter")
    except ValueError as exc:
        assert "front matter" in str(exc)


@BOUNDED
@given(depth=st.integers(min_value=2, max_value=12), width=st.integers(min_value=2, max_value=9))
def test_yaml_alias_expansion_is_bounded(depth, width):
    lines = ["l0: &l0 [" + ", ".join(["x"] * width) + "]"]
    for i in range(1, depth):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * width) + "]")
    started = time.monotonic()
    try:
        value = load_yaml("\n".join(lines), "doc")
        assert width**depth <= 100_000 * width and isinstance(value, dict)
    except ValueError as exc:
        assert "aliases" in str(exc)
    assert time.monotonic() - started < 5


@BOUNDED
@given(
    words=st.lists(
        st.sampled_from(
            [
                "MATCH",
                "(a)",
                "RETURN",
                "a",
                "CREATE",
                "'x'",
                "LOAD",
                "FROM",
                "COPY",
                "TO",
                ";",
                "CALL",
                "show_tables()",
                "checkpoint_threshold=1",
                "SET",
                "a.x",
                "=",
                "1",
                "//",
                "\n",
            ]
        ),
        max_size=12,
    )
)
def test_cypher_guard_refuses_every_statement_that_names_a_write(words):
    statement = " ".join(words)
    problem = read_only_problem(statement)
    assert isinstance(problem, str)
    code = statement.split("//")[0] if "\n" not in statement else None
    if code is not None and any(w in code.split() for w in ("CREATE", "LOAD", "COPY", "SET")):
        assert "--write" in problem


@BOUNDED
@given(url=st.text(max_size=80))
def test_safe_link_yields_http_or_nothing(url):
    link = safe_link(url)
    assert link == "" or link.startswith(("http://", "https://"))
    assert not any(c in link for c in "()[]<>\"' \n\r`\\")


WRITER = textwrap.dedent(
    """
    import sys, time
    import ladybug as lb
    db = lb.Database(sys.argv[1]); c = lb.Connection(db)
    started = time.time(); i = 0
    while time.time() - started < float(sys.argv[2]):
        c.execute("UNWIND range(1, 200) AS k CREATE (:Source {id: $p + string(k), name: 'x', kind: 'news'})", {"p": f"w{i}-"})
        c.execute("CHECKPOINT"); i += 1
    print(i)
    """
)


def test_a_reader_looping_while_a_writer_checkpoints_never_fails(tmp_path):
    from kg.store import open_store
    from kg.store.ladybug import OPEN_WAIT

    path = tmp_path / "g.lbdb"
    open_store(path).close()
    with subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path), "6"], stdout=subprocess.PIPE, text=True
    ) as writer:
        try:
            time.sleep(1.0)
            reads, slowest = 0, 0.0
            while writer.poll() is None:
                started = time.monotonic()
                with open_store(path, read_only=True) as store:
                    assert store.stats().sources >= 0
                slowest = max(slowest, time.monotonic() - started)
                reads += 1
        finally:
            if writer.poll() is None:
                writer.kill()
        checkpoints = int(writer.communicate()[0].strip() or 0)
    assert checkpoints > 3 and reads > 0
    assert slowest < OPEN_WAIT + 5
