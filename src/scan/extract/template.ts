// Tagged templates → SQL text with `$n` parameters. Each library says what its `${…}` holes mean
// (a bound value, a nested fragment, an identifier, a helper); this file does the numbering.
import { ts } from '../typescript.js';
import { skipWrappers } from './builders/chain.js';
import type { ParamFact, ValueKind } from '../facts.js';
import type { ExtractContext } from './types.js';

export type Hole =
  /** a bound value: `$n`, optionally cast (`$n::jsonb`) */
  | { readonly kind: 'param'; readonly value: ts.Expression | null; readonly valueKind?: ValueKind; readonly cast?: string }
  /** SQL spliced verbatim (a constant identifier, `sql.unsafe('…')` of a constant) */
  | { readonly kind: 'text'; readonly text: string }
  /** a nested fragment whose own holes follow the same rules */
  | { readonly kind: 'fragment'; readonly template: ts.TemplateLiteral }
  /** several holes joined by a separator (`sql.join`, `Prisma.join`) */
  | { readonly kind: 'sequence'; readonly holes: readonly Hole[]; readonly separator: string }
  | { readonly kind: 'unresolved'; readonly reason: string };

/** Decides what one `${expression}` means; `sqlBefore` is the SQL built so far (helpers depend on it). */
export type HoleClassifier = (expression: ts.Expression, sqlBefore: string) => Hole;

export type BuiltSql =
  | { readonly ok: true; readonly sql: string; readonly params: readonly ParamFact[] }
  | { readonly ok: false; readonly reason: string };

class Unresolved extends Error {}

export function buildSql(template: ts.TemplateLiteral, classify: HoleClassifier, context: ExtractContext): BuiltSql {
  const params: ParamFact[] = [];
  const render = (hole: Hole, before: string): string => {
    switch (hole.kind) {
      case 'param': {
        const index = params.length + 1;
        const fact: ParamFact = hole.value
          ? context.paramFact(hole.value, index)
          : { index, kind: hole.valueKind ?? 'unknown', text: '…', typeSite: null };
        params.push(hole.valueKind && hole.value ? { ...fact, kind: hole.valueKind, typeSite: null } : fact);
        return `$${index}${hole.cast ? `::${hole.cast}` : ''}`;
      }
      case 'text':
        return hole.text;
      case 'fragment':
        return walk(hole.template, before);
      case 'sequence': {
        let text = '';
        hole.holes.forEach((part, i) => {
          if (i > 0) text += hole.separator;
          text += render(part, before + text);
        });
        return text;
      }
      case 'unresolved':
        throw new Unresolved(hole.reason);
    }
  };
  const walk = (literal: ts.TemplateLiteral, prefix: string): string => {
    if (ts.isNoSubstitutionTemplateLiteral(literal)) return literal.text;
    let sql = literal.head.text;
    for (const span of literal.templateSpans) {
      sql += render(chosenHole(span.expression, prefix + sql, classify), prefix + sql);
      sql += span.literal.text;
    }
    return sql;
  };
  try {
    return { ok: true, sql: walk(template, ''), params };
  } catch (error) {
    if (error instanceof Unresolved) return { ok: false, reason: error.message };
    throw error;
  }
}

/**
 * `${cond ? sql`AND x IS NULL` : sql``}`: a conditional whose side is SQL (a fragment, an identifier,
 * a helper) rather than a value is a clause chosen at run time, whatever the library. Taken for a bound
 * value it left `… IS NULL $2 …`, a false sql-parse-error (trigger.dev: Drizzle and Prisma). A
 * conditional between two values stays one value.
 */
function chosenHole(expression: ts.Expression, before: string, classify: HoleClassifier): Hole {
  const node = skipWrappers(expression);
  if (!ts.isConditionalExpression(node)) return classify(expression, before);
  const sides = [chosenHole(node.whenTrue, before, classify), chosenHole(node.whenFalse, before, classify)];
  if (sides.some((side) => side.kind !== 'param')) return { kind: 'unresolved', reason: 'a clause chosen at run time' };
  return classify(expression, before);
}

const STATEMENT_START =
  /^(?:\s|--[^\n]*\n|\/\*[\s\S]*?\*\/|\()*(select|insert|update|delete|with|merge|create|alter|drop|truncate|values|copy|call|grant|revoke|refresh|explain)\b/i;

/** Does the text read like a whole SQL statement (not a fragment, not some other query language)? */
export function looksLikeStatement(text: string): boolean {
  return STATEMENT_START.test(text);
}

/** Text of a template literal's static parts, for a cheap "is this SQL" test before building. */
export function staticText(template: ts.TemplateLiteral): string {
  if (ts.isNoSubstitutionTemplateLiteral(template)) return template.text;
  return template.head.text + template.templateSpans.map((s) => ` $0 ${s.literal.text}`).join('');
}

/** `"name"` as PostgreSQL wants an identifier quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
