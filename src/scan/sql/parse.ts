// The one file that talks to libpg-query, the real PostgreSQL 18 parser compiled to WASM.
// https://github.com/launchql/libpg-query-node
// Offsets: libpg-query reports statement and node locations as UTF-8 byte offsets, but the error
// cursor as a character offset; everything leaving this file is in JS string (UTF-16) indexes.
import { loadModule, parseSync, scanSync } from 'libpg-query';

let loaded: Promise<void> | null = null;

/** Must resolve once before any parse; cheap to call again. */
export function loadSqlParser(): Promise<void> {
  loaded ??= loadModule();
  return loaded;
}

/** A parse-tree node: `{ InsertStmt: {…} }`. The @pgsql/types shapes are large; rules read them structurally. */
export type AstNode = Record<string, unknown>;

export interface ParsedStatement {
  /** the statement node, e.g. `{ InsertStmt: {…} }` */
  readonly node: AstNode;
  /** this statement's text, trimmed */
  readonly text: string;
  /** where `text` starts in the whole SQL string (UTF-16 index) */
  readonly start: number;
}

export type ParseResult =
  | { readonly ok: true; readonly statements: readonly ParsedStatement[] }
  | { readonly ok: false; readonly message: string; /** 0-based UTF-16 index, null when unknown */ readonly position: number | null };

interface RawStatement {
  stmt: AstNode;
  stmt_location?: number;
  stmt_len?: number;
}

export function parseSql(sql: string): ParseResult {
  let tree: { stmts?: RawStatement[] };
  try {
    tree = parseSync(sql) as { stmts?: RawStatement[] };
  } catch (error) {
    const details = (error as { sqlDetails?: { cursorPosition?: number } }).sqlDetails;
    const message = error instanceof Error ? error.message : String(error);
    if (message.includes('not initialized')) throw error;
    return { ok: false, message, position: details?.cursorPosition ?? null };
  }
  const bytes = Buffer.from(sql, 'utf8');
  const ascii = bytes.length === sql.length;
  const toIndex = (byteOffset: number): number =>
    ascii ? byteOffset : bytes.subarray(0, byteOffset).toString('utf8').length;
  const statements = (tree.stmts ?? []).map((raw): ParsedStatement => {
    const startByte = raw.stmt_location ?? 0;
    const endByte = raw.stmt_len === undefined ? bytes.length : startByte + raw.stmt_len;
    const start = toIndex(startByte);
    const slice = sql.slice(start, toIndex(endByte));
    const leading = slice.length - slice.trimStart().length;
    return { node: raw.stmt, text: slice.trim(), start: start + leading };
  });
  return { ok: true, statements };
}

export interface SqlToken {
  /** UTF-16 indexes into the scanned string */
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** PostgreSQL's own lexer: tokens with positions, comments and whitespace dropped. */
export function scanSqlTokens(sql: string): SqlToken[] {
  const bytes = Buffer.from(sql, 'utf8');
  const ascii = bytes.length === sql.length;
  const toIndex = (byteOffset: number): number =>
    ascii ? byteOffset : bytes.subarray(0, byteOffset).toString('utf8').length;
  const result = scanSync(sql) as { tokens: { start: number; end: number; text: string }[] };
  return result.tokens.map((t) => ({ start: toIndex(t.start), end: toIndex(t.end), text: t.text }));
}

/** libpg-query node locations are byte offsets; convert one for `sql`. */
export function byteToIndex(sql: string, byteOffset: number): number {
  if (Buffer.byteLength(sql, 'utf8') === sql.length) return byteOffset;
  return Buffer.from(sql, 'utf8').subarray(0, byteOffset).toString('utf8').length;
}
