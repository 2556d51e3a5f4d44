// --verify: ask the target PostgreSQL itself about every extracted statement, executing nothing.
// Inside one `BEGIN READ ONLY` transaction that is always rolled back, each statement is planned:
// `EXPLAIN (GENERIC_PLAN)` on 16+, `PREPARE` + `EXPLAIN EXECUTE s(NULL, …)` under
// `plan_cache_mode = force_generic_plan` before. PREPARE alone is not enough: ON CONFLICT arbiter
// inference (42P10) happens in the planner. A savepoint per statement keeps one rejection from
// aborting the rest. Execution-time failures (deferrable arbiters, NOT NULL) stay static-only.
import type { Finding, Location } from '../findings/finding.js';
import type { Queryable } from '../introspect/queryable.js';
import type { StatementAnalysis } from './analyze-statement.js';
import type { AnalyzedStatement } from './facts.js';
import type { SchemaIndex } from './schema-index.js';
import { sqlFilesNote } from './check.js';
import { migrationViews } from './migration-context.js';
import { relationText } from './rules/describe.js';
import { verifyRejected } from './rules/verify-rejected.js';

const PLANNABLE = new Set(['select', 'insert', 'update', 'delete', 'merge']);
/** rejections that say more about a statement planned out of context than about the schema */
const NOT_A_VERDICT = new Set(['42P18', '42P08', '57014', '25006']);

interface Rejection {
  readonly code: string;
  readonly message: string;
}

