// name: top_entities
// description: The entities most written about on a day: articles, distinct sources, mentions.
// param: day DATE
// param: limit INT = 25
// Neo4j Browser: :param day => '2026-03-07'
//                :param limit => 25
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
WHERE a.day = date($day)
RETURN e.id AS id, e.name AS name, e.kind AS kind, count(DISTINCT a) AS articles,
       count(DISTINCT a.source) AS sources, sum(m.count) AS mentions,
       e.first_seen = date($day) AS new
ORDER BY articles DESC, sources DESC, mentions DESC, name, id
LIMIT $limit
