// name: entity_articles_window
// description: For given entities, the articles of a window that mention them (trend evidence, series, earlier links).
// param: ids LIST
// param: since DATE
// param: until DATE
// Neo4j Browser: :param ids => ['Organization:nvidia', 'Benchmark:agentarena-bench']
//                :param since => '2026-02-28'
//                :param until => '2026-03-07'
UNWIND $ids AS i
MATCH (e:Entity {id: i})<-[:MENTIONS]-(a:Article)
WHERE a.day >= date($since) AND a.day <= date($until)
RETURN DISTINCT e.id AS entity, a.id AS article, a.day AS day
ORDER BY entity, day, article
