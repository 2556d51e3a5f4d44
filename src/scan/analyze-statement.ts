// One extracted statement → what the rules check: facts per SQL statement in it, or a parse error.
// Pure and plain data in/out, so it runs inside worker threads as well.
import type { AnalyzedStatement, BuilderStatement, ExtractedStatement, SqlStatement, UnresolvedStatement } from './facts.js';
import { analyzeStatement } from './sql/analyze.js';
import { parseSql } from './sql/parse.js';

export type StatementAnalysis =
  | { readonly kind: 'analyzed'; readonly statement: SqlStatement | BuilderStatement; readonly items: readonly AnalyzedStatement[] }
  | { readonly kind: 'parse-error'; readonly statement: SqlStatement; readonly message: string; readonly position: number | null }
  | { readonly kind: 'unresolved'; readonly statement: UnresolvedStatement };

/**
 * Libraries whose `$n` placeholders the extractor wrote for template holes (`sql`…${x}…``), rather
 * than the author for bound values (pg, pg-promise, knex raw).
 */
const HOLES_NUMBERED_BY_US = new Set<SqlStatement['library']>(['slonik', 'postgres-js', 'prisma', 'drizzle', 'kysely']);
const HOLE_AS_NAME = 'a template hole stands for an identifier or SQL fragment built at run time';

/**
 * A hole the scanner took for a bound value may be a table or column name the code computes
 * (logto: `sql`select ${fields.id} from ${table}``, 404 of its 457 parse errors). When the SQL
 * parses once every `$n` is read as a name (or a clause, or nothing), the syntax error is ours, not the
 * code's: not checked. A real syntax error next to a hole can hide this way; it stays not checked.
 */
function holesAreNames(statement: SqlStatement): boolean {
  if (!HOLES_NUMBERED_BY_US.has(statement.library) || !/\$\d/.test(statement.sql)) return false;
  const lists = statement.sql
    // `values ${rows}` and `set ${assignments}` are lists built at run time
    .replace(/\bvalues\s+\$(\d+)/gi, 'values (hole_$1)')
    .replace(/\bset\s+\$(\d+)/gi, 'set hole_$1 = null');
  // a hole right after another hole, a closing parenthesis or ASC/DESC may be a fragment (a WHERE,
  // ORDER BY or LIMIT clause the code adds conditionally): read as nothing
  const fragments = lists.replace(/([)]|\$\d+|\basc|\bdesc)(\s+\$\d+)+/gi, '$1');
  return [lists, fragments].some((text) => parseSql(text.replace(/\$(\d+)/g, 'hole_$1')).ok);
}

export function analyzeExtracted(statement: ExtractedStatement): StatementAnalysis {
  if (statement.kind === 'unresolved') return { kind: 'unresolved', statement };
  if (statement.kind === 'builder') {
    return { kind: 'analyzed', statement, items: [{ statement, facts: statement.facts, part: 0, text: statement.text }] };
  }
  const analyzed = analyzeSqlText(statement.sql);
  if (!analyzed.ok && holesAreNames(statement)) {
    const { location, library, arrayEncoding, variant } = statement;
    return { kind: 'unresolved', statement: { location, library, arrayEncoding, ...(variant ? { variant } : {}), kind: 'unresolved', reason: HOLE_AS_NAME } };
  }
  if (!analyzed.ok) return { kind: 'parse-error', statement, message: analyzed.message, position: analyzed.position };
  return { kind: 'analyzed', statement, items: analyzed.parts.map((part) => ({ statement, ...part })) };
}

type SqlAnalysis =
  | { readonly ok: true; readonly parts: readonly Omit<AnalyzedStatement, 'statement'>[] }
  | { readonly ok: false; readonly message: string; readonly position: number | null };

/** Facts depend on the SQL text alone, and real code repeats statements (loops, copies): parse each text once. */
const analysisCache = new Map<string, SqlAnalysis>();
const CACHE_LIMIT = 20_000;

function analyzeSqlText(sql: string): SqlAnalysis {
  const cached = analysisCache.get(sql);
  if (cached) return cached;
  const parsed = parseSql(sql);
  let result: SqlAnalysis;
  if (!parsed.ok) result = { ok: false, message: parsed.message, position: parsed.position };
  else {
    const parts: Omit<AnalyzedStatement, 'statement'>[] = [];
    parsed.statements.forEach((parsedStatement, part) => {
      for (const facts of analyzeStatement(parsedStatement.node, sql)) parts.push({ facts, part, text: parsedStatement.text });
    });
    result = { ok: true, parts };
  }
  if (analysisCache.size >= CACHE_LIMIT) analysisCache.clear();
  analysisCache.set(sql, result);
  return result;
}
