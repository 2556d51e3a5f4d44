// Whole statements written with Drizzle's own `sql` template and run as they are: `db.execute(sql`…`)`
// (https://orm.drizzle.team/docs/sql), read for drizzle.ts as kysely-sql.ts is for kysely.ts. The builder
// extractor reads method chains; these raw statements are plain SQL once each `${…}` is rendered as
// Drizzle renders it: a value is a bound `$n`, a nested `sql` fragment is spliced, `sql.raw`/
// `sql.identifier` of constant text are text, a table or column object is its quoted name. A hole where
// a relation name goes that none of these explains, or any other helper, leaves the statement not checked.
import { ts } from '../typescript.js';
import type { ExtractedStatement } from '../facts.js';
import { skipWrappers } from './builders/chain.js';
import { declarationsOf, functionReturns, lookup } from './builders/declarations.js';
import type { TableResolver } from './builders/drizzle-schema.js';
import { buildSql, builtStatements, looksLikeStatement, quoteIdentifier, staticText, type HoleClassifier } from './template.js';
import type { ExtractContext } from './types.js';

/** SQL right before a hole that must be a relation: a bound value there is no statement PostgreSQL takes. */
const RELATION_BEFORE = /\b(from|join|into|update|table|only|truncate)\s*$/i;

const isSqlModule = (module: string): boolean => module === 'drizzle-orm' || module.startsWith('drizzle-orm/sql');

/**
 * The initializer of the `const` a name refers to where it is written: the innermost declaration, so the
 * same name declared in two functions of a file (LobeChat's `const combinedQuery = sql`…`` in two methods)
 * is each function's own.
 */
function constInitializer(name: ts.Identifier, context: ExtractContext): ts.Expression | null {
  const declaration = lookup(declarationsOf(context.sourceFile), name.text, name.pos);
  return declaration?.kind === 'variable' && declaration.constant ? (declaration.initializer ?? null) : null;
}

/** Is `node` a call of Drizzle's `sql` tag (`sql`…``, `sql<T>`…``), directly or through a const of the file? */
function sqlTemplate(node: ts.Expression, context: ExtractContext): ts.TaggedTemplateExpression | null {
  let current = skipWrappers(node);
  if (ts.isIdentifier(current)) current = skipWrappers(constInitializer(current, context) ?? context.resolveLocal(current) ?? current);
  if (!ts.isTaggedTemplateExpression(current)) return null;
  const binding = context.importOf(current.tag);
  if (!binding || !ts.isIdentifier(skipWrappers(current.tag)) || binding.imported !== 'sql' || !isSqlModule(binding.module)) return null;
  return current;
}

/** `sql.raw(…)` and friends: the helper's name when `callee` is a member of Drizzle's `sql`. */
function sqlHelper(callee: ts.Expression, context: ExtractContext): string | null {
  const node = skipWrappers(callee);
  if (!ts.isPropertyAccessExpression(node) || !ts.isIdentifier(node.expression)) return null;
  const binding = context.importOf(node.expression);
  return binding && binding.imported === 'sql' && isSqlModule(binding.module) ? node.name.text : null;
}

/** `this.name` inside a class: the method of that name of the innermost class around it (no parent pointers: searched from the top). */
function methodOf(node: ts.PropertyAccessExpression, sourceFile: ts.SourceFile): ts.MethodDeclaration | null {
  let owner: ts.ClassLikeDeclaration | null = null;
  const visit = (child: ts.Node): void => {
    if (child.pos > node.pos || child.end < node.end) return;
    if (ts.isClassLike(child)) owner = child;
    ts.forEachChild(child, visit);
  };
  ts.forEachChild(sourceFile, visit);
  const member = (owner as ts.ClassLikeDeclaration | null)?.members.find((m) => ts.isMethodDeclaration(m) && ts.isIdentifier(m.name) && m.name.text === node.name.text);
  return member && ts.isMethodDeclaration(member) ? member : null;
}

/**
 * Does the hole hold a `sql` fragment built at run time: a call of a function or method of the file (or a
 * const holding one) that returns a `sql` template or helper? LobeChat's
 * `sql`SELECT * FROM (${combinedQuery}) ORDER BY ${orderClause}`` with `orderClause =
 * this.buildOrderClause(…)` returning `sql.raw(…)`: bound as values, they made a false sql-parse-error,
 * or a statement checked as if the clause were a value.
 */
