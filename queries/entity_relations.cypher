// name: entity_relations
// description: Typed relations of an entity, outgoing and incoming, with first/last seen and support.
// param: entity STRING
// Neo4j Browser: :param entity => 'Granite Typhoon'
MATCH (e:Entity)-[r]->(n:Entity)
WHERE e.id = $entity OR toLower(e.name) = toLower($entity) OR $entity IN e.aliases
RETURN e.name AS entity, 'out' AS direction, r.rel_type AS type, n.name AS other,
       n.kind AS other_kind, r.first_seen AS first_seen, r.last_seen AS last_seen,
       r.count AS count, r.articles AS articles
UNION ALL
MATCH (n:Entity)-[r]->(e:Entity)
WHERE e.id = $entity OR toLower(e.name) = toLower($entity) OR $entity IN e.aliases
RETURN e.name AS entity, 'in' AS direction, r.rel_type AS type, n.name AS other,
       n.kind AS other_kind, r.first_seen AS first_seen, r.last_seen AS last_seen,
       r.count AS count, r.articles AS articles
