// name: export_entities
// description: One page of the entities seen within a window of days (first seen on or before its end, last seen on or after its start), of the given kinds (default: all), after an id (keyset paging for exports; "!" sorts before every id).
// param: since DATE
// param: until DATE
// param: kinds LIST = Benchmark,Concept,Malware,Method,Model,Organization,Person,Product,ThreatActor,Vulnerability
// param: after STRING = !
// param: limit INT = 2000
// Neo4j Browser: :param since => '2026-03-02'
//                :param until => '2026-03-07'
//                :param kinds => ['ThreatActor', 'Malware']
//                :param after => ''
//                :param limit => 2000
MATCH (e:Entity)
WHERE e.id > $after AND e.first_seen <= date($until) AND e.last_seen >= date($since)
  AND e.kind IN $kinds
RETURN e.id AS id, e.name AS name, e.kind AS kind, e.aliases AS aliases,
       e.first_seen AS first_seen, e.last_seen AS last_seen
ORDER BY id
LIMIT $limit
