// name: relations_window
// description: Typed relations with support in a window of days (the caller keeps the window's articles).
// param: since DATE
// param: until DATE
// Neo4j Browser: :param since => '2026-03-05'
//                :param until => '2026-03-07'
MATCH (h:Entity)-[r]->(t:Entity)
WHERE r.last_seen >= date($since) AND r.first_seen <= date($until)
RETURN h.id AS head, r.rel_type AS type, t.id AS tail, r.first_seen AS first_seen,
       r.articles AS articles, r.evidence AS evidence
ORDER BY head, type, tail
