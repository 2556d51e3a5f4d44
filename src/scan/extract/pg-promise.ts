// pg-promise: https://vitaly-t.github.io/pg-promise/Database.html
// `db.none/one/oneOrNone/many/manyOrNone/any/result/query/multi/each/map(text, values)`, in tasks and
// transactions alike. pg-promise formats values into the text itself
// (https://github.com/vitaly-t/pg-promise#query-formatting): `$1`, `${name}` / `$(name)` / `$<name>` /
// `$[name]` / `$/name/`, with modifiers `:json`, `:name`/`~`, `:raw`/`^`, `:value`/`#`, `:csv`/`:list`.
// A JS array becomes `array[…]`, an object JSON text.
import { ts } from '../typescript.js';
import type { ExtractedStatement, ParamFact } from '../facts.js';
import { propertyName } from './constants.js';
import { looksLikeDatabase, queryArguments, rawStatement } from './raw-call.js';
import { forwardsParameter, queryCallShape, type QueryCallShape } from './query-wrappers.js';
import type { ExtractContext, Extractor } from './types.js';

const METHODS = new Set(['none', 'one', 'oneOrNone', 'many', 'manyOrNone', 'any', 'result', 'query', 'multi', 'multiResult', 'each', 'map']);
const VARIABLE = /\$(?:(\d+)|[{(<[/]\s*([\w.$]+)\s*[})>\]/])(:\w+|\^|~|#)?/g;

type Values = { kind: 'list'; items: readonly ts.Expression[] } | { kind: 'object'; props: Map<string, ts.Expression> } | { kind: 'single'; value: ts.Expression } | { kind: 'unknown' };

function valuesOf(expression: ts.Expression | undefined, context: ExtractContext): Values {
  if (!expression) return { kind: 'list', items: [] };
  const resolved = ts.isIdentifier(expression) ? (context.resolveLocal(expression) ?? expression) : expression;
  if (ts.isArrayLiteralExpression(resolved)) {
    return resolved.elements.some(ts.isSpreadElement) ? { kind: 'unknown' } : { kind: 'list', items: resolved.elements };
  }
  if (ts.isObjectLiteralExpression(resolved)) {
    const props = new Map<string, ts.Expression>();
    for (const p of resolved.properties) {
      if (ts.isPropertyAssignment(p)) {
        const name = propertyName(p.name);
        if (name !== null) props.set(name, p.initializer);
      } else if (ts.isShorthandPropertyAssignment(p)) props.set(p.name.text, p.name);
      else return { kind: 'unknown' };
    }
    return { kind: 'object', props };
  }
  if (ts.isStringLiteralLike(resolved) || ts.isNumericLiteral(resolved)) return { kind: 'single', value: resolved };
  return { kind: 'unknown' };
}

/** pg-promise's formatting, statically: variables → `$n`, or spliced text when a modifier asks for it. */
export function formatStatically(sql: string, values: Values, context: ExtractContext): { sql: string; params: ParamFact[] } | { unresolved: string } {
  const params: ParamFact[] = [];
  const numbers = new Map<string, number>();
  let failure: string | null = null;
  const text = sql.replace(VARIABLE, (_match, position: string | undefined, name: string | undefined, modifier: string | undefined) => {
    let value: ts.Expression | undefined;
    if (position !== undefined) {
      value = values.kind === 'list' ? values.items[Number(position) - 1] : values.kind === 'single' && position === '1' ? values.value : undefined;
    } else if (name !== undefined && values.kind === 'object') value = values.props.get(name);
    const mod = modifier ?? '';
    if (mod === ':raw' || mod === '^' || mod === ':value' || mod === '#' || mod === ':name' || mod === '~' || mod === ':alias') {
      const constant = value ? context.constantText(value) : null;
      if (constant === null) {
        failure = `pg-promise ${mod} variable with a run-time value`;
        return '';
      }
      return mod === ':name' || mod === '~' || mod === ':alias' ? `"${constant.replace(/"/g, '""')}"` : constant;
    }
    const key = position ?? `n:${name}`;
    let index = numbers.get(key);
    if (index === undefined) {
      index = params.length + 1;
      numbers.set(key, index);
      const fact: ParamFact = value ? context.paramFact(value, index) : { index, kind: 'unknown', text: _match, typeSite: null };
      // :json sends JSON text whatever the value; :csv/:list expand a list in place
      // (JSON text given to :json is encoded a second time: its kind is kept for jsonb-double-encoded)
      params.push(mod === ':json' ? { ...fact, kind: fact.kind === 'json-text' ? 'json-text' : 'scalar', typeSite: null, encodedAsJson: true } : fact);
    }
    return `$${index}`;
  });
  if (failure !== null) return { unresolved: failure };
  return { sql: text, params };
}

function callArguments(call: ts.CallExpression): { text: ts.Expression; values: ts.Expression | undefined } | null {
  return queryArguments(call.arguments[0], call.arguments[1]);
}

export function extractPgPromise(context: ExtractContext, shape: QueryCallShape): ExtractedStatement[] {
  const statements: ExtractedStatement[] = [];
  for (const call of context.calls) {
    const callee = call.expression;
    let args: { text: ts.Expression; values: ts.Expression | undefined } | null = null;
    let plausible = true;
    if (ts.isPropertyAccessExpression(callee) && shape.methods.has(callee.name.text)) {
      args = callArguments(call);
      plausible = looksLikeDatabase(callee) || /^(t|task)$/.test(ts.isIdentifier(callee.expression) ? callee.expression.text : '');
    } else {
      // the application's own wrapper of `db.any(…)` (query-wrappers.ts)
      const wrapper = context.queryWrapper(call, shape);
      if (wrapper) args = queryArguments(call.arguments[wrapper.text], wrapper.values === null ? undefined : call.arguments[wrapper.values]);
    }
    if (!args) continue;
    const values = valuesOf(args.values, context);
    const statement = rawStatement(
      {
        node: call,
        library: 'pg-promise',
        arrayEncoding: 'array-constructor',
        text: args.text,
        plausible,
        build: (sql) => formatStatically(sql, values, context),
      },
      context,
    );
    // a wrapper's own forwarding call: its SQL is at the wrapper's call sites
    if (statement?.[0]?.kind === 'unresolved' && forwardsParameter(call, args.text, context.sourceFile)) continue;
    if (statement) statements.push(...statement);
  }
  return statements;
}

const ALL = queryCallShape('pg-promise', METHODS, callArguments);
const WITHOUT_QUERY = queryCallShape('pg-promise without query', new Set([...METHODS].filter((m) => m !== 'query')), callArguments);

const extractor: Extractor = {
  id: 'pg-promise',
  enablers: ['pg-promise'],
  docs: 'https://vitaly-t.github.io/pg-promise/Database.html',
  extract(_sourceFile, context) {
    // `.query` is node-postgres's when the project uses pg directly (see pg.ts)
    return extractPgPromise(context, context.dependencies.has('pg') ? WITHOUT_QUERY : ALL);
  },
};

export default extractor;
