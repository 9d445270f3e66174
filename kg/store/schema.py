"""The graph schema, generated from the ontology.

Structural tables (Source, Article, Entity, Quarantine, MENTIONS, PUBLISHED_BY) are fixed
here; every entity-to-entity relationship type comes from ``ontology.ttl``. Each such
edge also stores its own type in ``rel_type`` so one query can read the type on both
dialects (Neo4j has ``type(r)``, LadybugDB only ``label(r)``).
"""

from __future__ import annotations

from kg.errors import StoreError
from kg.ontology import Ontology

NODE_TABLES: dict[str, dict[str, str]] = {
    "Source": {"id": "STRING", "name": "STRING", "kind": "STRING"},
    "Article": {
        "id": "STRING",
        "url": "STRING",
        "title": "STRING",
        "source": "STRING",
        "source_kind": "STRING",
        "published": "STRING",
        "day": "DATE",
        "lang": "STRING",
        "text": "STRING",
        "tags": "STRING[]",
        "links": "STRING[]",
        "content_hash": "STRING",
        "extractor": "STRING",
    },
    "Entity": {
        "id": "STRING",
        "name": "STRING",
        "kind": "STRING",
        "aliases": "STRING[]",
        "first_seen": "DATE",
        "last_seen": "DATE",
    },
    # Per-source fetch state (feed ETag / Last-Modified, arXiv cursor), JSON in ``state``.
    "SourceState": {"id": "STRING", "state": "STRING", "updated": "STRING"},
    # Watchlist alerts: fired once per (entry, rule, subject, evidence); ``delivered`` lists
    # the sinks that accepted it, so a failed delivery is retried on the next run.
    "Alert": {
        "id": "STRING",
        "entry": "STRING",
        "rule": "STRING",
        "entity": "STRING",
        "kind": "STRING",
        "date": "STRING",
        "severity": "STRING",
        "payload": "STRING",
        "created": "STRING",
        "delivered": "STRING[]",
    },
    # Delivery state per (alert, sink): owed -> sending (decided, in one statement, before
    # the send) -> delivered. ``sink`` is the sink's redacted id, never a secret URL.
    "AlertDelivery": {
        "id": "STRING",
        "alert": "STRING",
        "sink": "STRING",
        "state": "STRING",
        "at": "STRING",
    },
    # Analyst curation (merge, split, rename, kind, alias): an ordered log replayed over
    # every extraction (kg/curation); ``args`` and ``snapshot`` are JSON.
    "Curation": {
        "id": "STRING",
        "seq": "INT64",
        "op": "STRING",
        "args": "STRING",
        "who": "STRING",
        "why": "STRING",
        "at": "STRING",
        "undone": "STRING",
        "snapshot": "STRING",
    },
    # An annotation mention a curation placed at ingest: the entity it was given as
    # (``raw``, ``name``, ``kind``) and the one it was written to, so an undo can put it back.
    "AnnotationOrigin": {
        "id": "STRING",
        "article": "STRING",
        "raw": "STRING",
        "name": "STRING",
        "kind": "STRING",
        "entity": "STRING",
    },
    "Quarantine": {
        "id": "STRING",
        "source": "STRING",
        "reason": "STRING",
        "raw": "STRING",
        "at": "STRING",
    },
    # The entity look-up table: one node per normalised form ("id:<id>", "name:<lowercased
    # name>", "alias:<alias>") listing the entities it names. A look-up by name or alias is
    # then two primary-key (LadybugDB) or unique-constraint (Neo4j) hits instead of a scan
    # of every entity; LadybugDB has no other index on a property, and it looks a key up
    # by its id, not by an edge from it.
    "EntityKey": {"id": "STRING", "entities": "STRING[]"},
}
ENTITY_KEY = "EntityKey"

