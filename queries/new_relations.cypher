// name: new_relations
// description: Typed relations between entities first seen on a day, with their evidence.
// param: day DATE
// param: limit INT = 200
// Neo4j Browser: :param day => '2026-03-07'
//                :param limit => 200
MATCH (h:Entity)-[r]->(t:Entity)
WHERE r.first_seen = date($day)
RETURN h.name AS head, h.kind AS head_kind, r.rel_type AS type, t.name AS tail,
       t.kind AS tail_kind, r.count AS count, r.articles AS articles, r.evidence AS evidence
ORDER BY count DESC, head, type, tail
LIMIT $limit
