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


def test_writing_the_same_batch_twice_changes_nothing(store):
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


def test_a_second_article_extends_the_relation_support(store):
    store.write(batch(article("a1")))
    store.write(batch(article("a2", day=date(2026, 3, 4))))
    rows = store.run(
        "MATCH (:Entity)-[r:DEVELOPED_BY]->(:Entity) RETURN r.articles AS a, r.count AS n, "
        "r.first_seen AS f, r.last_seen AS l"
    )
    assert rows == [{"a": ["a1", "a2"], "n": 2, "f": date(2026, 3, 2), "l": date(2026, 3, 4)}]


def test_the_checkpoint_threshold_is_set_on_open(tmp_path):
    with open_store(tmp_path / "g.lbdb", checkpoint_mb=64) as store:
        setting = store.run("CALL current_setting('checkpoint_threshold') RETURN *")
        assert int(next(iter(setting[0].values()))) == 64 * 1024 * 1024


def test_a_popular_relation_counts_every_article_and_keeps_the_newest_on_the_edge(store):
    from kg.store.merge import ARTICLES_KEPT

    total = ARTICLES_KEPT + 5
    ids = [f"a{i:02d}" for i in range(total)]
    edge = (
        "MATCH (:Entity)-[r:DEVELOPED_BY]->(:Entity) "
        "RETURN r.articles AS a, r.evidence AS e, r.count AS n, r.first_seen AS f"
    )
    stated = (
        "MATCH (a:Article)-[s:STATES]->(h:Entity) "
        "RETURN a.id AS id, h.id AS h, s.rel_type AS type, s.tail AS t ORDER BY id"
    )
    for i, aid in enumerate(ids):
        day = date(2026, 3, 1 + i)
        text = f"Velora Labs released Velora-7B ({aid})."
        store.write(batch(article(aid, text=text, day=day)))
    [row] = store.run(edge)
    assert row["n"] == total and row["f"] == date(2026, 3, 1)
    assert row["a"] == ids[-ARTICLES_KEPT:]
    assert row["e"] == [f"Velora Labs released Velora-7B ({aid})." for aid in ids[5:]]
    # every supporting sentence stays in the graph, one STATES edge per article
    support = store.run(stated)
    assert [s["id"] for s in support] == ids
    assert {(s["h"], s["type"], s["t"]) for s in support} == {
        ("Model:velora-7b", "DEVELOPED_BY", "Organization:velora-labs")
    }

    # an article that changes gives up its support; the edge is rebuilt from the rest
    store.write(
        IngestBatch(articles=(article("a24", text="Nothing here.", day=date(2026, 3, 25)),))
    )
    store.write(IngestBatch(articles=(article("a00", text="Nothing here.", day=date(2026, 3, 1)),)))
    [row] = store.run(edge)
    assert row["n"] == total - 2 and row["f"] == date(2026, 3, 2)
    assert row["a"] == ids[4:-1] and dict(zip(row["a"], row["e"], strict=True))["a11"].endswith(
        "(a11)."
    )
    assert [s["id"] for s in store.run(stated)] == ids[1:-1]


def test_a_graph_from_before_statements_is_upgraded_once_on_open(tmp_path):
    from kg.store.merge import ARTICLES_KEPT

    path = tmp_path / "g.lbdb"
    ids = [f"a{i:02d}" for i in range(ARTICLES_KEPT + 3)]
    with open_store(path) as store:
        for i, aid in enumerate(ids):
            store.write(
                batch(article(aid, text=f"Velora released ({aid}).", day=date(2026, 3, 1 + i)))
            )
        # the old layout: no STATES table, every support in the relation's lists
        store.run("DROP TABLE STATES")
        store.run(
            "MATCH (:Entity)-[r:DEVELOPED_BY]->(:Entity) SET r.articles = $a, r.evidence = $e",
            {"a": ids, "e": [f"old ({aid})" for aid in ids]},
        )
    with open_store(path, read_only=True) as store:
        [row] = store.run(
            "MATCH (:Entity)-[r:DEVELOPED_BY]->(:Entity) RETURN r.articles AS a, r.evidence AS e"
        )
        assert row["a"] == ids[-ARTICLES_KEPT:] and row["e"][-1] == f"old ({ids[-1]})"
        stated = store.run(
            "MATCH (a:Article)-[s:STATES]->(:Entity) RETURN a.id AS id, s.sentence AS e ORDER BY id"
        )
        assert [s["id"] for s in stated] == ids and stated[0]["e"] == "old (a00)"
    with open_store(path) as store:  # a second open changes nothing
        assert len(store.run("MATCH ()-[s:STATES]->() RETURN s.tail AS t")) == len(ids)


