"""The bulk path into an empty embedded store: batches planned in memory, loaded by COPY.

A first load, a backfill into a new store or ``kg sync`` into an empty one writes the same
rows the batched path would write, but not one ``UNWIND`` at a time: ``BulkLoad`` takes
the batches the pipeline hands a store, plans each with the same pure ``plan_write``
(kg/store/merge.py) against what the earlier batches planned (held here instead of read
back from the database), streams the rows that never change again (sources, articles,
mentions, supporting sentences) to Parquet files and keeps entities and relations, which
later batches widen, in memory. A load is one transaction of ``COPY ... FROM`` per file:
all or nothing. The engine holds what a transaction copies in its buffer pool until the
commit, so a long run loads every ``LOAD_TEXT_BYTES`` of article text (at a batch boundary,
where the store then holds exactly what the batched path would have committed by then):
new rows by COPY, and the entities and relations loaded before that later batches widened
by one ``LOAD FROM`` Parquet ``MATCH ... SET`` per table. ``finish`` loads the rest, with the look-up keys
(``EntityKey``) of every entity planned; a run that fails keeps the loads before it (the
next write-mode open keys their entities), and running the same command again is the retry.

Same batches, same plan, same row order: the graph is the one the batched path builds.
What this cannot emulate cheaply (an article that comes back with other content and must
be detached first, a store that already holds a graph) goes to the store's own write
path, after what was planned so far has been loaded.
"""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from datetime import date
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any

from kg.errors import QueryError, StoreError
from kg.models import IngestBatch, QuarantineItem
from kg.store.base import GraphStore, WriteCounts
from kg.store.memory import no_cyclic_gc, return_freed_memory
from kg.store.merge import PlannedWrite, entity_keys, plan_write
from kg.store.schema import (
    ENTITY_KEY,
    MENTION_PROPERTIES,
    NODE_TABLES,
    RELATION_PROPERTIES,
    STATES_PROPERTIES,
    arrow_type,
)
from kg.store.statements import ENTITY_UPDATES, RELATION_UPDATES

# Node tables a graph is made of; when all are empty the store holds no graph yet
# (alerts, fetch state and quarantine live in tables of their own and do not count).
GRAPH_NODES = ("Source", "Article", "Entity")
# Article text per load: a COPY transaction of a month of news (66 MB of text, ~550k rows)
# fits the default 1 GB buffer pool; a year in one transaction does not.
LOAD_TEXT_BYTES = 64 * 1024 * 1024


def _array(column_type: str, values: list[Any]):
    """One Parquet column; ISO days (the plan's form) are parsed by Arrow, not per value."""
    import pyarrow as pa

    if column_type == "DATE" and all(type(v) is str for v in values):
        return pa.array(values, type=pa.string()).cast(pa.date32())
    if column_type == "DATE":
        values = [v if isinstance(v, date) or v is None else date.fromisoformat(v) for v in values]
    return pa.array(values, type=arrow_type(column_type, "the bulk path"))


def _where(columns: dict[str, list[Any]], key: str, known: Any) -> dict[str, list[Any]]:
    """The rows (as columns) whose ``key`` value is in ``known``."""
    keep = [v in known for v in columns[key]]
    if all(keep):
        return columns
    return {k: list(compress(values, keep)) for k, values in columns.items()}


def _quoted(path: Path) -> str:
    """A path inside a Cypher string literal."""
    return str(path).replace("\\", "\\\\").replace("'", "\\'")


def _sets(var: str, columns: list[tuple[str, str]], start: int) -> str:
    """``var.name = cN`` for the columns from ``start`` on (Parquet columns are c0, c1, ...)."""
    return ", ".join(f"{var}.{name} = c{i}" for i, (name, _) in enumerate(columns) if i >= start)


