// PostgREST resource embedding (supabase `select('*, author:author_id(name)')`): the name inside the
// select may be a table or view, a foreign-key column of the parent relation, or a foreign-key
// constraint name of the parent or of a table referencing it
// (https://docs.postgrest.org/en/stable/references/api/resource_embedding.html). Rules resolve an
// embedded name to the relation it reaches, or give up (never report) when that is not certain.
import type { RelationName, TableRef } from '../facts.js';
import type { SchemaIndex } from '../schema-index.js';

export type EmbedResolution =
  /** the relation the embed reaches: its columns can be checked */
  | { readonly status: 'resolved'; readonly relation: RelationName }
  /** valid (or not decidable), but which relation it reaches is not certain: leave its columns unchecked */
  | { readonly status: 'unknown' }
  /** the parent is a known table and nothing of it or pointing at it has this name */
  | { readonly status: 'missing' };

const sameName = (a: RelationName, b: RelationName): boolean => a.schema === b.schema && a.name === b.name;

/**
 * What `ref` (an embedded relation of a statement whose relations are `tables`) reaches. Parents
 * that are embeds themselves are resolved first.
 */
export function resolveEmbed(ref: TableRef, tables: readonly TableRef[], schema: SchemaIndex, depth = 0): EmbedResolution {
  const direct = schema.lookup(ref);
  if (direct.status === 'found') return { status: 'resolved', relation: { schema: direct.relation.schema, name: direct.relation.name } };
  if (!ref.embeddedIn || direct.status !== 'missing' || depth > 8) return { status: 'unknown' };
  const parentRef = ref.embeddedIn;
  let parentName: RelationName = parentRef;
  if (schema.lookup(parentRef).status !== 'found') {
    const embeddedParent = tables.find((t) => t.embeddedIn && sameName(t, parentRef));
    const resolved = embeddedParent ? resolveEmbed(embeddedParent, tables, schema, depth + 1) : null;
    if (resolved?.status !== 'resolved') return { status: 'unknown' };
    parentName = resolved.relation;
  }
  const parent = schema.lookup(parentName);
  // views: PostgREST infers their relationships from the underlying tables; not modelled here
  if (parent.status !== 'found' || parent.relation.kind !== 'table') return { status: 'unknown' };
  const table = parent.relation.table;
  const reached = new Map<string, RelationName>();
  const add = (schemaName: string, name: string): void => {
    reached.set(`${schemaName}.${name}`, { schema: schemaName, name });
  };
  // many-to-one: a foreign-key column or constraint of the parent
  for (const c of table.constraints) {
    if (c.kind === 'foreign-key' && (c.name === ref.name || c.columns.includes(ref.name))) add(c.references.schema, c.references.table);
  }
  // one-to-many: a foreign-key constraint (or its column) of a table referencing the parent
  for (const other of schema.snapshot.tables) {
    for (const c of other.constraints) {
      if (c.kind !== 'foreign-key' || c.references.schema !== table.schema || c.references.table !== table.name) continue;
      if (c.name === ref.name || c.columns.includes(ref.name)) add(other.schema, other.name);
    }
  }
  if (reached.size === 0) return { status: 'missing' };
  return reached.size === 1 ? { status: 'resolved', relation: [...reached.values()][0]! } : { status: 'unknown' };
}

/**
 * The relation a column use's relation stands for: itself unless it is an embedded name the schema
 * has no relation for, then what the embed reaches; null when that is not certain.
 */
export function effectiveRelation(relation: RelationName, tables: readonly TableRef[], schema: SchemaIndex): RelationName | null {
  const embeds = tables.filter((t) => t.embeddedIn && sameName(t, relation));
  if (embeds.length === 0 || schema.lookup(relation).status === 'found') return relation;
  let result: RelationName | null = null;
  for (const embed of embeds) {
    const resolved = resolveEmbed(embed, tables, schema);
    if (resolved.status !== 'resolved') return null;
    if (result && !sameName(result, resolved.relation)) return null;
    result = resolved.relation;
  }
  return result;
}
