// name: export_articles
// description: One page of the articles of a window of days, after an id (keyset paging for exports).
// param: since DATE
// param: until DATE
// param: after STRING = !
// param: limit INT = 1000
// Neo4j Browser: :param since => '2026-03-02'
//                :param until => '2026-03-07'
//                :param after => ''
//                :param limit => 1000
MATCH (a:Article)
WHERE a.id > $after AND a.day >= date($since) AND a.day <= date($until)
RETURN a.id AS id, a.url AS url, a.title AS title, a.source AS source,
       a.source_kind AS source_kind, a.published AS published, a.day AS day, a.lang AS lang,
       a.text AS text, a.tags AS tags, a.links AS links, a.content_hash AS content_hash,
       a.extractor AS extractor
ORDER BY id
LIMIT $limit
