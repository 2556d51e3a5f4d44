// How compared objects are named: in findings (ObjectRef, per the contract), in messages, and in fix SQL.
import type { ObjectKind, ObjectRef } from '../findings/finding.js';
import { qualifiedName, quoteIdent } from '../snapshot/identifiers.js';

/** A table, view or materialized view that owns columns, indexes, triggers, grants. */
export interface RelationRef {
  readonly schema: string;
  readonly name: string;
  readonly kind: 'table' | 'view' | 'materialized-view';
}

export function relationKey(relation: { readonly schema: string; readonly name: string }): string {
  return `${relation.schema}\u0000${relation.name}`;
}

/** `clients` in messages; `billing.invoices` outside public. */
export function displayName(schema: string, name: string): string {
  return schema === 'public' ? name : `${schema}.${name}`;
}

export function displayRelation(relation: RelationRef): string {
  return displayName(relation.schema, relation.name);
}

/** `public.clients`, quoted where needed: for fix SQL. */
export function sqlName(relation: { readonly schema: string; readonly name: string }): string {
  return qualifiedName(relation.schema, relation.name);
}

export function relationObject(relation: RelationRef): ObjectRef {
  return { kind: relation.kind, schema: relation.schema, name: relation.name };
}

/** An object that belongs to a relation: column, constraint, index, trigger, policy, grant, rls. */
export function ownedObject(kind: ObjectKind, relation: RelationRef, name: string): ObjectRef {
  return { kind, schema: relation.schema, table: relation.name, name };
}

export function schemaObject(kind: ObjectKind, schema: string, name: string): ObjectRef {
  return { kind, schema, name };
}

/** `(a, b)` with each column quoted where needed. */
export function columnList(columns: readonly string[]): string {
  return `(${columns.map(quoteIdent).join(', ')})`;
}

/** `a, b` for messages. */
export function listText(items: readonly string[]): string {
  return items.join(', ');
}
