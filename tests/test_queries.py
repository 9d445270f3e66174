import pytest

from queries import QUERY_DIR, QueryLibrary, parse_query_file

REQUIRED = {
    "new_entities",
    "new_relations",
    "top_entities",
    "entity_timeline",
    "entity_neighbourhood",
}


def params_for(query, day, first_day):
    ids = (
        "en-0307-001,zh-0307-002"
        if query.name
        in {"articles_by_ids", "export_mentions", "export_statements", "export_sources"}
        else "Organization:velora-labs,Model:velora-7b"
    )
    values = {"DATE": day, "STRING": "Velora Labs", "INT": "20", "LIST": ids}
    out = {p.name: values[p.type] for p in query.params if p.default is None}
    if "since" in out:
        out["since"] = first_day
    return out


def test_the_library_has_the_required_queries_with_headers():
    library = QueryLibrary("ladybug")
    assert set(library.names()) >= REQUIRED
    for path in sorted(QUERY_DIR.glob("*.cypher")):
        query = parse_query_file(path)
        text = path.read_text(encoding="utf-8")
        assert query.description, path
        assert "// name: " + query.name in text
        for param in query.params:
            assert f"${param.name}" in query.text, (path, param.name)
            assert f":param {param.name} =>" in text, (
                f"{path}: no Browser :param line for {param.name}"
            )


@pytest.mark.parametrize("name", sorted(QueryLibrary("ladybug").names()))
def test_every_query_runs_on_the_sample_graph(name, sample_store, sample_days, kg):
    query = QueryLibrary("ladybug").get(name)
    args = [f"{k}={v}" for k, v in params_for(query, sample_days[-1], sample_days[0]).items()]
    result = kg(
        "query", name, *[x for a in args for x in ("--param", a)], "--store", sample_store, "--json"
    )
    assert result.code == 0, result.err
    rows = result.json()
    assert isinstance(rows, list) and rows, f"{name} returned nothing on the sample graph"


def test_new_entities_are_first_seen_that_day(sample_store, sample_days, kg):
    day = sample_days[0]
    rows = kg("query", "new_entities", "-p", f"day={day}", "--store", sample_store, "--json").json()
    assert rows
    ids = [r["id"] for r in rows]
    first = kg(
        "cypher",
        "MATCH (e:Entity) WHERE e.first_seen = date($d) RETURN e.id AS id, e.kind AS kind",
        "-p",
        f"d={day}",
        "--store",
        sample_store,
        "--json",
    ).json()
    # every named entity first seen that day; the concepts first seen with them are no names
    assert set(ids) == {r["id"] for r in first if r["kind"] != "Concept"}
    assert any(r["kind"] == "Concept" for r in first)


def test_query_errors_name_the_problem(sample_store, kg):
    unknown = kg("query", "no_such_query", "--store", sample_store)
    assert unknown.code == 2 and "no_such_query" in unknown.err and "top_entities" in unknown.err
    missing = kg("query", "top_entities", "--store", sample_store)
    assert missing.code == 2 and "missing parameter day" in missing.err
    bad = kg("query", "top_entities", "-p", "day=yesterday", "--store", sample_store)
    assert bad.code == 2 and "expected DATE" in bad.err


def test_cypher_is_read_only_unless_write(tmp_path, kg):
    store = tmp_path / "g.lbdb"
    assert kg("init", "--store", store).code == 0
    create = "CREATE (:Source {id: 'x', name: 'X', kind: 'news'})"
    refused = kg("cypher", create, "--store", store)
    assert refused.code == 1 and "read-only" in refused.err
    assert kg("cypher", create, "--write", "--store", store).code == 0
    rows = kg("cypher", "MATCH (s:Source) RETURN s.name AS name", "--store", store, "--json").json()
    assert rows == [{"name": "X"}]
