// name: entity_relations
// description: Typed relations of an entity, outgoing and incoming, with first/last seen and support.
// param: entity STRING
// qualifiers: JSON object string with sorted keys ('{}' when none), per key the latest
// non-empty value the relation's statements gave; via: the latest reference phrase.
// other_id: the other entity's id. Rows are in one total order, outgoing first, across both
// directions (one list, not a UNION: an ORDER BY after a UNION sorts only its last part on
// the embedded store).
// Neo4j Browser: :param entity => 'Granite Typhoon'
UNWIND ['id:' + $entity, 'name:' + toLower($entity), 'alias:' + $entity] AS key
MATCH (k:EntityKey {id: key})
UNWIND k.entities AS entity_id
WITH collect(DISTINCT entity_id) AS ids
MATCH (e:Entity)
WHERE e.id IN ids
OPTIONAL MATCH (e)-[r]->(n:Entity)
WITH e, collect({direction: 'out', type: r.rel_type, other: n.name, other_id: n.id, other_kind: n.kind,
        first_seen: r.first_seen, last_seen: r.last_seen, count: r.count, articles: r.articles,
        qualifiers: coalesce(r.qualifiers, '{}'), via: coalesce(r.via, '')}) AS outs
OPTIONAL MATCH (n:Entity)-[r]->(e)
WITH e, outs, collect({direction: 'in', type: r.rel_type, other: n.name, other_id: n.id, other_kind: n.kind,
        first_seen: r.first_seen, last_seen: r.last_seen, count: r.count, articles: r.articles,
        qualifiers: coalesce(r.qualifiers, '{}'), via: coalesce(r.via, '')}) AS ins
UNWIND outs + ins AS x
WITH e, x
WHERE x.other_id IS NOT NULL
RETURN e.name AS entity, x.direction AS direction, x.type AS type, x.other AS other,
       x.other_kind AS other_kind, x.first_seen AS first_seen, x.last_seen AS last_seen,
       x.count AS count, x.articles AS articles, x.qualifiers AS qualifiers, x.via AS via,
       x.other_id AS other_id
ORDER BY e.id, direction DESC, type, other, other_id
