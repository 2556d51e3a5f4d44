// Split SQL segments into statements with the real PostgreSQL parser, and learn what loading them
// needs before running anything: extensions to provide, roles that must exist, statements that
// cannot share a transaction with others.
import { loadModule, parseSync } from 'libpg-query';
import { InputError } from '../errors.js';
import { lineColumnAt, type SqlSegment } from './psql-script.js';

export interface SqlStatement {
  readonly segment: SqlSegment;
  /** character offset of the statement in segment.text */
  readonly start: number;
  readonly text: string;
  /** the parse tree's node name, e.g. `CreateStmt`, `IndexStmt` */
  readonly kind: string;
  /** must run outside a transaction block (CREATE INDEX CONCURRENTLY, VACUUM, …) */
  readonly alone: boolean;
  /** what it creates later statements may not use in the same transaction (ALTER TYPE … ADD VALUE) */
  readonly endsBatch: boolean;
  /** CREATE EXTENSION name, else null */
  readonly extension: string | null;
}

export interface SqlPlan {
  readonly statements: SqlStatement[];
  /** roles the script refers to but does not create (GRANT … TO anon, OWNER TO, policies TO …) */
  readonly referencedRoles: string[];
}

let parserReady: Promise<void> | undefined;
export function ensureParser(): Promise<void> {
  parserReady ??= loadModule();
  return parserReady;
}

export function locationOf(statementOrSegment: { segment: SqlSegment; start: number } | SqlSegment, offset = 0): string {
  const segment = 'segment' in statementOrSegment ? statementOrSegment.segment : statementOrSegment;
  const base = 'segment' in statementOrSegment ? statementOrSegment.start : 0;
  const { line, column } = lineColumnAt(segment.text, base + offset);
  return `${segment.file}:${line}:${column}`;
}

type Node = Record<string, unknown>;

function collectRoles(node: unknown, into: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectRoles(item, into);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Node;
  if (record.roletype === 'ROLESPEC_CSTRING' && typeof record.rolename === 'string') into.add(record.rolename);
  for (const value of Object.values(record)) if (typeof value === 'object') collectRoles(value, into);
}

const ROLE_BEARING = new Set([
  'GrantStmt', 'GrantRoleStmt', 'CreatePolicyStmt', 'AlterPolicyStmt', 'AlterTableStmt', 'AlterOwnerStmt',
  'CreateSchemaStmt', 'AlterDefaultPrivilegesStmt', 'AlterRoleSetStmt', 'AlterRoleStmt', 'CreateRoleStmt',
  'CreateUserMappingStmt', 'AlterUserMappingStmt', 'ReassignOwnedStmt', 'CreatePublicationStmt', 'CreateSubscriptionStmt',
]);

function isAlone(kind: string, node: Node): boolean {
  switch (kind) {
    case 'IndexStmt':
    case 'DropStmt':
    case 'ReindexStmt':
      return node.concurrent === true || (kind === 'ReindexStmt' && JSON.stringify(node).includes('"concurrently"'));
    case 'VacuumStmt':
    case 'AlterSystemStmt':
    case 'CreatedbStmt':
    case 'DropdbStmt':
    case 'CreateTableSpaceStmt':
    case 'DropTableSpaceStmt':
      return true;
    default:
      return false;
  }
}

type ParsedEntry = { stmt: Node; stmt_location?: number; stmt_len?: number };

/** A statement as the parser found it: character offsets in the segment text. */
interface RawStatement {
  readonly start: number;
  readonly end: number;
  readonly stmt: Node;
}

function parsedEntries(text: string): ParsedEntry[] {
  return (parseSync(text) as { stmts?: ParsedEntry[] }).stmts ?? [];
}

function parseOrThrow(segment: SqlSegment, text: string): ParsedEntry[] {
  try {
    return parsedEntries(text);
  } catch (error) {
    const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    const where = locationOf(segment, details?.cursorPosition ?? 0);
    throw new InputError(`${where}: ${details?.message ?? (error as Error).message}`);
  }
}

