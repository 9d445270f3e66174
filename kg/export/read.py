"""What an export reads: the entities, relations and articles of a window, page by page.

Only named queries (``queries/export_*.cypher``) are used, so every export works on both
stores. Pages are keyset pages (``id > $after``), so a large graph is never held whole.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from kg.errors import InputError
from kg.ontology import load_ontology
from kg.store.base import GraphStore, Row
from queries import library_for


@dataclass(frozen=True)
class Window:
    since: date
    until: date
    kinds: tuple[str, ...]

    def params(self) -> dict[str, Any]:
        return {"since": self.since, "until": self.until, "kinds": list(self.kinds)}


def window_for(
    store: GraphStore,
    since: date | None = None,
    until: date | None = None,
    kinds: list[str] | None = None,
) -> Window:
    """The window asked for, with open ends closed by the first and last day held."""
    onto = load_ontology()
    unknown = [k for k in kinds or [] if k not in onto.kinds]
    if unknown:
        raise InputError(
            f"--kind {' '.join(unknown)}", f"unknown kind; use one of {', '.join(onto.kind_names)}"
        )
    chosen = tuple(kinds) if kinds else tuple(onto.kind_names)
    days = store.stats().days
    first = date.fromisoformat(days[0]) if days else date.today()
    last = date.fromisoformat(days[-1]) if days else date.today()
    window = Window(since or first, until or last, chosen)
    if window.since > window.until:
        raise InputError(
            f"--since {window.since} --until {window.until}", "the window ends before it starts"
        )
    return window


class GraphReader:
    def __init__(self, store: GraphStore, window: Window, page: int = 2000) -> None:
        self.store = store
        self.window = window
        self.page = page
        self.library = library_for(store)

    def _run(self, name: str, params: dict[str, Any]) -> list[Row]:
        return self.library.run(self.store, name, params)

    def count_entities(self) -> int:
        return sum(len(p) for p in self.entity_pages())

    def entity_pages(self) -> Iterator[list[Row]]:
        after = ""
        while True:
            rows = self._run(
                "export_entities", {**self.window.params(), "after": after, "limit": self.page}
            )
            if not rows:
                return
            yield rows
            after = rows[-1]["id"]

    def relations(self, head_ids: list[str]) -> list[Row]:
        """Relations leaving these entities, towards entities inside the window."""
        if not head_ids:
            return []
        return self._run("export_relations", {**self.window.params(), "ids": head_ids})

    def relations_to(self, tail_ids: list[str]) -> list[Row]:
        """Relations arriving at these entities, from entities inside the window."""
        if not tail_ids:
            return []
        return self._run("export_relations_to", {**self.window.params(), "ids": tail_ids})

    def entities(self, ids: list[str]) -> dict[str, Row]:
        if not ids:
            return {}
        return {r["id"]: r for r in self._run("entities_by_ids", {"ids": sorted(set(ids))})}

    def article_pages(self, page: int = 500) -> Iterator[list[Row]]:
        after = ""
        params = {"since": self.window.since, "until": self.window.until}
        while True:
            rows = self._run("export_articles", {**params, "after": after, "limit": page})
            if not rows:
                return
            yield rows
            after = rows[-1]["id"]

    def articles(self, ids: list[str]) -> dict[str, Row]:
        """Title, url, day and source of each article (for evidence references)."""
        if not ids:
            return {}
        return {r["id"]: r for r in self._run("articles_by_ids", {"ids": sorted(set(ids))})}

    def mentions(self, article_ids: list[str]) -> list[Row]:
        return self._run("export_mentions", {"ids": article_ids}) if article_ids else []

    def statements(self, article_ids: list[str]) -> list[Row]:
        return self._run("export_statements", {"ids": article_ids}) if article_ids else []

    def sources(self, article_ids: list[str]) -> list[Row]:
        return self._run("export_sources", {"ids": article_ids}) if article_ids else []


def evidence_pairs(relation: Row) -> list[tuple[str, str]]:
    """(article id, sentence) of a relation's kept supports, newest last."""
    articles = list(relation.get("articles") or [])
    sentences = list(relation.get("evidence") or [])
    sentences += [""] * (len(articles) - len(sentences))
    return list(zip(articles, sentences, strict=False))
