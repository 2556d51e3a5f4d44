// slonik: https://github.com/gajus/slonik#query-building
// `` sql.type(schema)`…` ``, `` sql.typeAlias('x')`…` ``, `` sql.unsafe`…` `` (and plain `` sql`…` `` of
// older versions) are statements; `` sql.fragment`…` `` only composes. Holes: `sql.identifier([…])`,
// `sql.join(list, glue)`, `sql.unnest(rows, types)`, `sql.json/jsonb/array/binary/date/timestamp`,
// nested fragments; anything else is a bound value. slonik refuses non-primitive raw values, so arrays
// reach PostgreSQL only through sql.array/sql.json.
import { ts } from '../typescript.js';
import type { ExtractedStatement } from '../facts.js';
import { rootIdentifier } from './context.js';
import { isProjectModule } from './builders/modules.js';
import { buildSql, builtStatements, looksLikeStatement, quoteIdentifier, staticText, type Hole } from './template.js';
import type { ExtractContext, Extractor } from './types.js';
import { valueKind } from './value-kind.js';

const STATEMENT_TAGS = new Set(['type', 'typeAlias', 'unsafe']);
const CASTS: Record<string, string> = { json: 'json', jsonb: 'jsonb', binary: 'bytea', date: 'date', timestamp: 'timestamptz', interval: 'interval', uuid: 'uuid' };

/** slonik and its published forks (`@silverhand/slonik` is logto's) share the tag API */
const SLONIK_MODULES = new Set(['slonik', '@silverhand/slonik']);

function isSlonikRoot(expression: ts.Expression, context: ExtractContext): boolean {
  const binding = context.importOf(expression);
  if (binding) return SLONIK_MODULES.has(binding.module) || isProjectModule(context.sourceFile.fileName, binding.module);
  const root = rootIdentifier(expression);
  return root?.text === 'sql';
}

/** `sql.type(x)` / `sql.typeAlias('x')` / `sql.unsafe` / `sql` → statement; `sql.fragment` → fragment; else null. */
function tagKind(tag: ts.Expression, context: ExtractContext): 'statement' | 'fragment' | null {
  if (!isSlonikRoot(tag, context)) return null;
  const member = ts.isCallExpression(tag) ? tag.expression : tag;
  if (ts.isIdentifier(member)) return SLONIK_MODULES.has(context.importOf(member)?.module ?? '') ? 'statement' : null;
  if (!ts.isPropertyAccessExpression(member)) return null;
  if (member.name.text === 'fragment') return 'fragment';
  return STATEMENT_TAGS.has(member.name.text) ? 'statement' : null;
}

function constantStrings(expression: ts.Expression | undefined, context: ExtractContext): string[] | null {
  if (!expression) return null;
  const list = ts.isArrayLiteralExpression(expression) ? expression : context.resolveLocal(expression);
  if (!list || !ts.isArrayLiteralExpression(list)) return null;
  const texts = list.elements.map((e) => context.constantText(e));
  return texts.every((t): t is string => t !== null) ? texts : null;
}

function fragmentText(expression: ts.Expression | undefined): string | null {
  if (expression && ts.isTaggedTemplateExpression(expression) && ts.isNoSubstitutionTemplateLiteral(expression.template)) {
    return expression.template.text;
  }
  return null;
}

