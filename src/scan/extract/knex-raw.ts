// knex raw statements: https://knexjs.org/guide/raw.html
// `knex.raw(sql, bindings)` / `trx.raw` / `db.raw` with whole statements (fragments such as
// `knex.raw('now()')` inside builders are not statements and are left to the builder extractor).
// Placeholders: `?` values, `??` identifiers, `:name` / `:name:` named; `\?` is a literal `?`.
// knex hands values to node-postgres, so JS arrays become PostgreSQL array literals.
import { ts } from '../typescript.js';
import type { ExtractedStatement, ParamFact } from '../facts.js';
import { skipWrappers } from './builders/chain.js';
import { propertyName } from './constants.js';
import { CTE_METHODS } from './knex.js';
import { rawStatement } from './raw-call.js';
import { queryCallShape } from './query-wrappers.js';
import type { ExtractContext, Extractor } from './types.js';

const RAW = queryCallShape('knex raw', new Set(['raw']), (call) => (call.arguments[0] ? { text: call.arguments[0], values: call.arguments[1] } : null));

function convert(sql: string, bindings: ts.Expression | undefined, context: ExtractContext): { sql: string; params: ParamFact[] } | { unresolved: string } {
  const list = bindings && ts.isArrayLiteralExpression(bindings) ? bindings.elements : null;
  const named = new Map<string, ts.Expression>();
  if (bindings && ts.isObjectLiteralExpression(bindings)) {
    for (const p of bindings.properties) {
      if (ts.isPropertyAssignment(p) && propertyName(p.name) !== null) named.set(propertyName(p.name)!, p.initializer);
      if (ts.isShorthandPropertyAssignment(p)) named.set(p.name.text, p.name);
    }
  }
  const params: ParamFact[] = [];
  let out = '';
  let positional = 0;
  let quote: string | null = null;
  const bind = (value: ts.Expression | undefined): string => {
    const index = params.length + 1;
    params.push(value ? context.paramFact(value, index) : { index, kind: 'unknown', text: '?', typeSite: null });
    return `$${index}`;
  };
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (quote) {
      out += c;
      if (c === quote) quote = null;
      continue;
    }
    if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === '\\' && sql[i + 1] === '?') {
      out += '?';
      i++;
    } else if (c === '?' && sql[i + 1] === '?') {
      const value = list?.[positional++];
      const name = value ? context.constantText(value) : null;
      if (name === null) return { unresolved: 'knex ?? identifier known only at run time' };
      out += name.split('.').map((p) => `"${p.replace(/"/g, '""')}"`).join('.');
      i++;
    } else if (c === '?') {
      out += bind(list?.[positional++]);
    } else if (c === ':' && named.size > 0 && /[A-Za-z_]/.test(sql[i + 1] ?? '') && sql[i - 1] !== ':') {
      const name = /^[A-Za-z_]\w*/.exec(sql.slice(i + 1))![0];
      if (!named.has(name)) {
        out += c;
        continue;
      }
      i += name.length;
      if (sql[i + 1] === ':') {
        const text = context.constantText(named.get(name)!);
        if (text === null) return { unresolved: 'knex :name: identifier known only at run time' };
        out += `"${text.replace(/"/g, '""')}"`;
        i++;
      } else out += bind(named.get(name));
    } else out += c;
  }
  return { sql: out, params };
}

/** `(SELECT count(*) FROM t WHERE t.x = outer.y) AS n`: a select-list item, not a statement */
const ALIASED_EXPRESSION = /^\s*\([\s\S]*\)\s+(?:as\s+)?(?:"[^"]+"|\w+)\s*$/i;

/**
 * The raws a file passes to builder methods (`.select(db.raw(…))`, `.with('ranked', db.raw(…))`) and
 * the names its `.with*()` calls give. Such a raw is a fragment of its builder's query: a select-list
 * item is no statement (it may read the outer query's tables), and a CTE body may read the other CTEs
 * of its chain, which no statement of its own can see. (The trees have no parent links: one pass.)
 */
function builderFragments(context: ExtractContext): { readonly nested: ReadonlySet<ts.Node>; readonly cteNames: ReadonlySet<string> } {
  const nested = new Set<ts.Node>();
  const cteNames = new Set<string>();
  for (const call of context.calls) {
    if (!ts.isPropertyAccessExpression(call.expression) || call.arguments.length === 0) continue;
    const method = call.expression.name.text;
    if (CTE_METHODS.has(method)) {
      const name = context.constantText(call.arguments[0]!);
      if (name !== null) cteNames.add(name.split('(')[0]!.trim().toLowerCase());
    }
    for (const argument of call.arguments) {
      const node = skipWrappers(argument);
      if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'raw') nested.add(node);
    }
  }
  return { nested, cteNames };
}

/** Does the SQL read a relation by one of these names (after FROM or JOIN)? */
function readsAnyOf(sql: string, names: ReadonlySet<string>): boolean {
  for (const match of sql.matchAll(/\b(?:from|join)\s+"?(\w+)"?/gi)) if (names.has(match[1]!.toLowerCase())) return true;
  return false;
}

const extractor: Extractor = {
  id: 'knex',
  enablers: ['knex'],
  docs: 'https://knexjs.org/guide/raw.html',
  extract(_sourceFile, context) {
    const statements: ExtractedStatement[] = [];
    let fragments: ReturnType<typeof builderFragments> | null = null;
    for (const call of context.calls) {
      const callee = call.expression;
      let text: ts.Expression | undefined;
      let bindings: ts.Expression | undefined;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'raw') {
        [text, bindings] = call.arguments;
        fragments ??= builderFragments(context);
        if (fragments.nested.has(call) && text) {
          const sql = context.constantText(text);
          if (sql !== null && (ALIASED_EXPRESSION.test(sql) || readsAnyOf(sql, fragments.cteNames))) continue;
        }
      }
      else {
        // the application's own wrapper of `knex.raw(sql, bindings)` (query-wrappers.ts)
        const wrapper = context.queryWrapper(call, RAW);
        if (!wrapper) continue;
        text = call.arguments[wrapper.text];
        bindings = wrapper.values === null ? undefined : call.arguments[wrapper.values];
      }
      if (!text) continue;
      const statement = rawStatement(
        {
          node: call,
          library: 'knex',
          arrayEncoding: 'array-literal',
          text,
          // why: knex.raw(expr) is mostly a fragment; only count unresolved ones that are awaited statements
          plausible: false,
          build: (sql) => convert(sql, bindings, context),
        },
        context,
      );
      if (statement) statements.push(...statement);
    }
    return statements;
  },
};

export default extractor;
