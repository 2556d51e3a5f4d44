// Identity by meaning for the objects whose names are generated and differ between environments.
// A unique key is what `INSERT … ON CONFLICT (cols)` infers its arbiter from: the set of key columns (or
// expressions) and the predicate, whatever the constraint or index is called and whether it is a PRIMARY
// KEY, a UNIQUE constraint or a CREATE UNIQUE INDEX. Foreign keys are their column pairs and referenced
// table; checks are their normalized expression; plain indexes their method, keys and predicate.
import type {
  CheckConstraint,
  ExclusionConstraint,
  ForeignKeyConstraint,
  Index,
  IndexKey,
  Table,
  View,
} from '../snapshot/types.js';
import { compareText } from '../snapshot/normalize.js';
import { normalizeExpression } from './expression.js';
import type { RelationRef } from './objects.js';
import { relationKey } from './objects.js';

export interface UniqueKey {
  readonly relation: RelationRef;
  /** constraint name, or index name for a unique index without a constraint */
  readonly name: string;
  readonly form: 'primary-key' | 'unique-constraint' | 'unique-index';
  /** key columns and expressions, in declared order, as printed */
  readonly keys: readonly string[];
  /** plain columns of the key (empty when every key is an expression) */
  readonly columns: readonly string[];
  readonly predicate: string | null;
  readonly nullsNotDistinct: boolean;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  /** false when the index is invalid (failed CREATE INDEX CONCURRENTLY): not an arbiter */
  readonly valid: boolean;
  /** `UNIQUE (a, b)` or the CREATE UNIQUE INDEX statement */
  readonly definition: string;
  /** the index implementing it */
  readonly indexName: string | null;
  /** COMMENT ON CONSTRAINT, or ON INDEX for a unique index */
  readonly comment: string | null;
}

export interface Owned<T> {
  readonly relation: RelationRef;
  readonly item: T;
}

const SEP = '\u0000';

function keyText(key: IndexKey): string {
  return key.column ?? `(${key.expression})`;
}

export function relationOfTable(table: Table): RelationRef {
  return { schema: table.schema, name: table.name, kind: 'table' };
}

export function relationOfView(view: View): RelationRef {
  return { schema: view.schema, name: view.name, kind: view.materialized ? 'materialized-view' : 'view' };
}

/** Primary keys, unique constraints and unique indexes of one table or materialized view. */
export function uniqueKeysOf(relation: RelationRef, table: Pick<Table, 'constraints' | 'indexes'>): UniqueKey[] {
  const indexByConstraint = new Map(table.indexes.map((ix) => [ix.constraint ?? '', ix]));
  const keys: UniqueKey[] = [];
  for (const c of table.constraints) {
    if (c.kind !== 'primary-key' && c.kind !== 'unique') continue;
    const index = indexByConstraint.get(c.name) ?? null;
    keys.push({
      relation,
      name: c.name,
      form: c.kind === 'primary-key' ? 'primary-key' : 'unique-constraint',
      keys: c.columns,
      columns: c.columns,
      predicate: null,
      nullsNotDistinct: c.kind === 'unique' && c.nullsNotDistinct,
      deferrable: c.deferrable,
      initiallyDeferred: c.initiallyDeferred,
      valid: index?.valid ?? true,
      definition: c.definition,
      indexName: index?.name ?? null,
      comment: c.comment,
    });
  }
  for (const ix of table.indexes) {
    if (!ix.unique || ix.constraint !== null) continue;
    keys.push({
      relation,
      name: ix.name,
      form: 'unique-index',
      keys: ix.keys.map(keyText),
      columns: ix.keys.every((k) => k.column !== undefined) ? ix.keys.map((k) => k.column ?? '') : [],
      predicate: ix.predicate,
      nullsNotDistinct: ix.nullsNotDistinct,
      deferrable: false,
      initiallyDeferred: false,
      valid: ix.valid,
      definition: ix.definition,
      indexName: ix.name,
      comment: ix.comment,
    });
  }
  return keys;
}

/** The key's columns and expressions as a set (ON CONFLICT matches them in any order). */
export function uniqueKeySet(key: UniqueKey): string {
  return key.keys.map(normalizeExpression).sort(compareText).join(SEP);
}

export function uniqueKeyIdentity(key: UniqueKey): string {
  return [relationKey(key.relation), uniqueKeySet(key), key.predicate ? normalizeExpression(key.predicate) : ''].join('|');
}

const FORM_RANK = { 'primary-key': 0, 'unique-constraint': 1, 'unique-index': 2 } as const;

/**
 * One unique key per meaning. why: a second unique index on the same columns changes nothing for the data or
 * for ON CONFLICT, so duplicates are folded, keeping the one that can serve as an arbiter (valid, not
 * deferrable), then the strongest form, then the first name.
 */
export function distinctUniqueKeys(keys: readonly UniqueKey[]): UniqueKey[] {
  const best = new Map<string, UniqueKey>();
  const rank = (k: UniqueKey) => [k.valid ? 0 : 1, k.deferrable ? 1 : 0, FORM_RANK[k.form]];
  for (const key of keys) {
    const identity = uniqueKeyIdentity(key);
    const current = best.get(identity);
    if (!current) {
      best.set(identity, key);
      continue;
    }
    const [a, b] = [rank(key), rank(current)];
    const better = a.findIndex((x, i) => x !== b[i]);
    if (better === -1 ? compareText(key.name, current.name) < 0 : (a[better] ?? 0) < (b[better] ?? 0)) best.set(identity, key);
  }
  return [...best.values()];
}

/** Non-unique indexes that do not implement a constraint (exclusion constraints are compared as constraints). */
export function plainIndexesOf(relation: RelationRef, indexes: readonly Index[]): Owned<Index>[] {
  return indexes.filter((ix) => !ix.unique && ix.constraint === null).map((item) => ({ relation, item }));
}

export function indexIdentity(index: Owned<Index>): string {
  const { item } = index;
  return [
    relationKey(index.relation),
    item.method,
    item.keys.map((k) => normalizeExpression(keyText(k))).join(SEP),
    item.predicate ? normalizeExpression(item.predicate) : '',
  ].join('|');
}

/** The index definition without its own name, for comparing what the name-free key leaves out (DESC, opclass, INCLUDE). */
export function indexShape(definition: string): string {
  return normalizeExpression(definition.replace(/^(CREATE (?:UNIQUE )?INDEX )(?:"(?:[^"]|"")+"|\S+) ON /, '$1ON '));
}

export function foreignKeyIdentity(fk: Owned<ForeignKeyConstraint>): string {
  const { item } = fk;
  const pairs = item.columns.map((c, i) => `${c}>${item.references.columns[i] ?? ''}`).sort(compareText);
  return [relationKey(fk.relation), pairs.join(SEP), relationKey({ schema: item.references.schema, name: item.references.table })].join('|');
}

export function checkIdentity(check: Owned<CheckConstraint>): string {
  return `${relationKey(check.relation)}|${normalizeExpression(check.item.expression)}`;
}

export function exclusionIdentity(exclusion: Owned<ExclusionConstraint>): string {
  return `${relationKey(exclusion.relation)}|${normalizeExpression(exclusion.item.definition)}`;
}

/** Columns a key refers to, when all its keys are plain columns; null when an expression is involved. */
export function plainColumnsOf(keys: readonly IndexKey[]): string[] | null {
  return keys.every((k) => k.column !== undefined) ? keys.map((k) => k.column ?? '') : null;
}