function buildsSql(expression: ts.Expression, context: ExtractContext, depth = 0): boolean {
  const node = skipWrappers(expression);
  if (depth > 3) return false;
  if (sqlTemplate(node, context)) return true;
  if (ts.isConditionalExpression(node)) return buildsSql(node.whenTrue, context, depth + 1) || buildsSql(node.whenFalse, context, depth + 1);
  if (ts.isIdentifier(node)) {
    const initializer = constInitializer(node, context);
    return initializer !== null && buildsSql(initializer, context, depth + 1);
  }
  if (!ts.isCallExpression(node)) return false;
  const callee = skipWrappers(node.expression);
  if (sqlHelper(callee, context) !== null) return true;
  let fn: ts.SignatureDeclaration | undefined;
  if (ts.isPropertyAccessExpression(callee) && callee.expression.kind === ts.SyntaxKind.ThisKeyword) fn = methodOf(callee, context.sourceFile) ?? undefined;
  else if (ts.isIdentifier(callee)) fn = lookup(declarationsOf(context.sourceFile), callee.text, callee.pos)?.function;
  return fn !== undefined && functionReturns(fn).some((returned) => buildsSql(returned, context, depth + 1));
}

function classifier(context: ExtractContext, resolver: TableResolver): HoleClassifier {
  const constant = (argument: ts.Expression | undefined): string | null => (argument ? context.constantText(argument) : null);
  const classify: HoleClassifier = (expression, before) => {
    const node = skipWrappers(expression);
    const nested = sqlTemplate(node, context);
    if (nested) return { kind: 'fragment', template: nested.template };
    if (ts.isCallExpression(node)) {
      const helper = sqlHelper(node.expression, context);
      if (helper !== null) {
        const text = constant(node.arguments[0]);
        if (helper === 'raw') return text === null ? { kind: 'unresolved', reason: 'sql.raw() of text built at run time' } : { kind: 'text', text };
        if (helper === 'identifier') {
          return text === null ? { kind: 'unresolved', reason: 'sql.identifier() of a name known only at run time' } : { kind: 'text', text: quoteIdentifier(text) };
        }
        if (helper === 'param' || helper === 'placeholder') return { kind: 'param', value: node.arguments[0] ?? null };
        if (helper === 'empty') return { kind: 'text', text: '' };
        return { kind: 'unresolved', reason: `sql.${helper}() builds SQL at run time` };
      }
    }
    // a column object renders as "table"."column", a table object as its (schema-qualified) name
    const column = resolver.column(node);
    if (column) {
      const owner = [column.table.schema, column.table.name].filter((p): p is string => p !== null);
      return { kind: 'text', text: [...owner, column.column].map(quoteIdentifier).join('.') };
    }
    const table = resolver.table(node);
    if (table) return { kind: 'text', text: [table.schema, table.name].filter((p): p is string => p !== null).map(quoteIdentifier).join('.') };
    if (RELATION_BEFORE.test(before)) return { kind: 'unresolved', reason: 'a relation chosen at run time' };
    if (buildsSql(node, context)) return { kind: 'unresolved', reason: 'an SQL fragment built at run time' };
    return { kind: 'param', value: expression };
  };
  return classify;
}

function statementsOf(call: ts.CallExpression, template: ts.TaggedTemplateExpression, context: ExtractContext, resolver: TableResolver): ExtractedStatement[] {
  if (!looksLikeStatement(staticText(template.template))) return [];
  // the driver under Drizzle varies (node-postgres, postgres.js, neon, …): values are not judged by how
  // an array would be encoded
  const base = { location: context.location(call), library: 'drizzle', arrayEncoding: 'server-typed' } as const;
  const built = buildSql(template.template, classifier(context, resolver), context);
  return builtStatements(built, base);
}

/**
 * The statements a file runs with `db.execute(sql`…`)` (and a const holding the template). `resolverFor`
 * gives the table resolver for the db a call runs on (its `casing` option renames property-named columns).
 */
export function drizzleSqlStatements(context: ExtractContext, resolverFor: (db: ts.Expression) => TableResolver): ExtractedStatement[] {
  const statements: ExtractedStatement[] = [];
  for (const call of context.calls) {
    const callee = call.expression;
    if (!ts.isPropertyAccessExpression(callee) || callee.name.text !== 'execute' || call.arguments.length !== 1) continue;
    const template = sqlTemplate(call.arguments[0]!, context);
    if (!template) continue;
    statements.push(...statementsOf(call, template, context, resolverFor(callee.expression)));
  }
  return statements;
}
