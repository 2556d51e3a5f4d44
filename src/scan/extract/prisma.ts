// Prisma raw queries: https://www.prisma.io/docs/orm/prisma-client/using-raw-sql/raw-queries
// `` prisma.$queryRaw`…` ``, `` $executeRaw`…` ``, `$queryRaw(Prisma.sql`…`)`, `$queryRawUnsafe(text, …values)`,
// `$executeRawUnsafe`. Holes: `Prisma.join(list)`, `Prisma.raw(text)`, `Prisma.empty`, nested
// `Prisma.sql` fragments; anything else is a bound value. How Prisma binds a JS array to a jsonb
// parameter is unverified here, so no array-encoding claim is made (`server-typed`).
import { ts } from '../typescript.js';
import type { ExtractedStatement } from '../facts.js';
import { skipWrappers } from './builders/chain.js';
import { declarationsOf, lookup } from './builders/declarations.js';
import { paramsOf, rawStatement } from './raw-call.js';
import { buildSql, builtStatements, looksLikeStatement, staticText, type Hole } from './template.js';
import { parseSql } from '../sql/parse.js';
import { forwardsParameter, queryCallShape } from './query-wrappers.js';
import type { ExtractContext, Extractor } from './types.js';

/** Prisma's raw-query tags (`` prisma.$queryRaw`…` ``): postgres.js, which takes any other tag, leaves them alone. */
export const RAW_TAGS: ReadonlySet<string> = new Set(['$queryRaw', '$executeRaw']);
const UNSAFE = new Set(['$queryRawUnsafe', '$executeRawUnsafe']);
const UNSAFE_SHAPE = queryCallShape('prisma unsafe', UNSAFE, (call) => (call.arguments[0] ? { text: call.arguments[0], values: call.arguments[1] } : null));

function memberName(expression: ts.Expression): string | null {
  return ts.isPropertyAccessExpression(expression) ? expression.name.text : ts.isIdentifier(expression) ? expression.text : null;
}

function isPrismaFragmentTag(tag: ts.Expression, context: ExtractContext): boolean {
  const name = memberName(tag);
  if (name !== 'sql') return false;
  const binding = context.importOf(tag);
  // `Prisma` is often re-exported by the app's own db package (langfuse: 52 files import it from
  // '@langfuse/shared/src/db'); `Prisma.sql` inside a raw query is Prisma's fragment tag whoever re-exports it
  const root = ts.isPropertyAccessExpression(tag) && ts.isIdentifier(tag.expression) ? tag.expression.text : null;
  return binding?.module === '@prisma/client' || binding?.module.startsWith('.') === true || binding === null || root === 'Prisma';
}

/** `Prisma.sql\`…\``, `Prisma.empty`, `Prisma.raw(…)`, or a conditional choosing between them. */
function isFragmentValue(expression: ts.Expression, context: ExtractContext): boolean {
  const node = skipWrappers(expression);
  if (ts.isTaggedTemplateExpression(node)) return isPrismaFragmentTag(node.tag, context);
  if (ts.isPropertyAccessExpression(node)) return node.name.text === 'empty';
  if (ts.isCallExpression(node)) return memberName(node.expression) === 'raw';
  if (ts.isConditionalExpression(node)) return isFragmentValue(node.whenTrue, context) || isFragmentValue(node.whenFalse, context);
  return false;
}

/**
 * A name whose declaration makes it SQL rather than a value: initialised with a fragment (langfuse:
 * `const cursor = last ? Prisma.sql\`AND id > ${last}\` : Prisma.empty`) or typed `Prisma.Sql`. It
 * was bound as `$n`, and the statement then failed to parse; it is a clause chosen at run time.
 */
function isFragmentName(name: ts.Identifier, context: ExtractContext): boolean {
  const declaration = lookup(declarationsOf(context.sourceFile), name.text, name.pos);
  if (!declaration || (declaration.kind !== 'variable' && declaration.kind !== 'parameter')) return false;
  if (declaration.type && ts.isTypeReferenceNode(declaration.type)) {
    const typeName = declaration.type.typeName;
    if ((ts.isQualifiedName(typeName) ? typeName.right.text : typeName.text) === 'Sql') return true;
  }
  return declaration.initializer !== undefined && isFragmentValue(declaration.initializer, context);
}