function classifier(context: ExtractContext) {
  const classify = (expression: ts.Expression, before: string): Hole => {
    if (ts.isTaggedTemplateExpression(expression)) return { kind: 'fragment', template: expression.template };
    if (ts.isIdentifier(expression)) {
      const bound = context.resolveLocal(expression);
      if (bound && ts.isTaggedTemplateExpression(bound)) return { kind: 'fragment', template: bound.template };
      // `const TABLE = sql.identifier([…])` used as `${TABLE}`
      if (bound && ts.isCallExpression(bound) && ts.isPropertyAccessExpression(bound.expression) && isSlonikRoot(bound.expression.expression, context)) {
        return classify(bound, before);
      }
    }
    if (!ts.isCallExpression(expression) || !ts.isPropertyAccessExpression(expression.expression)) {
      return { kind: 'param', value: expression };
    }
    const method = expression.expression.name.text;
    const args = expression.arguments;
    if (!isSlonikRoot(expression.expression.expression, context)) {
      // `rows.map((r) => sql.fragment`(${r.a})`)` inside sql.join: one row stands for all
      const callback = method === 'map' ? args[0] : undefined;
      if (callback && (ts.isArrowFunction(callback)) && ts.isTaggedTemplateExpression(callback.body)) {
        return { kind: 'fragment', template: callback.body.template };
      }
      return { kind: 'param', value: expression };
    }
    switch (method) {
      case 'identifier': {
        const parts = constantStrings(args[0], context);
        return parts ? { kind: 'text', text: parts.map(quoteIdentifier).join('.') } : { kind: 'unresolved', reason: 'sql.identifier of names known only at run time' };
      }
      case 'join': {
        const glue = fragmentText(args[1]);
        const list = args[0] && (ts.isArrayLiteralExpression(args[0]) ? args[0] : context.resolveLocal(args[0]));
        if (glue === null) return { kind: 'unresolved', reason: 'sql.join with a computed glue' };
        if (list && ts.isArrayLiteralExpression(list)) {
          return { kind: 'sequence', separator: glue, holes: list.elements.map((e) => classify(e, before)) };
        }
        return args[0] ? classify(args[0], before) : { kind: 'unresolved', reason: 'sql.join without a list' };
      }
      case 'unnest': {
        const types = constantStrings(args[1], context);
        if (!types) return { kind: 'unresolved', reason: 'sql.unnest with column types known only at run time' };
        return {
          kind: 'sequence',
          separator: '',
          holes: [
            { kind: 'text', text: 'unnest(' },
            { kind: 'sequence', separator: ', ', holes: types.map((t) => ({ kind: 'param', value: null, valueKind: 'array', cast: `${t}[]` }) as const) },
            { kind: 'text', text: ')' },
          ],
        };
      }
      case 'array': {
        const type = args[1] ? (context.constantText(args[1]) ?? fragmentText(args[1])) : null;
        if (type === null) return { kind: 'unresolved', reason: 'sql.array with a computed member type' };
        return { kind: 'param', value: args[0] ?? null, valueKind: 'array', cast: fragmentText(args[1]) ?? `${type}[]` };
      }
      case 'literalValue': {
        const text = args[0] ? context.constantText(args[0]) : null;
        return text === null ? { kind: 'unresolved', reason: 'sql.literalValue of a run-time value' } : { kind: 'text', text: `'${text.replace(/'/g, "''")}'` };
      }
      default:
        if (method === 'json' || method === 'jsonb') {
          // slonik JSON.stringify's the value itself: a value that already is JSON text is encoded twice
          const kind = args[0] && valueKind(args[0], context.sourceFile) === 'json-text' ? 'json-text' : 'object';
          return { kind: 'param', value: args[0] ?? null, valueKind: kind, cast: CASTS[method], encodedAsJson: true };
        }
        if (Object.hasOwn(CASTS, method)) return { kind: 'param', value: args[0] ?? null, valueKind: 'scalar', cast: CASTS[method] };
        return { kind: 'unresolved', reason: `slonik helper sql.${method}` };
    }
  };
  return classify;
}

const extractor: Extractor = {
  id: 'slonik',
  enablers: [...SLONIK_MODULES],
  docs: 'https://github.com/gajus/slonik#query-building',
  extract(_sourceFile, context) {
    const statements: ExtractedStatement[] = [];
    let insideUntil = -1;
    for (const node of context.taggedTemplates) {
      if (node.pos < insideUntil) continue;
      if (tagKind(node.tag, context) !== 'statement' || !looksLikeStatement(staticText(node.template))) continue;
      insideUntil = node.end;
      const base = { library: 'slonik', arrayEncoding: 'json', location: context.location(node) } as const;
      const built = buildSql(node.template, classifier(context), context);
      statements.push(...builtStatements(built, base));
    }
    return statements;
  },
};

export default extractor;
