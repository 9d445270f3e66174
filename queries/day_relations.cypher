// name: day_relations
// description: Typed relations supported by at least one article of a day (filter articles by day in the caller).
// param: day DATE
// Neo4j Browser: :param day => '2026-03-07'
MATCH (h:Entity)-[r]->(t:Entity)
WHERE r.first_seen <= date($day) AND r.last_seen >= date($day)
RETURN h.id AS head_id, h.name AS head, h.kind AS head_kind, r.rel_type AS type,
       t.id AS tail_id, t.name AS tail, t.kind AS tail_kind, r.first_seen AS first_seen,
       r.articles AS articles, r.evidence AS evidence
ORDER BY head_id, type, tail_id
