// name: relations_first_seen_window
// description: Typed relations first seen within a window of days, with their supporting articles (new links).
// param: since DATE
// param: until DATE
// Neo4j Browser: :param since => '2026-03-07'
//                :param until => '2026-03-07'
MATCH (h:Entity)-[r]->(t:Entity)
WHERE r.first_seen >= date($since) AND r.first_seen <= date($until)
RETURN h.id AS head, r.rel_type AS type, t.id AS tail, r.first_seen AS first_seen,
       r.articles AS articles, r.evidence AS evidence
ORDER BY head, type, tail
