// name: day_entities
// description: Every entity mentioned on a day, with its aliases and first-seen day (for watchlist matching).
// param: day DATE
// Neo4j Browser: :param day => '2026-03-07'
MATCH (a:Article)-[:MENTIONS]->(e:Entity)
WHERE a.day = date($day)
RETURN e.id AS id, e.name AS name, e.kind AS kind, e.aliases AS aliases, e.first_seen AS first_seen,
       count(DISTINCT a) AS articles
ORDER BY id
