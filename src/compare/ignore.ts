// `ignore` entries of CompareOptions: a rule id (or `*`) and an object path with `*` globs.
// An object's path is `schema.table.name` for what belongs to a table, `schema.name` for tables and other
// schema objects, `name` for schemas and extensions. A pattern also matches everything below it:
// `public.clients` covers `public.clients.ai_context`.
import type { ObjectRef } from '../findings/finding.js';

export interface IgnoreEntry {
  readonly rule: string;
  readonly object: string;
}

const RELATION_KINDS = new Set(['table', 'view', 'materialized-view']);

export function objectPath(object: ObjectRef): string {
  const parts = [object.schema, RELATION_KINDS.has(object.kind) ? undefined : object.table, object.name];
  return parts.filter((p): p is string => p !== undefined).join('.');
}

function globToRegExp(glob: string): RegExp {
  const body = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}(?:\\..*)?$`);
}

export function ignoreMatcher(entries: readonly IgnoreEntry[]): (rule: string, object: ObjectRef) => boolean {
  const compiled = entries.map((e) => ({ rule: globToRegExp(e.rule), object: globToRegExp(e.object) }));
  return (rule, object) => {
    const path = objectPath(object);
    return compiled.some((e) => e.rule.test(rule) && e.object.test(path));
  };
}
