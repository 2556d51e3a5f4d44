// node-postgres: https://node-postgres.com/features/queries
// `pool.query(text, values)`, `client.query({ text, values, name })`, with pools, clients and
// `pool.connect()` clients alike. Values are sent as text: objects JSON-encoded, JS arrays as
// PostgreSQL array literals (pg/lib/utils.js prepareValue).
import { ts } from '../typescript.js';
import type { ExtractedStatement } from '../facts.js';
import { skipWrappers } from './builders/chain.js';
import { looksLikeDatabase, paramsOf, queryArguments, rawStatement, valueList } from './raw-call.js';
import { buildSql, builtStatements, type HoleClassifier } from './template.js';
import { forwardsParameter, queryCallShape, type QueryCallShape } from './query-wrappers.js';
import { sequelizeOptions, withSequelizePlaceholders } from './sequelize-options.js';
import type { ExtractContext, Extractor } from './types.js';

function callArguments(call: ts.CallExpression): { text: ts.Expression; values: ts.Expression | undefined } | null {
  return queryArguments(call.arguments[0], call.arguments[1]);
}

/** Tags that turn a template into node-postgres' `{ text, values }`, holes as `$n`. */
const QUERY_TAGS = new Set(['sql-template-strings', 'sql-template-tag']);

/** `SQL\`…\`` (directly, or a local const holding it) whose tag one of QUERY_TAGS exports. */
function taggedQuery(text: ts.Expression, context: ExtractContext): { template: ts.TaggedTemplateExpression; module: string } | null {
  let node = skipWrappers(text);
  if (ts.isIdentifier(node)) node = skipWrappers(context.resolveLocal(node) ?? node);
  if (!ts.isTaggedTemplateExpression(node)) return null;
  const module = context.importOf(node.tag)?.module;
  return module !== undefined && QUERY_TAGS.has(module) ? { template: node, module } : null;
}

/**
 * sql-template-strings binds every hole as a value; sql-template-tag also nests its own templates and has
 * `raw(text)`, `join(values)` and `empty` (https://github.com/blakeembrey/sql-template-tag).
 */
function holeClassifier(module: string, context: ExtractContext): HoleClassifier {
  const classify: HoleClassifier = (expression, before) => {
    if (module !== 'sql-template-tag') return { kind: 'param', value: expression };
    // (`${desc ? raw('ORDER BY id DESC') : empty}`, a clause chosen at run time, is buildSql's: template.ts)
    const node = skipWrappers(expression);
    if (ts.isTaggedTemplateExpression(node) && context.importOf(node.tag)?.module === module) return { kind: 'fragment', template: node.template };
    const helper = (callee: ts.Expression): string | null => {
      const binding = context.importOf(callee);
      return binding?.module === module ? binding.imported : null;
    };
    if (ts.isIdentifier(node) && helper(node) === 'empty') return { kind: 'text', text: '' };
    if (ts.isCallExpression(node)) {
      const name = helper(skipWrappers(node.expression));
      const arg = node.arguments[0];
      if (name === 'raw') {
        const text = arg ? context.constantText(arg) : null;
        return text === null ? { kind: 'unresolved', reason: 'raw() of text built at run time' } : { kind: 'text', text };
      }
      if (name === 'join' && arg) return { kind: 'param', value: arg, valueKind: 'array' };
      if (name !== null) return { kind: 'unresolved', reason: `${name}() of ${module}` };
    }
    return { kind: 'param', value: expression };
  };
  return classify;
}

export function extractQueryCalls(context: ExtractContext, library: 'pg' | 'pg-promise', shape: QueryCallShape): ExtractedStatement[] {
  const statements: ExtractedStatement[] = [];
  const arrayEncoding = library === 'pg' ? 'array-literal' : 'array-constructor';
  for (const call of context.calls) {
    const callee = call.expression;
    let args: { text: ts.Expression; values: ts.Expression | undefined } | null = null;
    let plausible = true;
    if (ts.isPropertyAccessExpression(callee) && shape.methods.has(callee.name.text)) {
      args = callArguments(call);
      plausible = looksLikeDatabase(callee);
    } else {
      // `query('SELECT …', [id])`: the application's own wrapper of `pool.query` (query-wrappers.ts)
      const wrapper = context.queryWrapper(call, shape);
      if (wrapper) args = queryArguments(call.arguments[wrapper.text], wrapper.values === null ? undefined : call.arguments[wrapper.values]);
    }
    if (!args) continue;
    // `pool.query(SQL`…`)` with sql-template-strings or sql-template-tag: the tag makes `{ text, values }`;
    // any other tag's library (slonik, its forks) owns the statement: counting it here too would report
    // every such site twice, once as not checked
    const tagged = taggedQuery(args.text, context);
    if (tagged) {
      const built = buildSql(tagged.template.template, holeClassifier(tagged.module, context), context);
      const base = { location: context.location(call), library, arrayEncoding } as const;
      statements.push(...builtStatements(built, base));
      continue;
    }
    if (ts.isTaggedTemplateExpression(args.text)) continue;
    const values = valueList(args.values, context);
    const sequelize = sequelizeOptions(args.values);
    // db-migrate's `db.runSql(text, values, cb)` numbers every `?` itself when values are given (db-migrate-pg)
    const questionMarks = ts.isPropertyAccessExpression(callee) && callee.name.text === 'runSql' && args.values !== undefined;
    const statement = rawStatement(
      {
        node: call,
        library,
        arrayEncoding,
        text: args.text,
        plausible,
        build: (sql) =>
          sequelize ? withSequelizePlaceholders(sql, sequelize) : { sql: questionMarks ? numberQuestionMarks(sql) : sql, params: paramsOf(values, context) },
      },
      context,
    );
    // a wrapper's own forwarding call: its SQL is at the wrapper's call sites
    if (statement?.[0]?.kind === 'unresolved' && forwardsParameter(call, args.text, context.sourceFile)) continue;
    if (statement) statements.push(...statement);
  }
  return statements;
}

/** `?` → `$1`, `$2`, … in order, as db-migrate-pg does (it splits on every `?`, quoted or not). */
function numberQuestionMarks(sql: string): string {
  let index = 0;
  return sql.replace(/\?/g, () => `$${++index}`);
}

// why: applications wrap `pool.query(text, values)` in a method of their own, and the wrapper is what
// every call site uses (pg-boss: `db.executeSql(plans.getVersion(schema))`). These names read as
// "run this SQL text"; a site counts only when its receiver looks like a database handle (as for
// `.query`) and its text resolves to a statement, or stays unresolved on such a receiver.
const QUERY = queryCallShape('pg', new Set(['query', 'executeSql', 'execSql', 'runSql']), callArguments);

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
