// name: relations_first_seen_window
// description: Typed relations first seen within a window of days: one row per supporting article of the window.
// param: since DATE
// param: until DATE
// Neo4j Browser: :param since => '2026-03-07'
//                :param until => '2026-03-07'
MATCH (a:Article)-[s:STATES]->(h:Entity)
WHERE a.day >= date($since) AND a.day <= date($until)
MATCH (t:Entity)
WHERE t.id = s.tail
MATCH (h)-[r]->(t)
WHERE r.rel_type = s.rel_type AND r.first_seen >= date($since)
RETURN h.id AS head, s.rel_type AS type, t.id AS tail, r.first_seen AS first_seen,
       a.id AS article, a.day AS day, s.sentence AS evidence
ORDER BY head, type, tail, article
