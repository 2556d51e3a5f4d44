// node-postgres: https://node-postgres.com/features/queries
// `pool.query(text, values)`, `client.query({ text, values, name })`, with pools, clients and
// `pool.connect()` clients alike. Values are sent as text: objects JSON-encoded, JS arrays as
// PostgreSQL array literals (pg/lib/utils.js prepareValue).
import { ts } from '../typescript.js';
import type { ExtractedStatement } from '../facts.js';
import { propertyName } from './constants.js';
import { looksLikeDatabase, paramsOf, rawStatement, valueList } from './raw-call.js';
import type { ExtractContext, Extractor } from './types.js';

function queryArguments(call: ts.CallExpression): { text: ts.Expression; values: ts.Expression | undefined } | null {
  const first = call.arguments[0];
  if (!first) return null;
  if (ts.isObjectLiteralExpression(first)) {
    let text: ts.Expression | undefined;
    let values: ts.Expression | undefined;
    for (const property of first.properties) {
      if (!ts.isPropertyAssignment(property)) continue;
      const name = propertyName(property.name);
      if (name === 'text') text = property.initializer;
      if (name === 'values') values = property.initializer;
    }
    return text ? { text, values } : null;
  }
  const second = call.arguments[1];
  const values = second && !ts.isArrowFunction(second) && !ts.isFunctionExpression(second) ? second : undefined;
  return { text: first, values };
}

export function extractQueryCalls(context: ExtractContext, library: 'pg' | 'pg-promise', methods: ReadonlySet<string>): ExtractedStatement[] {
  const statements: ExtractedStatement[] = [];
  for (const call of context.calls) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || !methods.has(callee.name.text)) continue;
    const args = queryArguments(call);
    if (!args) continue;
    // `pool.query(sql`…`)`: the tag's library (slonik, its forks) owns the statement; counting it here too
    // would report every such site twice, once as not checked
    if (ts.isTaggedTemplateExpression(args.text)) continue;
    const values = valueList(args.values, context);
    const statement = rawStatement(
      {
        node: call,
        library,
        arrayEncoding: library === 'pg' ? 'array-literal' : 'array-constructor',
        text: args.text,
        plausible: looksLikeDatabase(callee),
        build: (sql) => ({ sql, params: paramsOf(values, context) }),
      },
      context,
    );
    if (statement) statements.push(statement);
  }
  return statements;
}

// why: applications wrap `pool.query(text, values)` in a method of their own, and the wrapper is what
// every call site uses (pg-boss: `db.executeSql(plans.getVersion(schema))`). These names read as
// "run this SQL text"; a site counts only when its receiver looks like a database handle (as for
// `.query`) and its text resolves to a statement, or stays unresolved on such a receiver.
const QUERY = new Set(['query', 'executeSql', 'execSql', 'runSql']);

const extractor: Extractor = {
  id: 'pg',
  enablers: ['pg', 'pg-pool', '@types/pg'],
  docs: 'https://node-postgres.com/features/queries',
  extract(_sourceFile, context) {
    // why: pg-promise also has `.query(text, values)`; when a project uses it and not pg directly,
    // its extractor owns `.query` (it formats values differently)
    if (context.dependencies.has('pg-promise') && !context.dependencies.has('pg')) return [];
    return extractQueryCalls(context, 'pg', QUERY);
  },
};

export default extractor;
