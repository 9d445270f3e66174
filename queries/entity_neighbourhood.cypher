// name: entity_neighbourhood
// description: Entities co-mentioned with an entity in articles of a window of days, weighted by articles and sources.
// param: entity STRING
// param: since DATE
// param: until DATE
// param: limit INT = 50
// Neo4j Browser: :param entity => 'Velora Labs'
//                :param since => '2026-03-02'
//                :param until => '2026-03-07'
//                :param limit => 50
// The entity is found by its look-up keys (id, lowercased name, alias): primary-key hits,
// not a scan of every entity's name and aliases.
UNWIND ['id:' + $entity, 'name:' + toLower($entity), 'alias:' + $entity] AS key
MATCH (k:EntityKey {id: key})
UNWIND k.entities AS entity_id
WITH collect(DISTINCT entity_id) AS ids
MATCH (e:Entity)<-[:MENTIONS]-(a:Article)-[:MENTIONS]->(n:Entity)
WHERE e.id IN ids AND a.day >= date($since) AND a.day <= date($until) AND n.id <> e.id
RETURN n.id AS id, n.name AS name, n.kind AS kind, count(DISTINCT a) AS articles,
       count(DISTINCT a.source) AS sources, collect(DISTINCT a.id) AS evidence
ORDER BY articles DESC, sources DESC, name, id
LIMIT $limit
