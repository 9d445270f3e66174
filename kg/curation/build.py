"""Turning an analyst's command into a checked ``Curation``: entities found in the graph,
kinds checked against the ontology, and a clear error for everything that cannot be done."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kg.curation.log import Curation, Ref
from kg.errors import InputError
from kg.normalize import display_name, entity_id, normalize_name
from kg.ontology import load_ontology
from kg.store import curation as stored
from kg.store.base import GraphStore


def load_log(store: GraphStore) -> list[Curation]:
    """Every curation in the graph, undone ones included, in the order they were made."""
    return [Curation.from_row(r) for r in stored.log_rows(store)]


def find_entity(store: GraphStore, ref: str, *, what: str = "entity") -> dict[str, Any]:
    """The stored entity ``ref`` names: an id (``Organization:openai``), a name (any kind),
    or else an alias."""
    kinds = load_ontology().kind_names
    text = ref.strip()
    head, sep, _ = text.partition(":")
    ids = [text] if sep and head in kinds else [entity_id(k, text) for k in kinds]
    found = sorted(stored.entities(store, ids).values(), key=lambda r: r["id"])
    if not found and not sep:  # not a name: perhaps an alias ("輝達" for NVIDIA)
        found = sorted(
            stored.entities_by_alias(store, display_name(text)).values(), key=lambda r: r["id"]
        )
    if not found:
        raise InputError(
            f"{what} {ref!r}",
            "no such entity in the graph; give its id (Kind:slug), name or alias, e.g. from "
            '`kg query entity_timeline` or `kg cypher "MATCH (e:Entity) RETURN e.id, e.name"`',
        )
    if len(found) > 1:
        raise InputError(
            f"{what} {ref!r}",
            f"names {len(found)} entities ({', '.join(r['id'] for r in found)}); give the id",
        )
    return found[0]


def _ref(row: dict[str, Any]) -> Ref:
    return Ref(id=row["id"], name=row["name"], kind=row["kind"])


def _name(text: str, what: str) -> str:
    name = display_name(text)
    if not name:
        raise InputError(what, "is empty")
    return name


def _free(store: GraphStore, target: Ref, entity: Ref) -> None:
    if target.id == entity.id:
        return
    taken = stored.entities(store, [target.id])
    if taken:
        raise InputError(
            f"{target.kind} {target.name!r}",
            f"{target.id} already exists; to make them one, "
            f"run `kg entity merge {entity.id} {target.id}`",
        )


def _kind(kind: str) -> str:
    return load_ontology().kind(kind).name  # UnknownTermError names the allowed kinds


def merge(store: GraphStore, source: str, into: str) -> Curation:
    a = _ref(find_entity(store, source))
    b = _ref(find_entity(store, into))
    if a.id == b.id:
        raise InputError(f"kg entity merge {source} {into}", f"both name {a.id}; nothing to merge")
    return _new(store, "merge", a, target=b)


def rename(store: GraphStore, ref: str, new_name: str) -> Curation:
    a = _ref(find_entity(store, ref))
    name = _name(new_name, "the new name")
    if name == a.name:
        raise InputError(f"new name {new_name!r}", f"{a.id} is already called that")
    target = Ref.of(name, a.kind)
    _free(store, target, a)
    return _new(store, "rename", a, target=target)


def change_kind(store: GraphStore, ref: str, kind: str) -> Curation:
    a = _ref(find_entity(store, ref))
    kind = _kind(kind)
    if kind == a.kind:
        raise InputError(f"kind {kind!r}", f"{a.id} is already a {kind}")
    target = Ref.of(a.name, kind)
    _free(store, target, a)
    return _new(store, "kind", a, target=target)


def split(
    store: GraphStore,
    ref: str,
    surfaces: Sequence[str],
    *,
    name: str | None = None,
    kind: str | None = None,
) -> Curation:
    row = find_entity(store, ref)
    a = _ref(row)
    names = [_name(s, "a split alias") for s in surfaces]
    if not names:
        raise InputError(f"kg entity split {ref}", "give at least one --alias to split off")
    known = {normalize_name(x): x for x in row["aliases"]}
    for s in names:
        if normalize_name(s) not in known:
            raise InputError(
                f"alias {s!r}",
                f"is not an alias of {a.id} (its aliases: {', '.join(row['aliases']) or 'none'})",
            )
    target = Ref.of(_name(name, "--name") if name else names[0], _kind(kind) if kind else a.kind)
    if target.id == a.id:
        raise InputError(
            f"kg entity split {ref}", f"the new entity would be {a.id} itself; give --name"
        )
    existing = stored.entities(store, [target.id]).get(target.id)
    if existing:  # splitting into an entity that exists: its stored spelling
        target = _ref(existing)
    return _new(store, "split", a, target=target, surfaces=tuple(names))


def alias_add(store: GraphStore, ref: str, alias: str) -> Curation:
    row = find_entity(store, ref)
    a = _ref(row)
    text = _name(alias, "the alias")
    if normalize_name(text) == normalize_name(a.name):
        raise InputError(f"alias {alias!r}", f"is the name of {a.id}")
    if normalize_name(text) in {normalize_name(x) for x in row["aliases"]}:
        raise InputError(f"alias {alias!r}", f"is already an alias of {a.id}")
    kinds = load_ontology().kind_names
    also = tuple(sorted(set(stored.entities(store, [entity_id(k, text) for k in kinds])) - {a.id}))
    return _new(store, "alias_add", a, alias=text, also=also)


def alias_remove(store: GraphStore, ref: str, alias: str) -> Curation:
    row = find_entity(store, ref)
    a = _ref(row)
    text = _name(alias, "the alias")
    match = [x for x in row["aliases"] if normalize_name(x) == normalize_name(text)]
    if not match:
        raise InputError(
            f"alias {alias!r}",
            f"is not an alias of {a.id} (its aliases: {', '.join(row['aliases']) or 'none'})",
        )
    return _new(store, "alias_remove", a, alias=match[0])


def _new(store: GraphStore, op: str, entity: Ref, **fields: Any) -> Curation:
    seq = max((c.seq for c in load_log(store)), default=0) + 1
    return Curation(id=f"c{seq}", seq=seq, op=op, entity=entity, **fields)
