"""Is a Cypher statement read-only? Pure text in, the refusal (or nothing) out.

``kg cypher`` without ``--write`` must not change the graph nor touch files: LadybugDB's
``LOAD FROM '/etc/passwd'`` reads local files, ``COPY ... TO`` and ``EXPORT DATABASE`` write
them, ``CHECKPOINT`` left readers failing. An allow-list, not a deny-list: the statement's
keywords outside strings, comments and `quoted` names must all be read clauses, and
``CALL`` may name only procedures known to read. Applied for both stores, before the
statement reaches either.
"""

from __future__ import annotations

import re

# The clauses a read statement may open with.
FIRST_WORDS = frozenset(
    ["MATCH", "OPTIONAL", "WITH", "RETURN", "UNWIND", "CALL", "EXPLAIN", "PROFILE"]
)
# Words that change the graph, the files around it or the session; named in the refusal.
WRITE_WORDS = frozenset(
    [
        "CREATE",
        "MERGE",
        "DELETE",
        "DETACH",
        "SET",
        "REMOVE",
        "DROP",
        "ALTER",
        "LOAD",
        "COPY",
        "EXPORT",
        "IMPORT",
        "ATTACH",
        "INSTALL",
        "CHECKPOINT",
        "BEGIN",
        "COMMIT",
        "ROLLBACK",
        "FOREACH",
        "USE",
        "TRANSACTION",
        "INTO",
        "TO",
        "FROM",
    ]
)
# Procedures that only read (LadybugDB's catalogue functions, Neo4j's db.* listings).
READ_PROCEDURES = frozenset(
    {
        "show_tables",
        "table_info",
        "show_connection",
        "show_functions",
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
    }
)
_STRIP = re.compile(r"""'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`[^`]*`|//[^\n]*|/\*.*?\*/""", re.S)
_WORD = re.compile(r"(?<![.$\w])([A-Za-z_][A-Za-z_0-9]*)(?!\s*:(?!:))")
_CALL = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)", re.I)


def read_only_problem(statement: str) -> str:
    """Why ``statement`` may change something (a message naming ``--write``), or ""."""
    code = _STRIP.sub(" ", statement)
    if ";" in code.strip().rstrip(";"):
        return "give one statement at a time (found ';' between statements), or pass --write"
    first = code.split(None, 1)[0].upper() if code.strip() else ""
    if first not in FIRST_WORDS:
        return (
            f"a read-only statement opens with {', '.join(sorted(FIRST_WORDS))}, not "
            f"{first or 'nothing'}; rerun with --write to run it"
        )
    for match in _CALL.finditer(code):
        name = match.group(1).lower()
        if name not in READ_PROCEDURES:
            return (
                f"CALL {match.group(1)} is not a known read-only procedure; "
                "rerun with --write to allow it"
            )
    for match in _WORD.finditer(code):
        word = match.group(1).upper()
        if word in WRITE_WORDS:
            return (
                f"{word} changes the graph or touches files; kg cypher is read-only "
                "unless you pass --write"
            )
    return ""
