// name: export_mentions
// description: The mentions made by the given articles, with their count, snippet, origin and extractor.
// param: ids LIST
// Neo4j Browser: :param ids => ['en-0302-001']
UNWIND $ids AS i
MATCH (a:Article {id: i})-[m:MENTIONS]->(e:Entity)
RETURN a.id AS article, e.id AS entity, m.count AS count, m.snippet AS snippet,
       m.origin AS origin, m.extractor AS extractor
ORDER BY article, entity, origin
