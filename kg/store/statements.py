"""Every Cypher statement the stores send, built in one place by pure functions.

Each builder takes the dialect where the dialects differ (graphiti's
``get_*_query(provider)``) and returns the statement's text; the tests hand every one to
Neo4j's own parser without a server. Labels and relationship types come only from the
ontology allow-list (``Ontology.cypher_kind`` / ``cypher_relation``); property lists only
from the schema in ``kg.store.schema``; every value is a parameter. Row statements read
their rows from ``UNWIND $rows AS r`` so a store can send them in chunks.

What differs between the dialects, and nothing else:

- creating a row: LadybugDB ``CREATE``s (its ``MERGE`` scans the whole table per
  statement); Neo4j ``MERGE``s on the unique key, so a second process writing the same
  row at the same moment meets it instead of a constraint error;
- Neo4j gives each entity its kind as a second label (Browser colours by label);
- the schema: LadybugDB node and rel tables, Neo4j constraints and indexes.
"""

from __future__ import annotations

from kg.ontology import Ontology
from kg.store.schema import (
    ENTITY_KEY,
    MENTION_PROPERTIES,
    NODE_TABLES,
    RELATION_PROPERTIES,
    STATES_PROPERTIES,
    ladybug_ddl,
)

LADYBUG = "ladybug"
NEO4J = "neo4j"
DIALECTS = (LADYBUG, NEO4J)

# name -> (statement, parameter names): the listing the Cypher lint parses
Statements = dict[str, tuple[str, tuple[str, ...]]]

_ROWS = "UNWIND $rows AS r "


def _check(dialect: str) -> str:
    if dialect not in DIALECTS:
        raise ValueError(f"unknown dialect {dialect!r}; one of {', '.join(DIALECTS)}")
    return dialect


def _value(column: str, type_: str) -> str:
    # Dates travel as ISO strings; date() makes them DATE on both stores.
    return f"date(r.{column})" if type_ == "DATE" else f"r.{column}"


def _map(props: dict[str, str]) -> str:
    return "{" + ", ".join(f"{c}: {_value(c, t)}" for c, t in props.items()) + "}"


def _sets(var: str, props: dict[str, str]) -> str:
    return ", ".join(f"{var}.{c} = {_value(c, t)}" for c, t in props.items())


def _pick(props: dict[str, str], columns: tuple[str, ...]) -> dict[str, str]:
    return {c: props[c] for c in columns}


def _without(props: dict[str, str], *columns: str) -> dict[str, str]:
    return {c: t for c, t in props.items() if c not in columns}


# -- schema ------------------------------------------------------------------------------

# Neo4j property indexes beyond the unique ids: the report reads entities by kind and
# first_seen, articles by day.
NEO4J_INDEXES = (
    ("Entity", "kind"),
    ("Entity", "first_seen"),
    ("Entity", "name"),
    ("Article", "day"),
)


def schema(ontology: Ontology, dialect: str) -> list[str]:
    """DDL that creates the schema; idempotent (safe on every open)."""
    if _check(dialect) == LADYBUG:
        return ladybug_ddl(ontology)
    out = [
        f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        for label in NODE_TABLES
    ]
    out += [
        f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, prop in NEO4J_INDEXES
    ]
    for name in ontology.relation_names:
        rel = ontology.cypher_relation(name)
        out.append(
            f"CREATE INDEX rel_{rel.lower()}_first_seen IF NOT EXISTS "
            f"FOR ()-[r:{rel}]-() ON (r.first_seen)"
        )
    return out


def ping() -> str:
    return "RETURN 1 AS ok"


def rows_from_table(statement: str) -> str:
    """LadybugDB's form of a row statement: its rows ``r`` read from an Arrow table
    (``LOAD FROM $rows``, one struct column ``r``) instead of a list parameter.

    The binding turns a list parameter into engine values one Python value at a time and
    walks every row again to key its prepared-statement cache: for a day appended to a
    month store that was most of the write time (5,000 mentions: 0.9-1.3 s as a list,
    0.1 s as a table, the same rows stored). The rest of the statement is unchanged.
    """
    if not statement.startswith(_ROWS):
        raise ValueError(f"not a row statement: {statement[:60]!r}")
    return "LOAD FROM $rows " + statement[len(_ROWS) :]