# Not "evidence": LadybugDB types a property across every rel table an untyped pattern
# could match, and a STRING here would turn the relations' STRING[] evidence into a string.
MENTION_PROPERTIES = {
    "count": "INT64",
    "snippet": "STRING",
    "origin": "STRING",
    "extractor": "STRING",
}

# One edge per supporting sentence, from the article to the relation's head: the full,
# day-addressable provenance of every relation (the relation edge keeps only the newest).
STATES_PROPERTIES = {
    "rel_type": "STRING",
    "tail": "STRING",
    "sentence": "STRING",
    "extractor": "STRING",
    "qualifiers": "STRING",  # JSON object, sorted keys (kg.store.merge.qualifier_json)
    "via": "STRING",
}

RELATION_PROPERTIES = {
    "rel_type": "STRING",
    "first_seen": "DATE",
    "last_seen": "DATE",
    "count": "INT64",
    "articles": "STRING[]",
    "evidence": "STRING[]",
    "extractor": "STRING",
    "qualifiers": "STRING",  # per key the latest non-empty value of its supports
    "via": "STRING",
}

# Columns added after a table was first created: ALTER TABLE ... ADD IF NOT EXISTS upgrades
# an older embedded store in place (CREATE ... IF NOT EXISTS leaves its columns as they were).
ADDED_COLUMNS = {"qualifiers": "'{}'", "via": "''"}


def _columns(props: dict[str, str]) -> str:
    return ", ".join(f"{name} {type_}" for name, type_ in props.items())


def ladybug_ddl(ontology: Ontology) -> list[str]:
    """CREATE ... IF NOT EXISTS statements for LadybugDB, idempotent."""
    statements = []
    for table, props in NODE_TABLES.items():
        cols = ", ".join(
            f"{name} {type_}{' PRIMARY KEY' if name == 'id' else ''}"
            for name, type_ in props.items()
        )
        statements.append(f"CREATE NODE TABLE IF NOT EXISTS {table}({cols})")
    # Article -> Entity edges are stored forward only. Stored both ways, every checkpoint
    # rewrote the popular entities' backward lists with all their mentions and snippets,
    # so a year-long ingest slowed down and ran out of buffer pool; readers start from the
    # day's articles, and the few that start from an entity scan the forward lists.
    statements.append(
        "CREATE REL TABLE IF NOT EXISTS MENTIONS(FROM Article TO Entity, "
        f"{_columns(MENTION_PROPERTIES)}) WITH (storage_direction = 'fwd')"
    )
    statements.append("CREATE REL TABLE IF NOT EXISTS PUBLISHED_BY(FROM Article TO Source)")
    statements.append(
        "CREATE REL TABLE IF NOT EXISTS STATES(FROM Article TO Entity, "
        f"{_columns(STATES_PROPERTIES)}) WITH (storage_direction = 'fwd')"
    )
    for name in ontology.relation_names:
        rel = ontology.cypher_relation(name)
        statements.append(
            f"CREATE REL TABLE IF NOT EXISTS {rel}(FROM Entity TO Entity, "
            f"{_columns(RELATION_PROPERTIES)})"
        )
    for table in ["STATES", *(ontology.cypher_relation(n) for n in ontology.relation_names)]:
        for column, default in ADDED_COLUMNS.items():
            statements.append(
                f"ALTER TABLE {table} ADD IF NOT EXISTS {column} STRING DEFAULT {default}"
            )
    return statements


def arrow_type(column_type: str, purpose: str):
    """The Arrow (Parquet) type a COPY reads for a column of ``column_type``; ``purpose``
    names the load in the error (pyarrow is imported only by the loads that need it)."""
    import pyarrow as pa

    types = {
        "STRING": pa.string(),
        "INT64": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOL": pa.bool_(),
        "DATE": pa.date32(),
        "STRING[]": pa.list_(pa.string()),
    }
    if column_type not in types:
        raise StoreError(f"{purpose} has no Parquet type for the column type {column_type}")
    return types[column_type]
