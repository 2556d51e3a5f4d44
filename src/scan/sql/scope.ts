// Name resolution inside one SQL statement: which relations a column name can belong to. Only the
// shape of the query is known here (no schema), so an unqualified name carries every relation in
// scope, and anything whose columns are unknown (subquery, CTE, function) opens the scope.
import type { ColumnUse, TableRef } from '../facts.js';

export type ScopeItem =
  | { readonly kind: 'relation'; readonly ref: TableRef }
  /** subquery, CTE, function or join alias: visible by `name`; its columns unknown unless `columns` says (function-columns.ts) */
  | { readonly kind: 'opaque'; readonly name: string | null; readonly columns?: ReadonlySet<string> };

export interface Scope {
  readonly parent: Scope | null;
  readonly items: ScopeItem[];
  readonly ctes: Set<string>;
  /** SELECT output names, visible to ORDER BY / GROUP BY */
  readonly outputNames: Set<string>;
}

export function newScope(parent: Scope | null, items: ScopeItem[] = []): Scope {
  return { parent, items, ctes: new Set(), outputNames: new Set() };
}

export function isCte(scope: Scope | null, name: string): boolean {
  for (let s = scope; s; s = s.parent) if (s.ctes.has(name)) return true;
  return false;
}

function visibleName(item: ScopeItem): string | null {
  return item.kind === 'relation' ? (item.ref.alias ?? item.ref.name) : item.name;
}

function findQualifier(scope: Scope, schema: string | null, name: string): ScopeItem | null {
  for (let s: Scope | null = scope; s; s = s.parent) {
    for (const item of s.items) {
      if (schema === null && visibleName(item) === name) return item;
      // why: `clients.id` while clients is aliased is rejected by PostgreSQL, but that is not ours to say
      if (item.kind === 'relation' && item.ref.name === name && (schema === null || item.ref.schema === schema)) {
        return item;
      }
    }
  }
  return null;
}

/**
 * A ColumnRef's name parts (null for `*`) → the use, or null when it names no column:
 * `*`, `t.*`, or an output alias in ORDER BY.
 */
export function resolveColumn(parts: readonly (string | null)[], scope: Scope, access: ColumnUse['access']): ColumnUse | null {
  const column = parts[parts.length - 1];
  if (column === null || column === undefined || parts.some((p) => p === null)) return null;
  if (parts.length === 1) {
    const relations: TableRef[] = [];
    let openScope = false;
    for (let s: Scope | null = scope; s; s = s.parent) {
      if (s.outputNames.has(column)) return null;
      for (const item of s.items) {
        // why: `SELECT t FROM t` is a whole-row reference unless t also has a column t
        if (visibleName(item) === column) openScope = true;
        if (item.kind === 'relation') relations.push(item.ref);
        else if (!item.columns || item.columns.has(column)) openScope = true;
      }
    }
    return { column, relations: relations.map(plainName), openScope, access };
  }
  const name = parts[parts.length - 2]!;
  const schema = parts.length >= 3 ? parts[parts.length - 3]! : null;
  const item = findQualifier(scope, schema, name);
  if (item?.kind === 'relation') return { column, relations: [plainName(item.ref)], openScope: false, access };
  // a subquery/CTE alias, or something we cannot place (composite field, catalog-qualified name)
  return { column, relations: [], openScope: true, access };
}

function plainName(ref: TableRef): { schema: string | null; name: string } {
  return { schema: ref.schema, name: ref.name };
}