def test_a_changed_article_replaces_its_old_facts(store):
    store.write(batch(article()))
    changed = article(text="Nothing about models here.")
    result = store.write(IngestBatch(articles=(changed,)))
    assert result.articles_updated == 1
    assert store.stats().relations == 0 and store.stats().mentions == 0
    assert store.run("MATCH (a:Article) RETURN a.text AS t") == [
        {"t": "Nothing about models here."}
    ]


def test_quarantine_keeps_each_record_once(store):
    item = QuarantineItem(
        id="q1", source="f.jsonl:3", reason="empty text", raw='{"x": 1}', at=datetime.now(UTC)
    )
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


def test_feed_state_and_alert_state_survive_reopening(store_location):
    with open_store(store_location) as store:
        assert store.get_state("feed:x") == {}
        store.put_state("feed:x", {"etag": "1"})
        store.put_state("feed:x", {"etag": "2"})
        store.add_alert(
            {
                "id": "al1",
                "entry": "e",
                "rule": "r",
                "entity": "Model:x",
                "kind": "new",
                "date": "2026-03-02",
                "severity": "high",
                "payload": "{}",
                "created": "t1",
            }
        )
        store.set_delivered("al1", ["console"])
    with open_store(store_location) as store:
        assert store.get_state("feed:x") == {"etag": "2"}
        assert store.known_alerts(["al1", "al2"]) == {"al1": ["console"]}
        assert [a["id"] for a in store.pending_alerts(2)] == ["al1"]
        assert store.pending_alerts(1) == []


@pytest.mark.neo4j
def test_a_read_only_neo4j_store_refuses_writes(neo4j_server, monkeypatch):
    monkeypatch.setenv("KG_NEO4J_PASSWORD", neo4j_server.password)
    with open_store(neo4j_server.uri, read_only=True) as store, pytest.raises(QueryError):
        store.run("CREATE (:Source {id: 'x', name: 'x', kind: 'news'})")


