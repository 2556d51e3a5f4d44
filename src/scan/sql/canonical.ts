// Compare SQL expressions by meaning rather than spelling: `lower((email)::text)` as
// pg_get_indexdef prints it equals `lower(email)` as code writes it. Both are parsed and compared
// as trees without positions, casts, parentheses or table qualifiers.
// why casts go: PostgreSQL compares the analysed expressions, where the implicit cast the code
// leaves out is present on both sides; dropping explicit ones can only make us lenient.
import { isObject, names, nodeOf, unwrap } from './ast.js';
import { parseSql, type AstNode } from './parse.js';

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (!isObject(value)) return value;
  const node = unwrap(value);
  if (node?.[0] === 'TypeCast') return strip(node[1]['arg']);
  if (node?.[0] === 'CollateClause') return strip(node[1]['arg']);
  if (node?.[0] === 'ColumnRef') {
    const parts = names(node[1]['fields']);
    return { ColumnRef: parts[parts.length - 1] };
  }
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    if (key === 'location') continue;
    result[key] = strip(value[key]);
  }
  return result;
}

/** A stable string for an expression tree. */
export function canonicalNode(node: unknown): string {
  return JSON.stringify(strip(node));
}

function selectOf(sql: string): AstNode | null {
  const parsed = parseSql(sql);
  if (!parsed.ok || parsed.statements.length !== 1) return null;
  return nodeOf(parsed.statements[0]!.node, 'SelectStmt');
}

/** The canonical form of one expression's SQL text, or null when it does not parse. */
export function canonicalExpression(text: string): string | null {
  const select = selectOf(`SELECT (${text})`);
  const target = nodeOf((select?.['targetList'] as unknown[] | undefined)?.[0], 'ResTarget');
  return target ? canonicalNode(target['val']) : null;
}

/** A predicate's AND-ed parts as trees, or null when it does not parse. */
export function predicateConjuncts(text: string): AstNode[] | null {
  const select = selectOf(`SELECT 1 WHERE ${text}`);
  if (!select || !isObject(select['whereClause'])) return null;
  const parts: AstNode[] = [];
  const flatten = (node: AstNode): void => {
    const bool = nodeOf(node, 'BoolExpr');
    if (bool && bool['boolop'] === 'AND_EXPR') {
      for (const arg of bool['args'] as AstNode[]) flatten(arg);
    } else {
      parts.push(node);
    }
  };
  flatten(select['whereClause']);
  return parts;
}
