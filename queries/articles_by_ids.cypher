// name: articles_by_ids
// description: Title, url, day and source of the given articles (for citing evidence).
// param: ids LIST
// Neo4j Browser: :param ids => ['en-0307-001', 'zh-0307-002']
UNWIND $ids AS i
MATCH (a:Article {id: i})
RETURN a.id AS id, a.title AS title, a.url AS url, a.day AS day, a.source AS source
ORDER BY id
