"""The curation log: what an analyst decided about entities, as plain values.

Each decision is one ``Curation``: an operation (``OPS``), its arguments as the graph stood
when it was made (ids, names and kinds of the entities it names), who made it, when and
why. The log is kept in the graph (``Curation`` nodes, ``kg.store.curation``) and replayed,
in ``seq`` order, over every later extraction (``kg.curation.rewrite``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from kg.normalize import entity_id

Op = Literal["merge", "split", "rename", "kind", "alias_add", "alias_remove"]
OPS: tuple[str, ...] = ("merge", "split", "rename", "kind", "alias_add", "alias_remove")


class Ref(BaseModel):
    """An entity as a curation names it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    kind: str

    @classmethod
    def of(cls, name: str, kind: str) -> Ref:
        return cls(id=entity_id(kind, name), name=name, kind=kind)


class Curation(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str  # "c1", "c2", ...: short enough to type in `kg curation undo c3`
    seq: int
    op: Op
    entity: Ref  # the entity the operation is about (merge: the one merged away)
    target: Ref | None = None  # merge: the survivor; split / rename / kind: the result
    alias: str = ""  # alias_add / alias_remove
    surfaces: tuple[str, ...] = ()  # split: the names whose mentions move to ``target``
    also: tuple[str, ...] = ()  # alias_add: stored entities named like the alias, merged in
    who: str = ""
    why: str = ""
    at: str = ""
    undone: str = ""  # when it was undone; empty while it applies
    # The touched entities and their annotation mentions as they were just before the
    # curation applied: what an undo puts back.
    snapshot: dict[str, Any] = Field(default_factory=dict)

    @property
    def active(self) -> bool:
        return not self.undone

    def touched(self) -> set[str]:
        """Ids of every entity the curation can change (before and after it)."""
        ids = {self.entity.id, *self.also}
        if self.target is not None:
            ids.add(self.target.id)
        return ids

    def describe(self) -> str:
        e, t = self.entity, self.target
        if self.op == "merge":
            return f"merge {e.id} into {t.id}"
        if self.op == "split":
            return f"split {', '.join(self.surfaces)} off {e.id} into {t.id}"
        if self.op in ("rename", "kind"):
            return f"{self.op} {e.id} -> {t.id}" + (f" ({t.name})" if self.op == "rename" else "")
        verb = "add alias" if self.op == "alias_add" else "remove alias"
        return f"{verb} {self.alias!r} {'to' if self.op == 'alias_add' else 'from'} {e.id}"

    def row(self) -> dict[str, Any]:
        """The curation as the store keeps it: scalars, and JSON for the rest."""
        import json

        body = self.model_dump(
            mode="json",
            include={"entity", "target", "alias", "surfaces", "also"},
        )
        return {
            "id": self.id,
            "seq": self.seq,
            "op": self.op,
            "args": json.dumps(body, sort_keys=True, ensure_ascii=False),
            "who": self.who,
            "why": self.why,
            "at": self.at,
            "undone": self.undone,
            "snapshot": json.dumps(self.snapshot, sort_keys=True, ensure_ascii=False),
        }

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Curation:
        import json

        return cls(
            id=row["id"],
            seq=int(row["seq"]),
            op=row["op"],
            who=row.get("who") or "",
            why=row.get("why") or "",
            at=row.get("at") or "",
            undone=row.get("undone") or "",
            snapshot=json.loads(row.get("snapshot") or "{}"),
            **json.loads(row["args"]),
        )

    def listing(self) -> dict[str, Any]:
        """What `kg curation list` shows of it."""
        return {
            "id": self.id,
            "op": self.op,
            "what": self.describe(),
            "who": self.who,
            "why": self.why,
            "at": self.at,
            "undone": self.undone,
        }
