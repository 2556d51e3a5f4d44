// Tagged templates → SQL text with `$n` parameters. Each library says what its `${…}` holes mean
// (a bound value, a nested fragment, an identifier, a helper); this file does the numbering.
import { ts } from '../typescript.js';
import { skipWrappers } from './builders/chain.js';
import { declarationsOf, lookup } from './builders/declarations.js';
import { everyCombination, type Chooser } from './combinations.js';
import { conditionKey } from './condition-key.js';
import type { ExtractedStatement, ParamFact, SqlStatement, ValueKind } from '../facts.js';
import type { ExtractContext } from './types.js';

export type Hole =
  /** a bound value: `$n`, optionally cast (`$n::jsonb`) */
  | { readonly kind: 'param'; readonly value: ts.Expression | null; readonly valueKind?: ValueKind; readonly cast?: string; readonly encodedAsJson?: true }
  /** SQL spliced verbatim (a constant identifier, `sql.unsafe('…')` of a constant) */
  | { readonly kind: 'text'; readonly text: string }
  /** a nested fragment whose own holes follow the same rules */
  | { readonly kind: 'fragment'; readonly template: ts.TemplateLiteral }
  /** several holes joined by a separator (`sql.join`, `Prisma.join`) */
  | { readonly kind: 'sequence'; readonly holes: readonly Hole[]; readonly separator: string }
  /**
   * SQL chosen at run time among these (`${cond ? sql`AND …` : sql``}`): each makes a variant. Choices
   * with the same `condition` (`a`, or `!a` with its alternatives swapped) go the same way in a variant.
   */
  | { readonly kind: 'choice'; readonly alternatives: readonly Hole[]; readonly condition?: string }
  | { readonly kind: 'unresolved'; readonly reason: string };

/** Decides what one `${expression}` means; `sqlBefore` is the SQL built so far (helpers depend on it). */
export type HoleClassifier = (expression: ts.Expression, sqlBefore: string) => Hole;

/** One SQL text a template can send. */
export interface SqlVariant {
  readonly sql: string;
  readonly params: readonly ParamFact[];
}

export type BuiltSql =
  /** every combination of the clauses chosen at run time, the first alternative of each first */
  | { readonly ok: true; readonly variants: readonly SqlVariant[] }
  | { readonly ok: false; readonly reason: string };

class Unresolved extends Error {}

/**
 * Up to this many variants (three conditional clauses) a template is checked in each; more is not
 * checked. Why a limit: the combinations grow exponentially, and each is parsed and checked.
 */
const MAX_VARIANTS = 8;

/**
 * The SQL a template sends, with `$n` for its bound values: one variant per combination of the
 * clauses it chooses at run time (`${cond ? sql`AND x = ${y}` : sql``}`), each numbered on its own.
 * Why every variant: each is SQL the application sends when its conditions hold, so a clause that
 * breaks is a breakage; taking none of them (as before) left such statements unchecked, and a
 * conditional read as a bound value made a false parse error.
 */
export function buildSql(template: ts.TemplateLiteral, classify: HoleClassifier, context: ExtractContext): BuiltSql {
  try {
    const variants = everyCombination((pick) => buildVariant(template, classify, context, pick), MAX_VARIANTS);
    // why choices on one condition go together: `${admin ? sql`JOIN …` : sql``} … ${admin ? sql`AND x.y` : sql``}`
    // sends both clauses or neither; the other two combinations would be SQL the application never sends
    return variants === null ? { ok: false, reason: `clauses chosen at run time (more than ${MAX_VARIANTS} combinations)` } : { ok: true, variants };
  } catch (error) {
    if (error instanceof Unresolved) return { ok: false, reason: error.message };
    throw error;
  }
}

