"""Making the stored graph agree with the curation log, after a curation or an undo.

The articles that mention or state anything of the touched entities are extracted again
with the log applied (the store's own ``replace_extracted`` write: mentions, statements and
relation counts recomputed), the trusted annotation mentions are moved by id, and the
touched entities get their aliases and first/last seen worked out from what now supports
them; an entity left with no support is deleted. An undo puts back what the curation's
snapshot kept, so a curation followed by its undo leaves the graph as it was.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kg.curation.build import load_log
from kg.curation.log import Curation
from kg.curation.rewrite import Named, Rewriter
from kg.errors import InputError
from kg.extractor import Extractor, naming
from kg.models import Entity
from kg.normalize import display_name
from kg.resolve import resolve_batch
from kg.store import curation as stored
from kg.store.base import GraphStore

PAGE = 200  # articles per write while re-extracting


@dataclass
class ReplayReport:
    curation: str
    articles: int = 0
    failed: list[str] = field(default_factory=list)  # articles the extractor failed on
    replayed: list[str] = field(default_factory=list)  # later curations undone and redone

    def as_dict(self) -> dict[str, Any]:
        return {
            "curation": self.curation,
            "articles": self.articles,
            "failed": self.failed,
            "replayed": self.replayed,
        }


@dataclass
class _Fresh:
    """What the re-extracted articles say of each entity."""

    days: dict[str, set[str]] = field(default_factory=dict)
    aliases: dict[str, set[str]] = field(default_factory=dict)
    article_day: dict[str, str] = field(default_factory=dict)


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def record(
    store: GraphStore, extractor: Extractor, curation: Curation, *, who: str = "", why: str = ""
) -> tuple[Curation, ReplayReport]:
    """Store ``curation`` at the end of the log and make the graph follow it."""
    curation = curation.model_copy(
        update={"who": who, "why": why, "at": now(), "snapshot": _snapshot(store, curation)}
    )
    stored.add_row(store, curation.row())
    report = ReplayReport(curation.id)
    _apply(store, extractor, curation, report)
    return curation, report


def undo(store: GraphStore, extractor: Extractor, ident: str) -> tuple[Curation, ReplayReport]:
    """Take a curation back: the graph as if it had never been made.

    Later curations about the same entities are undone first and made again afterwards,
    so each one is taken back from exactly the graph it was applied to.
    """
    log = load_log(store)
    found = [c for c in log if c.id == ident]
    if not found:
        raise InputError(
            f"curation {ident!r}",
            f"no such curation; known: {', '.join(c.id for c in log) or 'none'} "
            "(see `kg curation list`)",
        )
    target = found[0]
    if not target.active:
        raise InputError(f"curation {ident!r}", f"was already undone at {target.undone}")
    ids = target.touched()
    chain: list[Curation] = []
    for c in log:
        if c.active and c.seq > target.seq and c.touched() & ids:
            chain.append(c)
            ids |= c.touched()
    report = ReplayReport(target.id, replayed=[c.id for c in chain])
    when = now()
    for c in reversed(chain):
        _revert(store, extractor, c, when, report)
    _revert(store, extractor, target, when, report)
    for c in chain:
        again = c.model_copy(update={"undone": "", "snapshot": _snapshot(store, c)})
        stored.update_row(store, c.id, "", again.row()["snapshot"])
        _apply(store, extractor, again, report)
    return target.model_copy(update={"undone": when}), report


def _snapshot(store: GraphStore, c: Curation) -> dict[str, Any]:
    touched = c.touched()
    return {
        "entities": sorted(stored.entities(store, touched).values(), key=lambda r: r["id"]),
        "annotations": stored.annotations(store, touched),
    }


def _reextract(
    store: GraphStore, extractor: Extractor, touched: set[str], report: ReplayReport
) -> _Fresh:
    from kg.pipeline import _extract_with

    rewriter = Rewriter(load_log(store))
    fresh = _Fresh()
    ids = stored.articles_touching(store, touched)
    lookup = naming(extractor)
    for start in range(0, len(ids), PAGE):
        pairs = []
        for article in stored.articles(store, ids[start : start + PAGE]):
            fresh.article_day[article.id] = article.day.isoformat()
            result = _extract_with(
                extractor, (article.text, article.title, article.id, article.lang)
            )
            if isinstance(result, str):
                report.failed.append(f"{article.id}: {result}")
                continue
            pairs.append((article, rewriter.extraction(result)))
        if not pairs:
            continue
        batch = resolve_batch(pairs, *lookup)
        store.write(batch, replace_extracted=True)
        report.articles += len(pairs)
        days = {a.id: a.day.isoformat() for a, _ in pairs}
        for e in batch.entities:
            fresh.aliases.setdefault(e.id, set()).update(e.aliases)
        for m in batch.mentions:
            fresh.days.setdefault(m.entity_id, set()).add(days[m.article_id])
        for r in batch.relations:
            for end in (r.head_id, r.tail_id):
                fresh.days.setdefault(end, set()).add(days[r.article_id])
    return fresh


def _annotation_days(store: GraphStore, fresh: _Fresh, rows: list[dict[str, Any]]) -> None:
    missing = sorted({r["article"] for r in rows} - set(fresh.article_day))
    for article in stored.articles(store, missing) if missing else []:
        fresh.article_day[article.id] = article.day.isoformat()
    for r in rows:
        fresh.days.setdefault(r["entity"], set()).add(fresh.article_day[r["article"]])


def _apply(store: GraphStore, extractor: Extractor, c: Curation, report: ReplayReport) -> None:
    """Make the graph follow ``c``, the newest active curation."""
    touched = c.touched()
    before = {r["id"]: r for r in c.snapshot.get("entities", [])}
    fresh = _reextract(store, extractor, touched, report)
    step = Rewriter([c])  # stored ids already follow every curation before ``c``

    def image(row: dict[str, Any]) -> Named:
        return step.image(Entity(id=row["id"], name=row["name"], kind=row["kind"]))

    # annotation mentions, moved by id (no surfaces: a split leaves them where they are)
    drop, add, kept = [], [], set()
    annotations = stored.annotations(store, touched)
    for row in annotations:
        n = image(before[row["entity"]])
        if n.id == row["entity"]:
            kept.add((row["article"], row["entity"]))
    for row in annotations:
        n = image(before[row["entity"]])
        if n.id != row["entity"]:
            drop.append(row)
            if (row["article"], n.id) not in kept:
                kept.add((row["article"], n.id))
                add.append({**row, "entity": n.id})
    placed = [r for r in annotations if r not in drop] + add
    _annotation_days(store, fresh, placed)

    # what each entity before the curation hands on to the one it became
    names: dict[str, tuple[str, str]] = {}
    carried: dict[str, set[str]] = {}
    for row in before.values():
        n = image(row)
        names[n.id] = (display_name(n.name), n.kind)
        given = Named(n.name, n.kind, (*row["aliases"], row["name"]), n.extra, n.dropped)
        carried.setdefault(n.id, set()).update(given.aliases())
    if c.op == "split":  # what only the split-off mentions were called leaves with them
        moved = fresh.aliases.get(c.target.id, set()) - fresh.aliases.get(c.entity.id, set())
        carried[c.entity.id] = carried.get(c.entity.id, set()) - moved
    if c.target is not None:
        names.setdefault(c.target.id, (c.target.name, c.target.kind))

    current = stored.entities(store, touched | set(names))
    create, update, delete = [], [], []
    for eid in sorted(touched | set(names)):
        days = fresh.days.get(eid)
        if not days:
            if eid in current:
                delete.append(eid)
            continue
        name, kind = names.get(eid) or (current[eid]["name"], current[eid]["kind"])
        aliases = (fresh.aliases.get(eid, set()) | carried.get(eid, set())) - {name}
        row = {
            "id": eid,
            "name": name,
            "kind": kind,
            "aliases": sorted(aliases),
            "first_seen": min(days),
            "last_seen": max(days),
        }
        (update if eid in current else create).append(row)
    stored.create_entities(store, create)
    stored.replace_annotations(store, drop, add)
    stored.set_entities(store, update)
    stored.delete_entities(store, delete)


def _revert(
    store: GraphStore, extractor: Extractor, c: Curation, when: str, report: ReplayReport
) -> None:
    """Take back ``c``, the newest active curation, from its snapshot."""
    stored.update_row(store, c.id, when, c.row()["snapshot"])
    touched = c.touched()
    before = {r["id"]: r for r in c.snapshot.get("entities", [])}
    old_annotations = c.snapshot.get("annotations", [])
    fresh = _reextract(store, extractor, touched, report)

    covered = {r["article"] for r in old_annotations}
    now_annotations = stored.annotations(store, touched)
    drop = [r for r in now_annotations if r["article"] in covered]
    add = list(old_annotations)
    later = [r for r in now_annotations if r["article"] not in covered]
    moves, names, kept = _later_annotations(store, later)
    drop += moves["drop"]
    add += moves["add"]
    _annotation_days(store, fresh, add + kept)

    current = stored.entities(store, touched | set(names))
    create, update, delete = [], [], []
    for eid in sorted(touched | set(names)):
        days = fresh.days.get(eid, set())
        if eid in before:
            old = before[eid]
            row = {
                **{k: old[k] for k in ("id", "name", "kind")},
                "aliases": sorted(
                    set(old["aliases"]) | (fresh.aliases.get(eid, set()) - {old["name"]})
                ),
                "first_seen": min([old["first_seen"], *days]),
                "last_seen": max([old["last_seen"], *days]),
            }
            (update if eid in current else create).append(row)
        elif eid in current:
            row = current[eid]
            if eid in touched and not days:
                delete.append(eid)
                continue
            # all that supports a touched entity was re-extracted; another one only widens
            keep = [] if eid in touched else [row["first_seen"], row["last_seen"]]
            update.append(
                {
                    **{k: row[k] for k in ("id", "name", "kind")},
                    "aliases": sorted(set(row["aliases"]) | fresh.aliases.get(eid, set())),
                    "first_seen": min([*keep, *days]),
                    "last_seen": max([*keep, *days]),
                }
            )
        elif days:
            name, kind = names[eid]
            create.append(
                {
                    "id": eid,
                    "name": name,
                    "kind": kind,
                    "aliases": [],
                    "first_seen": min(days),
                    "last_seen": max(days),
                }
            )
    stored.create_entities(store, create)
    stored.replace_annotations(store, drop, add)
    stored.set_entities(store, update)
    stored.delete_entities(store, delete)
    stored.set_origins(store, moves["origins"])


def _later_annotations(store: GraphStore, later: list[dict[str, Any]]):
    """Annotations ingested after a curation, put where the log now takes what each was
    given as (the ingest recorded it); the rest stay."""
    present = {(r["article"], r["entity"]) for r in later}
    records = [
        o
        for o in stored.origins(store, {r["article"] for r in later})
        if (o["article"], o["entity"]) in present
    ]
    rewriter = Rewriter(load_log(store))
    moves: dict[str, list[dict[str, Any]]] = {"drop": [], "add": [], "origins": []}
    names: dict[str, tuple[str, str]] = {}
    by_article: dict[str, list[tuple[dict[str, Any], Named]]] = {}
    for o in records:
        n = rewriter.image(Entity(id=o["raw"], name=o["name"], kind=o["kind"]))
        by_article.setdefault(o["article"], []).append((o, n))
        names.setdefault(n.id, (display_name(n.name), n.kind))
        if n.id != o["entity"]:
            moves["origins"].append({"id": o["id"], "entity": n.id})
    for article, items in sorted(by_article.items()):
        moves["drop"] += [
            {"article": article, "entity": e} for e in sorted({o["entity"] for o, _ in items})
        ]
        moves["add"] += [
            {"article": article, "entity": f, "count": 1, "snippet": "", "extractor": "annotation"}
            for f in sorted({n.id for _, n in items})
        ]
    kept = [r for r in later if r["article"] not in by_article]
    return moves, names, kept
