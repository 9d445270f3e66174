// name: new_relations
// description: Typed relations between entities first seen on a day, with their evidence.
// param: day DATE
// param: limit INT = 200
// Neo4j Browser: :param day => '2026-03-07'
//                :param limit => 200
// Starts from the day's articles (indexed by day): a relation first seen that day is
// stated by one of them, so no scan of every relation of every type.
MATCH (a:Article)-[s:STATES]->(h:Entity)
WHERE a.day = date($day)
WITH DISTINCT h, s.rel_type AS rel_type, s.tail AS tail
MATCH (t:Entity)
WHERE t.id = tail
MATCH (h)-[r]->(t)
WHERE r.rel_type = rel_type AND r.first_seen = date($day)
RETURN h.id AS head_id, h.name AS head, h.kind AS head_kind, r.rel_type AS type,
       t.id AS tail_id, t.name AS tail, t.kind AS tail_kind, r.count AS count, r.articles AS articles, r.evidence AS evidence
ORDER BY count DESC, head, type, tail, head_id, tail_id
LIMIT $limit
