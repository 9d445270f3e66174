// name: entity_day_graph
// description: Neo4j Browser only: an entity, the articles of a day that mention it, and the typed relations it has (a graph, styled by style.grass).
// Neo4j Browser: :param entity => 'NVIDIA'
//                :param day => '2026-03-07'
MATCH (e:Entity)
WHERE e.id = $entity OR e.name = $entity
OPTIONAL MATCH mentioned = (a:Article)-[:MENTIONS]->(e)
WHERE a.day = date($day)
OPTIONAL MATCH related = (e)-[r]-(n:Entity)
WHERE r.rel_type IS NOT NULL
RETURN e, mentioned, related
LIMIT 200
