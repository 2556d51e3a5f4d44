// Suggested SQL for findings: statements that make target behave like source. Built from the snapshot's
// own catalog text (format_type, pg_get_expr, pg_get_constraintdef), quoted with quoteIdent.
import type { Column, Routine, Table, View } from '../snapshot/types.js';
import { quoteIdent } from '../snapshot/identifiers.js';
import { sqlName } from './objects.js';

/**
 * pg_get_indexdef's CREATE INDEX as a statement to run. why: for a partitioned table it prints `ON ONLY`, which
 * creates the index on the parent alone, invalid until every partition's index is attached by hand (and an
 * invalid index is no ON CONFLICT arbiter); without ONLY PostgreSQL builds and attaches the partitions' indexes.
 */
export function createIndexSql(definition: string): string {
  return `${definition.replace(/^(CREATE (?:UNIQUE )?INDEX .*? ON )ONLY /, '$1')};`;
}

/** `ai_context jsonb DEFAULT '{}'::jsonb NOT NULL`, as in CREATE TABLE or ADD COLUMN. */
export function columnDefinitionSql(column: Column): string {
  const parts = [quoteIdent(column.name), column.type];
  if (column.collation) parts.push(`COLLATE ${column.collation}`);
  if (column.identity) parts.push(`GENERATED ${column.identity === 'always' ? 'ALWAYS' : 'BY DEFAULT'} AS IDENTITY`);
  if (column.generated) parts.push(`GENERATED ALWAYS AS (${column.generated}) ${column.generatedKind === 'virtual' ? 'VIRTUAL' : 'STORED'}`);
  if (column.default !== null) parts.push(`DEFAULT ${column.default}`);
  if (!column.nullable) parts.push('NOT NULL');
  return parts.join(' ');
}

/** CREATE TABLE with columns and constraints (indexes, triggers, policies and grants come with their own findings' fixes). */
export function createTableSql(table: Table): string {
  const lines = [
    ...table.columns.map(columnDefinitionSql),
    ...table.constraints.map((c) => `CONSTRAINT ${quoteIdent(c.name)} ${c.definition}`),
  ];
  const partition = table.partitionKey ? ` PARTITION BY ${table.partitionKey}` : '';
  return `CREATE TABLE ${sqlName(table)} (\n  ${lines.join(',\n  ')}\n)${partition};`;
}

export function alterTable(relation: { schema: string; name: string }, action: string): string {
  return `ALTER TABLE ${sqlName(relation)} ${action};`;
}

/**
 * Give a column source's type back. A default of the old type cannot always be cast (text '{}' → jsonb
 * fails), so the default is dropped first and source's put back after.
 */
export function changeColumnTypeSql(relation: { schema: string; name: string }, source: Column, target: Column): string {
  const column = quoteIdent(source.name);
  const statements: string[] = [];
  if (target.default !== null) statements.push(alterColumn(relation, source.name, 'DROP DEFAULT'));
  statements.push(alterColumn(relation, source.name, `TYPE ${source.type}${source.collation ? ` COLLATE ${source.collation}` : ''} USING ${column}::${source.type}`));
  if (source.default !== null && (target.default !== null || source.default !== target.default))
    statements.push(alterColumn(relation, source.name, `SET DEFAULT ${source.default}`));
  return statements.join('\n');
}

export function alterColumn(relation: { schema: string; name: string }, column: string, action: string): string {
  return alterTable(relation, `ALTER COLUMN ${quoteIdent(column)} ${action}`);
}

/** The text to put after `COMMENT ON … IS`. */
export function commentLiteral(comment: string | null): string {
  return comment === null ? 'NULL' : `'${comment.replace(/'/g, "''")}'`;
}

/** A dollar quote tag the body does not contain. */
function dollarQuote(body: string): string {
  let tag = '$function$';
  for (let i = 1; body.includes(tag); i += 1) tag = `$function${i}$`;
  return tag;
}

/** CREATE OR REPLACE for functions and procedures (aggregates and window functions have no such form here). */
export function createRoutineSql(routine: Routine): string | null {
  if (routine.kind !== 'function' && routine.kind !== 'procedure') return null;
  const head = `CREATE OR REPLACE ${routine.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${sqlName(routine)}(${routine.arguments})`;
  const options = [
    routine.returns === null ? '' : ` RETURNS ${routine.returns}`,
    ` LANGUAGE ${routine.language}`,
    routine.kind === 'function' ? ` ${routine.volatility.toUpperCase()}` : '',
    routine.strict ? ' STRICT' : '',
    routine.securityDefiner ? ' SECURITY DEFINER' : '',
    ...routine.config.map((setting) => {
      const eq = setting.indexOf('=');
      return ` SET ${setting.slice(0, eq)} = '${setting.slice(eq + 1).replace(/'/g, "''")}'`;
    }),
  ].join('');
  // why: SQL-standard bodies (PostgreSQL 14+) are stored parsed and printed as BEGIN ATOMIC … END / RETURN …
  if (/^(BEGIN ATOMIC\b|RETURN\b)/.test(routine.definition.trimStart())) return `${head}${options}\n${routine.definition};`;
  const quote = dollarQuote(routine.definition);
  return `${head}${options}\nAS ${quote}${routine.definition}${quote};`;
}

export function createViewSql(view: View): string {
  const body = view.definition.trim().replace(/;$/, '');
  return view.materialized
    ? `CREATE MATERIALIZED VIEW ${sqlName(view)} AS\n${body};`
    : `CREATE OR REPLACE VIEW ${sqlName(view)} AS\n${body};`;
}

/** Restore source's view over target's: CREATE OR REPLACE can only append columns, otherwise drop first. */
export function replaceViewSql(source: View, target: View): string {
  const keepsColumns = target.columns.every((c, i) => source.columns[i]?.name === c.name && source.columns[i]?.type === c.type);
  if (!source.materialized && !target.materialized && keepsColumns) return createViewSql(source);
  return `DROP ${target.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${sqlName(target)};\n${createViewSql(source).replace('CREATE OR REPLACE VIEW', 'CREATE VIEW')}`;
}
