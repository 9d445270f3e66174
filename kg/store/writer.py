"""The write sequence, once for every store: look up, detach, plan, apply.

A store hands in ``rows``: a function that sends one ``UNWIND $rows AS r ...`` statement
with these rows inside the store's open transaction (in chunks, as the store likes) and
returns what it returned as plain values. Everything else here is the same on every
backend; the statements come from ``kg.store.statements`` in the store's dialect, the
decisions from the pure plan in ``kg.store.merge``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from kg.models import IngestBatch, QuarantineItem
from kg.ontology import Ontology
from kg.store import statements as q
from kg.store.base import Row, WriteCounts
from kg.store.merge import (
    PlannedWrite,
    entity_keys,
    plan_write,
    rebuild_relations,
    source_id,
)
from kg.store.schema import ENTITY_KEY

RowRunner = Callable[[str, list[dict[str, Any]]], list[Row]]


@dataclass(frozen=True)
class Writer:
    ontology: Ontology
    dialect: str

    def _rel(self, type_: str) -> str:
        return self.ontology.cypher_relation(type_)

    # -- the batch ----------------------------------------------------------------------

    def write(
        self, rows: RowRunner, batch: IngestBatch, replace_extracted: bool = False
    ) -> WriteCounts:
        """Store ``batch`` through ``rows`` (one open transaction)."""
        stored = {
            r["id"]: r["hash"]
            for r in rows(q.article_hashes(), [{"id": a.id} for a in batch.articles])
        }
        if replace_extracted:
            self.detach(rows, [a.id for a in batch.articles if a.id in stored], extracted_only=True)
        else:
            changed = [
                a.id for a in batch.articles if a.id in stored and stored[a.id] != a.content_hash
            ]
            if changed:
                self.detach(rows, changed)
        entities = {
            r["id"]: r
            for r in rows(
                q.entity_lookup(), [{"id": i} for i in sorted({e.id for e in batch.entities})]
            )
        }
        relations = self._lookup_relations(rows, batch)
        sources = {
            r["id"]
            for r in rows(
                q.source_ids(),
                [{"id": s} for s in sorted({source_id(a.source) for a in batch.articles})],
            )
        }
        plan = plan_write(batch, stored, entities, relations, sources, replace_extracted)
        self.apply(rows, plan)
        return plan.counts

    def _lookup_relations(
        self, rows: RowRunner, batch: IngestBatch
    ) -> dict[tuple[str, str, str], Row]:
        by_type: dict[str, set[tuple[str, str]]] = {}
        for rel in batch.relations:
            by_type.setdefault(rel.type, set()).add((rel.head_id, rel.tail_id))
        found: dict[tuple[str, str, str], Row] = {}
        for type_, pairs in by_type.items():
            keys = [{"h": h, "t": t} for h, t in sorted(pairs)]
            for r in rows(q.relation_lookup(self._rel(type_)), keys):
                found[(r["h"], type_, r["t"])] = r
        return found

    def detach(self, rows: RowRunner, article_ids: list[str], extracted_only: bool = False) -> None:
        """Remove what articles contributed (all of it, or only what extraction produced)
        and recompute the relations they supported from the supports left."""
        ids = [{"id": i} for i in article_ids]
        if not ids:
            return
        rows(q.detach_mentions(extracted_only), ids)
        stated = rows(q.stated_by(), ids)
        if not stated:
            return
        rows(q.detach_statements(), ids)
        affected = {(x["h"], x["type"], x["t"]) for x in stated}
        remaining = rows(
            q.relation_support(),
            [{"h": h, "type": type_, "t": t} for h, type_, t in sorted(affected)],
        )
        deleted, updated = rebuild_relations(affected, remaining)
        for type_, keys in deleted.items():
            rows(q.delete_relations(self._rel(type_)), keys)
        self.update_relations(rows, updated)

    def apply(self, rows: RowRunner, plan: PlannedWrite) -> None:
        d = self.dialect
        if plan.new_sources:
            rows(q.create_nodes(d, "Source"), plan.new_sources)
        if plan.new_articles:
            rows(q.create_articles(d), plan.new_articles)
            rows(
                q.link_published_by(d),
                [{"id": a["id"], "source_id": a["source_id"]} for a in plan.new_articles],
            )
        if plan.updated_articles:
            rows(q.update_articles(), plan.updated_articles)
        if plan.new_entities:
            if q.labels_kinds(d):
                by_kind: dict[str, list[dict[str, Any]]] = {}
                for row in plan.new_entities:
                    by_kind.setdefault(row["kind"], []).append(row)
                for kind, group in sorted(by_kind.items()):
                    rows(q.create_entities(d, self.ontology.cypher_kind(kind)), group)
            else:
                rows(q.create_entities(d), plan.new_entities)
        if plan.updated_entities:
            rows(q.update_entities(), plan.updated_entities)
        self.link_keys(rows, plan.entity_keys)
        if plan.mentions:
            rows(q.create_mentions(d), plan.mentions)
        for type_, group in plan.new_relations.items():
            rows(q.create_relations(d, self._rel(type_)), group)
        self.update_relations(rows, plan.updated_relations)
        self.create_statements(rows, plan.statements)

    def update_relations(self, rows: RowRunner, updated: dict[str, list[dict[str, Any]]]) -> None:
        for type_, group in updated.items():
            rows(q.update_relations(self._rel(type_)), group)

    def create_statements(self, rows: RowRunner, statements: list[dict[str, Any]]) -> None:
        if statements:
            rows(q.create_statements(self.dialect), statements)

    # -- entity look-up keys -----------------------------------------------------------

    def link_keys(self, rows: RowRunner, links: list[dict[str, str]]) -> None:
        """Add entities to their look-up keys (``links``: key id, entity id)."""
        if not links:
            return
        wanted: dict[str, set[str]] = {}
        for link in links:
            wanted.setdefault(link["id"], set()).add(link["entity"])
        known = {
            r["id"]: r["entities"] or []
            for r in rows(q.entity_key_lookup(), [{"id": i} for i in sorted(wanted)])
        }
        fresh, grown = [], []
        for key, entities in sorted(wanted.items()):
            if key not in known:
                fresh.append({"id": key, "entities": sorted(entities)})
            elif not entities <= set(known[key]):
                grown.append({"id": key, "entities": sorted(entities | set(known[key]))})
        if fresh:
            rows(q.create_nodes(self.dialect, ENTITY_KEY), fresh)
        if grown:
            rows(q.update_entity_keys(), grown)

    def index_entities(self, rows: RowRunner, entities: Iterable[Row]) -> int:
        """Give entities their look-up keys where missing (keys already there stay as
        they are); ``entities``: rows with id, name, aliases. Returns the links wanted."""
        links = [
            {"id": k, "entity": e["id"]}
            for e in entities
            for k in entity_keys(e["id"], e["name"] or "", e["aliases"] or [])
        ]
        self.link_keys(rows, links)
        return len(links)

    # -- quarantine, source state ------------------------------------------------------

    def add_quarantine(self, rows: RowRunner, items: Iterable[QuarantineItem]) -> int:
        fresh = {
            item.id: {
                "id": item.id,
                "source": item.source,
                "reason": item.reason,
                "raw": item.raw,
                "at": item.at.isoformat(),
            }
            for item in items
        }
        if not fresh:
            return 0
        for r in rows(q.quarantine_ids(), [{"id": i} for i in fresh]):
            fresh.pop(r["id"], None)
        if fresh:
            rows(q.quarantine_add(self.dialect), list(fresh.values()))
        return len(fresh)

    def put_state(self, rows: RowRunner, key: str, state: dict[str, Any], at: str) -> None:
        row = {"id": key, "state": json.dumps(state, sort_keys=True), "updated": at}
        if rows(q.state_ids(), [{"id": key}]):
            rows(q.state_update(), [row])
        else:
            rows(q.state_add(self.dialect), [row])
