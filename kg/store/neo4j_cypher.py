"""Every Cypher statement the Neo4j store sends, generated in one place.

Labels and relationship types come only from the ontology allow-list; every value is a
parameter. Keeping the statements here (not inline in the store) lets the tests hand each
of them to Neo4j's own parser without a server.
"""

from __future__ import annotations

from kg.ontology import Ontology
from kg.store.schema import NODE_TABLES

# name -> (statement, parameter names)
Statements = dict[str, tuple[str, tuple[str, ...]]]


def schema_statements(ontology: Ontology) -> Statements:
    out: Statements = {}
    for label in NODE_TABLES:
        out[f"constraint_{label}"] = (
            f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE",
            (),
        )
    for label, prop in [
        ("Entity", "kind"),
        ("Entity", "first_seen"),
        ("Entity", "name"),
        ("Article", "day"),
    ]:
        out[f"index_{label}_{prop}"] = (
            f"CREATE INDEX {label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})",
            (),
        )
    for name in ontology.relation_names:
        rel = ontology.cypher_relation(name)
        out[f"index_{rel}_first_seen"] = (
            f"CREATE INDEX rel_{rel.lower()}_first_seen IF NOT EXISTS FOR ()-[r:{rel}]-() ON (r.first_seen)",
            (),
        )
    return out