/** Parse `text` (which starts at character `offset` of the segment) into statements with segment offsets. */
function rawStatements(entries: ParsedEntry[], text: string, offset: number): RawStatement[] {
  const bytes = Buffer.from(text, 'utf8');
  const ascii = bytes.length === text.length;
  // the parser's offsets are bytes and come in order: each is converted from the previous one, so a
  // long script with non-ASCII text costs one pass, not one decode from the start per statement
  let lastByte = 0;
  let lastChar = 0;
  const charAt = (byte: number) => {
    if (ascii) return byte;
    if (byte < lastByte) [lastByte, lastChar] = [0, 0];
    lastChar += bytes.subarray(lastByte, byte).toString('utf8').length;
    lastByte = byte;
    return lastChar;
  };
  return entries.map((entry) => {
    const byteStart = entry.stmt_location ?? 0;
    const byteEnd = entry.stmt_len === undefined ? bytes.length : byteStart + entry.stmt_len;
    return { start: offset + charAt(byteStart), end: offset + charAt(byteEnd), stmt: entry.stmt };
  });
}

// why: one parse of a whole multi-MB script builds its whole JSON tree at once (5,000 tables: 1.5 s
// and +319 MB RSS, and libpg-query's WASM heap never shrinks); parsed in pieces of about 64 KB cut
// after a `;` it takes 0.95 s and +57 MB. A piece is kept only when its last statement really ends at
// that `;` (not inside a string, comment, body or BEGIN ATOMIC); otherwise, and on any syntax error,
// the rest of the segment is parsed whole, exactly as before, so statements and messages do not change.
const PIECE_CHARACTERS = 64 * 1024;

function segmentStatements(segment: SqlSegment): RawStatement[] {
  const text = segment.text;
  const out: RawStatement[] = [];
  let from = 0;
  while (text.length - from > PIECE_CHARACTERS) {
    const cut = text.indexOf(';', from + PIECE_CHARACTERS);
    if (cut === -1) break;
    const piece = text.slice(from, cut + 1);
    let entries: ParsedEntry[];
    try {
      entries = parsedEntries(piece);
    } catch {
      break;
    }
    const statements = rawStatements(entries, piece, from);
    const last = statements[statements.length - 1];
    const lastEntry = entries[entries.length - 1];
    if (!last || lastEntry?.stmt_len === undefined || last.end !== cut) break;
    out.push(...statements);
    from = cut + 1;
  }
  if (from === 0) return rawStatements(parseOrThrow(segment, text), text, 0);
  const rest = text.slice(from);
  let entries: ParsedEntry[];
  try {
    entries = parsedEntries(rest);
  } catch {
    // the message and its position are the ones a parse of the whole segment gives
    return rawStatements(parseOrThrow(segment, text), text, 0);
  }
  out.push(...rawStatements(entries, rest, from));
  return out;
}

/** Parse every segment; a syntax error stops with file:line:column and the parser's message. */
export async function planStatements(segments: readonly SqlSegment[]): Promise<SqlPlan> {
  await ensureParser();
  const statements: SqlStatement[] = [];
  const referenced = new Set<string>();
  const created = new Set<string>();
  for (const segment of segments) {
    for (const raw of segmentStatements(segment)) {
      const text = segment.text.slice(raw.start, raw.end);
      const [kind, body] = Object.entries(raw.stmt)[0] as [string, Node];
      if (ROLE_BEARING.has(kind)) collectRoles(body, referenced);
      if (kind === 'CreateRoleStmt' && typeof body.role === 'string') created.add(body.role);
      // why: leading whitespace/comments are trimmed from the start so locations point at the first token
      const lead = text.length - text.trimStart().length;
      statements.push({
        segment,
        start: raw.start + lead,
        text: text.trim(),
        kind,
        alone: isAlone(kind, body),
        endsBatch: kind === 'AlterEnumStmt' || kind === 'CreateExtensionStmt',
        extension: kind === 'CreateExtensionStmt' ? String(body.extname) : null,
      });
    }
  }
  const referencedRoles = [...referenced].filter((r) => !created.has(r)).sort();
  return { statements, referencedRoles };
}
