// Lint Cypher with Neo4j's own parser (offline). stdin: JSON list of
// {"name": str, "query": str, "params": [str]}; stdout: JSON list of
// {"name": str, "errors": [{"message": str, "offset": int}]} (severity 1 only).
const { lintCypherQuery } = require('@neo4j-cypher/language-support');

let input = '';
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const out = JSON.parse(input).map(({ name, query, params }) => {
    const parameters = Object.fromEntries((params || []).map((p) => [p, null]));
    const diagnostics = lintCypherQuery(query, { parameters });
    const errors = diagnostics
      .filter((d) => d.severity === 1)
      .map((d) => ({ message: d.message, offset: d.offsets ? d.offsets.start : -1 }));
    return { name, errors };
  });
  process.stdout.write(JSON.stringify(out));
});
