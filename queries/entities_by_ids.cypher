// name: entities_by_ids
// description: Name, kind, aliases and first/last seen of the given entities.
// param: ids LIST
// Neo4j Browser: :param ids => ['Organization:velora-labs', 'Model:velora-7b']
UNWIND $ids AS i
MATCH (e:Entity {id: i})
RETURN e.id AS id, e.name AS name, e.kind AS kind, e.aliases AS aliases,
       e.first_seen AS first_seen, e.last_seen AS last_seen
ORDER BY id
