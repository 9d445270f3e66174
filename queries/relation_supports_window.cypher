// name: relation_supports_window
// description: Every typed relation stated by an article of a window: one row per (article, head, type, tail), with the article's day (trend neighbourhoods).
// param: since DATE
// param: until DATE
// Neo4j Browser: :param since => '2026-02-28'
//                :param until => '2026-03-07'
MATCH (a:Article)-[s:STATES]->(h:Entity)
WHERE a.day >= date($since) AND a.day <= date($until)
RETURN DISTINCT h.id AS head, s.rel_type AS type, s.tail AS tail, a.id AS article, a.day AS day
ORDER BY head, type, tail, article
