// name: entity_timeline
// description: Articles per day that mention an entity (by id, name or alias), oldest first.
// param: entity STRING
// Neo4j Browser: :param entity => 'AgentArena-Bench'
// The entity is found by its look-up keys (id, lowercased name, alias): primary-key hits,
// not a scan of every entity's name and aliases.
UNWIND ['id:' + $entity, 'name:' + toLower($entity), 'alias:' + $entity] AS key
MATCH (k:EntityKey {id: key})
UNWIND k.entities AS entity_id
WITH collect(DISTINCT entity_id) AS ids
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
WHERE e.id IN ids
RETURN a.day AS day, e.name AS name, count(DISTINCT a) AS articles,
       count(DISTINCT a.source) AS sources, sum(m.count) AS mentions
ORDER BY day, name
