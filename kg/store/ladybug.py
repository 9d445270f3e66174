"""The embedded store: a LadybugDB file on disk, no server.

Writes follow the fast shape measured in CYPHER-DIALECTS.md: look up which keys exist,
then ``UNWIND ... CREATE`` the new rows and ``UNWIND ... MATCH ... SET`` the existing ones,
all in one transaction. ``MERGE`` scans the whole table per statement on LadybugDB and
would not survive a year of news.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import shutil
import threading
import time
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import ladybug as lb

from kg.errors import QueryError, StoreError, StoreLockedError, StoreNotFoundError
from kg.models import IngestBatch, QuarantineItem
from kg.ontology import Ontology, load_ontology
from kg.store.base import GraphStore, Row, Stats, WriteCounts
from kg.store.merge import (
    PlannedWrite,
    plan_write,
    rebuild_relations,
    source_id,
    support_summary,
)
from kg.store.schema import ladybug_ddl

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
)
# Free space a write needs where the store lives. LadybugDB that meets a full disk while
# appending its log aborts the whole process (a C++ "terminate called"), leaving a torn log;
# refusing the write before that keeps the committed batches and says why.
MIN_FREE_MB = 64
# What LadybugDB says of a log whose last record was cut short (a crash, a full disk).
_TORN_LOG = ("checksum verification failed", "wal file is corrupted")
_CHUNK = 5000  # rows per UNWIND statement: large enough to amortise, small enough for memory


def _chunks(rows: list[dict[str, Any]], size: int = _CHUNK) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


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


@functools.cache
def _malloc_trim():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc.malloc_trim
    except (OSError, AttributeError):  # not glibc: nothing to trim
        return None


def _return_freed_memory() -> None:
    # A write transaction allocates and frees hundreds of MB inside the engine; glibc keeps
    # the freed pages in the heap, so RSS would creep towards the largest batch ever seen
    # (measured: 2.1 GB -> 1.5 GB by trimming mid-way through a year-long ingest).
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


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
            self._execute(f"CALL checkpoint_threshold={int(checkpoint_mb) * 1024 * 1024}")
            self.init_schema()
        elif not self._has_statements():
            # A graph from before STATES edges: upgrade it once, then read as asked.
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
        for chunk in _chunks(stable_param_types(rows)):
            out.extend(self._execute(cypher, {"rows": chunk}))
        return out

    # -- GraphStore ----------------------------------------------------------------------

    def _has_statements(self) -> bool:
        tables = {row["name"] for row in self._execute("CALL show_tables() RETURN name")}
        return not tables or "STATES" in tables

    def init_schema(self) -> None:
        with self._lock:
            upgrade = not self._has_statements()
            for statement in ladybug_ddl(self.ontology):
                self._execute(statement)
            if upgrade:
                self._move_support_to_statements()

    def _move_support_to_statements(self) -> None:
        """Graphs written before STATES edges kept every support in the relation's lists:
        turn those into STATES edges and keep only the newest on the relation, once."""
        self._execute("BEGIN TRANSACTION")
        try:
            for type_ in self.ontology.relation_names:
                label = self.ontology.cypher_relation(type_)
                relations = self._execute(
                    f"MATCH (h:Entity)-[x:{label}]->(t:Entity) RETURN h.id AS h, t.id AS t, "
                    "x.articles AS articles, x.evidence AS evidence, x.extractor AS extractor"
                )
                ids = sorted({a for r in relations for a in r["articles"] or []})
                days = {
                    row["id"]: row["day"]
                    for row in self._unwind(
                        "UNWIND $rows AS r MATCH (a:Article {id: r.id}) RETURN a.id AS id, a.day AS day",
                        [{"id": i} for i in ids],
                    )
                }
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
                self._update_relations({type_: updated})
                self._create_statements(statements)
        except RuntimeError as exc:
            self._rollback()
            raise self._store_error(exc) from None
        self._execute("COMMIT")

    def article_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        rows = [{"id": i} for i in dict.fromkeys(ids)]
        with self._lock:
            found = self._unwind(
                "UNWIND $rows AS r MATCH (a:Article {id: r.id}) "
                "RETURN a.id AS id, a.content_hash AS hash",
                rows,
            )
        return {row["id"]: row["hash"] for row in found}

    def write(self, batch: IngestBatch, *, replace_extracted: bool = False) -> WriteCounts:
        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only; cannot write")
        self._check_room()
        with self._lock:
            self._execute("BEGIN TRANSACTION")
            try:
                counts = self._write(batch, replace_extracted)
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
            _return_freed_memory()
        return counts

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

    def _write(self, batch: IngestBatch, replace_extracted: bool = False) -> WriteCounts:
        stored = {
            row["id"]: row["hash"]
            for row in self._unwind(
                "UNWIND $rows AS r MATCH (a:Article {id: r.id}) "
                "RETURN a.id AS id, a.content_hash AS hash",
                [{"id": a.id} for a in batch.articles],
            )
        }
        if replace_extracted:
            self._detach([a.id for a in batch.articles if a.id in stored], extracted_only=True)
        else:
            changed = [
                a.id for a in batch.articles if a.id in stored and stored[a.id] != a.content_hash
            ]
            if changed:
                self._detach(changed)
        existing_entities = self._lookup_entities({e.id for e in batch.entities})
        existing_relations = self._lookup_relations(batch)
        existing_sources = {
            row["id"]
            for row in self._unwind(
                "UNWIND $rows AS r MATCH (s:Source {id: r.id}) RETURN s.id AS id",
                [{"id": s} for s in sorted({source_id(a.source) for a in batch.articles})],
            )
        }
        plan = plan_write(
            batch,
            stored,
            existing_entities,
            existing_relations,
            existing_sources,
            replace_extracted,
        )
        self._apply(plan)
        return plan.counts

    def _lookup_entities(self, ids: set[str]) -> dict[str, Row]:
        rows = self._unwind(
            "UNWIND $rows AS r MATCH (e:Entity {id: r.id}) "
            "RETURN e.id AS id, e.aliases AS aliases, e.first_seen AS first_seen, "
            "e.last_seen AS last_seen",
            [{"id": i} for i in sorted(ids)],
        )
        return {row["id"]: row for row in rows}

    def _lookup_relations(self, batch: IngestBatch) -> dict[tuple[str, str, str], Row]:
        found: dict[tuple[str, str, str], Row] = {}
        by_type: dict[str, set[tuple[str, str]]] = {}
        for rel in batch.relations:
            by_type.setdefault(rel.type, set()).add((rel.head_id, rel.tail_id))
        for type_, pairs in by_type.items():
            label = self.ontology.cypher_relation(type_)
            rows = self._unwind(
                f"UNWIND $rows AS r MATCH (h:Entity {{id: r.h}})-[x:{label}]->(t:Entity {{id: r.t}}) "
                "RETURN h.id AS h, t.id AS t, x.articles AS articles, x.evidence AS evidence, "
                "x.first_seen AS first_seen, x.last_seen AS last_seen, x.count AS count, "
                "x.qualifiers AS qualifiers, x.via AS via",
                [{"h": h, "t": t} for h, t in sorted(pairs)],
            )
            for row in rows:
                found[(row["h"], type_, row["t"])] = row
        return found

    def _detach(self, article_ids: list[str], extracted_only: bool = False) -> None:
        """Remove what articles contributed (all of it, or only what extraction produced)."""
        rows = [{"id": i} for i in article_ids]
        where = "WHERE m.origin = 'extracted' " if extracted_only else ""
        self._unwind(
            f"UNWIND $rows AS r MATCH (a:Article {{id: r.id}})-[m:MENTIONS]->() {where}DELETE m",
            rows,
        )
        stated = self._unwind(
            "UNWIND $rows AS r MATCH (a:Article {id: r.id})-[s:STATES]->(h:Entity) "
            "RETURN h.id AS h, s.rel_type AS type, s.tail AS t",
            rows,
        )
        if not stated:
            return
        self._unwind(
            "UNWIND $rows AS r MATCH (a:Article {id: r.id})-[s:STATES]->(:Entity) DELETE s", rows
        )
        affected = {(x["h"], x["type"], x["t"]) for x in stated}
        remaining = self._unwind(
            "UNWIND $rows AS r MATCH (a:Article)-[s:STATES]->(h:Entity {id: r.h}) "
            "WHERE s.rel_type = r.type AND s.tail = r.t "
            "RETURN h.id AS h, s.rel_type AS type, s.tail AS t, a.id AS article, a.day AS day, "
            "s.sentence AS sentence, s.qualifiers AS qualifiers, s.via AS via",
            [{"h": h, "type": type_, "t": t} for h, type_, t in sorted(affected)],
        )
        deleted, updated = rebuild_relations(affected, remaining)
        for type_, keys in deleted.items():
            label = self.ontology.cypher_relation(type_)
            self._unwind(
                f"UNWIND $rows AS r MATCH (h:Entity {{id: r.h}})-[x:{label}]->(t:Entity {{id: r.t}}) "
                "DELETE x",
                keys,
            )
        self._update_relations(updated)

    def _update_relations(self, updated: dict[str, list[dict[str, Any]]]) -> None:
        for type_, rows in updated.items():
            label = self.ontology.cypher_relation(type_)
            self._unwind(
                f"UNWIND $rows AS r MATCH (h:Entity {{id: r.h}})-[x:{label}]->(t:Entity {{id: r.t}}) "
                "SET x.first_seen = date(r.first_seen), x.last_seen = date(r.last_seen), "
                "x.count = r.count, x.articles = r.articles, x.evidence = r.evidence, "
                "x.qualifiers = r.qualifiers, x.via = r.via",
                rows,
            )

    def _apply(self, plan: PlannedWrite) -> None:
        if plan.new_sources:
            self._unwind(
                "UNWIND $rows AS r CREATE (:Source {id: r.id, name: r.name, kind: r.kind})",
                plan.new_sources,
            )
        if plan.new_articles:
            self._unwind(
                "UNWIND $rows AS r CREATE (:Article {id: r.id, url: r.url, title: r.title, "
                "source: r.source, source_kind: r.source_kind, published: r.published, "
                "day: date(r.day), lang: r.lang, text: r.text, tags: r.tags, links: r.links, "
                "content_hash: r.content_hash, extractor: r.extractor})",
                plan.new_articles,
            )
            self._unwind(
                "UNWIND $rows AS r MATCH (a:Article {id: r.id}) MATCH (s:Source {id: r.source_id}) "
                "CREATE (a)-[:PUBLISHED_BY]->(s)",
                [{"id": a["id"], "source_id": a["source_id"]} for a in plan.new_articles],
            )
        if plan.updated_articles:
            self._unwind(
                "UNWIND $rows AS r MATCH (a:Article {id: r.id}) SET a.url = r.url, "
                "a.title = r.title, a.source = r.source, a.source_kind = r.source_kind, "
                "a.published = r.published, a.day = date(r.day), a.lang = r.lang, "
                "a.text = r.text, a.tags = r.tags, a.links = r.links, a.content_hash = r.content_hash, "
                "a.extractor = r.extractor",
                plan.updated_articles,
            )
        if plan.new_entities:
            self._unwind(
                "UNWIND $rows AS r CREATE (:Entity {id: r.id, name: r.name, kind: r.kind, "
                "aliases: r.aliases, first_seen: date(r.first_seen), last_seen: date(r.last_seen)})",
                plan.new_entities,
            )
        if plan.updated_entities:
            self._unwind(
                "UNWIND $rows AS r MATCH (e:Entity {id: r.id}) SET e.aliases = r.aliases, "
                "e.first_seen = date(r.first_seen), e.last_seen = date(r.last_seen)",
                plan.updated_entities,
            )
        if plan.mentions:
            self._unwind(
                "UNWIND $rows AS r MATCH (a:Article {id: r.article}) MATCH (e:Entity {id: r.entity}) "
                "CREATE (a)-[:MENTIONS {count: r.count, snippet: r.snippet, origin: r.origin, "
                "extractor: r.extractor}]->(e)",
                plan.mentions,
            )
        for type_, rows in plan.new_relations.items():
            label = self.ontology.cypher_relation(type_)
            self._unwind(
                f"UNWIND $rows AS r MATCH (h:Entity {{id: r.h}}) MATCH (t:Entity {{id: r.t}}) "
                f"CREATE (h)-[:{label} {{rel_type: r.rel_type, first_seen: date(r.first_seen), "
                "last_seen: date(r.last_seen), count: r.count, articles: r.articles, "
                "evidence: r.evidence, extractor: r.extractor, qualifiers: r.qualifiers, "
                "via: r.via}]->(t)",
                rows,
            )
        self._update_relations(plan.updated_relations)
        self._create_statements(plan.statements)

    def _create_statements(self, rows: list[dict[str, Any]]) -> None:
        if rows:
            self._unwind(
                "UNWIND $rows AS r MATCH (a:Article {id: r.article}) MATCH (h:Entity {id: r.head}) "
                "CREATE (a)-[:STATES {rel_type: r.rel_type, tail: r.tail, sentence: r.sentence, "
                "extractor: r.extractor, qualifiers: r.qualifiers, via: r.via}]->(h)",
                rows,
            )

    def add_quarantine(self, items: Iterable[QuarantineItem]) -> int:
        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only; cannot write")
        rows = {
            item.id: {
                "id": item.id,
                "source": item.source,
                "reason": item.reason,
                "raw": item.raw,
                "at": item.at.isoformat(),
            }
            for item in items
        }
        if not rows:
            return 0
        self._check_room()
        with self._lock:
            known = {
                row["id"]
                for row in self._unwind(
                    "UNWIND $rows AS r MATCH (q:Quarantine {id: r.id}) RETURN q.id AS id",
                    [{"id": i} for i in rows],
                )
            }
            fresh = [row for key, row in rows.items() if key not in known]
            if fresh:
                self._unwind(
                    "UNWIND $rows AS r CREATE (:Quarantine {id: r.id, source: r.source, "
                    "reason: r.reason, raw: r.raw, at: r.at})",
                    fresh,
                )
        return len(fresh)

    def put_state(self, key: str, state: dict[str, Any]) -> None:
        import json
        from datetime import UTC

        params = {
            "id": key,
            "state": json.dumps(state, sort_keys=True),
            "at": datetime.now(UTC).isoformat(),
        }
        with self._lock:
            if self._execute(
                "MATCH (s:SourceState) WHERE s.id = $id RETURN s.id AS id", {"id": key}
            ):
                self._execute(
                    "MATCH (s:SourceState) WHERE s.id = $id SET s.state = $state, s.updated = $at",
                    params,
                )
            else:
                self._execute(
                    "CREATE (:SourceState {id: $id, state: $state, updated: $at})", params
                )

    def quarantine(self) -> list[QuarantineItem]:
        with self._lock:
            rows = self._execute(
                "MATCH (q:Quarantine) RETURN q.id AS id, q.source AS source, q.reason AS reason, "
                "q.raw AS raw, q.at AS at ORDER BY q.at, q.id"
            )
        return [QuarantineItem(**{**row, "at": datetime.fromisoformat(row["at"])}) for row in rows]

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

    def stats(self) -> Stats:
        one = self.run
        stats = Stats(
            articles=one("MATCH (a:Article) RETURN count(a) AS n")[0]["n"],
            sources=one("MATCH (s:Source) RETURN count(s) AS n")[0]["n"],
            entities=one("MATCH (e:Entity) RETURN count(e) AS n")[0]["n"],
            mentions=one("MATCH ()-[m:MENTIONS]->() RETURN count(m) AS n")[0]["n"],
            quarantined=one("MATCH (q:Quarantine) RETURN count(q) AS n")[0]["n"],
        )
        stats.days = [
            row["day"].isoformat()
            for row in one("MATCH (a:Article) RETURN DISTINCT a.day AS day ORDER BY day")
        ]
        stats.entities_by_kind = {
            row["kind"]: row["n"]
            for row in one("MATCH (e:Entity) RETURN e.kind AS kind, count(e) AS n ORDER BY kind")
        }
        for type_ in self.ontology.relation_names:
            label = self.ontology.cypher_relation(type_)
            n = one(f"MATCH ()-[r:{label}]->() RETURN count(r) AS n")[0]["n"]
            if n:
                stats.relations_by_type[type_] = n
        stats.relations = sum(stats.relations_by_type.values())
        return stats

    def close(self) -> None:
        with self._lock:
            conn, db = getattr(self, "_conn", None), getattr(self, "_db", None)
            self._conn = self._db = None
            if conn is not None:
                conn.close()
            if db is not None:
                db.close()
