"""Curations replayed over extractions: a pure rewrite of names and kinds.

``Rewriter(log).extraction(x)`` maps what an extractor saw in one article onto the curated
entities: a merged name becomes its survivor, a renamed or re-kinded entity its new self,
a wrongly merged mention (one whose surfaces in the article include a split's surface) its
own entity. ``Rewriter.batch`` does the same, by id only, for the trusted annotations that
resolution attached. Ingest and ``kg reextract`` call both, so a curation holds for every
article written after it.

Curations apply in log order, each to the result of the ones before (a rename, then a
merge of the renamed entity, is followed through).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from kg.curation.log import Curation
from kg.models import (
    CONCEPT,
    Entity,
    ExtractedConcept,
    ExtractedEntity,
    ExtractedRelation,
    Extraction,
    IngestBatch,
)
from kg.normalize import display_name, entity_id, normalize_name, slugify


@dataclass(frozen=True)
class Named:
    """An entity on its way through the log, with what the curations said of its aliases."""

    name: str
    kind: str
    surfaces: tuple[str, ...] | None  # seen in this article; None when unknown (by id)
    extra: frozenset[str] = frozenset()  # aliases curations give it
    dropped: frozenset[str] = frozenset()  # normalised aliases curations take away

    @property
    def id(self) -> str:
        return entity_id(self.kind, self.name)

    def aliases(self) -> tuple[str, ...]:
        """Surfaces and given aliases, less the ones taken away, in first-seen order."""
        # surfaces as the extractor wrote them: an entity no curation changed keeps the
        # aliases it would have had without any
        names = [*(self.surfaces or ()), *sorted(self.extra)]
        return tuple(dict.fromkeys(n for n in names if n and normalize_name(n) not in self.dropped))


def _step(c: Curation, n: Named) -> Named:
    e, t = c.entity, c.target
    if c.op == "merge" or (c.op == "alias_add" and n.id != e.id):
        old = {display_name(n.name), e.name} if n.id == e.id else {display_name(n.name)}
        if c.op == "alias_add":
            old.add(c.alias)
        return Named(
            t.name if t else e.name,
            t.kind if t else e.kind,
            n.surfaces,
            n.extra | old,
            n.dropped - {normalize_name(x) for x in old},
        )
    if c.op == "alias_add":
        return replace(n, extra=n.extra | {c.alias}, dropped=n.dropped - {normalize_name(c.alias)})
    if c.op == "alias_remove":
        return replace(n, extra=n.extra - {c.alias}, dropped=n.dropped | {normalize_name(c.alias)})
    if c.op == "rename":
        return replace(n, name=t.name, extra=n.extra | {display_name(n.name)})
    if c.op == "kind":
        return replace(n, kind=t.kind)
    # split: only a mention seen under one of the split's names moves; by id, it stays
    moved = {normalize_name(s) for s in c.surfaces}
    if n.surfaces is not None and moved & {normalize_name(s) for s in n.surfaces}:
        return Named(t.name, t.kind, n.surfaces)
    return replace(n, dropped=n.dropped | moved)


@dataclass
class Rewriter:
    """The active curations of a log, indexed by the ids (and alias slugs) they act on."""

    log: Iterable[Curation]
    ops: list[Curation] = field(init=False)
    _by_key: dict[str, list[int]] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.ops = sorted((c for c in self.log if c.active), key=lambda c: c.seq)
        for i, c in enumerate(self.ops):
            keys = [c.entity.id]
            if c.op == "alias_add":
                keys.append("slug:" + slugify(c.alias))
            for key in keys:
                self._by_key.setdefault(key, []).append(i)

    def __bool__(self) -> bool:
        return bool(self.ops)

    def follow(self, n: Named) -> Named:
        """Where the log takes an entity: each curation after the last one applied."""
        at = -1
        while True:
            nexts = [
                lst[k]
                for key in (n.id, "slug:" + slugify(n.name))
                if (lst := self._by_key.get(key)) and (k := bisect_right(lst, at)) < len(lst)
            ]
            if not nexts:
                return n
            at = min(nexts)
            n = _step(self.ops[at], n)

    def extraction(self, x: Extraction) -> Extraction:
        """The article's entities and relations under the log; entities that become one
        are counted as one, relations that become a loop are dropped."""
        if not self.ops:
            return x
        seen: dict[str, Named] = {}  # raw id -> curated
        merged: dict[str, ExtractedEntity] = {}
        concepts: dict[str, ExtractedConcept] = {}
        # a concept is followed as a node of the Concept kind: a curation that gives it a
        # named kind makes it an entity, one that gives an entity the Concept kind a concept
        found_all = [*x.entities, *(_as_entity(c) for c in x.concepts)]
        for found in found_all:
            start = Named(found.name, found.kind, found.surfaces)
            n = self.follow(start)
            seen[entity_id(found.kind, found.name)] = n
            now = (
                found
                if n is start
                else ExtractedEntity(
                    name=n.name,
                    kind=n.kind,
                    surfaces=n.aliases(),
                    count=found.count,
                    evidence=found.evidence,
                    discovered=found.discovered,
                )
            )
            if (old := merged.get(n.id)) is not None:
                now = old.model_copy(
                    update={
                        "surfaces": tuple(dict.fromkeys(old.surfaces + now.surfaces)),
                        "count": old.count + now.count,
                        "discovered": old.discovered and now.discovered,
                    }
                )
            merged[n.id] = now
        for eid, found in list(merged.items()):
            if found.kind == CONCEPT:
                del merged[eid]
                concepts[eid] = ExtractedConcept(
                    name=found.name,
                    surfaces=found.surfaces,
                    count=found.count,
                    evidence=found.evidence,
                )
        relations: list[ExtractedRelation] = []
        for rel in x.relations:
            head = seen.get(entity_id(rel.head_kind, rel.head)) or self.follow(
                Named(rel.head, rel.head_kind, ())
            )
            tail = seen.get(entity_id(rel.tail_kind, rel.tail)) or self.follow(
                Named(rel.tail, rel.tail_kind, ())
            )
            if head.id == tail.id:
                continue  # "A developed by A" after A and its developer were merged
            if CONCEPT in (head.kind, tail.kind):
                continue  # an end curated into a concept: relations join named entities
            relations.append(
                rel.model_copy(
                    update={
                        "head": head.name,
                        "head_kind": head.kind,
                        "tail": tail.name,
                        "tail_kind": tail.kind,
                    }
                )
            )
        return x.model_copy(
            update={
                "entities": tuple(merged.values()),
                "relations": tuple(relations),
                "concepts": tuple(concepts.values()),
            }
        )

    def image(self, entity: Entity) -> Named:
        """Where the log takes a stored or resolved entity, known by id only."""
        return self.follow(Named(entity.name, entity.kind, None))

    def batch(self, batch: IngestBatch) -> IngestBatch:
        """Annotation mentions moved to the curated entities (extracted ones already are)."""
        if not self.ops:
            return batch
        entities = {e.id: e for e in batch.entities}
        moved: dict[str, str] = {}
        for m in batch.mentions:
            if m.origin != "annotation" or m.entity_id in moved:
                continue
            raw = entities[m.entity_id]
            n = self.image(raw)
            if n.id == raw.id:
                continue
            moved[raw.id] = n.id
            given = Named(n.name, n.kind, (*raw.aliases, raw.name), n.extra, n.dropped).aliases()
            old = entities.get(n.id) or Entity(id=n.id, name=display_name(n.name), kind=n.kind)
            aliases = {*old.aliases, *given} - {old.name}
            entities[n.id] = old.model_copy(update={"aliases": tuple(sorted(aliases))})
        if not moved:
            return batch
        return batch.model_copy(
            update={
                "entities": tuple(entities.values()),
                "mentions": tuple(
                    m.model_copy(update={"entity_id": moved[m.entity_id]})
                    if m.origin == "annotation" and m.entity_id in moved
                    else m
                    for m in batch.mentions
                ),
            }
        )

    def placed(self, batch: IngestBatch) -> list[dict[str, str]]:
        """For each article of a resolved batch whose annotations ``batch()`` moves: every
        annotation with the entity it was given as and the one it goes to."""
        if not self.ops:
            return []
        entities = {e.id: e for e in batch.entities}
        rows: dict[str, list[dict[str, str]]] = {}
        moved: set[str] = set()
        for m in batch.mentions:
            if m.origin != "annotation":
                continue
            raw = entities[m.entity_id]
            final = self.image(raw).id
            rows.setdefault(m.article_id, []).append(
                {
                    "id": f"{m.article_id}|{raw.id}",
                    "article": m.article_id,
                    "raw": raw.id,
                    "name": raw.name,
                    "kind": raw.kind,
                    "entity": final,
                }
            )
            if final != raw.id:
                moved.add(m.article_id)
        return [r for article in sorted(moved) for r in rows[article]]


def _as_entity(c: ExtractedConcept) -> ExtractedEntity:
    return ExtractedEntity(
        name=c.name, kind=CONCEPT, surfaces=c.surfaces, count=c.count, evidence=c.evidence
    )