def write_statements(ontology: Ontology) -> Statements:
    rows = ("rows",)
    out: Statements = {
        "ping": ("RETURN 1 AS ok", ()),
        "article_hashes": (
            "UNWIND $rows AS r MATCH (a:Article {id: r.id}) RETURN a.id AS id, a.content_hash AS hash",
            rows,
        ),
        "source_ids": ("UNWIND $rows AS r MATCH (s:Source {id: r.id}) RETURN s.id AS id", rows),
        "entity_lookup": (
            "UNWIND $rows AS r MATCH (e:Entity {id: r.id}) RETURN e.id AS id, e.aliases AS aliases, "
            "e.first_seen AS first_seen, e.last_seen AS last_seen",
            rows,
        ),
        "detach_mentions": (
            "UNWIND $rows AS r MATCH (a:Article {id: r.id})-[m:MENTIONS]->() DELETE m",
            rows,
        ),
        "detach_extracted_mentions": (
            "UNWIND $rows AS r MATCH (a:Article {id: r.id})-[m:MENTIONS]->() "
            "WHERE m.origin = 'extracted' DELETE m",
            rows,
        ),
        "stated_by": (
            "UNWIND $rows AS r MATCH (a:Article {id: r.id})-[s:STATES]->(h:Entity) "
            "RETURN h.id AS h, s.rel_type AS type, s.tail AS t",
            rows,
        ),
        "detach_statements": (
            "UNWIND $rows AS r MATCH (a:Article {id: r.id})-[s:STATES]->(:Entity) DELETE s",
            rows,
        ),
        "relation_support": (
            "UNWIND $rows AS r MATCH (a:Article)-[s:STATES]->(h:Entity {id: r.h}) "
            "WHERE s.rel_type = r.type AND s.tail = r.t "
            "RETURN h.id AS h, s.rel_type AS type, s.tail AS t, a.id AS article, a.day AS day, "
            "s.sentence AS sentence, s.qualifiers AS qualifiers, s.via AS via",
            rows,
        ),
        "statements": (
            "UNWIND $rows AS r MATCH (a:Article {id: r.article}) MATCH (h:Entity {id: r.head}) "
            "MERGE (a)-[s:STATES {rel_type: r.rel_type, tail: r.tail}]->(h) "
            "SET s.sentence = r.sentence, s.extractor = r.extractor, s.qualifiers = r.qualifiers, "
            "s.via = r.via",
            rows,
        ),
        "sources": (
            "UNWIND $rows AS r MERGE (s:Source {id: r.id}) ON CREATE SET s.name = r.name, s.kind = r.kind",
            rows,
        ),
        "articles": (
            "UNWIND $rows AS r MERGE (a:Article {id: r.id}) "
            "SET a.url = r.url, a.title = r.title, a.source = r.source, a.source_kind = r.source_kind, "
            "a.published = r.published, a.day = date(r.day), a.lang = r.lang, a.text = r.text, "
            "a.tags = r.tags, a.links = r.links, a.content_hash = r.content_hash, a.extractor = r.extractor "
            "WITH a, r MATCH (s:Source {id: r.source_id}) MERGE (a)-[:PUBLISHED_BY]->(s)",
            rows,
        ),
        "entities_update": (
            "UNWIND $rows AS r MATCH (e:Entity {id: r.id}) SET e.aliases = r.aliases, "
            "e.first_seen = date(r.first_seen), e.last_seen = date(r.last_seen)",
            rows,
        ),
        "mentions": (
            "UNWIND $rows AS r MATCH (a:Article {id: r.article}) MATCH (e:Entity {id: r.entity}) "
            "MERGE (a)-[m:MENTIONS {origin: r.origin}]->(e) "
            "SET m.count = r.count, m.snippet = r.snippet, m.extractor = r.extractor",
            rows,
        ),
        "put_state": (
            "MERGE (s:SourceState {id: $id}) SET s.state = $state, s.updated = $at",
            ("id", "state", "at"),
        ),
        "quarantine_ids": (
            "UNWIND $rows AS r MATCH (q:Quarantine {id: r.id}) RETURN q.id AS id",
            rows,
        ),
        "quarantine_add": (
            "UNWIND $rows AS r MERGE (q:Quarantine {id: r.id}) "
            "ON CREATE SET q.source = r.source, q.reason = r.reason, q.raw = r.raw, q.at = r.at",
            rows,
        ),
        "quarantine_list": (
            "MATCH (q:Quarantine) RETURN q.id AS id, q.source AS source, q.reason AS reason, "
            "q.raw AS raw, q.at AS at ORDER BY q.at, q.id",
            (),
        ),
        "count_articles": ("MATCH (a:Article) RETURN count(a) AS n", ()),
        "count_sources": ("MATCH (s:Source) RETURN count(s) AS n", ()),
        "count_entities": ("MATCH (e:Entity) RETURN count(e) AS n", ()),
        # unlabelled ends and one type per count: answered from Neo4j's count store
        "count_mentions": ("MATCH ()-[m:MENTIONS]->() RETURN count(m) AS n", ()),
        "count_quarantined": ("MATCH (q:Quarantine) RETURN count(q) AS n", ()),
        "stats_days": ("MATCH (a:Article) RETURN DISTINCT a.day AS day ORDER BY day", ()),
        "stats_kinds": ("MATCH (e:Entity) RETURN e.kind AS kind, count(e) AS n ORDER BY kind", ()),
        # bounded transactions without CALL { WITH n ... } IN TRANSACTIONS (deprecated in
        # 5.23) or CALL (n) {...} (not before 5.23): the store repeats it until it deletes 0
        "wipe": ("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS n", ()),
    }
    for kind in ontology.kind_names:
        label = ontology.cypher_kind(kind)
        # Each entity carries its kind as a second label so Browser colours it.
        out[f"entities_new_{label}"] = (
            f"UNWIND $rows AS r MERGE (e:Entity {{id: r.id}}) SET e:{label}, e.name = r.name, "
            "e.kind = r.kind, e.aliases = r.aliases, e.first_seen = date(r.first_seen), "
            "e.last_seen = date(r.last_seen)",
            rows,
        )
    for name in ontology.relation_names:
        rel = ontology.cypher_relation(name)
        out[f"count_relation_{rel}"] = (f"MATCH ()-[r:{rel}]->() RETURN count(r) AS n", ())
        out[f"relation_lookup_{rel}"] = (
            f"UNWIND $rows AS r MATCH (h:Entity {{id: r.h}})-[x:{rel}]->(t:Entity {{id: r.t}}) "
            "RETURN h.id AS h, t.id AS t, x.articles AS articles, x.evidence AS evidence, "
            "x.first_seen AS first_seen, x.last_seen AS last_seen, x.count AS count, "
            "x.qualifiers AS qualifiers, x.via AS via",
            rows,
        )
        out[f"relation_delete_{rel}"] = (
            f"UNWIND $rows AS r MATCH (h:Entity {{id: r.h}})-[x:{rel}]->(t:Entity {{id: r.t}}) DELETE x",
            rows,
        )
        out[f"relation_new_{rel}"] = (
            f"UNWIND $rows AS r MATCH (h:Entity {{id: r.h}}) MATCH (t:Entity {{id: r.t}}) "
            f"MERGE (h)-[x:{rel}]->(t) SET x.rel_type = r.rel_type, x.first_seen = date(r.first_seen), "
            "x.last_seen = date(r.last_seen), x.count = r.count, x.articles = r.articles, "
            "x.evidence = r.evidence, x.extractor = r.extractor, x.qualifiers = r.qualifiers, "
            "x.via = r.via",
            rows,
        )
        out[f"relation_update_{rel}"] = (
            f"UNWIND $rows AS r MATCH (h:Entity {{id: r.h}})-[x:{rel}]->(t:Entity {{id: r.t}}) "
            "SET x.first_seen = date(r.first_seen), x.last_seen = date(r.last_seen), "
            "x.count = r.count, x.articles = r.articles, x.evidence = r.evidence, "
            "x.qualifiers = r.qualifiers, x.via = r.via",
            rows,
        )
    return out


def all_statements(ontology: Ontology) -> Statements:
    return {**schema_statements(ontology), **write_statements(ontology)}