function buildVariant(template: ts.TemplateLiteral, classify: HoleClassifier, context: ExtractContext, pick: Chooser): SqlVariant {
  const params: ParamFact[] = [];
  const render = (hole: Hole, before: string): string => {
    switch (hole.kind) {
      case 'param': {
        const index = params.length + 1;
        const fact: ParamFact = hole.value
          ? context.paramFact(hole.value, index)
          : { index, kind: hole.valueKind ?? 'unknown', text: '…', typeSite: null };
        const typed = hole.valueKind && hole.value ? { ...fact, kind: hole.valueKind, typeSite: null } : fact;
        params.push(hole.encodedAsJson ? { ...typed, encodedAsJson: true } : typed);
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
      case 'choice':
        return render(hole.alternatives[pick(hole.alternatives.length, hole.condition)]!, before);
      case 'unresolved':
        throw new Unresolved(hole.reason);
    }
  };
  const walk = (literal: ts.TemplateLiteral, prefix: string): string => {
    if (ts.isNoSubstitutionTemplateLiteral(literal)) return literal.text;
    let sql = literal.head.text;
    for (const span of literal.templateSpans) {
      sql += render(chosenHole(span.expression, prefix + sql, classify, context), prefix + sql);
      sql += span.literal.text;
    }
    return sql;
  };
  const sql = walk(template, '');
  return { sql, params };
}

/**
 * `${cond ? sql`AND x IS NULL` : sql``}`, directly or through a `const` holding the conditional: a
 * conditional whose sides are SQL (fragments, identifiers, helpers) rather than values is a clause
 * chosen at run time, whatever the library: a choice between them. Taken for a bound value it left
 * `… IS NULL $2 …`, a false sql-parse-error (trigger.dev: Drizzle and Prisma). A conditional between two
 * values stays one value; one between a value and SQL (`cond ? sql`…` : undefined`) is not checked.
 */
function chosenHole(expression: ts.Expression, before: string, classify: HoleClassifier, context: ExtractContext, depth = 0): Hole {
  const node = skipWrappers(expression);
  const conditional = ts.isConditionalExpression(node) ? node : ts.isIdentifier(node) && depth < 4 ? constantConditional(node, context) : null;
  if (!conditional) return classify(expression, before);
  const sides = [conditional.whenTrue, conditional.whenFalse].map((side) => chosenHole(side, before, classify, context, depth + 1));
  const alternatives = sides.flatMap((hole) => (hole.kind === 'choice' ? hole.alternatives : [hole]));
  if (alternatives.every((hole) => hole.kind === 'param')) return classify(expression, before);
  const unresolved = alternatives.find((hole) => hole.kind === 'unresolved');
  if (unresolved) return unresolved;
  if (alternatives.some((hole) => hole.kind === 'param')) return { kind: 'unresolved', reason: 'a clause chosen at run time' };
  // a nested conditional's choices are flattened into this one: no condition names it
  if (alternatives.length !== 2) return { kind: 'choice', alternatives };
  const { key, negated } = conditionKey(conditional.condition);
  if (key === null) return { kind: 'choice', alternatives };
  return { kind: 'choice', alternatives: negated ? [alternatives[1]!, alternatives[0]!] : alternatives, condition: key };
}


/** The conditional a `const` in scope is initialised with (`const where = cond ? sql`…` : sql``;`). */
function constantConditional(name: ts.Identifier, context: ExtractContext): ts.ConditionalExpression | null {
  // a fragment followed into another module has its names there: only names of this file are looked up
  if (context.sourceFile.text.slice(name.pos, name.end).trim() !== name.text) return null;
  const declaration = lookup(declarationsOf(context.sourceFile), name.text, name.pos);
  if (!declaration || declaration.kind !== 'variable' || !declaration.constant || !declaration.initializer) return null;
  const initializer = skipWrappers(declaration.initializer);
  return ts.isConditionalExpression(initializer) ? initializer : null;
}

/**
 * The statements a built template stands for: one per variant (marked as such when there are several),
 * or one that says why it is not checked. `extra` adds fields that depend on the variant's SQL.
 */
export function builtStatements(
  built: BuiltSql,
  base: Pick<SqlStatement, 'location' | 'library' | 'arrayEncoding' | 'encodesJson'>,
  extra: (variant: SqlVariant) => Partial<Pick<SqlStatement, 'verifiable' | 'runtimeSchema'>> = () => ({}),
): ExtractedStatement[] {
  if (!built.ok) return [{ ...base, kind: 'unresolved', reason: built.reason }];
  const of = built.variants.length;
  return built.variants.map((variant, index) => ({
    ...base,
    kind: 'sql',
    sql: variant.sql,
    params: variant.params,
    ...extra(variant),
    ...(of > 1 ? { variant: { index, of } } : {}),
  }));
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
