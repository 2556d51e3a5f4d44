// Shared wording and SQL for unique keys (primary keys, unique constraints, unique indexes).
import type { UniqueKey } from './keys.js';
import type { ObjectRef } from '../findings/finding.js';
import { quoteIdent } from '../snapshot/identifiers.js';
import { columnKey } from './schema-diff.js';
import { ownedObject, sqlName } from './objects.js';
import { createIndexSql } from './fix-sql.js';

/** `unique (yclients_id, company_id)`, `primary key (id)`, `unique index (lower(email)) WHERE …`. */
export function describeUniqueKey(key: UniqueKey): string {
  const kind = key.form === 'primary-key' ? 'primary key' : key.form === 'unique-index' ? 'unique index' : 'unique';
  return `${kind} (${key.keys.join(', ')})${key.predicate ? ` WHERE ${key.predicate}` : ''}`;
}

export function uniqueKeyObject(key: UniqueKey): ObjectRef {
  return ownedObject(key.form === 'unique-index' ? 'index' : 'constraint', key.relation, key.name);
}

/** SQL that creates the key as source has it. */
export function createUniqueKeySql(key: UniqueKey): string {
  if (key.form === 'unique-index') return createIndexSql(key.definition);
  return `ALTER TABLE ${sqlName(key.relation)} ADD CONSTRAINT ${quoteIdent(key.name)} ${key.definition};`;
}

/** SQL that replaces target's key by source's (constraints cannot be altered in place before PostgreSQL 18). */
export function replaceUniqueKeySql(source: UniqueKey, target: UniqueKey): string {
  const drop =
    target.form === 'unique-index'
      ? `DROP INDEX ${sqlName({ schema: target.relation.schema, name: target.name })};`
      : `ALTER TABLE ${sqlName(target.relation)} DROP CONSTRAINT ${quoteIdent(target.name)};`;
  return `${drop}\n${createUniqueKeySql(source)}`;
}

/** True when the key is built on a column that exists on one side only (column-missing/-extra says it). */
export function onUnmatchedColumn(key: UniqueKey, unmatched: ReadonlySet<string>): boolean {
  return key.columns.some((c) => unmatched.has(columnKey(key.relation, c)));
}
