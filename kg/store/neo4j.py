"""The production store: Neo4j 5 over Bolt with the official driver.

Behaves like the embedded store: the same write sequence (``kg.store.writer``), the same
statements in its dialect (``kg.store.statements``), the same rows back. Writes run in managed write transactions (the driver retries transient errors);
queries run in READ access mode unless the store was opened for writing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, TypeVar

from kg.errors import QueryError, StoreError
from kg.ontology import Ontology, load_ontology
from kg.store import statements as q
from kg.store.base import GraphStore, Row, RowRunner

T = TypeVar("T")

_CHUNK = 5000
MIN_MAJOR = 5
CONNECT_TIMEOUT = 10.0  # seconds to open a connection and finish the Bolt handshake


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), _CHUNK):
        yield rows[start : start + _CHUNK]


_SCALARS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """Driver values as the embedded store returns them: dates, dicts, lists; a node or a
    relationship as the dict of its properties, a path as its nodes and relationships."""
    kind = type(value)
    if kind in _SCALARS:  # nearly every value: answered before any isinstance
        return value
    if kind is list or kind is tuple:
        return [_plain(v) for v in value]
    if kind is dict:
        return {k: _plain(v) for k, v in value.items()}
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node | Relationship):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Path):
        items = [value.start_node]
        for rel in value.relationships:
            items += [rel, rel.end_node]
        return [_plain(x) for x in items]
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


_NOTHING_THERE = ("Connection refused", "Errno 111", "Errno 113", "Errno 101", "timed out")


def _unreachable(uri: str, exc: BaseException) -> str:
    """One line for a failed connect: no such host, nothing listening, or not Bolt."""
    detail = str(exc)
    fix = "point --store / KG_STORE at a Neo4j 5 Bolt port (usually 7687)"
    if "Cannot resolve" in detail or "Failed to DNS resolve" in detail:
        return f"{uri}: cannot resolve the host name; check the address in --store / KG_STORE"
    if "looks like HTTP" in detail:
        return f"{uri}: an HTTP server answers there, not Neo4j's Bolt protocol; {fix}"
    if "closed with incomplete handshake" in detail:
        return f"{uri}: a server there closed the connection without a Bolt handshake; {fix}"
    if "Failed to read four byte Bolt handshake" in detail:
        # silent, or closed before answering (the driver reports both this way)
        return f"{uri}: a server accepts connections there but sends no Bolt handshake; {fix}"
    if any(mark in detail for mark in _NOTHING_THERE):
        return (
            f"{uri}: Neo4j is not reachable ({type(exc).__name__}); start it "
            "(docker compose up -d) or point --store / KG_STORE elsewhere"
        )
    return (
        f"{uri}: the server there does not speak Neo4j's Bolt protocol "
        f"({type(exc).__name__} during the handshake); {fix}"
    )


def _rows(result) -> list[Row]:
    """A result's records as plain dicts (a record is a tuple of values in key order)."""
    keys = result.keys()
    return [dict(zip(keys, map(_plain, record), strict=True)) for record in result]


