"""Every statement sent to Neo4j goes through Neo4j's own parser (offline, under Node)."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from kg import sync
from kg.ontology import load_ontology
from kg.store import base
from kg.store.neo4j_cypher import all_statements
from queries import QueryLibrary

LINTER = Path(__file__).parent / "cypher_lint"


def lint(statements: list[dict]) -> list[dict]:
    node = shutil.which("node")
    installed = (LINTER / "node_modules" / "@neo4j-cypher" / "language-support").is_dir()
    if not node or not installed:
        reason = "Node.js and `npm ci --prefix tests/cypher_lint` are needed for the Neo4j parser"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    proc = subprocess.run(
        [node, str(LINTER / "lint.cjs")],
        input=json.dumps(statements),
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return json.loads(proc.stdout)


def test_the_linter_catches_a_syntax_error():
    result = lint([{"name": "broken", "query": "MATCH (n RETURN n", "params": []}])
    assert result[0]["errors"], "the Neo4j parser must reject a broken statement"


def test_every_query_file_parses_as_neo4j_cypher():
    library = QueryLibrary("neo4j")
    statements = [
        {"name": str(q.path), "query": q.text, "params": [p.name for p in q.params]}
        for q in library.queries.values()
    ]
    problems = [r for r in lint(statements) if r["errors"]]
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)


def test_every_statement_the_neo4j_store_generates_parses():
    onto = load_ontology()
    statements = [
        {"name": name, "query": query, "params": list(params)}
        for name, (query, params) in all_statements(onto).items()
    ]
    assert len(statements) > 40
    statements += [
        {"name": "sync_articles", "query": sync.ARTICLES, "params": ["after", "n", "since"]},
        {"name": "sync_mentions", "query": sync.MENTIONS, "params": ["ids"]},
        {"name": "sync_states", "query": sync.STATES, "params": ["ids"]},
        {"name": "sync_entities", "query": sync.TAILS, "params": ["ids"]},
        {"name": "remove_quarantine", "query": base.REMOVE_QUARANTINE, "params": ["id"]},
        {"name": "get_state", "query": base.GET_STATE, "params": ["id"]},
        {"name": "alerts_known", "query": base.ALERTS_KNOWN, "params": ["ids"]},
        {
            "name": "alert_add",
            "query": base.ALERT_ADD,
            "params": [
                "id",
                "entry",
                "rule",
                "entity",
                "kind",
                "date",
                "severity",
                "payload",
                "created",
                "delivered",
            ],
        },
        {"name": "alert_delivered", "query": base.ALERT_DELIVERED, "params": ["id", "delivered"]},
        {"name": "alerts_pending", "query": base.ALERTS_PENDING, "params": ["sinks"]},
    ]
    problems = [r for r in lint(statements) if r["errors"]]
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)
