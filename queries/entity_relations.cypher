// name: entity_relations
// description: Typed relations of an entity, outgoing and incoming, with first/last seen and support.
// param: entity STRING
// qualifiers: JSON object string with sorted keys ('{}' when none), per key the latest
// non-empty value the relation's statements gave; via: the latest reference phrase.
// Neo4j Browser: :param entity => 'Granite Typhoon'
MATCH (e:Entity)-[r]->(n:Entity)
WHERE e.id = $entity OR toLower(e.name) = toLower($entity) OR $entity IN e.aliases
RETURN e.name AS entity, 'out' AS direction, r.rel_type AS type, n.name AS other,
       n.kind AS other_kind, r.first_seen AS first_seen, r.last_seen AS last_seen,
       r.count AS count, r.articles AS articles, coalesce(r.qualifiers, '{}') AS qualifiers,
       coalesce(r.via, '') AS via
UNION ALL
MATCH (n:Entity)-[r]->(e:Entity)
WHERE e.id = $entity OR toLower(e.name) = toLower($entity) OR $entity IN e.aliases
RETURN e.name AS entity, 'in' AS direction, r.rel_type AS type, n.name AS other,
       n.kind AS other_kind, r.first_seen AS first_seen, r.last_seen AS last_seen,
       r.count AS count, r.articles AS articles, coalesce(r.qualifiers, '{}') AS qualifiers,
       coalesce(r.via, '') AS via
