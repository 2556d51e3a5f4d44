// ON CONFLICT clause → OnConflictFacts. Expression elements and the index predicate are kept as SQL
// text (the neutral form builder extractors also produce), cut from the statement by PostgreSQL's
// own lexer: the parse tree has no end positions, and libpg-query has no deparser.
import type { ConflictElement, OnConflictFacts } from '../facts.js';
import { isObject, list, nodeOf, str } from './ast.js';
import { byteToIndex, scanSqlTokens, type SqlToken } from './parse.js';

export function conflictFacts(clause: unknown, sql: string): OnConflictFacts | null {
  if (!isObject(clause)) return null;
  const action = clause['action'] === 'ONCONFLICT_UPDATE' ? 'update' : 'nothing';
  const infer = isObject(clause['infer']) ? clause['infer'] : null;
  if (!infer) return { target: null, action };
  const constraint = str(infer['conname']);
  if (constraint !== null) return { target: { kind: 'constraint', name: constraint }, action };

  const elems = list(infer['indexElems']).map((e) => nodeOf(e, 'IndexElem') ?? {});
  // why the condition: the lexer pass costs as much as the parse; plain column lists need no text
  const needsText = infer['whereClause'] !== undefined || elems.some((e) => str(e['name']) === null);
  const texts = needsText && typeof infer['location'] === 'number' ? targetTexts(sql, byteToIndex(sql, infer['location'])) : null;
  const elements: ConflictElement[] = elems.map((elem, i) => {
    const column = str(elem['name']);
    if (column !== null) return { column };
    return { expression: texts?.elements[i] ?? '' };
  });
  const where = infer['whereClause'] === undefined ? null : (texts?.where ?? '');
  return { target: { kind: 'inference', elements, where }, action };
}

interface TargetTexts {
  readonly elements: string[];
  readonly where: string | null;
}

/** From the `(` of `ON CONFLICT (…) [WHERE …] DO`, the text of each element and of the predicate. */
function targetTexts(sql: string, open: number): TargetTexts | null {
  const tail = sql.slice(open);
  let tokens: SqlToken[];
  try {
    tokens = scanSqlTokens(tail);
  } catch {
    return null;
  }
  if (tokens[0]?.text !== '(') return null;
  const elements: SqlToken[][] = [[]];
  let depth = 0;
  let index = 0;
  for (; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.text === '(') depth++;
    if (token.text === ')') depth--;
    if (depth === 0) break;
    if (index === 0) continue;
    if (depth === 1 && token.text === ',') elements.push([]);
    else elements[elements.length - 1]!.push(token);
  }
  let where: string | null = null;
  if (tokens[index + 1]?.text.toUpperCase() === 'WHERE') {
    const predicate: SqlToken[] = [];
    let nesting = 0;
    for (let i = index + 2; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.text === '(') nesting++;
      if (token.text === ')') nesting--;
      if (nesting === 0 && token.text.toUpperCase() === 'DO') break;
      predicate.push(token);
    }
    where = textOf(tail, predicate);
  }
  return { elements: elements.map((e) => expressionText(tail, e)), where };
}

function textOf(sql: string, tokens: readonly SqlToken[]): string {
  if (tokens.length === 0) return '';
  return sql.slice(tokens[0]!.start, tokens[tokens.length - 1]!.end);
}

/** `(lower(email)) text_pattern_ops` → `lower(email)`; `lower(email) COLLATE "C"` → `lower(email)`. */
function expressionText(sql: string, tokens: readonly SqlToken[]): string {
  if (tokens[0]?.text === '(') {
    let depth = 0;
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.text === '(') depth++;
      if (tokens[i]!.text === ')') depth--;
      if (depth === 0) return textOf(sql, tokens.slice(1, i));
    }
  }
  let end = tokens.length;
  let depth = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.text === '(') depth++;
    if (tokens[i]!.text === ')') {
      depth--;
      if (depth === 0) end = i + 1;
    }
  }
  return textOf(sql, tokens.slice(0, end));
}