# -- generic row statements --------------------------------------------------------------


def find_nodes(label: str, returns: dict[str, str]) -> str:
    """The rows' nodes that exist (``returns``: column -> property)."""
    cols = ", ".join(f"n.{prop} AS {col}" for col, prop in returns.items())
    return f"{_ROWS}MATCH (n:{label} {{id: r.id}}) RETURN {cols}"


def create_nodes(dialect: str, label: str, extra_label: str | None = None) -> str:
    """New nodes with every column of their table (``extra_label``: Neo4j only)."""
    props = NODE_TABLES[label]
    if _check(dialect) == LADYBUG:
        return f"{_ROWS}CREATE (:{label} {_map(props)})"
    sets = ([f"n:{extra_label}"] if extra_label else []) + [_sets("n", _without(props, "id"))]
    sets = [s for s in sets if s]
    return f"{_ROWS}MERGE (n:{label} {{id: r.id}})" + (f" SET {', '.join(sets)}" if sets else "")


def update_nodes(label: str, columns: tuple[str, ...]) -> str:
    props = _pick(NODE_TABLES[label], columns)
    return f"{_ROWS}MATCH (n:{label} {{id: r.id}}) SET {_sets('n', props)}"


def _create_edge(
    dialect: str,
    head: tuple[str, str],
    rel: str,
    tail: tuple[str, str],
    props: dict[str, str],
    merge_on: tuple[str, ...] = (),
) -> str:
    """``head`` / ``tail``: (label, row key holding the node's id)."""
    match = (
        f"{_ROWS}MATCH (a:{head[0]} {{id: r.{head[1]}}}) MATCH (b:{tail[0]} {{id: r.{tail[1]}}}) "
    )
    if _check(dialect) == LADYBUG:
        body = f" {_map(props)}" if props else ""
        return f"{match}CREATE (a)-[:{rel}{body}]->(b)"
    key = f" {_map(_pick(props, merge_on))}" if merge_on else ""
    rest = _without(props, *merge_on)
    sets = f" SET {_sets('x', rest)}" if rest else ""
    return f"{match}MERGE (a)-[x:{rel}{key}]->(b){sets}"


# -- the write path ----------------------------------------------------------------------


def article_hashes() -> str:
    return find_nodes("Article", {"id": "id", "hash": "content_hash"})


def source_ids() -> str:
    return find_nodes("Source", {"id": "id"})


def entity_lookup() -> str:
    return find_nodes(
        "Entity",
        {"id": "id", "aliases": "aliases", "first_seen": "first_seen", "last_seen": "last_seen"},
    )


def all_entities() -> str:
    return "MATCH (e:Entity) RETURN e.id AS id, e.name AS name, e.aliases AS aliases ORDER BY id"


def count_id_keys() -> str:
    # a prefix of the unique key: an index range on Neo4j, a column scan on LadybugDB
    return f"MATCH (k:{ENTITY_KEY}) WHERE k.id STARTS WITH 'id:' RETURN count(k) AS n"


def entity_key_lookup() -> str:
    return find_nodes(ENTITY_KEY, {"id": "id", "entities": "entities"})


def create_articles(dialect: str) -> str:
    return create_nodes(dialect, "Article")


def link_published_by(dialect: str) -> str:
    return _create_edge(dialect, ("Article", "id"), "PUBLISHED_BY", ("Source", "source_id"), {})


# What a changed article may change: everything but its id.
ARTICLE_UPDATES = tuple(c for c in NODE_TABLES["Article"] if c != "id")
# What a stored entity may change: its aliases widen, its first/last seen widen.
ENTITY_UPDATES = ("aliases", "first_seen", "last_seen")


def update_articles() -> str:
    return update_nodes("Article", ARTICLE_UPDATES)


def create_entities(dialect: str, kind_label: str | None = None) -> str:
    return create_nodes(dialect, "Entity", extra_label=kind_label)


def labels_kinds(dialect: str) -> bool:
    """Whether entities carry their kind as a second label (one statement per kind)."""
    return _check(dialect) == NEO4J


def update_entities() -> str:
    return update_nodes("Entity", ENTITY_UPDATES)


def update_entity_keys() -> str:
    return update_nodes(ENTITY_KEY, ("entities",))


