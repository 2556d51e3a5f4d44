// Small, structural helpers over libpg-query parse trees (`{ NodeType: { …fields } }` objects).
import type { AstNode } from './parse.js';

export function isObject(value: unknown): value is AstNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `{ ColumnRef: {…} }` → `['ColumnRef', {…}]`; null for anything that is not a one-key node. */
export function unwrap(value: unknown): [string, AstNode] | null {
  if (!isObject(value)) return null;
  const keys = Object.keys(value);
  if (keys.length !== 1) return null;
  const key = keys[0]!;
  const inner = value[key];
  return isObject(inner) ? [key, inner] : null;
}

/** The fields of `value` if it is a node of `type`, else null. */
export function nodeOf(value: unknown, type: string): AstNode | null {
  const node = unwrap(value);
  return node && node[0] === type ? node[1] : null;
}

export function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function str(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

/** `[{ String: { sval: 'public' } }, …]` → `['public', …]`; null entries for `*`. */
export function names(value: unknown): (string | null)[] {
  return list(value).map((item) => str(nodeOf(item, 'String')?.['sval']));
}

/** `$3` or `$3::jsonb` → 3; anything else → null. */
export function paramNumber(value: unknown): number | null {
  const param = nodeOf(value, 'ParamRef');
  if (param) return typeof param['number'] === 'number' ? param['number'] : null;
  const cast = nodeOf(value, 'TypeCast');
  return cast ? paramNumber(cast['arg']) : null;
}

/** A relation name node (RangeVar) as written. */
export function rangeVarName(node: AstNode): { schema: string | null; name: string; alias: string | null } {
  const alias = isObject(node['alias']) ? str(node['alias']['aliasname']) : null;
  return { schema: str(node['schemaname']), name: str(node['relname']) ?? '', alias };
}
