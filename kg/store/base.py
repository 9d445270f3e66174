"""The one database seam: every graph store implements ``GraphStore``.

Only modules under ``kg/store/`` open database connections. Callers hand a store plain
values (``IngestBatch``, ``QuarantineItem``) and get plain rows back (lists of dicts of
str / int / float / date / list), the same on every backend.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kg.models import IngestBatch, QuarantineItem

Row = dict[str, Any]
REMOVE_QUARANTINE = "MATCH (q:Quarantine) WHERE q.id = $id DELETE q"
GET_STATE = "MATCH (s:SourceState) WHERE s.id = $id RETURN s.state AS state"
ALERTS_KNOWN = (
    "UNWIND $ids AS i MATCH (x:Alert) WHERE x.id = i RETURN x.id AS id, x.delivered AS delivered"
)
ALERT_ADD = (
    "CREATE (:Alert {id: $id, entry: $entry, rule: $rule, entity: $entity, kind: $kind, date: $date, "
    "severity: $severity, payload: $payload, created: $created, delivered: $delivered})"
)
ALERT_DELIVERED = "MATCH (x:Alert) WHERE x.id = $id SET x.delivered = $delivered"
ALERTS_PENDING = (
    "MATCH (x:Alert) WHERE size(x.delivered) < $sinks RETURN x.id AS id, x.payload AS payload, "
    "x.delivered AS delivered ORDER BY x.created, x.id"
)

ALERTS_ADD = (
    "UNWIND $rows AS r CREATE (:Alert {id: r.id, entry: r.entry, rule: r.rule, entity: r.entity, "
    "kind: r.kind, date: r.date, severity: r.severity, payload: r.payload, created: r.created, "
    "delivered: r.delivered})"
)
ALERTS_PAYLOAD = (
    "UNWIND $ids AS i MATCH (x:Alert) WHERE x.id = i RETURN x.id AS id, x.payload AS payload"
)
DELIVERIES_GET = (
    "UNWIND $ids AS i MATCH (d:AlertDelivery) WHERE d.id = i "
    "RETURN d.alert AS alert, d.sink AS sink, d.state AS state"
)
DELIVERIES_OPEN = (
    "MATCH (d:AlertDelivery) WHERE d.sink = $sink AND d.state <> 'delivered' "
    "RETURN d.alert AS alert, d.state AS state ORDER BY d.at, d.alert"
)
DELIVERIES_SET = (
    "UNWIND $rows AS r MERGE (d:AlertDelivery {id: r.id}) "
    "SET d.alert = r.alert, d.sink = r.sink, d.state = r.state, d.at = r.at"
)


@dataclass
class WriteCounts:
    articles_new: int = 0
    articles_updated: int = 0
    entities_new: int = 0
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
    entities: int = 0
    mentions: int = 0
    relations: int = 0
    quarantined: int = 0
    days: list[str] = field(default_factory=list)
    entities_by_kind: dict[str, int] = field(default_factory=dict)
    relations_by_type: dict[str, int] = field(default_factory=dict)


class GraphStore(ABC):
    """A graph of articles, entities and their relations."""

    dialect: str  # which override folder of queries/ applies: "ladybug" or "neo4j"
    location: str
    read_only: bool

    @abstractmethod
    def init_schema(self) -> None:
        """Create tables / constraints from the ontology; safe to call again."""

    @abstractmethod
    def article_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """Content hash of each stored article among ``ids``."""

    @abstractmethod
    def write(self, batch: IngestBatch, *, replace_extracted: bool = False) -> WriteCounts:
        """Store a batch in one transaction. Writing the same batch twice changes nothing.

        ``replace_extracted``: the batch's articles are already stored; what extraction
        produced for them is replaced by the batch's, trusted annotations stay.
        """

    @abstractmethod
    def add_quarantine(self, items: Iterable[QuarantineItem]) -> int:
        """Keep rejected records; returns how many were not already kept."""

    @abstractmethod
    def quarantine(self) -> list[QuarantineItem]:
        """Every kept record, oldest first."""

    def known_alerts(self, ids: Iterable[str]) -> dict[str, list[str]]:
        """Which of these alerts were fired before, and the sinks that accepted each."""
        rows = self.run(ALERTS_KNOWN, {"ids": list(ids)}, name="alerts_known")
        return {r["id"]: list(r["delivered"] or []) for r in rows}

    def add_alert(self, alert: dict[str, Any]) -> None:
        self.run(ALERT_ADD, {**alert, "delivered": []}, name="alert_add")

    def set_delivered(self, alert_id: str, sinks: list[str]) -> None:
        self.run(
            ALERT_DELIVERED, {"id": alert_id, "delivered": sorted(sinks)}, name="alert_delivered"
        )

    def pending_alerts(self, sink_count: int) -> list[dict[str, Any]]:
        """Alerts not yet accepted by every sink (a sink changed or a delivery failed)."""
        return self.run(ALERTS_PENDING, {"sinks": sink_count}, name="alerts_pending")

    def add_alerts(self, alerts: list[dict[str, Any]]) -> None:
        """Record fired alerts (one statement, so all or none)."""
        if alerts:
            self.run(
                ALERTS_ADD, {"rows": [{**a, "delivered": []} for a in alerts]}, name="alerts_add"
            )

    def alert_payloads(self, ids: Iterable[str]) -> dict[str, str]:
        rows = self.run(ALERTS_PAYLOAD, {"ids": list(ids)}, name="alerts_payload")
        return {r["id"]: r["payload"] for r in rows}

    def deliveries(self, alert_ids: Iterable[str], sink: str) -> dict[str, str]:
        """State (owed, sending, delivered) of these alerts at one sink, where known."""
        ids = [f"{a}|{sink}" for a in alert_ids]
        rows = self.run(DELIVERIES_GET, {"ids": ids}, name="deliveries_get")
        return {r["alert"]: r["state"] for r in rows}

    def open_deliveries(self, sink: str) -> dict[str, str]:
        """Alerts owed to a sink or being sent to it, oldest first, with their state."""
        rows = self.run(DELIVERIES_OPEN, {"sink": sink}, name="deliveries_open")
        return {r["alert"]: r["state"] for r in rows}

    def set_deliveries(self, alert_ids: Iterable[str], sink: str, state: str, at: str) -> None:
        """Move these alerts to ``state`` at one sink, in one statement (one transaction)."""
        rows = [
            {"id": f"{a}|{sink}", "alert": a, "sink": sink, "state": state, "at": at}
            for a in alert_ids
        ]
        if rows:
            self.run(DELIVERIES_SET, {"rows": rows}, name="deliveries_set")

    def remove_quarantine(self, ids: Iterable[str]) -> None:
        """Forget records that were retried successfully."""
        for qid in ids:
            self.run(REMOVE_QUARANTINE, {"id": qid}, name="remove_quarantine")

    def get_state(self, key: str) -> dict[str, Any]:
        """What a source saved last time (``{}`` when nothing)."""
        import json

        rows = self.run(
            "MATCH (s:SourceState) WHERE s.id = $id RETURN s.state AS state", {"id": key}
        )
        return json.loads(rows[0]["state"]) if rows else {}

    @abstractmethod
    def put_state(self, key: str, state: dict[str, Any]) -> None:
        """Save a source's state (replacing what was there)."""

    @abstractmethod
    def run(
        self, cypher: str, params: dict[str, Any] | None = None, *, name: str | None = None
    ) -> list[Row]:
        """Run one Cypher statement and return its rows as plain values."""

    @abstractmethod
    def stats(self) -> Stats:
        """Counts of what the graph holds."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
