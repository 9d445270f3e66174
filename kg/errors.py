"""The one exception tree of AI Intel KG.

Every error that crosses a package boundary is a ``KGError`` with a message that says
what went wrong and what to do about it. The CLI turns any ``KGError`` into one line on
stderr and a non-zero exit code; anything else is a bug.

    KGError
    ├── ConfigError                 bad setting or command-line value
    ├── OntologyError               ontology.ttl unreadable or inconsistent
    │   └── UnknownTermError        a kind or relation type the ontology does not define
    ├── InputError                  one bad input record (it is quarantined, the run goes on)
    ├── StoreError                  anything the graph store refuses
    │   ├── StoreLockedError        another process holds the write lock
    │   ├── StoreNotFoundError      no graph at the given location yet
    │   └── QueryError              a Cypher statement failed
    ├── UnknownQueryError           no named query of that name
    ├── ReportError                 nothing to report (e.g. a day without articles)
    └── ExtractionError             extractor data files missing or malformed
"""

from __future__ import annotations


class KGError(Exception):
    """Base class: an actionable message, safe to show to a user as one line."""

    exit_code = 1


class ConfigError(KGError):
    pass


class OntologyError(KGError):
    pass


class UnknownTermError(OntologyError):
    def __init__(self, what: str, value: str, allowed: list[str]) -> None:
        self.what = what
        self.value = value
        self.allowed = allowed
        super().__init__(f"unknown {what} {value!r}; expected one of: {', '.join(allowed)}")


class InputError(KGError):
    """One input record is unusable; ``where`` names it (file:line, URL, id)."""

    def __init__(self, where: str, reason: str) -> None:
        self.where = where
        self.reason = reason
        super().__init__(f"{where}: {reason}")


class SourceError(InputError):
    """A source (feed, API, page) could not be read: unreachable, HTTP error, too large."""


class StoreError(KGError):
    pass


class StoreLockedError(StoreError):
    def __init__(self, location: str, detail: str = "") -> None:
        self.location = location
        hint = f" ({detail})" if detail else ""
        super().__init__(
            f"the graph at {location} is locked by another process{hint}; "
            "wait for it to finish, or point --store / KG_STORE at another graph"
        )


class StoreNotFoundError(StoreError):
    def __init__(self, location: str) -> None:
        self.location = location
        super().__init__(
            f"no graph at {location}; create one with `kg init` or `kg ingest files ...`, "
            "or try `kg demo`"
        )


class QueryError(StoreError):
    def __init__(self, detail: str, query_name: str | None = None) -> None:
        self.query_name = query_name
        where = f"query {query_name!r}" if query_name else "Cypher statement"
        super().__init__(f"{where} failed: {detail}")


class UnknownQueryError(KGError):
    def __init__(self, name: str, known: list[str]) -> None:
        super().__init__(
            f"no named query {name!r}; known queries: {', '.join(known)} (see `kg query --list`)"
        )


class ReportError(KGError):
    pass


class ExtractionError(KGError):
    pass
