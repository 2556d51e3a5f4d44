// A small lexer for SQL text as PostgreSQL prints it: enough to tell string literals, quoted identifiers,
// dollar-quoted bodies and comments apart from the code around them, so normalization never rewrites the
// inside of a literal.

export type SqlTokenKind = 'string' | 'identifier' | 'dollar' | 'comment' | 'space' | 'code';

export interface SqlToken {
  readonly kind: SqlTokenKind;
  readonly text: string;
}

function endOfQuoted(text: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < text.length) {
    if (text[i] === quote) {
      if (text[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return text.length;
}

function endOfEscapeString(text: string, start: number): number {
  let i = start + 2;
  while (i < text.length) {
    if (text[i] === '\\') i += 2;
    else if (text[i] === "'") {
      if (text[i + 1] === "'") i += 2;
      else return i + 1;
    } else i += 1;
  }
  return text.length;
}

function endOfBlockComment(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return text.length;
}

const DOLLAR_TAG = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/;

/** `/\s/.test(ch)` for one character, without the regular expression for ASCII (the common case). */
function isSpace(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return /\s/.test(ch);
}

export function tokenizeSql(text: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  // why a start index: the code between tokens is one slice of the text, not a string grown character by
  // character (function bodies made that most of a musicbrainz compare's time in function-changed)
  let codeStart = -1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const prev = i > 0 ? text[i - 1]! : '';
    let end = -1;
    let kind: SqlTokenKind = 'code';
    if (ch === "'") [end, kind] = [endOfQuoted(text, i, "'"), 'string'];
    else if ((ch === 'E' || ch === 'e') && text[i + 1] === "'" && !/[\w$]/.test(prev))
      [end, kind] = [endOfEscapeString(text, i), 'string'];
    else if (ch === '"') [end, kind] = [endOfQuoted(text, i, '"'), 'identifier'];
    else if (ch === '-' && text[i + 1] === '-') {
      const newline = text.indexOf('\n', i);
      [end, kind] = [newline === -1 ? text.length : newline, 'comment'];
    } else if (ch === '/' && text[i + 1] === '*') [end, kind] = [endOfBlockComment(text, i), 'comment'];
    else if (isSpace(ch)) {
      end = i + 1;
      while (end < text.length && isSpace(text[end]!)) end += 1;
      kind = 'space';
    } else if (ch === '$' && !/[\w$]/.test(prev)) {
      const tag = DOLLAR_TAG.exec(text.slice(i))?.[0];
      if (tag) {
        const close = text.indexOf(tag, i + tag.length);
        [end, kind] = [close === -1 ? text.length : close + tag.length, 'dollar'];
      }
    }
    if (end === -1) {
      if (codeStart === -1) codeStart = i;
      i += 1;
    } else {
      if (codeStart !== -1) tokens.push({ kind: 'code', text: text.slice(codeStart, i) });
      codeStart = -1;
      tokens.push({ kind, text: text.slice(i, end) });
      i = end;
    }
  }
  if (codeStart !== -1) tokens.push({ kind: 'code', text: text.slice(codeStart) });
  return tokens;
}

/**
 * Whitespace and comments reduced to single spaces, everything else verbatim. For bodies written by people
 * (function source), where only layout is cosmetic.
 */
export function normalizeLayout(text: string): string {
  const out: string[] = [];
  for (const token of tokenizeSql(text)) {
    if (token.kind === 'space' || token.kind === 'comment') {
      if (out.length > 0 && out[out.length - 1] !== ' ') out.push(' ');
    } else out.push(token.text);
  }
  return out.join('').trim();
}
