// name: day_mentions_window
// description: Which entity each article of a window mentions, with the article's day (evidence for trends).
// param: since DATE
// param: until DATE
// Neo4j Browser: :param since => '2026-02-28'
//                :param until => '2026-03-07'
MATCH (a:Article)-[:MENTIONS]->(e:Entity)
WHERE a.day >= date($since) AND a.day <= date($until)
RETURN DISTINCT e.id AS entity, a.day AS day, a.id AS article
ORDER BY entity, day, article
