"""Shared fixtures: a real embedded store in tmp_path, and the kg command run in-process."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.cli import main

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
