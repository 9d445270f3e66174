// name: day_new_subgraph
// description: Neo4j Browser only: the typed relations first seen on a day, as a graph.
// Neo4j Browser: :param day => '2026-03-07'
MATCH (a:Article)-[s:STATES]->(h:Entity)
WHERE a.day = date($day)
WITH DISTINCT h, s.rel_type AS rel_type, s.tail AS tail
MATCH (t:Entity)
WHERE t.id = tail
MATCH p = (h)-[r]->(t)
WHERE r.rel_type = rel_type AND r.first_seen = date($day)
RETURN p