function classifier(context: ExtractContext) {
  const classify = (expression: ts.Expression): Hole => {
    if (ts.isIdentifier(expression) && isFragmentName(expression, context)) {
      return { kind: 'unresolved', reason: 'a template hole is a Prisma.sql fragment chosen at run time' };
    }
    if (ts.isTaggedTemplateExpression(expression) && isPrismaFragmentTag(expression.tag, context)) {
      return { kind: 'fragment', template: expression.template };
    }
    if (ts.isPropertyAccessExpression(expression) && expression.name.text === 'empty') return { kind: 'text', text: '' };
    if (ts.isCallExpression(expression)) {
      const name = memberName(expression.expression);
      const arg = expression.arguments[0];
      if (name === 'raw') {
        const text = arg ? context.constantText(arg) : null;
        return text === null ? { kind: 'unresolved', reason: 'Prisma.raw of text built at run time' } : { kind: 'text', text };
      }
      if (name === 'join' && arg) return { kind: 'param', value: arg, valueKind: 'array' };
    }
    return { kind: 'param', value: expression };
  };
  return classify;
}

/**
 * A hole that calls a function (`${filterCondition(params)}`) may return a value or a `Prisma.Sql`
 * clause, which syntax cannot tell (langfuse builds its filters that way). Read as a value, a clause
 * leaves SQL that does not parse: then the statement is not checked, rather than a false parse error.
 */
function callHoleBreaksParse(template: ts.TemplateLiteral, sql: string): boolean {
  if (!ts.isTemplateExpression(template)) return false;
  const callHole = template.templateSpans.some((span) => {
    const node = skipWrappers(span.expression);
    return ts.isCallExpression(node) && !['join', 'raw'].includes(memberName(node.expression) ?? '');
  });
  return callHole && !parseSql(sql).ok;
}

const extractor: Extractor = {
  id: 'prisma',
  readsDeclarations: true,
  enablers: ['@prisma/client', 'prisma'],
  docs: 'https://www.prisma.io/docs/orm/prisma-client/using-raw-sql/raw-queries',
  extract(_sourceFile, context) {
    const statements: ExtractedStatement[] = [];
    const base = { library: 'prisma', arrayEncoding: 'server-typed' } as const;
    const fromTemplate = (node: ts.Node, template: ts.TemplateLiteral): void => {
      if (!looksLikeStatement(staticText(template))) return;
      const built = buildSql(template, classifier(context), context);
      const location = context.location(node);
      if (built.ok && built.variants.some(({ sql }) => callHoleBreaksParse(template, sql))) {
        statements.push({ ...base, location, kind: 'unresolved', reason: 'a template hole is a function call that returns SQL (a clause built at run time)' });
        return;
      }
      statements.push(...builtStatements(built, { ...base, location }));
    };
    for (const node of context.taggedTemplates) {
      const name = memberName(node.tag);
      if (name !== null && RAW_TAGS.has(name)) fromTemplate(node, node.template);
    }
    for (const call of context.calls) {
      const name = memberName(call.expression);
      const first = call.arguments[0];
      if (name === null || !first) continue;
      if (RAW_TAGS.has(name)) {
        const fragment = ts.isIdentifier(first) ? context.resolveLocal(first) : first;
        if (fragment && ts.isTaggedTemplateExpression(fragment)) fromTemplate(call, fragment.template);
        else statements.push({ ...base, location: context.location(call), kind: 'unresolved', reason: `${name}(…) of a query built at run time` });
      } else if (UNSAFE.has(name)) {
        const values = call.arguments.slice(1);
        const statement = rawStatement(
          { ...base, node: call, text: first, plausible: true, build: (sql) => ({ sql, params: paramsOf(values, context) }) },
          context,
        );
        if (statement?.[0]?.kind === 'unresolved' && forwardsParameter(call, first, context.sourceFile)) continue;
        if (statement) statements.push(...statement);
      }
    }
    for (const call of context.calls) {
      // the application's own wrapper of `$queryRawUnsafe(sql, …values)` (query-wrappers.ts)
      if (memberName(call.expression) !== null && UNSAFE.has(memberName(call.expression)!)) continue;
      const wrapper = context.queryWrapper(call, UNSAFE_SHAPE);
      const text = wrapper ? call.arguments[wrapper.text] : undefined;
      if (!wrapper || !text) continue;
      const values = wrapper.values === null ? [] : call.arguments.slice(wrapper.values, wrapper.values + 1);
      const statement = rawStatement(
        { ...base, node: call, text, plausible: true, build: (sql) => ({ sql, params: paramsOf(values, context) }) },
        context,
      );
      if (statement?.[0]?.kind === 'unresolved' && forwardsParameter(call, text, context.sourceFile)) continue;
      if (statement) statements.push(...statement);
    }
    return statements;
  },
};

export default extractor;
