// View bodies as a comparison key. pg_get_viewdef() on PostgreSQL 14 and 15 qualifies every column of a
// view over a single relation (`SELECT orders.id FROM app.orders`); 16 and later print `SELECT id FROM
// app.orders`. The server prints it, so the same view compared across majors needs the qualifier gone.
import { normalizeExpression } from './expression.js';
import { tokenizeSql, type SqlToken } from './sql-text.js';

const NAME = '(?:"(?:[^"]|"")+"|[a-z_][a-z0-9_$]*)';
const SINGLE_FROM = new RegExp(`\\bFROM\\s+(?:ONLY\\s+)?(?:${NAME}\\.)?(${NAME})(?:\\s+(?:AS\\s+)?(${NAME}))?`, 'i');
const NOT_AN_ALIAS = new Set(['where', 'group', 'order', 'limit', 'having', 'window', 'union', 'offset', 'fetch', 'for', 'intersect', 'except', 'tablesample']);

/** The qualifier 14/15 put on columns: the relation's alias or name, when the query reads exactly one relation. */
function singleRelationQualifier(code: string): string | null {
  if ((code.match(/\bFROM\b/gi) ?? []).length !== 1 || /\bJOIN\b/i.test(code)) return null;
  const match = SINGLE_FROM.exec(code);
  if (!match) return null;
  const after = code.slice((match.index ?? 0) + match[0].length);
  if (/^\s*,/.test(after)) return null;
  const alias = match[2] && !NOT_AN_ALIAS.has(match[2].toLowerCase()) ? match[2] : null;
  return alias ?? match[1] ?? null;
}

export function normalizeViewDefinition(definition: string): string {
  const tokens: SqlToken[] = tokenizeSql(definition);
  // the FROM check only looks at code, so a 'FROM' inside a string literal does not count
  const code = tokens.map((t) => (t.kind === 'code' || t.kind === 'space' || t.kind === 'identifier' ? t.text : ' ')).join('');
  const qualifier = singleRelationQualifier(code);
  if (qualifier === null) return normalizeExpression(definition);
  const qualified = qualifier.startsWith('"')
    ? null
    : new RegExp(`(^|[^\\w$."])${qualifier.replace(/\$/g, '\\$')}\\.(?=[a-z_"])`, 'g');
  const text = tokens
    .map((token, i) => {
      if (token.kind === 'identifier' && token.text === qualifier && tokens[i + 1]?.text.startsWith('.')) return '\u0000';
      if (token.kind === 'code' && qualified) return token.text.replace(qualified, '$1');
      return token.text;
    })
    .join('')
    .replace(/\u0000\./g, '');
  return normalizeExpression(text);
}