class Neo4jStore(GraphStore):
    dialect = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        user: str = "neo4j",
        password: str = "",
        database: str | None = None,
        read_only: bool = False,
        ontology: Ontology | None = None,
    ) -> None:
        import neo4j

        self.location = uri if not database else f"{uri} (database {database})"
        self.uri = uri
        self.database = database or None
        self.read_only = read_only
        self.ontology = ontology or load_ontology()
        self._user = user
        self._driver = None
        try:
            try:
                # A fresh or small graph lacks some property keys the statements name; the
                # server's "unknown property key" notices would flood the user's terminal.
                self._driver = neo4j.GraphDatabase.driver(
                    uri,
                    auth=(user, password),
                    notifications_disabled_categories=["UNRECOGNIZED"],
                    # a port that accepts and then says nothing held the default 60 s
                    connection_timeout=CONNECT_TIMEOUT,
                    connection_acquisition_timeout=CONNECT_TIMEOUT,
                )
            except (neo4j.exceptions.DriverError, ValueError) as exc:
                raise StoreError(
                    f"{uri}: not a usable Neo4j URI ({exc}); use bolt://HOST:PORT for a single "
                    "server, neo4j://HOST:PORT for a cluster"
                ) from None
            self._connect(database)
        except BaseException:
            if self._driver is not None:
                self._driver.close()
            raise
        if not read_only:
            self.init_schema()

    def _connect(self, database: str | None) -> None:
        from neo4j import exceptions as nx

        # raised unwrapped by verify_connectivity when a server answers the handshake with a
        # protocol version no driver speaks; the class is not exported
        from neo4j._exceptions import BoltError

        uri, user = self.uri, self._user
        try:
            self._driver.verify_connectivity()
            agent = self._driver.get_server_info().agent  # "Neo4j/5.26.0"
            with self._driver.session(database=self.database) as session:
                session.run(q.ping()).consume()
        except nx.AuthError:
            raise StoreError(
                f"{uri}: authentication failed for user {user!r}; set KG_NEO4J_USER and KG_NEO4J_PASSWORD"
            ) from None
        except (nx.ServiceUnavailable, nx.DriverError, BoltError, OSError, ValueError) as exc:
            raise StoreError(_unreachable(uri, exc)) from None
        except nx.ClientError as exc:
            if "DatabaseNotFound" in (exc.code or ""):
                raise StoreError(
                    f"{uri}: database {database!r} does not exist; create it or unset KG_NEO4J_DATABASE"
                ) from None
            raise StoreError(f"{uri}: {exc.message}") from None
        version = agent.split("/", 1)[-1]
        if not version.split(".", 1)[0].isdigit() or int(version.split(".", 1)[0]) < MIN_MAJOR:
            raise StoreError(
                f"{uri}: server is {agent}; AI Intel KG needs Neo4j {MIN_MAJOR} or newer"
            )

    # -- low level -----------------------------------------------------------------------

    def _session(self, write: bool):
        import neo4j

        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode)

    def _read(self, cypher: str, params: dict[str, Any] | None = None) -> list[Row]:
        with self._session(write=False) as session:
            return session.execute_read(lambda tx: _rows(tx.run(cypher, params or {})))

    @staticmethod
    def _tx_rows(tx, cypher: str, rows: list[dict[str, Any]]) -> list[Row]:
        out: list[Row] = []
        for chunk in _chunks(rows):
            out.extend(_rows(tx.run(cypher, {"rows": chunk})))
        return out

    # -- GraphStore ----------------------------------------------------------------------

    def init_schema(self) -> None:
        with self._session(write=True) as session:
            for statement in q.schema(self.ontology, self.dialect):
                session.run(statement).consume()
        self.index_entity_keys()

    def _read_rows(self, statement: str, rows: list[dict[str, Any]]) -> list[Row]:
        with self._session(write=False) as session:
            return session.execute_read(self._tx_rows, statement, rows)

    def _transact(self, work: Callable[[RowRunner], T]) -> T:
        # a managed transaction: the driver retries it whole on a transient error
        with self._session(write=True) as session:
            return session.execute_write(lambda tx: work(partial(self._tx_rows, tx)))

    def run(
        self, cypher: str, params: dict[str, Any] | None = None, *, name: str | None = None
    ) -> list[Row]:
        from neo4j import exceptions as nx

        try:
            if self.read_only:
                rows = self._read(cypher, params)
            else:
                # an implicit (auto-commit) transaction: a user's own
                # CALL {...} IN TRANSACTIONS cannot run inside a managed one
                with self._session(write=True) as session:
                    rows = _rows(session.run(cypher, params or {}))
        except nx.Neo4jError as exc:
            raise QueryError(f"{exc.code}: {exc.message}", name) from None
        return rows

    def wipe(self) -> None:
        """Delete every node (tests and ``kg sync --replace`` only)."""
        with self._session(write=True) as session:
            for statement in q.wipe_some():
                while session.run(statement).single()["n"]:
                    pass

    def close(self) -> None:
        driver = getattr(self, "_driver", None)
        if driver is not None:
            driver.close()
            self._driver = None
