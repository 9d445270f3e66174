"""The named query library: ``queries/*.cypher``, one statement per file.

Each file starts with a header that Neo4j Browser ignores and this runner reads::

    // name: top_entities
    // description: ...
    // param: day DATE
    // param: limit INT = 25
    // Neo4j Browser: :param day => '2026-03-07'

A file of the same name in ``queries/<dialect>/`` overrides the shared one for that
store. Parameters arrive as strings (CLI) or values (Python) and are checked against the
declared types before the statement runs; dates travel as ISO strings wrapped in
``date($x)`` so one statement works on both stores.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kg.errors import InputError, UnknownQueryError
from kg.store.base import GraphStore, Row

QUERY_DIR = Path(__file__).parent
DIALECTS = ("ladybug", "neo4j")
TYPES = ("STRING", "DATE", "INT", "FLOAT", "BOOL", "LIST")
_PARAM = re.compile(r"^(?P<name>[a-z_][a-z0-9_]*)\s+(?P<type>[A-Z]+)(?:\s*=\s*(?P<default>.+))?$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None

    def convert(self, value: Any, query: str) -> Any:
        where = f"query {query}, parameter {self.name}"
        try:
            if self.type == "DATE":
                if isinstance(value, date):
                    return value.isoformat()
                return date.fromisoformat(str(value)).isoformat()
            if self.type == "INT":
                number = int(value)
                # both stores hold 64-bit integers; a larger one failed inside the driver
                if not -(2**63) <= number < 2**63:
                    raise InputError(where, f"{value!r} is outside the 64-bit integer range")
                return number
            if self.type == "FLOAT":
                real = float(value)
                if not math.isfinite(real):
                    raise InputError(where, f"expected a finite FLOAT, got {value!r}")
                return real
            if self.type == "BOOL":
                if isinstance(value, bool):
                    return value
                if str(value).lower() in {"true", "1", "yes"}:
                    return True
                if str(value).lower() in {"false", "0", "no"}:
                    return False
                raise ValueError(value)
            if self.type == "LIST":
                return (
                    list(value)
                    if isinstance(value, list | tuple)
                    else [v for v in str(value).split(",") if v]
                )
            return str(value)
        except ValueError:
            raise InputError(where, f"expected {self.type}, got {value!r}") from None


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path

    def bind(self, given: dict[str, Any]) -> dict[str, Any]:
        known = {p.name for p in self.params}
        extra = sorted(set(given) - known)
        if extra:
            raise InputError(
                f"query {self.name}",
                f"unknown parameter(s) {', '.join(extra)}; it takes {', '.join(sorted(known)) or 'none'}",
            )
        bound = {}
        for param in self.params:
            if param.name in given:
                bound[param.name] = param.convert(given[param.name], self.name)
            elif param.default is not None:
                bound[param.name] = param.convert(param.default, self.name)
            else:
                raise InputError(
                    f"query {self.name}", f"missing parameter {param.name} ({param.type})"
                )
        return bound


def parse_query_file(path: Path) -> NamedQuery:
    header: dict[str, str] = {}
    params: list[Param] = []
    body: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith("//") and not body:
            key, _, value = stripped[2:].strip().partition(":")
            key = key.strip().lower()
            if key == "param":
                m = _PARAM.match(value.strip())
                if not m or m.group("type") not in TYPES:
                    raise InputError(
                        f"{path}:{number}",
                        f"bad param line {value.strip()!r}; write 'NAME TYPE [= default]' with TYPE one of {', '.join(TYPES)}",
                    )
                params.append(Param(m.group("name"), m.group("type"), m.group("default")))
            elif key in {"name", "description"}:
                header[key] = value.strip()
            continue
        body.append(line)
    text = "\n".join(body).strip().rstrip(";")
    if not text:
        raise InputError(str(path), "no Cypher statement after the header")
    name = header.get("name", path.stem)
    if name != path.stem:
        raise InputError(
            str(path), f"header names the query {name!r} but the file is {path.stem}.cypher"
        )
    return NamedQuery(name, header.get("description", ""), tuple(params), text, path)


class QueryLibrary:
    def __init__(self, dialect: str, directory: Path = QUERY_DIR) -> None:
        self.dialect = dialect
        self.queries: dict[str, NamedQuery] = {}
        for path in sorted(directory.glob("*.cypher")):
            self.queries[path.stem] = parse_query_file(path)
        override_dir = directory / dialect
        if override_dir.is_dir():
            for path in sorted(override_dir.glob("*.cypher")):
                self.queries[path.stem] = parse_query_file(path)

    def names(self) -> list[str]:
        return sorted(self.queries)

    def listing(self) -> list[dict[str, str]]:
        """Name, parameters (``name:type=default``) and description of each query."""
        return [
            {
                "name": q.name,
                "params": " ".join(
                    f"{p.name}:{p.type}" + (f"={p.default}" if p.default else "") for p in q.params
                ),
                "description": q.description,
            }
            for q in self.queries.values()
        ]

    def get(self, name: str) -> NamedQuery:
        try:
            return self.queries[name]
        except KeyError:
            raise UnknownQueryError(name, self.names()) from None

    def run(self, store: GraphStore, name: str, params: dict[str, Any] | None = None) -> list[Row]:
        query = self.get(name)
        return store.run(query.text, query.bind(params or {}), name=name)


def library_for(store: GraphStore) -> QueryLibrary:
    return QueryLibrary(store.dialect)
