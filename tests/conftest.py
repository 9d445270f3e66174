"""Shared fixtures: a real embedded store in tmp_path, and the kg command run in-process."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.cli import main
from tests import neo4j_fixture

SAMPLE = Path(__file__).resolve().parent.parent / "kg" / "sample"
SEEDS = Path(__file__).resolve().parent / "data" / "seeds"  # copies of ../shared/seeds


@dataclass
class Run:
    code: int
    out: str
    err: str

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def kg(capsys, monkeypatch):
    """Run ``kg ARGS...`` through the real entry point; returns exit code and output."""
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str) -> Run:
        capsys.readouterr()
        try:
            main([str(a) for a in args])
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory) -> Path:
    """The bundled sample corpus ingested once into a fresh embedded store."""
    from extractors import default_extractor
    from kg.config import load_settings
    from kg.ontology import load_ontology
    from kg.pipeline import ingest
    from kg.sources.files import read_files
    from kg.store import open_store

    path = tmp_path_factory.mktemp("sample") / "graph.lbdb"
    with open_store(path) as store:
        report = ingest(
            read_files(
                sorted(SAMPLE.glob("*.jsonl")), zone=load_settings().zone, ontology=load_ontology()
            ),
            store,
            default_extractor(),
        )
    assert report.quarantined == 0, report.problems
    return path


@pytest.fixture(scope="session")
def sample_days(sample_store) -> list[str]:
    from kg.store import open_store

    with open_store(sample_store, read_only=True) as store:
        return store.stats().days


# -- Neo4j: one live server per session (the launcher, or KG_NEO4J_URI) ---------------------

_NEO4J: dict = {}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "neo4j: runs against a live Neo4j 5 server (pytest -m neo4j runs them alone)"
    )


def _neo4j_target():
    """Start (once) or find the session's Neo4j; the target, or raise what went wrong."""
    if "target" not in _NEO4J:
        try:
            target = neo4j_fixture.from_environment()
            if target is None and neo4j_fixture.unavailable_reason() is None:
                launcher = neo4j_fixture.Launcher()
                _NEO4J["launcher"] = launcher
                target = launcher.start()
            _NEO4J["target"] = target
        except Exception as exc:  # noqa: BLE001 - reported by every Neo4j test
            _NEO4J["target"], _NEO4J["error"] = None, exc
    if _NEO4J.get("error"):
        raise RuntimeError(f"Neo4j for the tests: {_NEO4J['error']}")
    return _NEO4J["target"]


def pytest_report_collectionfinish(config, start_path, items):
    if not any(item.get_closest_marker("neo4j") for item in items):
        return None
    reason = neo4j_fixture.unavailable_reason()
    if reason:
        return f"neo4j: not available ({reason})"
    try:
        target = _neo4j_target()
    except RuntimeError as exc:
        return f"neo4j: {exc}"
    how = "test launcher" if target.launched else "KG_NEO4J_URI"
    return f"neo4j: {target.version} at {target.uri} ({how})"


def pytest_unconfigure(config):
    launcher = _NEO4J.pop("launcher", None)
    if launcher is not None:
        launcher.stop()
    driver = _NEO4J.pop("driver", None)
    if driver is not None:
        driver.close()


@pytest.fixture(scope="session")
def neo4j_server():
    """The live Neo4j 5 server of this run; skips only when there is neither Java nor a URI."""
    reason = neo4j_fixture.unavailable_reason()
    if reason:
        pytest.skip(reason)
    return _neo4j_target()


def _wipe(target) -> None:
    import neo4j

    if "driver" not in _NEO4J:
        _NEO4J["driver"] = neo4j.GraphDatabase.driver(
            target.uri, auth=(target.user, target.password)
        )
    # test graphs are small: one transaction; the schema (constraints, indexes) stays
    _NEO4J["driver"].execute_query("MATCH (n) DETACH DELETE n")


@pytest.fixture(params=["ladybug", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store_location(request, tmp_path, monkeypatch) -> str:
    """Where a test's store lives: a fresh embedded file, or the live Neo4j wiped empty
    (its credentials in the environment, so ``kg --store URI`` finds them too)."""
    if request.param == "ladybug":
        return str(tmp_path / "g.lbdb")
    target = request.getfixturevalue("neo4j_server")
    monkeypatch.setenv("KG_NEO4J_USER", target.user)
    monkeypatch.setenv("KG_NEO4J_PASSWORD", target.password)
    monkeypatch.delenv("KG_NEO4J_DATABASE", raising=False)
    _wipe(target)
    return target.uri


@pytest.fixture
def store(store_location):
    """An empty store of each backend, open for writing."""
    from kg.store import open_store

    with open_store(store_location) as graph:
        yield graph


@pytest.fixture
def neo4j_store(neo4j_server, monkeypatch):
    """The live Neo4j alone, wiped empty, open for writing (credentials in the environment)."""
    from kg.store import open_store

    monkeypatch.setenv("KG_NEO4J_USER", neo4j_server.user)
    monkeypatch.setenv("KG_NEO4J_PASSWORD", neo4j_server.password)
    _wipe(neo4j_server)
    with open_store(neo4j_server.uri) as graph:
        yield graph
