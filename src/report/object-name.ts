// How a finding's object and inputs are named in every human-facing format.
import type { Finding, ObjectKind, ObjectRef } from '../findings/finding.js';
import type { InputInfo } from '../findings/report.js';
import { quoteIdent } from '../snapshot/identifiers.js';

// why: function names carry a signature (`f(integer)`), grants and statements free text: quoting
// those as one identifier would print `"f(integer)"`.
const IDENTIFIER_NAMED = new Set<ObjectKind>([
  'schema',
  'extension',
  'table',
  'column',
  'constraint',
  'index',
  'view',
  'materialized-view',
  'sequence',
  'type',
  'domain',
  'trigger',
  'policy',
]);

function ownName(ref: ObjectRef): string {
  return IDENTIFIER_NAMED.has(ref.kind) ? quoteIdent(ref.name) : ref.name;
}

/** `public.clients.ai_context`, `public.clients`, `public.active_clients`; quoted where PostgreSQL would need it. */
export function objectName(ref: ObjectRef): string {
  const parts: string[] = [];
  if (ref.schema !== undefined) parts.push(quoteIdent(ref.schema));
  if (ref.table !== undefined) parts.push(quoteIdent(ref.table));
  parts.push(ownName(ref));
  return parts.join('.');
}

/** The relation a finding belongs to (`public.clients`), or undefined for objects outside any table. */
export function tableName(ref: ObjectRef): string | undefined {
  if (ref.table !== undefined) return ref.schema !== undefined ? `${quoteIdent(ref.schema)}.${quoteIdent(ref.table)}` : quoteIdent(ref.table);
  return undefined;
}

/** The object's name relative to its table (`ai_context`), or its full name when it has no table. */
export function shortObjectName(ref: ObjectRef): string {
  return ref.table !== undefined ? ownName(ref) : objectName(ref);
}

/** `src/repos/clients.ts:42:7` */
export function locationText(location: { readonly file: string; readonly line: number; readonly column: number }): string {
  return `${location.file}:${location.line}:${location.column}`;
}

/** Code findings are named by where they are; schema findings by their object. */
export function findingSubject(finding: Finding): string {
  const first = finding.locations?.[0];
  return finding.category === 'code' && first ? locationText(first) : objectName(finding.object);
}

/** `schema/target.sql (PostgreSQL 17.4)` */
export function inputLabel(input: InputInfo): string {
  return input.serverVersion ? `${input.input} (PostgreSQL ${input.serverVersion})` : input.input;
}
