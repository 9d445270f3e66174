"""The one database seam: every graph store implements ``GraphStore``.

Only modules under ``kg/store/`` open database connections. Callers hand a store plain
values (``IngestBatch``, ``QuarantineItem``) and get plain rows back (lists of dicts of
str / int / float / date / list), the same on every backend.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from kg.errors import StoreError
from kg.models import IngestBatch, QuarantineItem
from kg.store import statements

if TYPE_CHECKING:
    from kg.ontology import Ontology
    from kg.store.writer import Writer

Row = dict[str, Any]
# (statement, rows) -> the rows it returned, run inside one open transaction
RowRunner = Callable[[str, list[dict[str, Any]]], list[Row]]
T = TypeVar("T")


@dataclass
class WriteCounts:
    articles_new: int = 0
    articles_updated: int = 0
    entities_new: int = 0
    concepts_new: int = 0  # new nodes of the Concept kind (topics), not counted as entities
    mentions: int = 0
    relations_new: int = 0
    relations_updated: int = 0

    def add(self, other: WriteCounts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class Stats:
    articles: int = 0
    sources: int = 0
    entities: int = 0  # named entities
    concepts: int = 0  # generic concepts (kinds marked kg:named false), apart from entities
    mentions: int = 0
    relations: int = 0
    quarantined: int = 0
    days: list[str] = field(default_factory=list)
    entities_by_kind: dict[str, int] = field(default_factory=dict)
    relations_by_type: dict[str, int] = field(default_factory=dict)


class GraphStore(ABC):
    """A graph of articles, entities and their relations.

    A backend keeps its connection, its transactions and its dialect: ``_transact`` and
    ``_read_rows`` run a function in one write / read transaction, handing it a
    ``RowRunner``; ``run`` sends one statement. The write sequence (``kg.store.writer``)
    and every statement (``kg.store.statements``) are shared.
    """

    dialect: str  # which statements and override folder of queries/ apply: "ladybug" or "neo4j"
    location: str
    read_only: bool
    ontology: Ontology

    @cached_property
    def writer(self) -> Writer:
        from kg.store.writer import Writer

        return Writer(self.ontology, self.dialect)

    # -- what a backend provides ---------------------------------------------------------

    @abstractmethod
    def init_schema(self) -> None:
        """Create tables / constraints from the ontology; safe to call again."""

    @abstractmethod
    def _transact(self, work: Callable[[RowRunner], T]) -> T:
        """Run ``work`` in one write transaction: all of it is stored, or none."""

    @abstractmethod
    def _read_rows(self, statement: str, rows: list[dict[str, Any]]) -> list[Row]:
        """One row statement in a read transaction."""

    @abstractmethod
    def run(
        self, cypher: str, params: dict[str, Any] | None = None, *, name: str | None = None
    ) -> list[Row]:
        """Run one Cypher statement and return its rows as plain values."""

    @abstractmethod
    def close(self) -> None: ...

    # -- the same on every backend ---------------------------------------------------------

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store {self.location} is open read-only; cannot write")

    def index_entity_keys(self) -> int:
        """Key the entities stored without look-up keys (a graph from before them, or
        entities loaded in bulk), once: run on every write-mode open, it costs two counts
        when nothing is missing. Returns how many entities it (re)keyed."""
        if self.read_only:
            return 0
        entities = self.run(statements.count_nodes("Entity"), name="index_entity_keys")[0]["n"]
        keyed = self.run(statements.count_id_keys(), name="index_entity_keys")[0]["n"]
        if keyed >= entities:
            return 0
        rows = self.run(statements.all_entities(), name="index_entity_keys")
        self._transact(lambda run: self.writer.index_entities(run, rows))
        return len(rows)

    def article_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """Content hash of each stored article among ``ids``."""
        rows = [{"id": i} for i in dict.fromkeys(ids)]
        return {r["id"]: r["hash"] for r in self._read_rows(statements.article_hashes(), rows)}

    def write(self, batch: IngestBatch, *, replace_extracted: bool = False) -> WriteCounts:
        """Store a batch in one transaction. Writing the same batch twice changes nothing.

        ``replace_extracted``: the batch's articles are already stored; what extraction
        produced for them is replaced by the batch's, trusted annotations stay.
        """
        self._writable()
        return self._transact(lambda rows: self.writer.write(rows, batch, replace_extracted))

    def add_quarantine(self, items: Iterable[QuarantineItem]) -> int:
        """Keep rejected records; returns how many were not already kept."""
        self._writable()
        items = list(items)
        if not items:
            return 0
        return self._transact(lambda rows: self.writer.add_quarantine(rows, items))

    def quarantine(self) -> list[QuarantineItem]:
        """Every kept record, oldest first."""
        rows = self.run(statements.quarantine_list(), name="quarantine_list")
        return [QuarantineItem(**{**r, "at": datetime.fromisoformat(r["at"])}) for r in rows]

    def put_state(self, key: str, state: dict[str, Any]) -> None:
        """Save a source's state (replacing what was there)."""
        self._writable()
        at = datetime.now(UTC).isoformat()
        self._transact(lambda rows: self.writer.put_state(rows, key, state, at))

    def get_state(self, key: str) -> dict[str, Any]:
        """What a source saved last time (``{}`` when nothing)."""
        rows = self.run(statements.state_get(), {"id": key}, name="get_state")
        return json.loads(rows[0]["state"]) if rows else {}

    def remove_quarantine(self, ids: Iterable[str]) -> None:
        """Forget records that were retried successfully."""
        for qid in ids:
            self.run(statements.remove_quarantine(), {"id": qid}, name="remove_quarantine")

    def known_alerts(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """Which of these alerts were fired before, and the sinks that accepted each."""
        rows = self.run(statements.alerts_known(), {"ids": list(ids)}, name="alerts_known")
        return {r["id"]: list(r["delivered"] or []) for r in rows}

    def add_alert(self, alert: dict[str, Any]) -> None:
        self.run(statements.alert_add(), {**alert, "delivered": []}, name="alert_add")

    def set_delivered(self, alert_id: str, sinks: list[str]) -> None:
        self.run(
            statements.alert_delivered(),
            {"id": alert_id, "delivered": sorted(sinks)},
            name="alert_delivered",
        )

    def pending_alerts(self, sink_count: int) -> list[dict[str, Any]]:
        """Alerts not yet accepted by every sink (a sink changed or a delivery failed)."""
        return self.run(statements.alerts_pending(), {"sinks": sink_count}, name="alerts_pending")

    def add_alerts(self, alerts: list[dict[str, Any]]) -> None:
        """Record fired alerts (one statement, so all or none)."""
        if alerts:
            self.run(
                statements.alerts_add(),
                {"rows": [{**a, "delivered": []} for a in alerts]},
                name="alerts_add",
            )

    def alert_payloads(self, ids: Iterable[str]) -> dict[str, str]:
        rows = self.run(statements.alerts_payload(), {"ids": list(ids)}, name="alerts_payload")
        return {r["id"]: r["payload"] for r in rows}

    def deliveries(self, alert_ids: Iterable[str], sink: str) -> dict[str, str]:
        """State (owed, sending, delivered) of these alerts at one sink, where known."""
        ids = [f"{a}|{sink}" for a in alert_ids]
        rows = self.run(statements.deliveries_get(), {"ids": ids}, name="deliveries_get")
        return {r["alert"]: r["state"] for r in rows}

    def open_deliveries(self, sink: str) -> dict[str, str]:
        """Alerts owed to a sink or being sent to it, oldest first, with their state."""
        rows = self.run(statements.deliveries_open(), {"sink": sink}, name="deliveries_open")
        return {r["alert"]: r["state"] for r in rows}

    def set_deliveries(self, alert_ids: Iterable[str], sink: str, state: str, at: str) -> None:
        """Move these alerts to ``state`` at one sink, in one statement (one transaction)."""
        rows = [
            {"id": f"{a}|{sink}", "alert": a, "sink": sink, "state": state, "at": at}
            for a in alert_ids
        ]
        if rows:
            self.run(statements.deliveries_set(), {"rows": rows}, name="deliveries_set")

    def stats(self) -> Stats:
        """Counts of what the graph holds."""

        def count(statement: str) -> int:
            return self.run(statement, name="stats")[0]["n"]

        stats = Stats(
            articles=count(statements.count_nodes("Article")),
            sources=count(statements.count_nodes("Source")),
            mentions=count(statements.count_edges("MENTIONS")),
            quarantined=count(statements.count_nodes("Quarantine")),
        )
        stats.days = [r["day"].isoformat() for r in self.run(statements.stats_days(), name="stats")]
        unnamed = set(self.ontology.unnamed_kinds)
        for r in self.run(statements.stats_kinds(), name="stats"):
            if r["kind"] in unnamed:
                stats.concepts += r["n"]
            else:
                stats.entities_by_kind[r["kind"]] = r["n"]
        stats.entities = sum(stats.entities_by_kind.values())
        for type_ in self.ontology.relation_names:
            n = count(statements.count_edges(self.ontology.cypher_relation(type_)))
            if n:
                stats.relations_by_type[type_] = n
        stats.relations = sum(stats.relations_by_type.values())
        return stats

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
