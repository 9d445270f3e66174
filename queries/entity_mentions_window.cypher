// name: entity_mentions_window
// description: Articles per entity and day over a window of days, for trends and sparklines.
// param: since DATE
// param: until DATE
// Neo4j Browser: :param since => '2026-02-06'
//                :param until => '2026-03-07'
MATCH (a:Article)-[:MENTIONS]->(e:Entity)
WHERE a.day >= date($since) AND a.day <= date($until)
RETURN e.id AS entity, e.name AS name, e.kind AS kind, e.first_seen AS first_seen, a.day AS day,
       count(DISTINCT a) AS articles, count(DISTINCT a.source) AS sources
ORDER BY entity, day