def _key_rows(entities: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """EntityKey rows of entities (id, name, aliases), as the writer links them into a
    store that holds no keys: one per key, its entities sorted, keys in sorted order."""
    wanted: dict[str, set[str]] = {}
    for e in entities:
        for key in entity_keys(e["id"], e["name"] or "", e["aliases"] or []):
            wanted.setdefault(key, set()).add(e["id"])
    return [{"id": k, "entities": sorted(v)} for k, v in sorted(wanted.items())]


def is_empty(store: GraphStore) -> bool:
    """Whether the store holds no sources, articles or entities."""
    return not any(
        store.run(f"MATCH (n:{table}) RETURN n.id AS id LIMIT 1", name="bulk_empty")
        for table in GRAPH_NODES
    )


class _Table:
    """One table's rows on their way to a Parquet file: (name in the row, column type)
    for every column, in the order of the table's columns in the store."""

    def __init__(
        self, name: str, columns: list[tuple[str, str]], path: Path, writes: Executor
    ) -> None:
        import pyarrow as pa

        self.name, self.columns, self.path = name, columns, path
        self.schema = pa.schema(
            [(f"c{i}", arrow_type(type_, "the bulk path")) for i, (_, type_) in enumerate(columns)]
        )
        self.rows = 0
        self._writer = None
        # Encoding and writing Parquet releases the GIL: one thread does it (in order)
        # while the next batch is planned.
        self._writes = writes
        self._pending: list[Future] = []

    def append(self, rows: list[dict[str, Any]]) -> None:
        """Rows as dicts keyed by the column names in ``columns``."""
        if not rows:
            return
        keys = [key for key, _ in self.columns]
        if len(keys) == 1:
            self.append_columns({keys[0]: [r[keys[0]] for r in rows]})
            return
        # one pass over the rows in C: each row to a tuple, the tuples to columns
        transposed = zip(*map(itemgetter(*keys), rows), strict=True)
        self.append_columns(dict(zip(keys, map(list, transposed), strict=True)))

    def append_columns(self, columns: dict[str, list[Any]]) -> None:
        """Rows as columns: column name -> values, every column as long."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        n = len(columns[self.columns[0][0]])
        if not n:
            return
        arrays = [_array(type_, columns[key]) for key, type_ in self.columns]
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, self.schema)
        table = pa.Table.from_arrays(arrays, schema=self.schema)
        self._pending.append(self._writes.submit(self._writer.write_table, table))
        self.rows += n

    def close(self, check: bool = True) -> None:
        """Wait for the writes and close the file; ``check``: raise what a write raised."""
        pending, self._pending = self._pending, []
        failed = [f.exception() for f in pending]
        if self._writer is not None:
            with contextlib.suppress(OSError):
                self._writer.close()
            self._writer = None
        if check and any(failed):
            raise StoreError(
                f"the bulk path could not write {self.path}: {next(e for e in failed if e)}"
            )


class BulkLoad:
    """Stands in for ``store`` while a run writes: ``article_hashes``, ``write`` and
    ``add_quarantine`` as the store has them; nothing reaches the graph until ``finish``.

    ``active`` is False when the store already holds a graph (or after a fallback): then
    every call goes straight to the store.
    """

    def __init__(self, store: GraphStore, folder: Path | None = None) -> None:
        if store.dialect != "ladybug":
            raise StoreError(
                f"{store.location}: the bulk path loads the embedded store; for Neo4j, export "
                "with `kg export csv` and load with neo4j-admin database import (see README)"
            )
        self.store = store
        self.active = is_empty(store)
        # the store holds no look-up keys either (else the keys are added, not copied)
        self._keys_by_copy = self.active and not store.run(
            "MATCH (n:EntityKey) RETURN n.id AS id LIMIT 1", name="bulk_empty"
        )
        self.loaded_rows = 0
        self._parent = folder
        self._reset()

    # -- what the pipeline and kg sync call -------------------------------------------

    def article_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        if not self.active:
            return self.store.article_hashes(ids)
        return {i: self._hashes[i] for i in ids if i in self._hashes}

    def add_quarantine(self, items: Iterable[QuarantineItem]) -> int:
        return self.store.add_quarantine(items)

    def __getattr__(self, name: str) -> Any:
        # Tables the bulk path does not plan (quarantine, the curation log kg sync copies,
        # source state) are written to the store directly, as the batched path would.
        if name == "store":  # not set yet
            raise AttributeError(name)
        return getattr(self.store, name)

    def write(self, batch: IngestBatch, *, replace_extracted: bool = False) -> WriteCounts:
        if self.active and not replace_extracted and not self._changes_planned(batch):
            with no_cyclic_gc():
                counts = self._plan(batch)
            if self._text_bytes >= LOAD_TEXT_BYTES:
                self._load()
            return counts
        # The store's own path detaches a changed article before its new facts count;
        # it must see everything planned before this batch.
        self.finish()
        self.active = False
        return self.store.write(batch, replace_extracted=replace_extracted)

    def _plan(self, batch: IngestBatch) -> WriteCounts:
        """Plan a batch against what earlier batches planned; stream what is final."""
        plan = plan_write(
            batch,
            {a.id: self._hashes[a.id] for a in batch.articles if a.id in self._hashes},
            {e.id: self._entities[e.id] for e in batch.entities if e.id in self._entities},
            {
                key: self._relations[key]
                for key in {(r.head_id, r.type, r.tail_id) for r in batch.relations}
                if key in self._relations
            },
            self._sources,
            columns=True,
        )
        self._add(plan)
        return plan.counts

    def finish(self) -> int:
        """Load everything planned and not loaded yet; returns the rows loaded in all."""
        if self.active:
            # the last load also COPYs the entities' look-up keys, as the writer keys them
            self._load(keys=self._keys_by_copy)
            self._reset()
            if not self._keys_by_copy:
                self.store.index_entity_keys()
        return self.loaded_rows

    def discard(self) -> None:
        """Forget what was planned (the run failed before ``finish``)."""
        self._discard()
        self._reset()

    def __enter__(self) -> BulkLoad:
        return self

    def __exit__(self, exc_type, *_: object) -> None:
        if exc_type is None:
            self.finish()
        else:
            self.discard()

    # -- planning ------------------------------------------------------------------------

    def _reset(self) -> None:
        self._hashes: dict[str, str] = {}
        self._sources: set[str] = set()
        self._entities: dict[str, dict[str, Any]] = {}
        self._relations: dict[tuple[str, str, str], dict[str, Any]] = {}
        # in the store already (an earlier load), and of those, changed since
        self._stored_entities: set[str] = set()
        self._stored_relations: set[tuple[str, str, str]] = set()
        self._changed_entities: set[str] = set()
        self._changed_relations: set[tuple[str, str, str]] = set()
        self._new_streams()

    def _new_streams(self) -> None:
        self._dir: Path | None = None
        self._streams: dict[str, _Table] = {}
        self._text_bytes = 0
        self._writes: Executor | None = None

    def _changes_planned(self, batch: IngestBatch) -> bool:
        """An article planned before comes back with other content."""
        return any(
            a.id in self._hashes and self._hashes[a.id] != a.content_hash for a in batch.articles
        )

    def _add(self, plan: PlannedWrite) -> None:
        # The batched path matches a row's endpoints and silently writes nothing when one
        # is missing; COPY would fail the whole load instead, so such rows go here too.
        entities = self._entities
        self._sources.update(s["id"] for s in plan.new_sources)
        self._stream("Source").append(plan.new_sources)
        self._hashes.update((a["id"], a["content_hash"]) for a in plan.new_articles)
        self._text_bytes += sum(len(a["text"]) for a in plan.new_articles)
        self._stream("Article").append(plan.new_articles)
        self._stream("PUBLISHED_BY").append(
            [a for a in plan.new_articles if a["source_id"] in self._sources]
        )
        # the plan's rows are this method's to keep: no copies
        for row in plan.new_entities:
            entities[row["id"]] = row
        for row in plan.updated_entities:
            entities[row["id"]].update(row)
            if row["id"] in self._stored_entities:
                self._changed_entities.add(row["id"])
        self._stream("MENTIONS").append_columns(_where(plan.mention_columns, "entity", entities))
        for type_, rows in plan.new_relations.items():
            for row in rows:
                if row["h"] in entities and row["t"] in entities:
                    self._relations[(row["h"], type_, row["t"])] = row
        for type_, rows in plan.updated_relations.items():
            for row in rows:
                key = (row["h"], type_, row["t"])
                self._relations[key].update(row)
                if key in self._stored_relations:
                    self._changed_relations.add(key)
        self._stream("STATES").append_columns(_where(plan.statement_columns, "head", entities))

    # -- files and COPY ------------------------------------------------------------------

    def _folder(self) -> Path:
        if self._dir is None:
            parent = self._parent or Path(self.store.location).parent
            self._dir = Path(tempfile.mkdtemp(prefix=".kg-bulk-", dir=parent))
        return self._dir

    def _stream(self, table: str) -> _Table:
        if table not in self._streams:
            if self._writes is None:
                self._writes = ThreadPoolExecutor(1, thread_name_prefix="kg-bulk-parquet")
            self._streams[table] = _Table(
                table, self._columns(table), self._folder() / f"{table}.parquet", self._writes
            )
        return self._streams[table]

    def _columns(self, table: str) -> list[tuple[str, str]]:
        """(key in a planned row, column type) in the order the store's table has them."""
        ontology = getattr(self.store, "ontology", None)
        relation_tables = (
            {ontology.cypher_relation(n): n for n in ontology.relation_names} if ontology else {}
        )
        if table in NODE_TABLES:
            props, ends = NODE_TABLES[table], []
        elif table == "PUBLISHED_BY":
            props, ends = {}, [("id", "STRING"), ("source_id", "STRING")]
        elif table == "MENTIONS":
            props, ends = MENTION_PROPERTIES, [("article", "STRING"), ("entity", "STRING")]
        elif table == "STATES":
            props, ends = STATES_PROPERTIES, [("article", "STRING"), ("head", "STRING")]
        elif table in relation_tables:
            props, ends = RELATION_PROPERTIES, [("h", "STRING"), ("t", "STRING")]
        else:
            raise StoreError(f"the bulk path does not load the table {table}")
        stored = [
            row["name"]
            for row in self.store.run(
                f"CALL table_info('{table}') RETURN name", name="bulk_columns"
            )
        ]
        if sorted(stored) != sorted(props):
            raise StoreError(
                f"{self.store.location}: table {table} has the columns {stored}, the schema "
                f"{list(props)}; open it once with `kg init` to upgrade it, then retry"
            )
        return [*ends, *((name, props[name]) for name in stored)]

    def _load(self, keys: bool = False) -> None:
        """One transaction: COPY the new rows, update what earlier loads stored;
        ``keys``: and every planned entity's look-up keys."""
        try:
            with no_cyclic_gc():
                files = self._files(keys)
                updates = self._updates()
            if files or updates:
                self._copy(files, updates)
        finally:
            self._discard()
        self.loaded_rows += sum(t.rows for t in files)
        self._stored_entities.update(self._entities)
        self._stored_relations.update(self._relations)
        self._changed_entities.clear()
        self._changed_relations.clear()
        self._new_streams()

    def _updates(self) -> list[tuple[_Table, str]]:
        """(file, statement) per table whose rows an earlier load stored and later batches
        widened: the new values go to Parquet and one ``LOAD FROM ... MATCH ... SET`` per
        table writes them (as UNWIND statements, a later load spent most of its time
        converting parameters and matching one row at a time)."""
        out = []
        if self._changed_entities:
            columns = [("id", "STRING"), *((c, NODE_TABLES["Entity"][c]) for c in ENTITY_UPDATES)]
            table = self._update_stream("Entity", columns)
            table.append([self._entities[i] for i in sorted(self._changed_entities)])
            out.append((table, "MATCH (n:Entity {id: c0}) SET " + _sets("n", columns, 1)))
        by_type: dict[str, list[dict[str, Any]]] = {}
        for key in sorted(self._changed_relations):
            by_type.setdefault(key[1], []).append(self._relations[key])
        ends = [("h", "STRING"), ("t", "STRING")]
        columns = [*ends, *((c, RELATION_PROPERTIES[c]) for c in RELATION_UPDATES)]
        for type_, rows in by_type.items():
            label = self.store.ontology.cypher_relation(type_)
            table = self._update_stream(label, columns)
            table.append(rows)
            match = f"MATCH (h:Entity {{id: c0}})-[x:{label}]->(t:Entity {{id: c1}}) SET "
            out.append((table, match + _sets("x", columns, 2)))
        for table, _ in out:
            table.close()
        return out

    def _update_stream(self, table: str, columns: list[tuple[str, str]]) -> _Table:
        if self._writes is None:
            self._writes = ThreadPoolExecutor(1, thread_name_prefix="kg-bulk-parquet")
        name = f"{table}.update"
        self._streams[name] = _Table(
            table, columns, self._folder() / f"{table}-update.parquet", self._writes
        )
        return self._streams[name]

    def _files(self, keys: bool = False) -> list[_Table]:
        """Every table with rows, in COPY order (nodes before the edges between them)."""
        stored = self._stored_entities
        entity_rows = [row for i, row in self._entities.items() if i not in stored]
        if entity_rows:
            self._stream("Entity").append(entity_rows)
        if keys and self._entities:
            self._stream(ENTITY_KEY).append(_key_rows(self._entities.values()))
        by_type: dict[str, list[dict[str, Any]]] = {}
        for key, row in self._relations.items():
            if key not in self._stored_relations:
                by_type.setdefault(key[1], []).append(row)
        ontology = self.store.ontology
        for type_, rows in by_type.items():
            self._stream(ontology.cypher_relation(type_)).append(rows)
        for stream in self._streams.values():
            stream.close()
        order = ["Source", "Article", "Entity", ENTITY_KEY, "PUBLISHED_BY", "MENTIONS", "STATES"]
        order += [ontology.cypher_relation(n) for n in ontology.relation_names]
        return [self._streams[t] for t in order if t in self._streams and self._streams[t].rows]

    def _copy(self, files: list[_Table], updates: list[tuple[_Table, str]]) -> None:
        run = self.store.run
        # One thread reads a file's row groups in order, so rows land in the order the
        # batched path would have created them (parallel COPY interleaves row groups, and
        # a query without ORDER BY would then list them differently).
        threads = run("CALL current_setting('threads') RETURN *", name="bulk_threads")
        run("CALL threads=1", name="bulk_threads")
        run("BEGIN TRANSACTION", name="bulk_begin")
        try:
            for table in files:
                path = _quoted(table.path)
                run(f"COPY {table.name} FROM '{path}'", name=f"bulk_copy_{table.name}")
            for table, statement in updates:
                path = _quoted(table.path)
                run(f"LOAD FROM '{path}' {statement}", name=f"bulk_update_{table.name}")
            run("COMMIT", name="bulk_commit")
            # what the transaction allocated and freed goes back to the system, as after
            # the store's own commits (the engine keeps its buffer pool)
            return_freed_memory()
        except (QueryError, RuntimeError) as exc:
            with contextlib.suppress(QueryError):
                run("ROLLBACK", name="bulk_rollback")
            raise StoreError(
                f"{self.store.location}: a bulk load failed and was rolled back ({exc}); what "
                "earlier loads of the run wrote is kept: run the same command again, or "
                "without --bulk"
            ) from None
        finally:
            run(f"CALL threads={int(next(iter(threads[0].values())))}", name="bulk_threads")

    def _discard(self) -> None:
        for stream in self._streams.values():
            stream.close(check=False)
        if self._writes is not None:
            self._writes.shutdown()
            self._writes = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None
