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
  const parsed = parseSql(statement.sql);
  if (!parsed.ok) return { kind: 'parse-error', statement, message: parsed.message, position: parsed.position };
  const items: AnalyzedStatement[] = [];
  parsed.statements.forEach((parsedStatement, part) => {
    for (const facts of analyzeStatement(parsedStatement.node, statement.sql)) {
      items.push({ statement, facts, part, text: parsedStatement.text });
    }
  });
  return { kind: 'analyzed', statement, items };
}