function ruleFor(rejection: Rejection, item: AnalyzedStatement): string {
  const { code, message } = rejection;
  if (code === '42P10') return 'on-conflict-no-arbiter';
  if (code === '42809' && /ON CONFLICT/i.test(message)) return 'on-conflict-no-arbiter';
  if (code === '42704' && item.facts.onConflict?.target?.kind === 'constraint' && /^constraint /.test(message)) return 'on-conflict-no-arbiter';
  if (code === '42P01') return 'unknown-table';
  if (code === '42703') return 'unknown-column';
  if (code === '42883' && /operator does not exist: json |function jsonb_\w+\(json[,)]/.test(message)) return 'jsonb-operator-on-json';
  if (code === '42883' && /operator does not exist: (text|character varying) (->|->>|#>|#>>|@>|<@|\?|-|= json|<> json)|function jsonb?_\w+\((text|character varying)[,)]/.test(message)) return 'json-operator-on-text';
  // COALESCE of a json column with a jsonb operand (either order), or of a text column with a json/jsonb one
  if (code === '42846' && /^COALESCE could not convert type jsonb? to jsonb?$/.test(message)) return 'jsonb-operator-on-json';
  if (code === '42804' && /^COALESCE types (text|character varying) and jsonb?|^COALESCE types jsonb? and (text|character varying)/.test(message)) return 'json-operator-on-text';
  return verifyRejected.id;
}

function parameterCount(sql: string): number {
  let max = 0;
  for (const match of sql.matchAll(/\$(\d+)/g)) max = Math.max(max, Number(match[1]));
  return max;
}

/**
 * `$n` in EXPLAIN (GENERIC_PLAN) must not meet the extended protocol, which would want values bound:
 * node-postgres sends a query without values as a simple query; PGlite's query() always binds, its
 * exec() does not.
 */
function simpleQuery(db: Queryable, sql: string): Promise<unknown> {
  const exec = (db as { exec?: unknown }).exec;
  return typeof exec === 'function' ? (exec as (sql: string) => Promise<unknown>).call(db, sql) : db.query(sql);
}

async function plan(db: Queryable, sql: string, generic: boolean): Promise<Rejection | null> {
  await db.query('SAVEPOINT schema_diff_verify');
  try {
    if (generic) await simpleQuery(db, `EXPLAIN (GENERIC_PLAN) ${sql}`);
    else {
      await db.query(`PREPARE schema_diff_verify AS ${sql}`);
      const count = parameterCount(sql);
      const args = count === 0 ? '' : `(${Array.from({ length: count }, () => 'NULL').join(', ')})`;
      await db.query(`EXPLAIN EXECUTE schema_diff_verify${args}`);
    }
    await db.query('ROLLBACK TO SAVEPOINT schema_diff_verify');
    return null;
  } catch (error) {
    await db.query('ROLLBACK TO SAVEPOINT schema_diff_verify');
    const code = (error as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : '', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Statements PostgreSQL can be asked about: plannable, fully known, not on tables the code creates. */
function askable(item: AnalyzedStatement, schema: SchemaIndex): boolean {
  if (item.statement.kind !== 'sql' || item.statement.verifiable === false || item.statement.runtimeSchema) return false;
  if (!PLANNABLE.has(item.facts.command)) return false;
  return item.facts.tables.every((t) => schema.lookup(t).status !== 'opaque');
}

export async function verifyStatements(db: Queryable, analyses: readonly StatementAnalysis[], schema: SchemaIndex): Promise<Finding[]> {
  // a migration's statements on the tables it changes ran against an earlier shape: not asked
  const byFile = new Map<string, StatementAnalysis[]>();
  for (const a of analyses) {
    const list = byFile.get(a.statement.location.file);
    if (list) list.push(a);
    else byFile.set(a.statement.location.file, [a]);
  }
  const views = new Map([...byFile].map(([file, list]) => [file, migrationViews(schema, list)]));
  const items = analyses.flatMap((a) =>
    a.kind === 'analyzed' ? a.items.filter((item) => askable(item, views.get(a.statement.location.file)?.(a) ?? schema)) : [],
  );
  if (items.length === 0) return [];
  const version = Number((await db.query<{ server_version_num: string }>('SHOW server_version_num')).rows[0]?.server_version_num ?? 0);
  const generic = version >= 160000;
  const findings: Finding[] = [];
  const planned = new Map<string, Rejection | null>();
  await db.query('BEGIN READ ONLY');
  try {
    await db.query("SET LOCAL statement_timeout = '10s'");
    if (!generic) await db.query('SET LOCAL plan_cache_mode = force_generic_plan');
    for (const item of items) {
      // one facts entry per nested statement; the SQL text is what PostgreSQL is asked
      if (!planned.has(item.text)) {
        planned.set(item.text, await plan(db, item.text, generic));
        if (!generic) await db.query('DEALLOCATE ALL');
      }
      const rejection = planned.get(item.text);
      if (!rejection || NOT_A_VERDICT.has(rejection.code)) continue;
      findings.push(rejectionFinding(item, rejection, version));
    }
  } finally {
    await db.query('ROLLBACK');
  }
  return dedupe(findings);
}

function rejectionFinding(item: AnalyzedStatement, rejection: Rejection, version: number): Finding {
  const location: Location = item.statement.location;
  const target = item.facts.target ?? item.facts.tables[0] ?? null;
  const major = Math.floor(version / 10000);
  return {
    rule: ruleFor(rejection, item),
    severity: 'error',
    category: 'code',
    object: target
      ? { kind: 'statement', schema: target.schema ?? 'public', table: target.name, name: target.name }
      : { kind: 'statement', name: item.text.slice(0, 40) },
    message: `${location.file}:${location.line}:${location.column}: PostgreSQL ${major} rejects this ${item.facts.command.toUpperCase()}${target ? ` on ${relationText(target)}` : ''} when planning it: ${rejection.code} ${rejection.message}${sqlFilesNote(item.statement)}`,
    locations: [location],
    sql: item.text,
    verified: true,
  };
}

function keyOf(finding: Finding): string {
  const l = finding.locations?.[0];
  return `${finding.rule}\u0000${l?.file}:${l?.line}:${l?.column}`;
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${keyOf(f)}\u0000${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Static findings PostgreSQL confirmed become `verified: true`; rejections no static rule saw are
 * added. Static findings PostgreSQL cannot see at planning time (deferrable arbiters, NOT NULL) stay.
 */
export function mergeVerified(staticFindings: readonly Finding[], verified: readonly Finding[]): Finding[] {
  const confirmed = new Set(verified.map(keyOf));
  const known = new Set(staticFindings.map(keyOf));
  return [
    ...staticFindings.map((f) => (confirmed.has(keyOf(f)) ? { ...f, verified: true } : f)),
    ...verified.filter((f) => !known.has(keyOf(f))),
  ];
}
