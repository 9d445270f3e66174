// name: model_lineage_graph
// description: Neo4j Browser only: a model with who developed it, what it was evaluated on and what it outperforms.
// Neo4j Browser: :param model => 'Claude 3.5 Sonnet'
MATCH (m:Model)
WHERE m.id = $model OR m.name = $model
OPTIONAL MATCH p = (m)-[:DEVELOPED_BY|EVALUATED_ON|OUTPERFORMS]-(:Entity)
RETURN m, p
