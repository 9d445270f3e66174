// name: export_statements
// description: The relation statements made by the given articles (one per supporting sentence), and each article's source.
// param: ids LIST
// Neo4j Browser: :param ids => ['en-0302-001']
UNWIND $ids AS i
MATCH (a:Article {id: i})-[s:STATES]->(h:Entity)
RETURN a.id AS article, h.id AS head, s.rel_type AS type, s.tail AS tail,
       s.sentence AS sentence, s.extractor AS extractor
ORDER BY article, head, type, tail
