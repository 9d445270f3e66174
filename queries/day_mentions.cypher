// name: day_mentions
// description: Which entities each article of a day mentions, with the entity's first-seen day.
// param: day DATE
// Neo4j Browser: :param day => '2026-03-07'
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
WHERE a.day = date($day)
RETURN a.id AS article, e.id AS entity, e.name AS name, e.kind AS kind, m.count AS count,
       m.snippet AS evidence, m.origin AS origin, e.first_seen AS first_seen
ORDER BY article, entity, origin
