// name: threat_actor_graph
// description: Neo4j Browser only: a threat actor with the malware and vulnerabilities it uses and the organisations it targets.
// Neo4j Browser: :param actor => 'Granite Typhoon'
MATCH (t:ThreatActor)
WHERE t.id = $actor OR t.name = $actor
OPTIONAL MATCH p = (t)-[:USES|EXPLOITS|TARGETS]->(:Entity)
OPTIONAL MATCH q = (:Malware)-[:ATTRIBUTED_TO]->(t)
RETURN t, p, q
