"""Every statement sent to Neo4j goes through Neo4j's own parser (offline, under Node)."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kg.ontology import load_ontology
from kg.store.statements import NEO4J, all_statements
from queries import QUERY_DIR, QueryLibrary

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
    # the Browser kit: pasted into Neo4j Browser with its :param lines, never run by kg
    browser = sorted((QUERY_DIR / "browser").glob("*.cypher"))
    assert browser
    statements += [
        {"name": str(path), "query": text, "params": sorted(set(re.findall(r"\$(\w+)", text)))}
        for path in browser
        for text in [path.read_text(encoding="utf-8")]
    ]
    problems = [r for r in lint(statements) if r["errors"]]
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)


def test_every_statement_the_neo4j_store_generates_parses():
    statements = [
        {"name": name, "query": query, "params": list(params)}
        for name, (query, params) in all_statements(load_ontology(), NEO4J).items()
    ]
    assert len(statements) > 40
    problems = [r for r in lint(statements) if r["errors"]]
    assert not problems, json.dumps(problems, indent=2, ensure_ascii=False)
