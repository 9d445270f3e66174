"""The embedded store: a LadybugDB file on disk, no server.

Writes follow the fast shape measured in CYPHER-DIALECTS.md: look up which keys exist,
then ``CREATE`` the new rows and ``MATCH ... SET`` the existing ones, all in one
transaction. ``MERGE`` scans the whole table per statement on LadybugDB and would not
survive a year of news. A statement's rows reach the engine as one Arrow table
(``LOAD FROM $rows``, see ``statements.rows_from_table``), not as a list parameter. The sequence is ``kg.store.writer``'s, the statements
``kg.store.statements``' in the ``ladybug`` dialect; this module keeps the connection, its
transactions (``_transact``) and the engine's errors. ``_execute`` is the one place a
statement and its parameters meet the engine.
"""

from __future__ import annotations

import contextlib
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import ladybug as lb

from kg.errors import QueryError, StoreError, StoreLockedError, StoreNotFoundError
from kg.ontology import Ontology, load_ontology
from kg.store import statements as q
from kg.store.base import GraphStore, Row, RowRunner
from kg.store.memory import no_cyclic_gc, return_freed_memory
from kg.store.merge import support_summary
from kg.store.schema import ENTITY_KEY, ladybug_ddl

T = TypeVar("T")

# Seconds a reader waits for another process's checkpoint before giving up with advice.
OPEN_WAIT = 10.0
# What LadybugDB says while a checkpoint rewrites the files or a log awaits replay.
_TRANSIENT = (
    "checkpoint",
    ".wal",
    "wal file",
    "recovery",
    "reading past the end",
    "invalid local node offset",
    # a reader opening while a writer checkpoints can read the catalog before the tables
    # it names ("Load table failed: table ... doesn't exist in catalog"), seen under load
    "exist in catalog",
)
# Free space a write needs where the store lives. LadybugDB that meets a full disk while
# appending its log aborts the whole process (a C++ "terminate called"), leaving a torn log;
# refusing the write before that keeps the committed batches and says why.
MIN_FREE_MB = 64
# What LadybugDB says of a log whose last record was cut short (a crash, a full disk).
_TORN_LOG = ("checksum verification failed", "wal file is corrupted")
# Rows per statement. Rows travel as one Arrow table per statement (``_table``), compact
# enough that a whole batch fits; the bound keeps a huge one from being copied at once.
_CHUNK = 50_000
# Up to this many values (rows x columns) a statement's rows go as a list parameter: a
# table costs a fresh prepare and a scan set-up (about 5 ms a statement), a list about
# 30 us a value, so a few hundred rows are cheaper as a list, a batch's mentions as a table.
_LIST_VALUES = 600


def _chunks(rows: list[dict[str, Any]], size: int = _CHUNK) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def _table(rows: list[dict[str, Any]]):
    """``rows`` as an Arrow table of one struct column ``r`` (what ``LOAD FROM $rows``
    reads, see ``statements.rows_from_table``).

    Arrow infers each field's type from the values: integers are INT64 whatever their
    size, so the engine sees the same types from one batch to the next. A field that is
    None (or an empty list) in every row of a chunk would be Arrow's null type; it is
    given the string type the schema's columns hold instead.
    """
    import pyarrow as pa

    array = pa.array(rows)
    fields = list(array.type)
    if any(pa.types.is_null(f.type) or _is_null_list(f.type) for f in fields):
        fixed = pa.struct(
            [
                pa.field(f.name, pa.string())
                if pa.types.is_null(f.type)
                else pa.field(f.name, pa.list_(pa.string()))
                if _is_null_list(f.type)
                else f
                for f in fields
            ]
        )
        array = array.cast(fixed)
    return pa.table({"r": array})


def _is_null_list(type_) -> bool:
    import pyarrow as pa

    return pa.types.is_list(type_) and pa.types.is_null(type_.value_type)


