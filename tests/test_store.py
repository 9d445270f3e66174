import subprocess
import sys
from datetime import UTC, date, datetime

import pytest

from kg.errors import QueryError, StoreLockedError, StoreNotFoundError
from kg.models import Article, Entity, IngestBatch, Mention, QuarantineItem, Relation
from kg.store import open_store


def article(aid="a1", text="Velora Labs released Velora-7B.", day=date(2026, 3, 2)):
    return Article(
        id=aid,
        url=f"https://x.example/{aid}",
        title="t",
        source="AI Wire",
        published=datetime(2026, 3, 2, 1, tzinfo=UTC),
        day=day,
        lang="en",
        text=text,
    )


def batch(a):
    org, model = Entity.of("Velora Labs", "Organization"), Entity.of("Velora-7B", "Model")
    return IngestBatch(
        articles=(a,),
        entities=(org, model),
        mentions=(
            Mention(article_id=a.id, entity_id=org.id),
            Mention(article_id=a.id, entity_id=model.id),
        ),
        relations=(
            Relation(
                head_id=model.id,
                type="DEVELOPED_BY",
                tail_id=org.id,
                article_id=a.id,
                day=a.day,
                evidence=a.text,
            ),
        ),
    )


def counts(store):
    s = store.stats()
    return (s.articles, s.entities, s.mentions, s.relations, s.sources)


def test_writing_the_same_batch_twice_changes_nothing(tmp_path):
    with open_store(tmp_path / "g.lbdb") as store:
        first = store.write(batch(article()))
        assert (first.articles_new, first.entities_new, first.relations_new) == (1, 2, 1)
        before = counts(store)
        again = store.write(batch(article()))
        assert (again.articles_new, again.entities_new, again.mentions, again.relations_new) == (
            0,
            0,
            0,
            0,
        )
        assert counts(store) == before == (1, 2, 2, 1, 1)


def test_a_second_article_extends_the_relation_support(tmp_path):
    with open_store(tmp_path / "g.lbdb") as store:
        store.write(batch(article("a1")))
        store.write(batch(article("a2", day=date(2026, 3, 4))))
        rows = store.run(
            "MATCH (:Entity)-[r:DEVELOPED_BY]->(:Entity) RETURN r.articles AS a, r.count AS n, "
            "r.first_seen AS f, r.last_seen AS l"
        )
        assert rows == [{"a": ["a1", "a2"], "n": 2, "f": date(2026, 3, 2), "l": date(2026, 3, 4)}]


def test_a_popular_relation_keeps_every_article_but_only_the_newest_sentences(tmp_path):
    from kg.store.merge import EVIDENCE_KEPT

    total = EVIDENCE_KEPT + 5
    ids = [f"a{i:02d}" for i in range(total)]
    query = (
        "MATCH (:Entity)-[r:DEVELOPED_BY]->(:Entity) "
        "RETURN r.articles AS a, r.evidence AS e, r.count AS n"
    )
    with open_store(tmp_path / "g.lbdb", checkpoint_mb=64) as store:
        setting = store.run("CALL current_setting('checkpoint_threshold') RETURN *")
        assert int(next(iter(setting[0].values()))) == 64 * 1024 * 1024
        for aid in ids:
            store.write(batch(article(aid, text=f"Velora Labs released Velora-7B ({aid}).")))
        [row] = store.run(query)
        assert row["a"] == ids and row["n"] == total and len(row["e"]) == total
        assert row["e"][:5] == [""] * 5
        assert row["e"][5:] == [f"Velora Labs released Velora-7B ({aid})." for aid in ids[5:]]

        # an article that changes gives up its support; the lists stay aligned
        store.write(IngestBatch(articles=(article("a10", text="Nothing here."),)))
        [row] = store.run(query)
        assert "a10" not in row["a"] and row["n"] == total - 1
        assert dict(zip(row["a"], row["e"], strict=True))["a11"].endswith("(a11).")


def test_a_changed_article_replaces_its_old_facts(tmp_path):
    with open_store(tmp_path / "g.lbdb") as store:
        store.write(batch(article()))
        changed = article(text="Nothing about models here.")
        result = store.write(IngestBatch(articles=(changed,)))
        assert result.articles_updated == 1
        assert store.stats().relations == 0 and store.stats().mentions == 0
        assert store.run("MATCH (a:Article) RETURN a.text AS t") == [
            {"t": "Nothing about models here."}
        ]


def test_quarantine_keeps_each_record_once(tmp_path):
    item = QuarantineItem(
        id="q1", source="f.jsonl:3", reason="empty text", raw='{"x": 1}', at=datetime.now(UTC)
    )
    with open_store(tmp_path / "g.lbdb") as store:
        assert store.add_quarantine([item]) == 1
        assert store.add_quarantine([item]) == 0
        assert [q.reason for q in store.quarantine()] == ["empty text"]


def test_a_second_writer_gets_a_clear_lock_error(tmp_path):
    path = tmp_path / "g.lbdb"
    with open_store(path):
        code = (
            "import sys\nfrom kg.store import open_store\nfrom kg.errors import StoreLockedError\n"
            f"try:\n    open_store({str(path)!r})\nexcept StoreLockedError as e:\n    print(e); sys.exit(7)\n"
        )
        proc = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
        )
    assert proc.returncode == 7, proc.stderr
    assert str(path) in proc.stdout and "another" in proc.stdout


def test_lock_error_type_names_the_store():
    err = StoreLockedError("/tmp/x.lbdb", "Could not set lock")
    assert "/tmp/x.lbdb" in str(err)


def test_read_only_store_refuses_writes_and_missing_store_is_named(tmp_path):
    path = tmp_path / "g.lbdb"
    with pytest.raises(StoreNotFoundError, match="g.lbdb"):
        open_store(path, read_only=True)
    open_store(path).close()
    with open_store(path, read_only=True) as store, pytest.raises(QueryError, match="read-only"):
        store.run("CREATE (:Source {id: 'x', name: 'x', kind: 'news'})")


def test_unreachable_neo4j_is_one_clear_line(kg):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    uri = f"bolt://127.0.0.1:{port}"
    result = kg("stats", "--store", uri)
    assert result.code == 1
    assert uri in result.err and "not reachable" in result.err and "Traceback" not in result.err


def test_unknown_store_scheme_is_a_usage_error(kg):
    result = kg("stats", "--store", "postgres://localhost/kg")
    assert result.code == 2 and "unknown scheme" in result.err


def test_a_full_buffer_pool_is_a_clear_store_error(tmp_path):
    from kg.errors import StoreError

    store = open_store(tmp_path / "g.lbdb", buffer_pool_mb=16)
    big = tuple(article(f"a{i}", text="x" * 20000) for i in range(3000))
    with pytest.raises(StoreError, match="KG_BUFFER_POOL_MB"):
        store.write(IngestBatch(articles=big))
    store.close()
