// name: articles_window
// description: Ids, days, titles and sources of the articles in a window of days.
// param: since DATE
// param: until DATE
// Neo4j Browser: :param since => '2026-03-05'
//                :param until => '2026-03-07'
MATCH (a:Article)
WHERE a.day >= date($since) AND a.day <= date($until)
RETURN a.id AS id, a.day AS day, a.title AS title, a.url AS url, a.source AS source
ORDER BY day, id