@pytest.mark.neo4j
def test_a_wrong_neo4j_password_is_one_clear_line(neo4j_server, kg, monkeypatch):
    monkeypatch.setenv("KG_NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("KG_NEO4J_PASSWORD", "not-the-password")
    result = kg("stats", "--store", neo4j_server.uri)
    assert result.code == 1 and "Traceback" not in result.err
    assert "authentication failed" in result.err and "KG_NEO4J_PASSWORD" in result.err


@pytest.mark.neo4j
def test_a_missing_neo4j_database_is_named(neo4j_server, kg, monkeypatch):
    monkeypatch.setenv("KG_NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("KG_NEO4J_PASSWORD", neo4j_server.password)
    monkeypatch.setenv("KG_NEO4J_DATABASE", "nosuchdb")
    result = kg("stats", "--store", neo4j_server.uri)
    assert result.code == 1 and "Traceback" not in result.err
    assert "'nosuchdb' does not exist" in result.err


@pytest.mark.neo4j
def test_neo4j_scheme_on_a_single_server_works(neo4j_server, monkeypatch):
    monkeypatch.setenv("KG_NEO4J_PASSWORD", neo4j_server.password)
    routed = neo4j_server.uri.replace("bolt://", "neo4j://")
    with open_store(routed, read_only=True) as store:
        assert store.run("RETURN 1 AS one") == [{"one": 1}]


def test_a_malformed_neo4j_uri_is_one_clear_line(kg):
    result = kg("stats", "--store", "bolt://127.0.0.1:notaport")
    assert result.code == 1 and "Traceback" not in result.err
    assert "bolt://127.0.0.1:notaport" in result.err


def test_a_neo4j_uri_with_a_bad_query_string_is_one_clear_line(kg):
    result = kg("stats", "--store", "neo4j://127.0.0.1:7687/db?x")
    assert result.code == 1 and "Traceback" not in result.err
    assert "not a usable Neo4j URI" in result.err


@pytest.mark.neo4j
def test_cypher_write_runs_a_users_call_in_transactions(neo4j_server, neo4j_store, kg):
    statement = (
        "UNWIND range(1, 3) AS i CALL (i) { CREATE (:Source {id: 's' + toString(i), "
        "name: 'n', kind: 'news'}) } IN TRANSACTIONS OF 2 ROWS"
    )
    result = kg("cypher", statement, "--write", "--store", neo4j_server.uri)
    assert result.code == 0, result.err
    assert neo4j_store.stats().sources == 3


@pytest.mark.neo4j
def test_wipe_empties_the_neo4j_graph_in_bounded_transactions(neo4j_store):
    from tests.test_contract import load_sample

    load_sample(neo4j_store)
    assert neo4j_store.stats().articles > 0
    neo4j_store.wipe()
    assert neo4j_store.stats() == type(neo4j_store.stats())()


def _entity_rows(store, query, entity):
    from queries import library_for

    return library_for(store).run(store, query, {"entity": entity})


def test_an_entity_is_found_by_id_name_in_any_case_and_alias_through_its_keys(store):
    store.write(batch(article()))
    org = Entity.of("Velora Labs", "Organization", aliases=("VLabs",))
    later = article("a2", text="VLabs shipped again.", day=date(2026, 3, 3))
    store.write(
        IngestBatch(
            articles=(later,),
            entities=(org,),
            mentions=(Mention(article_id="a2", entity_id=org.id),),
        )
    )
    keys = store.run(
        "MATCH (k:EntityKey) WHERE $id IN k.entities RETURN k.id AS key ORDER BY key",
        {"id": org.id},
    )
    assert [r["key"] for r in keys] == [
        "alias:VLabs",
        "id:Organization:velora-labs",
        "name:velora labs",
    ]
    for spelling in ("VELORA LABS", "VLabs", org.id):
        days = [r["day"] for r in _entity_rows(store, "entity_timeline", spelling)]
        assert days == [date(2026, 3, 2), date(2026, 3, 3)], spelling
        [edge] = _entity_rows(store, "entity_relations", spelling)
        assert (edge["direction"], edge["type"], edge["other_id"]) == (
            "in",
            "DEVELOPED_BY",
            "Model:velora-7b",
        )
    assert _entity_rows(store, "entity_timeline", "vlabs") == []  # aliases match as written


def test_a_graph_without_look_up_keys_is_keyed_on_open(store_location):
    with open_store(store_location) as store:
        store.write(batch(article()))
        store.run("MATCH (k:EntityKey) DELETE k")
        assert _entity_rows(store, "entity_relations", "velora labs") == []
    with open_store(store_location) as store:
        assert store.index_entity_keys() == 0  # done by the open, once
        [row] = _entity_rows(store, "entity_relations", "velora labs")
        assert row["other_id"] == "Model:velora-7b"
        # an entity loaded around the writer (a bulk load) into a keyed graph
        store.run(
            "CREATE (:Entity {id: 'Model:aster', name: 'Aster', kind: 'Model', aliases: ['AST']})"
        )
    with open_store(store_location) as store:
        keys = store.run(
            "UNWIND ['alias:AST', 'name:aster', 'id:Model:aster'] AS key "
            "MATCH (k:EntityKey {id: key}) RETURN k.entities AS entities"
        )
        assert [r["entities"] for r in keys] == [["Model:aster"]] * 3


def test_entity_relations_are_in_one_total_order_across_both_directions(store):
    hub = Entity.of("Velora Labs", "Organization")
    others = [
        Entity.of("Nova", "Model"),
        Entity.of("Nova", "Product"),  # same name, another id: the tie the id breaks
        Entity.of("Aster", "Model"),
    ]
    a = article()
    store.write(
        IngestBatch(
            articles=(a,),
            entities=(hub, *others, Entity.of("Halcyon Ventures", "Organization")),
            mentions=tuple(Mention(article_id=a.id, entity_id=e.id) for e in (hub, *others)),
            relations=(
                *(
                    Relation(
                        head_id=e.id,
                        type="DEVELOPED_BY",
                        tail_id=hub.id,
                        article_id=a.id,
                        day=a.day,
                        evidence=a.text,
                    )
                    for e in reversed(others)
                ),
                Relation(
                    head_id=hub.id,
                    type="PARTNERS_WITH",
                    tail_id="Organization:halcyon-ventures",
                    article_id=a.id,
                    day=a.day,
                    evidence=a.text,
                ),
            ),
        )
    )
    rows = _entity_rows(store, "entity_relations", "Velora Labs")
    order = [(r["direction"], r["type"], r["other"], r["other_id"]) for r in rows]
    assert order == [
        ("out", "PARTNERS_WITH", "Halcyon Ventures", "Organization:halcyon-ventures"),
        ("in", "DEVELOPED_BY", "Aster", "Model:aster"),
        ("in", "DEVELOPED_BY", "Nova", "Model:nova"),
        ("in", "DEVELOPED_BY", "Nova", "Product:nova"),
    ]


@pytest.mark.neo4j
def test_an_old_neo4j_server_is_one_clear_line(neo4j_server, kg, monkeypatch):
    import types

    import neo4j

    monkeypatch.setenv("KG_NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("KG_NEO4J_PASSWORD", neo4j_server.password)
    for agent, says in [
        ("Neo4j/4.4.26", "server is Neo4j/4.4.26; AI Intel KG needs Neo4j 5 or newer"),
        ("Neo4j/dev", "server is Neo4j/dev; AI Intel KG needs Neo4j 5 or newer"),
    ]:
        # the live server answers the connection and the ping; only its version is faked
        monkeypatch.setattr(
            neo4j.Driver, "get_server_info", lambda self, a=agent: types.SimpleNamespace(agent=a)
        )
        result = kg("stats", "--store", neo4j_server.uri)
        assert result.code == 1 and "Traceback" not in result.err, result.err
        assert says in result.err and len(result.err.strip().splitlines()) == 1, result.err


def test_appends_keep_integers_exact_whatever_their_width(tmp_path):
    """Rows travel as Arrow tables: counts of any width are stored as the same exact
    integers, and no statement that read a batch's table stays prepared (it would keep the
    batch's rows alive)."""
    from extractors import default_extractor
    from kg.config import load_settings
    from kg.extractor import naming
    from kg.ontology import load_ontology
    from kg.resolve import resolve_batch
    from kg.sources.files import read_files
    from tests.conftest import SAMPLE

    extractor = default_extractor()
    articles = list(
        read_files(
            [SAMPLE / "articles_en.jsonl"], zone=load_settings().zone, ontology=load_ontology()
        )
    )

    def counted(chunk, count):
        resolved = resolve_batch(
            [(a, extractor.extract(a.text, title=a.title, article_id=a.id)) for a in chunk],
            *naming(extractor),
        )
        mentions = tuple(m.model_copy(update={"count": count}) for m in resolved.mentions)
        return resolved.model_copy(update={"mentions": mentions})

    with open_store(tmp_path / "g.lbdb") as store:
        store.write(counted(articles[:10], 3))
        store.write(counted(articles[10:20], 300))
        store.write(counted(articles[20:30], 2**40))
        texts = [text for text, _types in store._conn._pybind_implicit_prepared_cache]
        assert not [t for t in texts if t.startswith("LOAD FROM")]
        # the statements sent as lists stay prepared once, whatever their integers' widths
        assert len(texts) == len(set(texts))
        rows = store.run(
            "MATCH (a:Article)-[m:MENTIONS]->() RETURN DISTINCT m.count AS n ORDER BY n"
        )
    assert [r["n"] for r in rows] == [3, 300, 2**40]
    assert all(type(r["n"]) is int for r in rows)