def create_mentions(dialect: str) -> str:
    return _create_edge(
        dialect,
        ("Article", "article"),
        "MENTIONS",
        ("Entity", "entity"),
        MENTION_PROPERTIES,
        merge_on=("origin",),
    )


def create_statements(dialect: str) -> str:
    return _create_edge(
        dialect,
        ("Article", "article"),
        "STATES",
        ("Entity", "head"),
        STATES_PROPERTIES,
        merge_on=("rel_type", "tail"),
    )


def _relation_match(rel: str) -> str:
    # Both ends by their key first: written as one pattern, LadybugDB scans the whole
    # Entity table for the tail and joins (16 ms a statement before the first row).
    ends = "MATCH (h:Entity {id: r.h}) MATCH (t:Entity {id: r.t}) "
    return f"{_ROWS}{ends}MATCH (h)-[x:{rel}]->(t) "


# What a stored relation's summary may change (its type and extractor stay).
RELATION_UPDATES = tuple(c for c in RELATION_PROPERTIES if c not in ("rel_type", "extractor"))
RELATION_LOOKUP = ("articles", "evidence", "first_seen", "last_seen", "count", "qualifiers", "via")


def relation_lookup(rel: str) -> str:
    cols = ", ".join(f"x.{c} AS {c}" for c in RELATION_LOOKUP)
    return f"{_relation_match(rel)}RETURN h.id AS h, t.id AS t, {cols}"


def create_relations(dialect: str, rel: str) -> str:
    return _create_edge(dialect, ("Entity", "h"), rel, ("Entity", "t"), RELATION_PROPERTIES)


def update_relations(rel: str) -> str:
    props = _pick(RELATION_PROPERTIES, RELATION_UPDATES)
    return f"{_relation_match(rel)}SET {_sets('x', props)}"


def delete_relations(rel: str) -> str:
    return f"{_relation_match(rel)}DELETE x"


def detach_mentions(extracted_only: bool = False) -> str:
    where = "WHERE m.origin = 'extracted' " if extracted_only else ""
    return f"{_ROWS}MATCH (a:Article {{id: r.id}})-[m:MENTIONS]->() {where}DELETE m"


def stated_by() -> str:
    return (
        f"{_ROWS}MATCH (a:Article {{id: r.id}})-[s:STATES]->(h:Entity) "
        "RETURN h.id AS h, s.rel_type AS type, s.tail AS t"
    )


def detach_statements() -> str:
    return f"{_ROWS}MATCH (a:Article {{id: r.id}})-[s:STATES]->(:Entity) DELETE s"


def relation_support() -> str:
    return (
        f"{_ROWS}MATCH (a:Article)-[s:STATES]->(h:Entity {{id: r.h}}) "
        "WHERE s.rel_type = r.type AND s.tail = r.t "
        "RETURN h.id AS h, s.rel_type AS type, s.tail AS t, a.id AS article, a.day AS day, "
        "s.sentence AS sentence, s.qualifiers AS qualifiers, s.via AS via"
    )


# -- quarantine, source state ------------------------------------------------------------


def quarantine_ids() -> str:
    return find_nodes("Quarantine", {"id": "id"})


def quarantine_add(dialect: str) -> str:
    return create_nodes(dialect, "Quarantine")


def quarantine_list() -> str:
    cols = ", ".join(f"q.{c} AS {c}" for c in NODE_TABLES["Quarantine"])
    return f"MATCH (q:Quarantine) RETURN {cols} ORDER BY q.at, q.id"


def state_ids() -> str:
    return find_nodes("SourceState", {"id": "id"})


def state_add(dialect: str) -> str:
    return create_nodes(dialect, "SourceState")


def state_update() -> str:
    return update_nodes("SourceState", ("state", "updated"))


def state_get() -> str:
    return "MATCH (s:SourceState) WHERE s.id = $id RETURN s.state AS state"


def remove_quarantine() -> str:
    return "MATCH (q:Quarantine) WHERE q.id = $id DELETE q"


# -- alerts (the same on both dialects: alerts are few) ----------------------------------


def _alert_columns() -> tuple[str, ...]:
    return tuple(NODE_TABLES["Alert"])


def alerts_known() -> str:
    return (
        "UNWIND $ids AS i MATCH (x:Alert) WHERE x.id = i "
        "RETURN x.id AS id, x.delivered AS delivered"
    )


