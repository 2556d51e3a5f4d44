// `sequelize.query(sql, { replacements, bind, type })`: Sequelize's raw queries go through the same
// `.query` name as node-postgres' (and a Sequelize app on PostgreSQL depends on pg, which turns the pg
// extractor on). Its options object is not a values list: `replacements` are escaped into the text
// where `?` (a list) or `:name` (an object) stands, `bind` values are sent as `$1` / `$name` parameters
// (https://sequelize.org/docs/v6/core-concepts/raw-queries/). Read as `$n` parameters of unknown kind,
// so no rule judges how a JS value is encoded (Sequelize formats replacements itself).
import { ts } from '../typescript.js';
import type { ParamFact } from '../facts.js';
import { skipWrappers } from './builders/chain.js';
import { propertyOf } from './builders/rows.js';
import { propertyName } from './constants.js';

export interface SequelizeOptions {
  /** `?` placeholders: null when `replacements` is not an array literal */
  readonly positional: readonly ts.Expression[] | null;
  /** `:name` placeholders and `$name` binds */
  readonly named: ReadonlyMap<string, ts.Expression>;
  /** `$1`… binds: how many the `bind` array literal gives */
  readonly binds: number;
}

/** The options object of `sequelize.query(sql, options)`, when the second argument is one. */
export function sequelizeOptions(argument: ts.Expression | undefined): SequelizeOptions | null {
  const node = argument ? skipWrappers(argument) : undefined;
  if (!node || !ts.isObjectLiteralExpression(node)) return null;
  const replacements = propertyOf(node, 'replacements') ?? undefined;
  const bind = propertyOf(node, 'bind') ?? undefined;
  if (!replacements && !bind) return null;
  const named = new Map<string, ts.Expression>();
  let positional: ts.Expression[] | null = null;
  const bound = bind ? skipWrappers(bind) : undefined;
  const binds = bound && ts.isArrayLiteralExpression(bound) ? bound.elements.length : 0;
  for (const source of [replacements, bind]) {
    const values = source ? skipWrappers(source) : undefined;
    if (values && ts.isObjectLiteralExpression(values)) {
      for (const p of values.properties) {
        if (ts.isPropertyAssignment(p) && propertyName(p.name) !== null) named.set(propertyName(p.name)!, p.initializer);
        if (ts.isShorthandPropertyAssignment(p)) named.set(p.name.text, p.name);
      }
    } else if (values && ts.isArrayLiteralExpression(values) && source === replacements) {
      positional = [...values.elements];
    }
  }
  return { positional, named, binds };
}

/**
 * The SQL with Sequelize's placeholders as `$n`: `?` and `:name` replacements, `$name` binds (`$1` binds
 * are already PostgreSQL's). Quoted text and `::` casts are left alone.
 */
export function withSequelizePlaceholders(sql: string, options: SequelizeOptions): { sql: string; params: ParamFact[] } {
  const params: ParamFact[] = [];
  for (let i = 1; i <= options.binds; i++) params.push({ index: i, kind: 'unknown', text: `$${i}`, typeSite: null });
  const first = Math.max(highestDollar(sql), options.binds);
  const numbered = new Map<string, number>();
  const bind = (key: string, text: string): string => {
    let index = numbered.get(key);
    if (index === undefined) {
      index = first + numbered.size + 1;
      numbered.set(key, index);
      params.push({ index, kind: 'unknown', text, typeSite: null });
    }
    return `$${index}`;
  };
  let out = '';
  let quote: string | null = null;
  let positional = 0;
  for (let i = 0; i < sql.length; i++) {
    const c = sql[i]!;
    if (quote) {
      out += c;
      if (c === quote) quote = null;
      continue;
    }
    const name = /^[A-Za-z_]\w*/.exec(sql.slice(i + 1))?.[0];
    if (c === "'" || c === '"') {
      quote = c;
      out += c;
    } else if (c === '?' && options.positional) {
      out += bind(`?${positional}`, `?${++positional}`);
    } else if (c === ':' && name && sql[i - 1] !== ':' && sql[i + 1] !== ':' && options.named.has(name)) {
      out += bind(`:${name}`, `:${name}`);
      i += name.length;
    } else if (c === '$' && name && options.named.has(name)) {
      out += bind(`:${name}`, `$${name}`);
      i += name.length;
    } else out += c;
  }
  return { sql: out, params };
}

/** `$3` already in the text (Sequelize's positional binds): new numbers go after it. */
function highestDollar(sql: string): number {
  let highest = 0;
  for (const match of sql.matchAll(/\$(\d+)/g)) highest = Math.max(highest, Number(match[1]));
  return highest;
}
