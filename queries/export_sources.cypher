// name: export_sources
// description: The source that published each of the given articles.
// param: ids LIST
// Neo4j Browser: :param ids => ['en-0302-001']
UNWIND $ids AS i
MATCH (a:Article {id: i})-[:PUBLISHED_BY]->(s:Source)
RETURN a.id AS article, s.id AS id, s.name AS name, s.kind AS kind
ORDER BY article
