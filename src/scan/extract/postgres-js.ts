// postgres.js: https://github.com/porsager/postgres#usage
// `` sql`…` `` (any tag that is not another library's), `sql.unsafe(text, params)`, `sql.file(path, params)`, helpers
// `sql(rows, 'a', 'b')` (insert column list and values, or update assignments), `sql(ids)` in
// `in ${…}`, `sql('table')` identifiers, `sql.json(v)`, `sql.array(v)`, nested fragments. Parameters
// are typed by the server (the statement is described first), so JS arrays into jsonb are fine.
import { ts } from '../typescript.js';
import type { ExtractedStatement } from '../facts.js';
import { propertyName } from './constants.js';
import { rootIdentifier } from './context.js';
import { paramsOf, rawStatement, valueList } from './raw-call.js';
import { buildSql, builtStatements, looksLikeStatement, quoteIdentifier, staticText, type Hole } from './template.js';
import { forwardsParameter, queryCallShape } from './query-wrappers.js';
import { isProjectModule } from './builders/modules.js';
import { RAW_TAGS as PRISMA_RAW_TAGS } from './prisma.js';
import type { ExtractContext, Extractor } from './types.js';
import { valueKind } from './value-kind.js';

const UNSAFE = queryCallShape('postgres.js unsafe', new Set(['unsafe']), (call) =>
  call.arguments[0] ? { text: call.arguments[0], values: call.arguments[1] } : null,
);

/** Packages whose `sql` tag is not postgres.js (they have their own extractors or are not SQL). */
const OTHER_TAGS = new Set(['slonik', 'drizzle-orm', '@prisma/client', 'kysely', 'sql-template-strings', 'sql-template-tag', 'graphql-tag', '@vercel/postgres', '@neondatabase/serverless']);

function isPostgresTag(tag: ts.Expression, context: ExtractContext): boolean {
  const binding = context.importOf(tag);
  if (binding && binding.module !== 'postgres' && !isProjectModule(context.sourceFile.fileName, binding.module)) return false;
  if (binding && OTHER_TAGS.has(binding.module)) return false;
  const root = rootIdentifier(tag);
  if (!root && tag.kind !== ts.SyntaxKind.PropertyAccessExpression) return false;
  // `` this.replica.$queryRaw`…` `` in a package that also depends on postgres (trigger.dev's webapp):
  // Prisma's statement, read by prisma.ts; read here too, it was counted twice, its Prisma.sql
  // fragments bound as values (false sql-parse-error notes)
  const name = ts.isIdentifier(tag) ? tag.text : ts.isPropertyAccessExpression(tag) ? tag.name.text : null;
  if (name !== null && PRISMA_RAW_TAGS.has(name)) return false;
  // `sql.type(…)`-style tags belong to slonik; postgres.js tags are plain names or members (`this.sql`)
  return !ts.isCallExpression(tag) && !(ts.isPropertyAccessExpression(tag) && ['type', 'typeAlias', 'fragment', 'unsafe'].includes(tag.name.text));
}

/** Column names of a helper: explicit string arguments, a constant array, or an object literal's keys. */
function helperColumns(args: readonly ts.Expression[], context: ExtractContext): string[] | null {
  const rest = args.slice(1);
  if (rest.length > 0) {
    const columns: string[] = [];
    for (const arg of rest) {
      const list = ts.isArrayLiteralExpression(arg) ? arg : context.resolveLocal(arg);
      if (list && ts.isArrayLiteralExpression(list)) {
        for (const element of list.elements) {
          const text = context.constantText(element);
          if (text === null) return null;
          columns.push(text);
        }
        continue;
      }
      const text = context.constantText(arg);
      if (text === null) return null;
      columns.push(text);
    }
    return columns;
  }
  const first = firstRow(args, context);
  if (first) {
    const keys = first.properties.map((p) =>
      ts.isPropertyAssignment(p) ? propertyName(p.name) : ts.isShorthandPropertyAssignment(p) ? p.name.text : null,
    );
    return keys.every((k): k is string => k !== null) ? keys : null;
  }
  return null;
}

/** The object literal of a helper's row (`sql({ a, b })`), or of its first row (`sql([{ a, b }, …])`), or null. */
function firstRow(args: readonly ts.Expression[], context: ExtractContext): ts.ObjectLiteralExpression | null {
  let first: ts.Expression | null | undefined = args[0];
  if (first && ts.isIdentifier(first)) first = context.resolveLocal(first) ?? first;
  if (first && ts.isArrayLiteralExpression(first)) first = first.elements[0];
  return first && ts.isObjectLiteralExpression(first) ? first : null;
}

/** The value a helper's row gives a column, when the row is written out; null otherwise. */
function rowValue(row: ts.ObjectLiteralExpression | null, column: string): ts.Expression | null {
  for (const p of row?.properties ?? []) {
    if (ts.isPropertyAssignment(p) && propertyName(p.name) === column) return p.initializer;
    if (ts.isShorthandPropertyAssignment(p) && p.name.text === column) return p.name;
  }
  return null;
}

