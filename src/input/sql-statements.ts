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

/** Parse every segment; a syntax error stops with file:line:column and the parser's message. */
export async function planStatements(segments: readonly SqlSegment[]): Promise<SqlPlan> {
  await ensureParser();
  const statements: SqlStatement[] = [];
  const referenced = new Set<string>();
  const created = new Set<string>();
  for (const segment of segments) {
    let parsed: { stmts?: { stmt: Node; stmt_location?: number; stmt_len?: number }[] };
    try {
      parsed = parseSync(segment.text) as typeof parsed;
    } catch (error) {
      const details = (error as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
      const where = locationOf(segment, details?.cursorPosition ?? 0);
      throw new InputError(`${where}: ${details?.message ?? (error as Error).message}`);
    }
    const bytes = Buffer.from(segment.text, 'utf8');
    const ascii = bytes.length === segment.text.length;
    for (const entry of parsed.stmts ?? []) {
      const byteStart = entry.stmt_location ?? 0;
      const byteEnd = entry.stmt_len === undefined ? bytes.length : byteStart + entry.stmt_len;
      const text = ascii ? segment.text.slice(byteStart, byteEnd) : bytes.subarray(byteStart, byteEnd).toString('utf8');
      const start = ascii ? byteStart : bytes.subarray(0, byteStart).toString('utf8').length;
      const [kind, body] = Object.entries(entry.stmt)[0] as [string, Node];
      if (ROLE_BEARING.has(kind)) collectRoles(body, referenced);
      if (kind === 'CreateRoleStmt' && typeof body.role === 'string') created.add(body.role);
      // why: leading whitespace/comments are trimmed from the start so locations point at the first token
      const lead = text.length - text.trimStart().length;
      statements.push({
        segment,
        start: start + lead,
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
