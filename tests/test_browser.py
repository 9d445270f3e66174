"""The Neo4j Browser kit on a live server: graph queries return nodes and paths with their
own :param values, and style.grass captions name properties the nodes really have."""

import re
from pathlib import Path

import pytest

from tests.test_contract import load_sample

BROWSER = Path(__file__).resolve().parent.parent / "queries" / "browser"
PARAM = re.compile(r":param (\w+) => '([^']*)'")


def browser_queries():
    return sorted(BROWSER.glob("*.cypher"))


@pytest.mark.neo4j
@pytest.mark.parametrize("path", browser_queries(), ids=lambda p: p.stem)
def test_each_browser_query_returns_graph_objects(path, neo4j_server, neo4j_store):
    import neo4j
    from neo4j.graph import Node, Relationship
    from neo4j.graph import Path as GraphPath

    load_sample(neo4j_store)
    text = path.read_text(encoding="utf-8")
    params = dict(PARAM.findall(text))
    assert params, f"{path.name} has no :param lines"
    with neo4j.GraphDatabase.driver(
        neo4j_server.uri, auth=(neo4j_server.user, neo4j_server.password)
    ) as driver:
        records = driver.execute_query(text, params).records
    values = [v for record in records for v in record.values() if v is not None]
    graph = [v for v in values if isinstance(v, Node | Relationship | GraphPath)]
    assert graph and len(graph) == len(values), f"{path.name}: {values[:3]}"
    assert any(isinstance(v, GraphPath) for v in values) or path.stem == "entity_day_graph"


@pytest.mark.neo4j
def test_style_captions_name_properties_the_nodes_have(neo4j_store):
    load_sample(neo4j_store)
    style = (Path(__file__).resolve().parent.parent / "queries" / "style.grass").read_text()
    for label, prop in re.findall(r"node\.(\w+) \{[^}]*caption: \"\{(\w+)\}\"", style):
        rows = neo4j_store.run(f"MATCH (n:{label}) RETURN count(n) AS n, count(n.{prop}) AS has")
        assert rows[0]["n"] == rows[0]["has"], (label, prop)
        if label in {"Article", "Source", "Model", "Organization"}:
            assert rows[0]["n"] > 0, label
