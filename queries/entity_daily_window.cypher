// name: entity_daily_window
// description: Articles per day for given entities over a window (sparklines, spikes).
// param: ids LIST
// param: since DATE
// param: until DATE
// Neo4j Browser: :param ids => ['Organization:nvidia']
//                :param since => '2026-02-06'
//                :param until => '2026-03-07'
UNWIND $ids AS i
MATCH (e:Entity {id: i})<-[:MENTIONS]-(a:Article)
WHERE a.day >= date($since) AND a.day <= date($until)
RETURN e.id AS entity, e.name AS name, e.kind AS kind, a.day AS day, count(DISTINCT a) AS articles
ORDER BY entity, day
