// name: day_mentions_window
// description: Which entities each article of a window mentions, with the article's day and source (trend evidence and co-mentions).
// param: since DATE
// param: until DATE
// Neo4j Browser: :param since => '2026-02-28'
//                :param until => '2026-03-07'
MATCH (a:Article)-[:MENTIONS]->(e:Entity)
WHERE a.day >= date($since) AND a.day <= date($until)
RETURN DISTINCT e.id AS entity, a.day AS day, a.id AS article, a.source AS source
ORDER BY entity, day, article
