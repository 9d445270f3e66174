// name: export_relations_to
// description: Typed relations arriving at the given entities, seen within a window, from entities of the given kinds seen in it (the incoming side of export_relations).
// param: ids LIST
// param: since DATE
// param: until DATE
// param: kinds LIST = Benchmark,Concept,Malware,Method,Model,Organization,Person,Product,ThreatActor,Vulnerability
// Neo4j Browser: :param ids => ['Organization:velora-labs']
//                :param since => '2026-03-02'
//                :param until => '2026-03-07'
//                :param kinds => ['Model', 'Organization']
UNWIND $ids AS i
MATCH (h:Entity)-[r]->(t:Entity {id: i})
WHERE r.first_seen <= date($until) AND r.last_seen >= date($since) AND h.kind IN $kinds
  AND h.first_seen <= date($until) AND h.last_seen >= date($since)
RETURN h.id AS head, r.rel_type AS type, t.id AS tail, r.first_seen AS first_seen,
       r.last_seen AS last_seen, r.count AS count, r.articles AS articles, r.evidence AS evidence
ORDER BY head, type, tail
