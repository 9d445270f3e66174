// name: new_entities
// description: Named entities first seen on a day (no Concept: a topic is no new name), with how many of that day's articles mention them.
// param: day DATE
// param: limit INT = 100
// Neo4j Browser: :param day => '2026-03-07'
//                :param limit => 100
// The embedded store keeps MENTIONS forward only (Article -> Entity), so the day's
// mentions are read from the day's articles and joined to the new entities by id.
MATCH (e:Entity)
WHERE e.first_seen = date($day) AND e.kind <> 'Concept'
OPTIONAL MATCH (a:Article)-[:MENTIONS]->(x:Entity)
WHERE a.day = date($day) AND x.id = e.id
RETURN e.id AS id, e.name AS name, e.kind AS kind, count(DISTINCT a) AS articles
ORDER BY articles DESC, name, id
LIMIT $limit
