"""The bulk path into an empty embedded store: batches planned in memory, loaded by COPY.

A first load, a backfill into a new store or ``kg sync`` into an empty one writes the same
rows the batched path would write, but not one ``UNWIND`` at a time: ``BulkLoad`` takes
the batches the pipeline hands a store, plans each with the same pure ``plan_write``
(kg/store/merge.py) against what the earlier batches planned (held here instead of read
back from the database), streams the rows that never change again (sources, articles,
mentions, supporting sentences) to Parquet files and keeps entities and relations, which
later batches widen, in memory. ``finish`` loads every file with ``COPY ... FROM`` in one
transaction: all or nothing, so a failed load leaves the store as it was and running the
same command again is the retry.

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
from datetime import date
from pathlib import Path
from typing import Any

from kg.errors import QueryError, StoreError
from kg.models import IngestBatch, QuarantineItem
from kg.store.base import GraphStore, WriteCounts
from kg.store.merge import PlannedWrite, plan_write
from kg.store.schema import MENTION_PROPERTIES, NODE_TABLES, RELATION_PROPERTIES, STATES_PROPERTIES

# Node tables a graph is made of; when all are empty the store holds no graph yet
# (alerts, fetch state and quarantine live in tables of their own and do not count).
GRAPH_NODES = ("Source", "Article", "Entity")


def _arrow_type(column_type: str):
    import pyarrow as pa

    types = {
        "STRING": pa.string(),
        "INT64": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOL": pa.bool_(),
        "DATE": pa.date32(),
        "STRING[]": pa.list_(pa.string()),
    }
    if column_type not in types:
        raise StoreError(f"the bulk path has no Parquet type for the column type {column_type}")
    return types[column_type]


def _values(column_type: str, values: list[Any]) -> list[Any]:
    if column_type == "DATE":
        return [v if isinstance(v, date) or v is None else date.fromisoformat(v) for v in values]
    return values


def is_empty(store: GraphStore) -> bool:
    """Whether the store holds no sources, articles or entities."""
    return not any(
        store.run(f"MATCH (n:{table}) RETURN n.id AS id LIMIT 1", name="bulk_empty")
        for table in GRAPH_NODES
    )


class _Table:
    """One table's rows on their way to a Parquet file: (name in the row, column type)
    for every column, in the order of the table's columns in the store."""

    def __init__(self, name: str, columns: list[tuple[str, str]], path: Path) -> None:
        import pyarrow as pa

        self.name, self.columns, self.path = name, columns, path
        self.schema = pa.schema(
            [(f"c{i}", _arrow_type(type_)) for i, (_, type_) in enumerate(columns)]
        )
        self.rows = 0
        self._writer = None

    def append(self, rows: list[dict[str, Any]]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if not rows:
            return
        arrays = [
            pa.array(_values(type_, [r[key] for r in rows]), type=_arrow_type(type_))
            for key, type_ in self.columns
        ]
        if self._writer is None:
            self._writer = pq.ParquetWriter(self.path, self.schema)
        self._writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self.rows += len(rows)

    def close(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None


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

    def write(self, batch: IngestBatch, *, replace_extracted: bool = False) -> WriteCounts:
        if self.active and not replace_extracted and not self._changes_planned(batch):
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
            )
            self._add(plan)
            return plan.counts
        # The store's own path detaches a changed article before its new facts count;
        # it must see everything planned before this batch.
        self.finish()
        self.active = False
        return self.store.write(batch, replace_extracted=replace_extracted)

    def finish(self) -> int:
        """Load everything planned so far in one transaction; returns the rows loaded."""
        if not self.active:
            return 0
        try:
            files = self._files()
            if files:
                self._copy(files)
        finally:
            self._discard()
        loaded = sum(t.rows for t in files)
        self.loaded_rows += loaded
        self._reset()
        return loaded

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
        self._dir: Path | None = None
        self._streams: dict[str, _Table] = {}

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
        self._stream("Article").append(plan.new_articles)
        self._stream("PUBLISHED_BY").append(
            [a for a in plan.new_articles if a["source_id"] in self._sources]
        )
        for row in plan.new_entities:
            entities[row["id"]] = dict(row)
        for row in plan.updated_entities:
            entities[row["id"]].update(row)
        self._stream("MENTIONS").append([m for m in plan.mentions if m["entity"] in entities])
        for type_, rows in plan.new_relations.items():
            for row in rows:
                if row["h"] in entities and row["t"] in entities:
                    self._relations[(row["h"], type_, row["t"])] = dict(row)
        for type_, rows in plan.updated_relations.items():
            for row in rows:
                self._relations[(row["h"], type_, row["t"])].update(row)
        self._stream("STATES").append([s for s in plan.statements if s["head"] in entities])

    # -- files and COPY ------------------------------------------------------------------

    def _folder(self) -> Path:
        if self._dir is None:
            parent = self._parent or Path(self.store.location).parent
            self._dir = Path(tempfile.mkdtemp(prefix=".kg-bulk-", dir=parent))
        return self._dir

    def _stream(self, table: str) -> _Table:
        if table not in self._streams:
            self._streams[table] = _Table(
                table, self._columns(table), self._folder() / f"{table}.parquet"
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

    def _files(self) -> list[_Table]:
        """Every table with rows, in COPY order (nodes before the edges between them)."""
        entity_rows = list(self._entities.values())
        if entity_rows:
            self._stream("Entity").append(entity_rows)
        by_type: dict[str, list[dict[str, Any]]] = {}
        for (_, type_, _), row in self._relations.items():
            by_type.setdefault(type_, []).append(row)
        ontology = self.store.ontology
        for type_, rows in by_type.items():
            self._stream(ontology.cypher_relation(type_)).append(rows)
        for stream in self._streams.values():
            stream.close()
        order = ["Source", "Article", "Entity", "PUBLISHED_BY", "MENTIONS", "STATES"]
        order += [ontology.cypher_relation(n) for n in ontology.relation_names]
        return [self._streams[t] for t in order if t in self._streams and self._streams[t].rows]

    def _copy(self, files: list[_Table]) -> None:
        run = self.store.run
        # One thread reads a file's row groups in order, so rows land in the order the
        # batched path would have created them (parallel COPY interleaves row groups, and
        # a query without ORDER BY would then list them differently).
        threads = run("CALL current_setting('threads') RETURN *", name="bulk_threads")
        run("CALL threads=1", name="bulk_threads")
        run("BEGIN TRANSACTION", name="bulk_begin")
        try:
            for table in files:
                path = str(table.path).replace("\\", "\\\\").replace("'", "\\'")
                run(f"COPY {table.name} FROM '{path}'", name=f"bulk_copy_{table.name}")
            run("COMMIT", name="bulk_commit")
        except QueryError as exc:
            with contextlib.suppress(QueryError):
                run("ROLLBACK", name="bulk_rollback")
            raise StoreError(
                f"{self.store.location}: the bulk load failed and was rolled back, nothing "
                f"was written ({exc}); run the same command again, or without --bulk"
            ) from None
        finally:
            run(f"CALL threads={int(next(iter(threads[0].values())))}", name="bulk_threads")

    def _discard(self) -> None:
        for stream in self._streams.values():
            stream.close()
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None
