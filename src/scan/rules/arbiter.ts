// ON CONFLICT arbiter inference, as PostgreSQL's infer_arbiter_indexes() (plancat.c) does it:
// - `ON CONSTRAINT n`: n must be a primary-key, unique or exclusion constraint of the table, and an
//   exclusion constraint only with DO NOTHING;
// - a column/expression list: a unique index qualifies when its key columns equal the listed
//   columns as a set (order and duplicates ignored, INCLUDE columns not counted) and its key
//   expressions equal the listed expressions; a partial index only when the clause's WHERE implies
//   its predicate. No qualifying index → 42P10 at planning.
// - no target: every unique index (and exclusion constraint) of the table is an arbiter;
// - a target the client fills in at run time (`implicitTarget: 'primary-key'`, supabase-js upsert
//   without onConflict): PostgREST sends `ON CONFLICT (<primary key columns>)`, inferred like a
//   written list, and a plain INSERT (no arbiter at all) when the table has no primary key.
// Deferrable arbiters pass planning and fail at execution (55000); that is reported separately.
import type { Constraint, Index, Table } from '../../snapshot/types.js';
import type { ConflictTarget, OnConflictFacts } from '../facts.js';
import { canonicalExpression } from '../sql/canonical.js';
import { predicateImplied } from '../sql/implication.js';

export type ArbiterVerdict =
  | { readonly kind: 'arbiters'; readonly indexes: readonly Index[]; readonly constraints: readonly Constraint[] }
  | { readonly kind: 'no-arbiter'; readonly reason: NoArbiterReason; readonly near: readonly Index[] }
  | { readonly kind: 'unknown' };

export type NoArbiterReason =
  | 'no-matching-key'
  | 'partial-without-where'
  | 'partial-where-unrelated'
  | 'partial-where-parameter'
  | 'constraint-missing'
  | 'constraint-not-unique'
  | 'exclusion-with-update';

type IndexMatch = 'match' | 'no' | 'unknown' | Exclude<NoArbiterReason, 'no-matching-key' | `constraint-${string}` | 'exclusion-with-update'>;

function canonicalSet(texts: readonly string[]): Set<string> | null {
  const result = new Set<string>();
  for (const text of texts) {
    const canonical = canonicalExpression(text);
    if (canonical === null) return null;
    result.add(canonical);
  }
  return result;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function matchIndex(index: Index, columns: Set<string>, expressions: Set<string> | null, where: string | null): IndexMatch {
  if (!index.unique) return 'no';
  const keyColumns = new Set(index.keys.flatMap((k) => (k.column === undefined ? [] : [k.column])));
  if (!sameSet(keyColumns, columns)) return 'no';
  const keyExpressions = index.keys.flatMap((k) => (k.expression === undefined ? [] : [k.expression]));
  if (keyExpressions.length > 0 || (expressions?.size ?? 0) > 0) {
    const indexed = canonicalSet(keyExpressions);
    if (!indexed || !expressions) return 'unknown';
    if (!sameSet(indexed, expressions)) return 'no';
  }
  if (index.predicate === null) return 'match';
  const implied = predicateImplied(index.predicate, where);
  if (implied.verdict === 'implied') return 'match';
  if (implied.verdict === 'unknown') return 'unknown';
  return implied.reason === 'no-where'
    ? 'partial-without-where'
    : implied.reason === 'parameter'
      ? 'partial-where-parameter'
      : 'partial-where-unrelated';
}

/**
 * The target PostgreSQL actually receives: the written one, or the one the client fills in from the
 * table (`ON CONFLICT (<primary key columns>)`); `plain-insert` when the client sends no ON CONFLICT
 * at all (PostgREST upsert on a table without primary key).
 */
export function effectiveTarget(table: Table, onConflict: OnConflictFacts): ConflictTarget | null | 'plain-insert' {
  if (onConflict.target !== null || onConflict.implicitTarget !== 'primary-key') return onConflict.target;
  const primaryKey = table.constraints.find((c) => c.kind === 'primary-key');
  if (!primaryKey || primaryKey.kind !== 'primary-key') return 'plain-insert';
  return { kind: 'inference', elements: primaryKey.columns.map((column) => ({ column })), where: null };
}

export function inferArbiters(table: Table, onConflict: OnConflictFacts): ArbiterVerdict {
  const target = effectiveTarget(table, onConflict);
  if (target === 'plain-insert') return { kind: 'arbiters', indexes: [], constraints: [] };
  if (target === null) {
    const indexes = table.indexes.filter((i) => i.unique || i.constraint !== null);
    return { kind: 'arbiters', indexes, constraints: constraintsOf(table, indexes) };
  }
  if (target.kind === 'constraint') {
    const constraint = table.constraints.find((c) => c.name === target.name);
    if (!constraint) return { kind: 'no-arbiter', reason: 'constraint-missing', near: [] };
    if (constraint.kind === 'check' || constraint.kind === 'foreign-key') {
      return { kind: 'no-arbiter', reason: 'constraint-not-unique', near: [] };
    }
    if (constraint.kind === 'exclusion' && onConflict.action === 'update') {
      return { kind: 'no-arbiter', reason: 'exclusion-with-update', near: [] };
    }
    const indexes = table.indexes.filter((i) => i.constraint === constraint.name);
    return { kind: 'arbiters', indexes, constraints: [constraint] };
  }
  const columns = new Set(target.elements.flatMap((e) => (e.column === undefined ? [] : [e.column])));
  const expressions = canonicalSet(target.elements.flatMap((e) => (e.expression === undefined ? [] : [e.expression])));
  const matches = table.indexes.map((index) => ({ index, result: matchIndex(index, columns, expressions, target.where) }));
  const arbiters = matches.filter((m) => m.result === 'match').map((m) => m.index);
  if (arbiters.length > 0) return { kind: 'arbiters', indexes: arbiters, constraints: constraintsOf(table, arbiters) };
  if (matches.some((m) => m.result === 'unknown')) return { kind: 'unknown' };
  const partial = matches.find((m) => m.result !== 'no');
  if (partial) return { kind: 'no-arbiter', reason: partial.result as NoArbiterReason, near: [partial.index] };
  return { kind: 'no-arbiter', reason: 'no-matching-key', near: table.indexes.filter((i) => i.unique) };
}

function constraintsOf(table: Table, indexes: readonly Index[]): Constraint[] {
  const names = new Set(indexes.map((i) => i.constraint));
  return table.constraints.filter((c) => names.has(c.name));
}