def alert_add() -> str:
    props = ", ".join(f"{c}: ${c}" for c in _alert_columns())
    return f"CREATE (:Alert {{{props}}})"


def alerts_add() -> str:
    props = ", ".join(f"{c}: r.{c}" for c in _alert_columns())
    return f"{_ROWS}CREATE (:Alert {{{props}}})"


def alert_delivered() -> str:
    return "MATCH (x:Alert) WHERE x.id = $id SET x.delivered = $delivered"


def alerts_pending() -> str:
    return (
        "MATCH (x:Alert) WHERE size(x.delivered) < $sinks RETURN x.id AS id, "
        "x.payload AS payload, x.delivered AS delivered ORDER BY x.created, x.id"
    )


def alerts_payload() -> str:
    return "UNWIND $ids AS i MATCH (x:Alert) WHERE x.id = i RETURN x.id AS id, x.payload AS payload"


def deliveries_get() -> str:
    return (
        "UNWIND $ids AS i MATCH (d:AlertDelivery) WHERE d.id = i "
        "RETURN d.alert AS alert, d.sink AS sink, d.state AS state"
    )


def deliveries_open() -> str:
    return (
        "MATCH (d:AlertDelivery) WHERE d.sink = $sink AND d.state <> 'delivered' "
        "RETURN d.alert AS alert, d.state AS state ORDER BY d.at, d.alert"
    )


def deliveries_set() -> str:
    # MERGE on both: deliveries are few, and a retry moves the same row on
    props = _without(NODE_TABLES["AlertDelivery"], "id")
    return f"{_ROWS}MERGE (d:AlertDelivery {{id: r.id}}) SET {_sets('d', props)}"


# -- stats -------------------------------------------------------------------------------


def count_nodes(label: str) -> str:
    return f"MATCH (n:{label}) RETURN count(n) AS n"


def count_edges(rel: str) -> str:
    # Unlabelled ends and one type per count: Neo4j answers it from its count store.
    return f"MATCH ()-[r:{rel}]->() RETURN count(r) AS n"


def stats_days() -> str:
    return "MATCH (a:Article) RETURN DISTINCT a.day AS day ORDER BY day"


def stats_kinds() -> str:
    return "MATCH (e:Entity) RETURN e.kind AS kind, count(e) AS n ORDER BY kind"


def wipe_some(limit: int = 5000) -> list[str]:
    """Neo4j only: delete everything in bounded transactions, relationships first (a
    ``DETACH DELETE`` of 10,000 articles drags their 200,000 edges into one transaction
    and meets the server's transaction memory limit). Each statement is repeated until
    it deletes 0. Not ``CALL {...} IN TRANSACTIONS``: its ``WITH n`` form is deprecated
    since 5.23 and ``CALL (n) {...}`` is not before 5.23."""
    n = int(limit)
    return [
        f"MATCH ()-[r]->() WITH r LIMIT {n} DELETE r RETURN count(*) AS n",
        f"MATCH (n) WITH n LIMIT {n} DETACH DELETE n RETURN count(*) AS n",
    ]


# -- kg sync: reading a whole graph in pages ---------------------------------------------

# What an Article value holds of the stored article (``extractor`` is written, not read).
SYNC_ARTICLE_COLUMNS = tuple(c for c in NODE_TABLES["Article"] if c != "extractor")


def sync_articles() -> str:
    cols = ", ".join(f"a.{c} AS {c}" for c in SYNC_ARTICLE_COLUMNS)
    return (
        "MATCH (a:Article) WHERE a.id > $after AND a.day >= date($since) "
        f"RETURN {cols} ORDER BY id LIMIT $n"
    )


def sync_mentions() -> str:
    cols = ", ".join(f"m.{c} AS {c}" for c in MENTION_PROPERTIES)
    return (
        "UNWIND $ids AS i MATCH (a:Article {id: i})-[m:MENTIONS]->(e:Entity) "
        "RETURN a.id AS article, e.id AS id, e.name AS name, e.kind AS kind, "
        f"e.aliases AS aliases, {cols}"
    )


def sync_states() -> str:
    cols = ", ".join(f"s.{c} AS {c}" for c in STATES_PROPERTIES if c not in ("rel_type", "tail"))
    return (
        "UNWIND $ids AS i MATCH (a:Article {id: i})-[s:STATES]->(h:Entity) "
        f"RETURN a.id AS article, h.id AS head, s.rel_type AS type, s.tail AS tail, {cols}"
    )


