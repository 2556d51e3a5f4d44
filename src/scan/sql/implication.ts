// Does an ON CONFLICT clause's WHERE imply a partial unique index's predicate? PostgreSQL proves it
// with predicate_implied_by() (predtest.c); we prove a safe subset and answer `unknown` beyond it,
// so a rule built on this never reports what PostgreSQL might accept.
// Proven: identical conjuncts (modulo casts and parentheses), and `col IS NOT NULL` from any strict
// comparison of col. Disproven: the clause says nothing about the predicate's columns, or only
// compares them with a bind parameter (a generic plan cannot use the parameter's value).
import { isObject, names, nodeOf, unwrap } from './ast.js';
import { canonicalNode, predicateConjuncts } from './canonical.js';
import type { AstNode } from './parse.js';

export type Implication =
  | { readonly verdict: 'implied' }
  | { readonly verdict: 'not-implied'; readonly reason: 'no-where' | 'unrelated' | 'parameter' }
  | { readonly verdict: 'unknown' };

const STRICT_COMPARISONS = new Set(['=', '<>', '!=', '<', '<=', '>', '>=']);

function columnsOf(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) columnsOf(v, into);
  else if (isObject(value)) {
    const ref = nodeOf(value, 'ColumnRef');
    if (ref) {
      const parts = names(ref['fields']);
      const last = parts[parts.length - 1];
      if (last) into.add(last);
    } else for (const v of Object.values(value)) columnsOf(v, into);
  }
  return into;
}

function hasParam(value: unknown): boolean {
  return JSON.stringify(value).includes('"ParamRef"');
}

/** the column a strict comparison or IS NOT NULL constrains to be non-null */
function nonNullColumn(node: AstNode): string | null {
  const test = nodeOf(node, 'NullTest');
  if (test && test['nulltesttype'] === 'IS_NOT_NULL') return [...columnsOf(test['arg'])][0] ?? null;
  const expr = nodeOf(node, 'A_Expr');
  if (!expr || expr['kind'] !== 'AEXPR_OP' || !STRICT_COMPARISONS.has(names(expr['name'])[0] ?? '')) return null;
  for (const side of [expr['lexpr'], expr['rexpr']]) {
    const ref = nodeOf(side, 'ColumnRef');
    if (ref) return names(ref['fields']).at(-1) ?? null;
  }
  return null;
}

function isNotNullTestOf(node: AstNode): string | null {
  const test = nodeOf(node, 'NullTest');
  if (!test || test['nulltesttype'] !== 'IS_NOT_NULL') return null;
  const ref = nodeOf(test['arg'], 'ColumnRef');
  return ref ? (names(ref['fields']).at(-1) ?? null) : null;
}

export function predicateImplied(indexPredicate: string, clauseWhere: string | null): Implication {
  const required = predicateConjuncts(indexPredicate);
  if (!required) return { verdict: 'unknown' };
  if (clauseWhere === null) return { verdict: 'not-implied', reason: 'no-where' };
  const given = predicateConjuncts(clauseWhere);
  if (!given) return { verdict: 'unknown' };
  const givenCanonical = new Set(given.map(canonicalNode));
  const givenNonNull = new Set(given.map(nonNullColumn).filter((c): c is string => c !== null));
  for (const conjunct of required) {
    if (givenCanonical.has(canonicalNode(conjunct))) continue;
    const notNull = isNotNullTestOf(conjunct);
    if (notNull !== null && givenNonNull.has(notNull)) continue;
    const wanted = columnsOf(conjunct);
    if (wanted.size === 0) return { verdict: 'unknown' };
    const related = given.filter((g) => [...columnsOf(g)].some((c) => wanted.has(c)));
    if (related.length === 0) return { verdict: 'not-implied', reason: 'unrelated' };
    if (related.every((g) => hasParam(g) && unwrap(g)?.[0] === 'A_Expr') && !hasParam(conjunct)) {
      return { verdict: 'not-implied', reason: 'parameter' };
    }
    return { verdict: 'unknown' };
  }
  return { verdict: 'implied' };
}
