// Small pieces every builder extractor assembles QueryFacts from: names written as strings
// (`'public.clients as c'`, `'c.name as n'`), column uses, value bindings, conflict targets written
// as SQL text, and the statement envelope.
import { ts } from '../../typescript.js';
import type {
  ArrayEncoding,
  BuilderStatement,
  ColumnBinding,
  ColumnUse,
  ConflictElement,
  ConflictTarget,
  ExtractedStatement,
  Library,
  Location,
  QueryFacts,
  RelationName,
  TableRef,
} from '../../facts.js';
import { skipWrappers } from './chain.js';
import { typeSiteOf, type RowValue } from './rows.js';
import { valueKind as kindOfValue } from '../value-kind.js';

const IDENT = '[A-Za-z_$][\\w$]*';
const TABLE_PATTERN = new RegExp(`^\\s*(?:(${IDENT})\\.)?(${IDENT})(?:\\s+(?:as\\s+)?(${IDENT}))?\\s*$`, 'i');

/** `'clients'`, `'public.clients'`, `'clients as c'`, `'clients c'` → a table reference; null otherwise. */
export function parseTableName(text: string, defaultSchema: string | null = null): TableRef | null {
  const match = TABLE_PATTERN.exec(text);
  if (!match) return null;
  return { schema: match[1] ?? defaultSchema, name: match[2]!, alias: match[3] ?? null };
}

export interface ColumnName {
  /** the table or alias before the dot, or null */
  readonly qualifier: string | null;
  /** null for `*` and `t.*` */
  readonly column: string | null;
}

const COLUMN_PATTERN = new RegExp(`^\\s*(?:(${IDENT})\\.)?(\\*|${IDENT})(?:\\s+as\\s+${IDENT})?\\s*$`, 'i');

/** `'name'`, `'c.name'`, `'c.name as n'`, `'*'` → parts; null for anything else (expressions, raw SQL). */
export function parseColumnName(text: string): ColumnName | null {
  const match = COLUMN_PATTERN.exec(text);
  if (!match) return null;
  return { qualifier: match[1] ?? null, column: match[2] === '*' ? null : match[2]! };
}

/** The relations an unqualified or qualified column name may belong to. */
export function relationsFor(qualifier: string | null, tables: readonly TableRef[]): RelationName[] {
  const plain = (t: TableRef): RelationName => ({ schema: t.schema, name: t.name });
  if (qualifier === null) return tables.map(plain);
  const byAlias = tables.find((t) => t.alias === qualifier);
  if (byAlias) return [plain(byAlias)];
  const byName = tables.find((t) => t.alias === null && t.name === qualifier);
  return byName ? [plain(byName)] : [];
}

export function columnUse(column: string, relations: readonly RelationName[], access: 'read' | 'write', openScope = false): ColumnUse {
  return { column, relations, openScope, access };
}

/** A value the code binds to a column: its kind from syntax, a type site when syntax cannot tell. */
export function bindingOf(relation: RelationName, column: string, value: ts.Expression, sourceFile: ts.SourceFile): ColumnBinding {
  const valueKind = kindOfValue(value, sourceFile);
  const node = skipWrappers(value);
  const literal = ts.isStringLiteralLike(node)
    ? `'${node.text.replace(/'/g, "''")}'`
    : ts.isNumericLiteral(node)
      ? node.text
      : null;
  return {
    relation: { schema: relation.schema, name: relation.name },
    column,
    param: null,
    valueKind,
    literal,
    ...(valueKind === 'unknown' ? { typeSite: typeSiteOf(value, sourceFile) } : {}),
  };
}

export function bindingsOf(relation: RelationName, values: readonly RowValue[], sourceFile: ts.SourceFile, columnOf = (key: string): string | null => key): ColumnBinding[] {
  const bindings: ColumnBinding[] = [];
  for (const { key, value } of values) {
    const column = columnOf(key);
    if (column !== null) bindings.push(bindingOf(relation, column, value, sourceFile));
  }
  return bindings;
}

function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let current = '';
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === "'" || char === '"') {
      quote = char;
    } else if (char === '(') {
      depth++;
    } else if (char === ')') {
      depth--;
    } else if (depth === 0 && char === separator) {
      parts.push(current);
      current = '';
      continue;
    }
    current += char;
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

const SIMPLE_COLUMN = /^(?:[A-Za-z_][\w$]*|"(?:[^"]|"")+")$/;

/** One inference element written as SQL: `email` / `"Email"` → a column, anything else an expression. */
export function conflictElement(text: string): ConflictElement {
  let inner = text.trim();
  while (inner.startsWith('(') && inner.endsWith(')') && splitTopLevel(inner.slice(1, -1), ',').length === 1 && balanced(inner.slice(1, -1))) {
    inner = inner.slice(1, -1).trim();
  }
  if (SIMPLE_COLUMN.test(inner)) {
    return { column: inner.startsWith('"') ? inner.slice(1, -1).replace(/""/g, '"') : inner.toLowerCase() };
  }
  return { expression: inner };
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** A conflict target written as raw SQL: `(lower(email)) where deleted_at is null` or `on constraint x`. */
export function conflictTargetFromSql(text: string): ConflictTarget | null {
  const trimmed = text.trim();
  const constraint = /^on\s+constraint\s+("(?:[^"]|"")+"|[A-Za-z_][\w$]*)\s*$/i.exec(trimmed);
  if (constraint) {
    const name = constraint[1]!;
    return { kind: 'constraint', name: name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name.toLowerCase() };
  }
  if (!trimmed.startsWith('(')) return null;
  let depth = 0;
  let close = -1;
  for (let i = 0; i < trimmed.length; i++) {
    if (trimmed[i] === '(') depth++;
    if (trimmed[i] === ')' && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) return null;
  const elements = splitTopLevel(trimmed.slice(1, close), ',').map(conflictElement);
  const rest = trimmed.slice(close + 1).trim();
  if (rest === '') return { kind: 'inference', elements, where: null };
  const where = /^where\s+([\s\S]+)$/i.exec(rest);
  return where ? { kind: 'inference', elements, where: where[1]!.trim() } : null;
}

/** QueryFacts with empty defaults for what a builder call does not say. */
export function builderFacts(parts: Partial<QueryFacts> & Pick<QueryFacts, 'command'>): QueryFacts {
  return {
    target: null,
    tables: [],
    columns: [],
    insertColumns: null,
    insertValueCount: null,
    onConflict: null,
    bindings: [],
    operators: [],
    createsTables: [],
    changesTables: [],
    functions: [],
    ...parts,
  };
}

export interface Envelope {
  readonly library: Library;
  readonly arrayEncoding: ArrayEncoding;
  readonly encodesJson?: true;
  readonly location: Location;
  readonly text: string;
}

export function builderStatement(envelope: Envelope, facts: QueryFacts): BuilderStatement {
  return { kind: 'builder', ...envelope, facts };
}

export function unresolvedStatement(envelope: Envelope, reason: string): ExtractedStatement {
  return { kind: 'unresolved', library: envelope.library, arrayEncoding: envelope.arrayEncoding, location: envelope.location, reason };
}

/** Dedupe column uses that say the same thing twice (a column filtered and selected). */
export function uniqueUses(uses: readonly ColumnUse[]): ColumnUse[] {
  const seen = new Set<string>();
  return uses.filter((u) => {
    const key = `${u.access}|${u.column}|${u.relations.map((r) => `${r.schema}.${r.name}`).join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