function helperHole(call: ts.CallExpression, before: string, context: ExtractContext): Hole {
  const args = call.arguments;
  const tail = before.trimEnd().toLowerCase();
  if (/insert\s+into\s+[\w."]+$/.test(tail)) {
    const columns = helperColumns(args, context);
    if (columns === null) return { kind: 'text', text: 'SELECT * FROM (VALUES (NULL)) AS helper_rows' };
    const row = firstRow(args, context);
    const values = columns.map((column) => ({ kind: 'param', value: rowValue(row, column) }) as const);
    return {
      kind: 'sequence',
      separator: '',
      holes: [
        { kind: 'text', text: `(${columns.map(quoteIdentifier).join(', ')}) VALUES (` },
        { kind: 'sequence', holes: values, separator: ', ' },
        { kind: 'text', text: ')' },
      ],
    };
  }
  if (/\bset$/.test(tail)) {
    const columns = helperColumns(args, context);
    if (columns === null) return { kind: 'unresolved', reason: 'sql(object) update helper with columns known only at run time' };
    return {
      kind: 'sequence',
      separator: ', ',
      holes: columns.map((c) => ({ kind: 'sequence', separator: '', holes: [{ kind: 'text', text: `${quoteIdentifier(c)} = ` }, { kind: 'param', value: rowValue(firstRow(args, context), c) }] })),
    };
  }
  if (/\bin$/.test(tail) && args[0]) return { kind: 'sequence', separator: '', holes: [{ kind: 'text', text: '(' }, { kind: 'param', value: args[0], valueKind: 'array' }, { kind: 'text', text: ')' }] };
  const name = args.length === 1 && args[0] ? context.constantText(args[0]) : null;
  if (name !== null) return { kind: 'text', text: name.split('.').map(quoteIdentifier).join('.') };
  return { kind: 'unresolved', reason: 'sql(…) helper with arguments known only at run time' };
}

function classifier(tagName: string, context: ExtractContext) {
  const classify = (expression: ts.Expression, before: string): Hole => {
    if (ts.isTaggedTemplateExpression(expression)) return { kind: 'fragment', template: expression.template };
    if (ts.isIdentifier(expression)) {
      const bound = context.resolveLocal(expression);
      if (bound && ts.isTaggedTemplateExpression(bound)) return { kind: 'fragment', template: bound.template };
      // `const table = sql('clients')` used as `${table}`
      if (bound && ts.isCallExpression(bound) && rootIdentifier(bound.expression)?.text === tagName) return classify(bound, before);
    }
    if (ts.isCallExpression(expression)) {
      const callee = expression.expression;
      if (ts.isIdentifier(callee) && callee.text === tagName) return helperHole(expression, before, context);
      if (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === tagName) {
        const method = callee.name.text;
        const arg = expression.arguments[0] ?? null;
        if (method === 'json') return { kind: 'param', value: arg, valueKind: arg && valueKind(arg, context.sourceFile) === 'json-text' ? 'json-text' : 'object', encodedAsJson: true };
        if (method === 'array') return { kind: 'param', value: arg, valueKind: 'array' };
        if (method === 'unsafe') {
          const text = arg ? context.constantText(arg) : null;
          return text === null ? { kind: 'unresolved', reason: 'sql.unsafe(…) of text built at run time' } : { kind: 'text', text };
        }
      }
    }
    return { kind: 'param', value: expression };
  };
  return classify;
}

function tagName(tag: ts.Expression): string {
  if (ts.isIdentifier(tag)) return tag.text;
  if (ts.isPropertyAccessExpression(tag)) return tag.name.text;
  return 'sql';
}

const extractor: Extractor = {
  id: 'postgres-js',
  enablers: ['postgres'],
  docs: 'https://github.com/porsager/postgres#usage',
  extract(_sourceFile, context) {
    const statements: ExtractedStatement[] = [];
    const base = { library: 'postgres-js', arrayEncoding: 'server-typed', encodesJson: true } as const;
    let insideUntil = -1;
    for (const node of context.taggedTemplates) {
      if (node.pos < insideUntil) continue; // a fragment of the statement just taken
      if (!isPostgresTag(node.tag, context) || !looksLikeStatement(staticText(node.template))) continue;
      insideUntil = node.end;
      const built = buildSql(node.template, classifier(tagName(node.tag), context), context);
      const location = context.location(node);
      statements.push(...builtStatements(built, { ...base, location }, ({ sql }) => (sql.includes('AS helper_rows') ? { verifiable: false } : {})));
    }
    for (const call of context.calls) {
      const callee = call.expression;
      let text: ts.Expression | undefined;
      let valuesArg: ts.Expression | undefined;
      let plausible = true;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'file') {
        // `sql.file(path, args)`: the call itself evaluates to the file's text (sql-files.ts); only
        // counted when `sql` is traced to postgres(…), as `.file(…)` is a common name
        if (!isPostgresTag(callee.expression, context)) continue;
        [text, valuesArg] = [call, call.arguments[1]];
        plausible = false;
      } else if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'unsafe') {
        if (!isPostgresTag(callee.expression, context)) continue;
        [text, valuesArg] = call.arguments;
      } else {
        // the application's own wrapper of `sql.unsafe(text, params)` (query-wrappers.ts)
        const wrapper = context.queryWrapper(call, UNSAFE);
        if (!wrapper) continue;
        text = call.arguments[wrapper.text];
        valuesArg = wrapper.values === null ? undefined : call.arguments[wrapper.values];
      }
      if (!text) continue;
      const values = valueList(valuesArg, context);
      const statement = rawStatement(
        { ...base, node: call, text, plausible, build: (sql) => ({ sql, params: paramsOf(values, context) }) },
        context,
      );
      if (statement?.[0]?.kind === 'unresolved' && forwardsParameter(call, text, context.sourceFile)) continue;
      if (statement) statements.push(...statement);
    }
    return statements;
  },
};

export default extractor;
