// Canonical text for expressions PostgreSQL deparses (defaults, checks, index keys and predicates, policy
// expressions, view bodies): two spellings with one meaning must compare equal, or every run reports noise.
// The result is a comparison key, never SQL to run.
import { tokenizeSql } from './sql-text.js';

const LITERAL = '\u0001';
const QUOTED = '\u0002';
const IDENT = `(?:[A-Za-z_][\\w$]*|${QUOTED}\\d+${QUOTED})`;
const TYPE_NAME =
  `(?:${IDENT}\\.)?(?:character varying|double precision|bit varying|` +
  `(?:timestamp|time)(?:\\(\\d+\\))? with(?:out)? time zone|${IDENT})(?:\\(\\d+(?:,\\d+)?\\))?(?:\\[\\])*`;
const CONSTANT = `(?<![\\w$.])(?:${LITERAL}\\d+${LITERAL}|-?\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?|NULL|true|false)`;
const CAST_CHAIN = `(?:::${TYPE_NAME})+`;
const STRING_TYPE =
  '(?:text|character varying(?:\\(\\d+\\))?|varchar(?:\\(\\d+\\))?|bpchar|character\\(\\d+\\)|name)(?:\\[\\])?';

const NOW_LITERAL = /\(?'now'(?:::text)?\)?::(date|timestamp with time zone|timestamp without time zone)/g;
const CURRENT_OF: Record<string, string> = {
  date: 'CURRENT_DATE',
  'timestamp with time zone': 'now()',
  'timestamp without time zone': 'LOCALTIMESTAMP',
};

const REWRITES: readonly [RegExp, string][] = [
  // layout
  [/\s+/g, ' '],
  [/([([]) /g, '$1'],
  [/ ([)\],])/g, '$1'],
  [/, ?/g, ', '],
  [/ ?:: ?/g, '::'],
  // objects in pg_catalog are found without qualification
  [/\bpg_catalog\./g, ''],
  // `'x'::text` = `'x'::character varying` = `'x'`; `(0)::numeric` = `0`: the column type is compared on its own
  [new RegExp(`\\((${CONSTANT})\\)(?=::)`, 'g'), '$1'],
  [new RegExp(`(${CONSTANT})${CAST_CHAIN}`, 'g'), '$1'],
  // a varchar column is cast to text where a text column is not: the type change is reported by itself
  [new RegExp(`::${STRING_TYPE}(?![\\w(])`, 'g'), ''],
  // redundant parentheses around one operand, never a call's argument list: `((a))` = `a`
  [new RegExp(`(^|[^\\w$\\]${QUOTED}${LITERAL}])\\((${IDENT}(?:\\.${IDENT})*|${CONSTANT})\\)`, 'g'), '$1$2'],
  // the same function under three names (SQL standard, PostgreSQL, and the alias now() resolves to)
  [/\b(?:CURRENT_TIMESTAMP|transaction_timestamp\(\))(?!\()/g, 'now()'],
];

function stripOuterParentheses(text: string): string {
  let result = text;
  for (;;) {
    if (!result.startsWith('(') || !result.endsWith(')')) return result;
    let depth = 0;
    for (let i = 0; i < result.length; i += 1) {
      if (result[i] === '(') depth += 1;
      else if (result[i] === ')') depth -= 1;
      if (depth === 0 && i < result.length - 1) return result;
    }
    result = result.slice(1, -1).trim();
  }
}

/** `((x))` → `(x)` for any balanced x: PostgreSQL adds a pair around casts of parenthesized expressions. */
function collapseDoubleParentheses(text: string): string {
  const match = new Map<number, number>();
  const open: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    if (text[i] === '(') open.push(i);
    else if (text[i] === ')') {
      const start = open.pop();
      if (start !== undefined) match.set(start, i);
    }
  }
  const drop = new Set<number>();
  for (const [start, end] of match) {
    if (text[start + 1] === '(' && match.get(start + 1) === end - 1) drop.add(start).add(end);
  }
  return drop.size === 0 ? text : [...text].filter((_, i) => !drop.has(i)).join('');
}

// why: one expression is normalized several times per run (both sides, key and rule); the function is pure
const memo = new Map<string, string>();
const MEMO_LIMIT = 50_000;

/** `(h > (0)::numeric)` → `h > 0`; literals and quoted identifiers are kept byte for byte. */
export function normalizeExpression(expression: string): string {
  const known = memo.get(expression);
  if (known !== undefined) return known;
  const result = normalizeUncached(expression);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(expression, result);
  return result;
}

function normalizeUncached(expression: string): string {
  const literals: string[] = [];
  const quoted: string[] = [];
  let code = '';
  // `'now'::date` is evaluated when the row is written, like CURRENT_DATE (pg_dump of old schemas has it)
  const current = expression.replace(NOW_LITERAL, (_, type: string) => CURRENT_OF[type] ?? _);
  for (const token of tokenizeSql(current.trim().replace(/;\s*$/, ''))) {
    if (token.kind === 'string' || token.kind === 'dollar') {
      literals.push(token.text);
      code += `${LITERAL}${literals.length - 1}${LITERAL}`;
    } else if (token.kind === 'identifier') {
      quoted.push(token.text);
      code += `${QUOTED}${quoted.length - 1}${QUOTED}`;
    } else if (token.kind === 'comment') code += ' ';
    else code += token.text;
  }
  let previous = '';
  while (previous !== code) {
    previous = code;
    for (const [pattern, replacement] of REWRITES) code = code.replace(pattern, replacement);
    code = stripOuterParentheses(collapseDoubleParentheses(code.trim()));
  }
  return code
    .replace(new RegExp(`${LITERAL}(\\d+)${LITERAL}`, 'g'), (_, i: string) => literals[Number(i)] ?? '')
    .replace(new RegExp(`${QUOTED}(\\d+)${QUOTED}`, 'g'), (_, i: string) => quoted[Number(i)] ?? '');
}

export interface DefaultContext {
  /** the table's schema: an unqualified sequence name in nextval() lives there */
  readonly schema: string;
  /** the sequence owned by this column (serial), qualified: `public.clients_id_seq` */
  readonly ownedSequence: string | null;
}

const NEXTVAL = /nextval\('((?:[^']|'')+)'(?:::regclass)?\)/g;

function unquoteName(part: string): string {
  return part.startsWith('"') ? part.slice(1, -1).replace(/""/g, '"') : part;
}

/** Split `public."My Seq"` into its parts, honouring quotes. */
function splitQualified(name: string): string[] {
  return (name.match(/"(?:[^"]|"")*"|[^.]+/g) ?? []).map(unquoteName);
}

/**
 * A column default as a comparison key: `nextval('clients_id_seq'::regclass)` becomes `nextval(<owned>)` when
 * the sequence is the column's own (serial), so the generated sequence name (`_seq` vs `_seq1`) and its
 * qualification are not differences.
 */
export function normalizeDefault(expression: string, context: DefaultContext): string {
  const withSequences = expression.replace(NEXTVAL, (_, raw: string) => {
    const parts = splitQualified(raw.replace(/''/g, "'"));
    const qualified = parts.length >= 2 ? parts.slice(-2).join('.') : `${context.schema}.${parts[0] ?? ''}`;
    return qualified === context.ownedSequence ? 'nextval(<owned sequence>)' : `nextval(<${qualified}>)`;
  });
  return normalizeExpression(withSequences);
}
