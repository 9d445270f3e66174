"""Exports of the graph to other tools: STIX 2.1, RDF/Turtle (+ SHACL shapes), GraphML, CSV.

Every format reads the store through ``kg.export.read`` (named queries, keyset pages) and
writes its file as it reads, reporting progress in entities or articles done.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError
from kg.export.read import Window, window_for
from kg.store.base import GraphStore

FORMATS = ("stix", "turtle", "shapes", "graphml", "csv")


@dataclass
class ExportResult:
    format: str
    out: str
    entities: int = 0
    relations: int = 0
    articles: int = 0
    objects: int = 0  # STIX objects, RDF triples, CSV files
    bytes: int = 0

    def summary(self) -> str:
        return (
            f"{self.format}: {self.entities} entities, {self.relations} relations, "
            f"{self.articles} articles -> {self.out} ({self.bytes:,} bytes)"
        )


def export(
    store: GraphStore,
    fmt: str,
    out: Path,
    window: Window,
    on_progress: Callable[[int], None] = lambda n: None,
) -> ExportResult:
    """Write ``fmt`` for ``window`` to ``out`` (a directory for csv, a file otherwise)."""
    if fmt == "stix":
        from kg.export.stix import write_stix as writer
    elif fmt == "turtle":
        from kg.export.rdf import write_turtle as writer
    elif fmt == "shapes":
        from kg.export.shapes import write_shapes

        return write_shapes(out)
    elif fmt == "graphml":
        from kg.export.graphml import write_graphml as writer
    elif fmt == "csv":
        from kg.export.csv_import import write_csv as writer
    else:
        raise InputError(f"kg export {fmt}", f"unknown format; use one of {', '.join(FORMATS)}")
    return writer(store, out, window, on_progress)


def size_of(path: Path) -> int:
    if path.is_dir():
        return sum(p.stat().st_size for p in path.iterdir() if p.is_file())
    return path.stat().st_size


__all__ = ["FORMATS", "ExportResult", "Window", "export", "window_for", "size_of"]
