// name: export_relations
// description: Typed relations leaving the given entities, seen within a window, towards entities of the given kinds seen in it; with first/last seen, support count and the newest supporting articles with their sentences.
// param: ids LIST
// param: since DATE
// param: until DATE
// param: kinds LIST = Benchmark,Concept,Malware,Method,Model,Organization,Person,Product,ThreatActor,Vulnerability
// Neo4j Browser: :param ids => ['ThreatActor:apt29']
//                :param since => '2026-03-02'
//                :param until => '2026-03-07'
//                :param kinds => ['Malware', 'Organization']
UNWIND $ids AS i
MATCH (h:Entity {id: i})-[r]->(t:Entity)
WHERE r.first_seen <= date($until) AND r.last_seen >= date($since) AND t.kind IN $kinds
  AND t.first_seen <= date($until) AND t.last_seen >= date($since)
RETURN h.id AS head, r.rel_type AS type, t.id AS tail, r.first_seen AS first_seen,
       r.last_seen AS last_seen, r.count AS count, r.articles AS articles, r.evidence AS evidence
ORDER BY head, type, tail
