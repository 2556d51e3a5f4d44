// One extracted statement → what the rules check: facts per SQL statement in it, or a parse error.
// Pure and plain data in/out, so it runs inside worker threads as well.
import type { AnalyzedStatement, BuilderStatement, ExtractedStatement, SqlStatement, UnresolvedStatement } from './facts.js';
import { analyzeStatement } from './sql/analyze.js';
import { parseSql } from './sql/parse.js';

export type StatementAnalysis =
  | { readonly kind: 'analyzed'; readonly statement: SqlStatement | BuilderStatement; readonly items: readonly AnalyzedStatement[] }
  | { readonly kind: 'parse-error'; readonly statement: SqlStatement; readonly message: string; readonly position: number | null }
  | { readonly kind: 'unresolved'; readonly statement: UnresolvedStatement };

export function analyzeExtracted(statement: ExtractedStatement): StatementAnalysis {
  if (statement.kind === 'unresolved') return { kind: 'unresolved', statement };
  if (statement.kind === 'builder') {
    return { kind: 'analyzed', statement, items: [{ statement, facts: statement.facts, part: 0, text: statement.text }] };
  }
  const analyzed = analyzeSqlText(statement.sql);
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
