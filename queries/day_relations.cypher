// name: day_relations
// description: Typed relations stated by the articles of a day: one row per supporting article, with its sentence.
// param: day DATE
// qualifiers: the statement's qualifiers as a JSON object string with sorted keys, '{}' when
// none (the same text on both stores; keys and value types are declared in ontology.ttl).
// via: the reference phrase an end was resolved through ('' when both ends are named).
// Neo4j Browser: :param day => '2026-03-07'
MATCH (a:Article)-[s:STATES]->(h:Entity)
WHERE a.day = date($day)
MATCH (t:Entity)
WHERE t.id = s.tail
RETURN h.id AS head_id, h.name AS head, h.kind AS head_kind, s.rel_type AS type,
       t.id AS tail_id, t.name AS tail, t.kind AS tail_kind, a.id AS article,
       s.sentence AS evidence, coalesce(s.qualifiers, '{}') AS qualifiers,
       coalesce(s.via, '') AS via
ORDER BY head_id, type, tail_id, article
