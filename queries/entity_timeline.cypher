// name: entity_timeline
// description: Articles per day that mention an entity (by id, name or alias), oldest first.
// param: entity STRING
// Neo4j Browser: :param entity => 'AgentArena-Bench'
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
WHERE e.id = $entity OR toLower(e.name) = toLower($entity) OR $entity IN e.aliases
RETURN a.day AS day, e.name AS name, count(DISTINCT a) AS articles,
       count(DISTINCT a.source) AS sources, sum(m.count) AS mentions
ORDER BY day, name
