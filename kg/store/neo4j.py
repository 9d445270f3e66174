"""The production store: Neo4j 5 over Bolt with the official driver.

Behaves like the embedded store: the same merge plan (``kg.store.merge``), the same rows
back. Writes run in managed write transactions (the driver retries transient errors);
queries run in READ access mode unless the store was opened for writing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import Any

from kg.errors import QueryError, StoreError
from kg.models import IngestBatch, QuarantineItem
from kg.ontology import Ontology, load_ontology
from kg.store.base import GraphStore, Row, Stats, WriteCounts
from kg.store.merge import plan_write, rebuild_relations, source_id
from kg.store.neo4j_cypher import schema_statements, write_statements

_CHUNK = 5000
MIN_MAJOR = 5
CONNECT_TIMEOUT = 10.0  # seconds to open a connection and finish the Bolt handshake


def _chunks(rows: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), _CHUNK):
        yield rows[start : start + _CHUNK]


def _plain(value: Any) -> Any:
    """Driver values as the embedded store returns them: dates, dicts, lists."""
    from neo4j.graph import Node, Relationship

    if isinstance(value, Node | Relationship):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "to_native"):
        return value.to_native()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
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
        self.statements = write_statements(self.ontology)
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
                session.run(self.statements["ping"][0]).consume()
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
            return session.execute_read(lambda tx: [r.data() for r in tx.run(cypher, params or {})])

    @staticmethod
    def _tx_rows(tx, cypher: str, rows: list[dict[str, Any]]) -> list[Row]:
        out: list[Row] = []
        for chunk in _chunks(rows):
            out.extend(r.data() for r in tx.run(cypher, {"rows": chunk}))
        return out

    # -- GraphStore ----------------------------------------------------------------------

    def init_schema(self) -> None:
        with self._session(write=True) as session:
            for statement, _ in schema_statements(self.ontology).values():
                session.run(statement).consume()

    def article_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        rows = [{"id": i} for i in dict.fromkeys(ids)]
        query = self.statements["article_hashes"][0]
        with self._session(write=False) as session:
            found = session.execute_read(self._tx_rows, query, rows)
        return {r["id"]: r["hash"] for r in found}

    def write(self, batch: IngestBatch, *, replace_extracted: bool = False) -> WriteCounts:
        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only; cannot write")
        with self._session(write=True) as session:
            return session.execute_write(self._write, batch, replace_extracted)

    def _write(self, tx, batch: IngestBatch, replace_extracted: bool = False) -> WriteCounts:
        s = self.statements
        stored = {
            r["id"]: r["hash"]
            for r in self._tx_rows(
                tx, s["article_hashes"][0], [{"id": a.id} for a in batch.articles]
            )
        }
        if replace_extracted:
            changed = [a.id for a in batch.articles if a.id in stored]
            mentions = s["detach_extracted_mentions"][0]
        else:
            changed = [
                a.id for a in batch.articles if a.id in stored and stored[a.id] != a.content_hash
            ]
            mentions = s["detach_mentions"][0]
        if changed:
            self._tx_rows(tx, mentions, [{"id": i} for i in changed])
            self._detach_statements(tx, changed)
        entities = {
            r["id"]: r
            for r in self._tx_rows(
                tx, s["entity_lookup"][0], [{"id": e.id} for e in batch.entities]
            )
        }
        relations: dict[tuple[str, str, str], Row] = {}
        by_type: dict[str, set[tuple[str, str]]] = {}
        for rel in batch.relations:
            by_type.setdefault(rel.type, set()).add((rel.head_id, rel.tail_id))
        for type_, pairs in by_type.items():
            label = self.ontology.cypher_relation(type_)
            rows = [{"h": h, "t": t} for h, t in sorted(pairs)]
            for r in self._tx_rows(tx, s[f"relation_lookup_{label}"][0], rows):
                relations[(r["h"], type_, r["t"])] = {k: _plain(v) for k, v in r.items()}
        sources = {
            r["id"]
            for r in self._tx_rows(
                tx,
                s["source_ids"][0],
                [{"id": i} for i in sorted({source_id(a.source) for a in batch.articles})],
            )
        }
        entities = {k: {f: _plain(v) for f, v in row.items()} for k, row in entities.items()}
        plan = plan_write(batch, stored, entities, relations, sources, replace_extracted)
        if plan.new_sources:
            self._tx_rows(tx, s["sources"][0], plan.new_sources)
        if plan.new_articles or plan.updated_articles:
            self._tx_rows(tx, s["articles"][0], plan.new_articles + plan.updated_articles)
        by_kind: dict[str, list[dict[str, Any]]] = {}
        for row in plan.new_entities:
            by_kind.setdefault(row["kind"], []).append(row)
        for kind, rows in sorted(by_kind.items()):
            self._tx_rows(tx, s[f"entities_new_{self.ontology.cypher_kind(kind)}"][0], rows)
        if plan.updated_entities:
            self._tx_rows(tx, s["entities_update"][0], plan.updated_entities)
        if plan.mentions:
            self._tx_rows(tx, s["mentions"][0], plan.mentions)
        for type_, rows in plan.new_relations.items():
            self._tx_rows(tx, s[f"relation_new_{self.ontology.cypher_relation(type_)}"][0], rows)
        self._update_relations(tx, plan.updated_relations)
        if plan.statements:
            self._tx_rows(tx, s["statements"][0], plan.statements)
        return plan.counts

    def _update_relations(self, tx, updated: dict[str, list[dict[str, Any]]]) -> None:
        for type_, rows in updated.items():
            label = self.ontology.cypher_relation(type_)
            self._tx_rows(tx, self.statements[f"relation_update_{label}"][0], rows)

    def _detach_statements(self, tx, article_ids: list[str]) -> None:
        """Drop what changed articles stated and recompute the relations they supported."""
        s = self.statements
        rows = [{"id": i} for i in article_ids]
        affected = {(x["h"], x["type"], x["t"]) for x in self._tx_rows(tx, s["stated_by"][0], rows)}
        if not affected:
            return
        self._tx_rows(tx, s["detach_statements"][0], rows)
        remaining = [
            {k: _plain(v) for k, v in row.items()}
            for row in self._tx_rows(
                tx,
                s["relation_support"][0],
                [{"h": h, "type": type_, "t": t} for h, type_, t in sorted(affected)],
            )
        ]
        deleted, updated = rebuild_relations(affected, remaining)
        for type_, keys in deleted.items():
            self._tx_rows(tx, s[f"relation_delete_{self.ontology.cypher_relation(type_)}"][0], keys)
        self._update_relations(tx, updated)

    def add_quarantine(self, items: Iterable[QuarantineItem]) -> int:
        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only; cannot write")
        rows = {
            i.id: {
                "id": i.id,
                "source": i.source,
                "reason": i.reason,
                "raw": i.raw,
                "at": i.at.isoformat(),
            }
            for i in items
        }
        if not rows:
            return 0

        def work(tx) -> int:
            known = {
                r["id"]
                for r in self._tx_rows(
                    tx, self.statements["quarantine_ids"][0], list(rows.values())
                )
            }
            fresh = [row for key, row in rows.items() if key not in known]
            if fresh:
                self._tx_rows(tx, self.statements["quarantine_add"][0], fresh)
            return len(fresh)

        with self._session(write=True) as session:
            return session.execute_write(work)

    def put_state(self, key: str, state: dict[str, Any]) -> None:
        import json
        from datetime import UTC

        params = {
            "id": key,
            "state": json.dumps(state, sort_keys=True),
            "at": datetime.now(UTC).isoformat(),
        }
        with self._session(write=True) as session:
            session.execute_write(
                lambda tx: tx.run(self.statements["put_state"][0], params).consume()
            )

    def quarantine(self) -> list[QuarantineItem]:
        rows = self._read(self.statements["quarantine_list"][0])
        return [QuarantineItem(**{**r, "at": datetime.fromisoformat(r["at"])}) for r in rows]

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
                    rows = [r.data() for r in session.run(cypher, params or {})]
        except nx.Neo4jError as exc:
            raise QueryError(f"{exc.code}: {exc.message}", name) from None
        return [_plain(row) for row in rows]

    def stats(self) -> Stats:
        s = self.statements
        stats = Stats(
            **{
                field: self._read(s[f"count_{field}"][0])[0]["n"]
                for field in ("articles", "sources", "entities", "mentions", "quarantined")
            }
        )
        stats.days = [_plain(r["day"]).isoformat() for r in self._read(s["stats_days"][0])]
        stats.entities_by_kind = {r["kind"]: r["n"] for r in self._read(s["stats_kinds"][0])}
        for type_ in self.ontology.relation_names:
            label = self.ontology.cypher_relation(type_)
            n = self._read(s[f"count_relation_{label}"][0])[0]["n"]
            if n:
                stats.relations_by_type[type_] = n
        stats.relations = sum(stats.relations_by_type.values())
        return stats

    def wipe(self) -> None:
        """Delete every node (tests and ``kg sync --replace`` only)."""
        with self._session(write=True) as session:
            while session.run(self.statements["wipe"][0]).single()["n"]:
                pass

    def close(self) -> None:
        driver = getattr(self, "_driver", None)
        if driver is not None:
            driver.close()
            self._driver = None