def sync_entities() -> str:
    return (
        "UNWIND $ids AS i MATCH (e:Entity {id: i}) "
        "RETURN e.id AS id, e.name AS name, e.kind AS kind, e.aliases AS aliases"
    )


# -- the listing -------------------------------------------------------------------------


def all_statements(ontology: Ontology, dialect: str) -> Statements:
    """Every statement a store of ``dialect`` can send, by name, with its parameters."""
    rows = ("rows",)
    out: Statements = {f"schema_{i}": (s, ()) for i, s in enumerate(schema(ontology, dialect))}
    out |= {
        "ping": (ping(), ()),
        "article_hashes": (article_hashes(), rows),
        "source_ids": (source_ids(), rows),
        "entity_lookup": (entity_lookup(), rows),
        "entity_key_lookup": (entity_key_lookup(), rows),
        "all_entities": (all_entities(), ()),
        "count_id_keys": (count_id_keys(), ()),
        "create_sources": (create_nodes(dialect, "Source"), rows),
        "create_articles": (create_articles(dialect), rows),
        "link_published_by": (link_published_by(dialect), rows),
        "update_articles": (update_articles(), rows),
        "update_entities": (update_entities(), rows),
        "create_entity_keys": (create_nodes(dialect, ENTITY_KEY), rows),
        "update_entity_keys": (update_entity_keys(), rows),
        "create_mentions": (create_mentions(dialect), rows),
        "create_statements": (create_statements(dialect), rows),
        "detach_mentions": (detach_mentions(), rows),
        "detach_extracted_mentions": (detach_mentions(extracted_only=True), rows),
        "stated_by": (stated_by(), rows),
        "detach_statements": (detach_statements(), rows),
        "relation_support": (relation_support(), rows),
        "quarantine_ids": (quarantine_ids(), rows),
        "quarantine_add": (quarantine_add(dialect), rows),
        "quarantine_list": (quarantine_list(), ()),
        "remove_quarantine": (remove_quarantine(), ("id",)),
        "state_ids": (state_ids(), rows),
        "state_add": (state_add(dialect), rows),
        "state_update": (state_update(), rows),
        "state_get": (state_get(), ("id",)),
        "alerts_known": (alerts_known(), ("ids",)),
        "alert_add": (alert_add(), _alert_columns()),
        "alerts_add": (alerts_add(), rows),
        "alert_delivered": (alert_delivered(), ("id", "delivered")),
        "alerts_pending": (alerts_pending(), ("sinks",)),
        "alerts_payload": (alerts_payload(), ("ids",)),
        "deliveries_get": (deliveries_get(), ("ids",)),
        "deliveries_open": (deliveries_open(), ("sink",)),
        "deliveries_set": (deliveries_set(), rows),
        "stats_days": (stats_days(), ()),
        "stats_kinds": (stats_kinds(), ()),
        "sync_articles": (sync_articles(), ("after", "n", "since")),
        "sync_mentions": (sync_mentions(), ("ids",)),
        "sync_states": (sync_states(), ("ids",)),
        "sync_entities": (sync_entities(), ("ids",)),
    }
    for label in ("Article", "Source", "Entity", "Quarantine", ENTITY_KEY):
        out[f"count_{label}"] = (count_nodes(label), ())
    out["count_MENTIONS"] = (count_edges("MENTIONS"), ())
    if dialect == NEO4J:
        for i, statement in enumerate(wipe_some()):
            out[f"wipe_{i}"] = (statement, ())
    for kind in ontology.kind_names:
        label = ontology.cypher_kind(kind) if labels_kinds(dialect) else None
        out[f"create_entities_{kind}"] = (create_entities(dialect, label), rows)
    for name in ontology.relation_names:
        rel = ontology.cypher_relation(name)
        out[f"count_{rel}"] = (count_edges(rel), ())
        out[f"relation_lookup_{rel}"] = (relation_lookup(rel), rows)
        out[f"create_relations_{rel}"] = (create_relations(dialect, rel), rows)
        out[f"update_relations_{rel}"] = (update_relations(rel), rows)
        out[f"delete_relations_{rel}"] = (delete_relations(rel), rows)
    return out
