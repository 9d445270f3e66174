// name: day_articles
// description: Every article of a report day, with its source.
// param: day DATE
// Neo4j Browser: :param day => '2026-03-07'
MATCH (a:Article)
WHERE a.day = date($day)
RETURN a.id AS id, a.title AS title, a.url AS url, a.source AS source,
       a.source_kind AS source_kind, a.published AS published, a.lang AS lang,
       a.text AS text, a.tags AS tags, a.links AS links
ORDER BY published, id
