// name: cooccurrence_window
// description: Pairs of entities mentioned in the same articles within a window of days, weighted by articles and sources.
// param: since DATE
// param: until DATE
// Neo4j Browser: :param since => '2026-03-05'
//                :param until => '2026-03-07'
MATCH (e:Entity)<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(n:Entity)
WHERE a.day >= date($since) AND a.day <= date($until) AND e.id < n.id
RETURN e.id AS a, n.id AS b, count(DISTINCT a) AS articles, count(DISTINCT a.source) AS sources,
       collect(DISTINCT a.id) AS evidence
ORDER BY a, b