def stable_param_types(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows whose parameter types do not depend on their values, so a prepared statement
    is reused from one batch to the next.

    The binding infers an integer's type from its value (INT8 for 5, INT16 for 300, ...)
    and keys its prepared-statement cache on those types, so a batch whose largest count
    crossed a width prepared its ``UNWIND`` again (converting every row one extra time).
    Integers travel as DOUBLE instead, exact below 2**53, and the engine casts them to the
    INT64 column they are written to.
    """
    if not rows:
        return rows
    keys = [k for k, v in rows[0].items() if type(v) is int]
    if not keys:
        return rows
    return [
        {**r, **{k: float(r[k]) for k in keys if type(r[k]) is int and abs(r[k]) < 2**53}}
        for r in rows
    ]


_SCALARS = (str, int, float, bool, type(None), date)
# Column types whose Python values are already plain (str, int, float, bool, date, [str]).
_PLAIN_TYPES = frozenset(
    {"STRING", "INT64", "INT32", "INT16", "INT8", "SERIAL", "DOUBLE", "FLOAT", "BOOL"}
    | {"DATE", "STRING[]"}
)


def _plain(value: Any) -> Any:
    """Values as every store returns them: no Decimals, no engine-internal keys."""
    if type(value) in _SCALARS:
        return value
    if isinstance(value, list) and all(type(v) is str for v in value):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if not k.startswith("_")}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class LadybugStore(GraphStore):
    dialect = "ladybug"

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        create: bool = True,
        buffer_pool_mb: int = 1024,
        checkpoint_mb: int = 32,
        ontology: Ontology | None = None,
    ) -> None:
        self.path = Path(path).expanduser()
        self.location = str(self.path)
        self.read_only = read_only
        self.buffer_pool_mb = buffer_pool_mb
        self.ontology = ontology or load_ontology()
        self._lock = threading.Lock()
        exists = self.path.exists()
        if not exists and (read_only or not create):
            raise StoreNotFoundError(self.location)
        if not exists:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self._db = self._open_database(read_only, buffer_pool_mb)
        self._conn = lb.Connection(self._db)
        if not read_only:
            # Rows are written as Arrow tables; loading pyarrow (about 0.3 s, once a process)
            # belongs to opening a writer, not to its first batch.
            import pyarrow  # noqa: F401

            self._execute(f"CALL checkpoint_threshold={int(checkpoint_mb) * 1024 * 1024}")
            self.init_schema()
        elif not self._is_current():
            # A graph from before STATES edges or look-up keys: upgrade it once, then read.
            self.close()
            LadybugStore(path, buffer_pool_mb=buffer_pool_mb, ontology=self.ontology).close()
            self._db = lb.Database(
                str(self.path), buffer_pool_size=buffer_pool_mb * 1024 * 1024, read_only=True
            )
            self._conn = lb.Connection(self._db)

    def _open_database(self, read_only: bool, buffer_pool_mb: int):
        """The database, waiting out a writer's checkpoint (a bounded delay, ``OPEN_WAIT``).

        A read-only open fails while another process checkpoints ("checkpoint", a WAL being
        rewritten); that passes in well under a second, so it is retried. A log left by a
        crash is replayed by the first write-mode open: a reader that keeps failing tries
        one itself when no writer holds the store.
        """
        deadline = time.monotonic() + OPEN_WAIT
        pause, recovered = 0.02, False
        while True:
            try:
                return lb.Database(
                    str(self.path),
                    buffer_pool_size=buffer_pool_mb * 1024 * 1024,
                    read_only=read_only,
                )
            except RuntimeError as exc:
                text = str(exc)
                if not read_only and any(m in text.lower() for m in _TORN_LOG):
                    return self._open_replaying_what_is_whole(buffer_pool_mb)
                if "lock" in text.lower():
                    raise StoreLockedError(self.location, text) from None
                if not any(m in text.lower() for m in _TRANSIENT):
                    raise StoreError(
                        f"cannot open the embedded store {self.location}: {text}"
                    ) from None
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"cannot open the embedded store {self.location} after waiting "
                        f"{OPEN_WAIT:.0f} s ({text}); if no other kg process is running, run "
                        f"`kg init --store {self.location}` once to recover its log, then retry"
                    ) from None
                if read_only and not recovered and time.monotonic() >= deadline - OPEN_WAIT / 2:
                    recovered = self._recover(buffer_pool_mb)
            time.sleep(pause)
            pause = min(pause * 2, 0.5)

    def _recover(self, buffer_pool_mb: int) -> bool:
        """A write-mode open replays the log a crash left; False while a writer is busy."""
        try:
            lb.Database(str(self.path), buffer_pool_size=buffer_pool_mb * 1024 * 1024).close()
        except RuntimeError as exc:
            if not any(m in str(exc).lower() for m in _TORN_LOG):
                return False
            try:
                self._open_replaying_what_is_whole(buffer_pool_mb).close()
            except StoreError:
                return False
        return True

    def _open_replaying_what_is_whole(self, buffer_pool_mb: int):
        """A log cut short by a crash or a full disk: its whole records are replayed and the
        torn tail, a transaction that never committed, is dropped (re-running the command
        writes it again)."""
        try:
            return lb.Database(
                str(self.path),
                buffer_pool_size=buffer_pool_mb * 1024 * 1024,
                throw_on_wal_replay_failure=False,
            )
        except RuntimeError as exc:
            raise StoreError(f"cannot open the embedded store {self.location}: {exc}") from None

    def _check_room(self) -> None:
        free = shutil.disk_usage(self.path.parent).free
        if free < MIN_FREE_MB * 1024 * 1024:
            raise StoreError(
                f"{self.location}: the disk is full ({free / 1024 / 1024:.0f} MB free where the "
                f"store lives, a write needs {MIN_FREE_MB} MB); free space and run the same "
                "command again (committed batches are kept)"
            )

    # -- low level -----------------------------------------------------------------------

    def _execute(self, cypher: str, params: dict[str, Any] | None = None) -> list[Row]:
        return self._execute_typed(cypher, params)[0]

    def _execute_typed(
        self, cypher: str, params: dict[str, Any] | None = None
    ) -> tuple[list[Row], list[str]]:
        result = self._conn.execute(cypher, params or {})
        columns = result.get_column_names()
        types = result.get_column_data_types()
        rows = [dict(zip(columns, values, strict=True)) for values in result.get_all()]
        return rows, [c for c, t in zip(columns, types, strict=True) if t not in _PLAIN_TYPES]

    def _unwind(self, cypher: str, rows: list[dict[str, Any]]) -> list[Row]:
        out: list[Row] = []
        for chunk in _chunks(rows):
            if len(chunk) * len(chunk[0]) <= _LIST_VALUES:
                out.extend(self._execute(cypher, {"rows": stable_param_types(chunk)}))
                continue
            statement = q.rows_from_table(cypher)
            out.extend(self._execute(statement, {"rows": _table(chunk)}))
            self._forget_prepared(statement)
        return out

    def _forget_prepared(self, statement: str) -> None:
        # The binding keys a statement that reads a table on that table object, so each
        # chunk is prepared anew (about a millisecond); the entry it leaves behind would
        # keep the chunk's rows alive for as long as the connection lives.
        cache = getattr(self._conn, "_pybind_implicit_prepared_cache", None)
        if cache:
            for key in [k for k in cache if k[0] == statement]:
                del cache[key]

    # -- GraphStore ----------------------------------------------------------------------

    def _is_current(self) -> bool:
        """A new file, or one with every table added since the first release."""
        tables = {row["name"] for row in self._execute("CALL show_tables() RETURN name")}
        return not tables or {"STATES", ENTITY_KEY} <= tables

    def init_schema(self) -> None:
        with self._lock:
            tables = {row["name"] for row in self._execute("CALL show_tables() RETURN name")}
            for statement in ladybug_ddl(self.ontology):
                self._execute(statement)
        if tables and "STATES" not in tables:
            self._transact(self._move_support_to_statements)
        self.index_entity_keys()

    def _move_support_to_statements(self, rows: RowRunner) -> None:
        """Graphs written before STATES edges kept every support in the relation's lists:
        turn those into STATES edges and keep only the newest on the relation, once."""
        for type_ in self.ontology.relation_names:
            label = self.ontology.cypher_relation(type_)
            relations = self._execute(
                f"MATCH (h:Entity)-[x:{label}]->(t:Entity) RETURN h.id AS h, t.id AS t, "
                "x.articles AS articles, x.evidence AS evidence, x.extractor AS extractor"
            )
            ids = sorted({a for r in relations for a in r["articles"] or []})
            found = rows(
                q.find_nodes("Article", {"id": "id", "day": "day"}), [{"id": i} for i in ids]
            )
            days = {row["id"]: row["day"] for row in found}
            statements, updated = [], []
            for r in relations:
                supports = [
                    (a, days[a].isoformat(), e or "")
                    for a, e in zip(r["articles"] or [], r["evidence"] or [], strict=False)
                    if a in days
                ]
                statements += [
                    {
                        "article": a,
                        "head": r["h"],
                        "rel_type": type_,
                        "tail": r["t"],
                        "sentence": e,
                        "extractor": r["extractor"] or "",
                        "qualifiers": "{}",
                        "via": "",
                    }
                    for a, _, e in supports
                ]
                if supports:
                    updated.append({"h": r["h"], "t": r["t"], **support_summary(supports)})
            self.writer.update_relations(rows, {type_: updated})
            self.writer.create_statements(rows, statements)

    def _read_rows(self, statement: str, rows: list[dict[str, Any]]) -> list[Row]:
        with self._lock:
            return self._unwind(statement, rows)

    def _transact(self, work: Callable[[RowRunner], T]) -> T:
        self._check_room()
        with self._lock, no_cyclic_gc():
            self._execute("BEGIN TRANSACTION")
            try:
                result = work(self._unwind)
            except RuntimeError as exc:
                self._rollback()
                raise self._store_error(exc) from None
            except BaseException:
                self._rollback()
                raise
            try:
                self._execute("COMMIT")
            except RuntimeError as exc:
                raise self._store_error(exc) from None
            return_freed_memory()
        return result

    def _rollback(self) -> None:
        # After some engine errors the transaction is already gone; nothing left to undo.
        with contextlib.suppress(RuntimeError):
            self._execute("ROLLBACK")

    def _store_error(self, exc: RuntimeError) -> StoreError:
        text = str(exc)
        if "buffer pool is full" in text.lower() or "unable to allocate memory" in text.lower():
            return StoreError(
                f"{self.location}: the embedded store's buffer pool ({self.buffer_pool_mb} MB) is full; "
                "raise KG_BUFFER_POOL_MB (e.g. 2048 for a year of news) or lower KG_BATCH_SIZE. "
                + ("Committed data is durable." if "committed successfully" in text.lower() else "")
            )
        if "no space left" in text.lower() or "errno 28" in text.lower():
            return StoreError(
                f"{self.location}: the disk is full; free space where the store lives and run "
                "the same command again (committed batches are kept)"
            )
        return StoreError(f"{self.location}: write failed: {text}")

    def run(
        self, cypher: str, params: dict[str, Any] | None = None, *, name: str | None = None
    ) -> list[Row]:
        with self._lock:
            try:
                rows, slow = self._execute_typed(cypher, params)
            except RuntimeError as exc:
                raise QueryError(str(exc), name) from None
        # Convert only the columns that hold engine values (Decimal sums, nodes, nested lists).
        if not rows or not slow:
            return rows
        for row in rows:
            for c in slow:
                row[c] = _plain(row[c])
        return [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]

    def close(self) -> None:
        with self._lock:
            conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
            self._conn = self._db = None
            if conn is not None:
                conn.close()
            if db is not None:
                db.close()
