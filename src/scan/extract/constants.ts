// Constant folding for SQL text: string literals, `const` bindings, imported constants (relative
// imports, re-exports, namespace imports), `+` concatenation, templates with constant holes,
// `as const` objects, and calls to SQL builder functions (a local or imported function whose body is
// `const`s and one `return`, evaluated with the call's arguments bound to its parameters). Anything
// else is not a constant: callers count it as not checked. SQL read from a file whose path is known
// statically (`readFileSync`, pg-promise's QueryFile) is the file's text: see sql-files.ts.
import { conditionKey } from './condition-key.js';
import { encodeChoice, expandChoices, hasChoice } from './text-choices.js';
import { ts } from '../typescript.js';
import type { FileIndex } from './file-index.js';
import { pathTo } from './node-path.js';
import { loadedSql, type Evaluator, type SqlFileReader } from './sql-files.js';

export interface IndexedFile {
  readonly path: string;
  readonly index: FileIndex;
}

/** Finds and indexes the file a relative import points at; null for packages and missing files. */
export interface ModuleLoader {
  (fromPath: string, specifier: string): IndexedFile | null;
  /** reads SQL files the code loads at run time, within the scanned directory; absent: they are not read */
  readonly readSqlFile?: SqlFileReader;
}

/** The parameters of a builder function being evaluated for one call. */
export interface CallScope {
  readonly fn: ts.SignatureDeclaration;
  /** parameter name → what it is bound to (the argument, or the default value); absent: no known value */
  readonly bindings: ReadonlyMap<string, Located>;
}

/** An expression together with the file whose scope its names live in (and the call it is evaluated for). */
export interface Located {
  readonly expression: ts.Expression;
  readonly file: IndexedFile;
  readonly scope?: CallScope;
}

/**
 * Stands for a part of a text with no constant value: a builder function's parameter whose argument is
 * given at run time (`this.config.schema`), a template hole or `+` operand computed at run time. Only
 * `sqlText` lets it through, as a schema qualifier or inside a string literal; anywhere else (and in
 * `constantText`) it makes the whole text unknown.
 */
const RUNTIME = '\u0000';

const MAX_DEPTH = 24;

function unwrapExpression(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (
    ts.isParenthesizedExpression(current) ||
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isTypeAssertionExpression(current) ||
    ts.isNonNullExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

function resolveExport(file: IndexedFile, name: string, load: ModuleLoader, depth: number): Located | null {
  if (depth > MAX_DEPTH) return null;
  const target = file.index.exports.get(name);
  if (target?.kind === 'local') return resolveName(file, target.name, load, depth + 1);
  if (target?.kind === 'reexport') {
    const next = load(file.path, target.module);
    return next ? resolveExport(next, target.name, load, depth + 1) : null;
  }
  for (const module of file.index.starExports) {
    const next = load(file.path, module);
    const found = next ? resolveExport(next, name, load, depth + 1) : null;
    if (found) return found;
  }
  return null;
}

/** A name in a file's scope → the expression it is bound to (`const`, top-level function or import), if unambiguous. */
function resolveName(file: IndexedFile, name: string, load: ModuleLoader, depth: number): Located | null {
  if (depth > MAX_DEPTH) return null;
  const init = file.index.constants.get(name);
  if (init) return { expression: init, file };
  if (init === null) return null;
  const fn = file.index.functions.get(name);
  // a function declaration stands where its value would: only `callResult` looks inside it
  if (fn) return { expression: fn as unknown as ts.Expression, file };
  if (fn === null) return null;
  const binding = file.index.imports.get(name);
  // the loader answers null for packages: only the project's own modules (relative, aliased, workspace) load
  if (!binding || binding.imported === '*') return null;
  const next = load(file.path, binding.module);
  return next ? resolveExport(next, binding.imported, load, depth + 1) : null;
}

type Nearest =
  | { readonly kind: 'bound'; readonly to: Located }
  /** a parameter, `let`, loop variable, … of an enclosing scope: no single value */
  | { readonly kind: 'opaque' }
  /** a parameter of the builder function being evaluated that has no value (no argument, no default) */
  | { readonly kind: 'runtime' }
  | { readonly kind: 'none' };

function bindsName(name: ts.BindingName, wanted: string): boolean {
  if (ts.isIdentifier(name)) return name.text === wanted;
  return name.elements.some((e) => !ts.isOmittedExpression(e) && bindsName(e.name, wanted));
}

/** `const`/`let`/function declarations among a block's own statements. */
function declaredIn(statements: readonly ts.Statement[], name: string): { init: ts.Expression } | 'opaque' | null {
  for (const statement of statements) {
    if (ts.isVariableStatement(statement)) {
      const list = statement.declarationList;
      for (const declaration of list.declarations) {
        if (!bindsName(declaration.name, name)) continue;
        const constant = (list.flags & ts.NodeFlags.Const) !== 0 && ts.isIdentifier(declaration.name) && declaration.initializer;
        return constant ? { init: declaration.initializer! } : 'opaque';
      }
    } else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name?.text === name) {
      return 'opaque';
    }
  }
  return null;
}

/**
 * The innermost declaration of `identifier`'s name that encloses it, walking down from the file to the
 * identifier (the files are parsed without parent pointers): a `const` of an enclosing block, a parameter
 * of the builder function being evaluated, or something that has no single value. 'none' when only the
 * file's top level can tell (the index answers that).
 */
function nearestDeclaration(located: Located, identifier: ts.Identifier): Nearest {
  const name = identifier.text;
  // the scopes between the file and the identifier, both left out
  const path = pathTo(located.file.index.sourceFile, identifier.end - 1).slice(1);
  const own = path.indexOf(identifier);
  if (own >= 0) path.length = own;
  for (let i = path.length - 1; i >= 0; i--) {
    const scope = path[i]!;
    if (ts.isBlock(scope) || ts.isModuleBlock(scope) || ts.isCaseClause(scope) || ts.isDefaultClause(scope)) {
      const found = declaredIn(scope.statements, name);
      if (found === 'opaque') return { kind: 'opaque' };
      if (found) return { kind: 'bound', to: { expression: found.init, file: located.file, scope: located.scope } };
    } else if (ts.isFunctionLike(scope)) {
      if (!scope.parameters.some((p) => bindsName(p.name, name))) continue;
      if (located.scope?.fn !== scope) return { kind: 'opaque' };
      const bound = located.scope.bindings.get(name);
      return bound ? { kind: 'bound', to: bound } : { kind: 'runtime' };
    } else if (
      (ts.isForStatement(scope) || ts.isForOfStatement(scope) || ts.isForInStatement(scope)) &&
      scope.initializer && ts.isVariableDeclarationList(scope.initializer) &&
      scope.initializer.declarations.some((d) => bindsName(d.name, name))
    ) {
      return { kind: 'opaque' };
    } else if (ts.isCatchClause(scope) && scope.variableDeclaration && bindsName(scope.variableDeclaration.name, name)) {
      return { kind: 'opaque' };
    }
  }
  return { kind: 'none' };
}

/** Follows identifiers, property accesses and builder-function calls to the expression they stand for. */
export function resolveExpression(located: Located, load: ModuleLoader, depth = 0): Located | null {
  if (depth > MAX_DEPTH) return null;
  const expression = unwrapExpression(located.expression);
  if (ts.isIdentifier(expression)) {
    const nearest = nearestDeclaration(located, expression);
    if (nearest.kind === 'bound') return resolveExpression(nearest.to, load, depth + 1);
    if (nearest.kind !== 'none') return null;
    const found = resolveName(located.file, expression.text, load, depth + 1);
    return found ? resolveExpression(found, load, depth + 1) : null;
  }
  if (ts.isCallExpression(expression)) {
    // `Object.freeze({ … })`: the object itself (pg-boss's JOB_STATES)
    const callee = expression.expression;
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'freeze' && ts.isIdentifier(callee.expression) &&
        callee.expression.text === 'Object' && expression.arguments.length === 1) {
      return resolveExpression({ expression: expression.arguments[0]!, file: located.file, scope: located.scope }, load, depth + 1);
    }
    const result = callResult({ expression, file: located.file, scope: located.scope }, load, depth + 1);
    return result ? resolveExpression(result, load, depth + 1) : { expression, file: located.file, scope: located.scope };
  }
  if (ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression)) {
    const key = ts.isPropertyAccessExpression(expression)
      ? expression.name.text
      : ts.isStringLiteralLike(expression.argumentExpression)
        ? expression.argumentExpression.text
        : null;
    if (key === null) return null;
    const owner = expression.expression;
    if (ts.isIdentifier(owner) && nearestDeclaration(located, owner).kind === 'none') {
      const binding = located.file.index.imports.get(owner.text);
      if (binding?.imported === '*' && !boundOtherwise(located.file, owner.text)) {
        const module = load(located.file.path, binding.module);
        const found = module ? resolveExport(module, key, load, depth + 1) : null;
        return found ? resolveExpression(found, load, depth + 1) : null;
      }
    }
    const object = resolveExpression({ expression: owner, file: located.file, scope: located.scope }, load, depth + 1);
    if (!object || !ts.isObjectLiteralExpression(object.expression)) return null;
    const value = propertyValue(object, object.expression, key).value;
    return value ? resolveExpression(value, load, depth + 1) : null;
  }
  return { expression, file: located.file, scope: located.scope };
}

/** A `const` of that name other than `const name = require('…')` (which the import binding stands for). */
function boundOtherwise(file: IndexedFile, name: string): boolean {
  if (!file.index.constants.has(name)) return false;
  const init = file.index.constants.get(name);
  return !(init && ts.isCallExpression(init) && ts.isIdentifier(init.expression) && init.expression.text === 'require');
}

/**
 * What an object literal sets `key` to (the last assignment, as in JavaScript), in the literal's scope;
 * `other`: it also has members that are not plain assignments (a spread, a method, an accessor).
 */
function propertyValue(object: Located, literal: ts.ObjectLiteralExpression, key: string): { value: Located | null; other: boolean } {
  let value: Located | null = null;
  let other = false;
  for (const property of literal.properties) {
    if (ts.isPropertyAssignment(property)) {
      if (propertyName(property.name) === key) value = { expression: property.initializer, file: object.file, scope: object.scope };
    } else if (ts.isShorthandPropertyAssignment(property)) {
      if (property.name.text === key) value = { expression: property.name, file: object.file, scope: object.scope };
    } else {
      // `key(…) { … }`: the method is the value (a function; only query-wrappers.ts looks inside it)
      if (ts.isMethodDeclaration(property) && propertyName(property.name) === key) {
        value = { expression: property as unknown as ts.Expression, file: object.file, scope: object.scope };
      }
      other = true;
    }
  }
  return { value, other };
}

/** The one expression a builder function returns: `=> expr`, or a body of `const`s and one `return expr`. */
function returnedExpression(fn: ts.SignatureDeclaration): ts.Expression | null {
  if (!ts.isFunctionDeclaration(fn) && !ts.isArrowFunction(fn) && !ts.isFunctionExpression(fn)) return null;
  if (fn.asteriskToken || fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) return null;
  const body = fn.body;
  if (!body) return null;
  if (!ts.isBlock(body)) return body;
  const last = body.statements[body.statements.length - 1];
  if (!last || !ts.isReturnStatement(last) || !last.expression) return null;
  const onlyConstants = body.statements
    .slice(0, -1)
    .every((s) => (ts.isVariableStatement(s) && (s.declarationList.flags & ts.NodeFlags.Const) !== 0) || isInertGuard(s));
  return onlyConstants ? last.expression : null;
}

/**
 * `if (qf.error) { console.error(qf.error); }` (pg-promise's demo `sql(file)` helper): a statement that
 * only logs or throws leaves what the function returns as it is, or makes it return nothing at all.
 */
function isInertGuard(statement: ts.Statement): boolean {
  if (ts.isBlock(statement)) return statement.statements.every(isInertGuard);
  if (ts.isIfStatement(statement)) return isInertGuard(statement.thenStatement) && (!statement.elseStatement || isInertGuard(statement.elseStatement));
  if (ts.isThrowStatement(statement)) return true;
  if (!ts.isExpressionStatement(statement) || !ts.isCallExpression(statement.expression)) return false;
  const callee = statement.expression.expression;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === 'console';
}

/**
 * `f(a, b)` where `f` is a builder function: the expression it returns, evaluated with its parameters
 * bound to the call's arguments (each in the caller's scope) or to their default values. Destructured
 * parameters are bound from an object literal argument. Null when `f` is not such a function.
 */
function callResult(call: Located & { readonly expression: ts.CallExpression }, load: ModuleLoader, depth: number): Located | null {
  if (depth > MAX_DEPTH) return null;
  const callee = resolveExpression({ expression: call.expression.expression, file: call.file, scope: call.scope }, load, depth + 1);
  if (!callee || !ts.isFunctionLike(callee.expression)) return null;
  const fn = callee.expression as ts.SignatureDeclaration;
  const returned = returnedExpression(fn);
  if (!returned) return null;
  const args = call.expression.arguments;
  if (args.some(ts.isSpreadElement)) return null;
  const bindings = new Map<string, Located>();
  const scope: CallScope = { fn, bindings };
  for (const [i, parameter] of fn.parameters.entries()) {
    if (parameter.dotDotDotToken) return null;
    const arg = args[i];
    const given = arg && !(ts.isIdentifier(arg) && arg.text === 'undefined') ? arg : undefined;
    if (ts.isIdentifier(parameter.name)) {
      if (given) bindings.set(parameter.name.text, { expression: given, file: call.file, scope: call.scope });
      else if (parameter.initializer) bindings.set(parameter.name.text, { expression: parameter.initializer, file: callee.file, scope });
    } else if (ts.isObjectBindingPattern(parameter.name)) {
      const object = given ? resolveExpression({ expression: given, file: call.file, scope: call.scope }, load, depth + 1) : null;
      for (const element of parameter.name.elements) {
        if (element.dotDotDotToken || !ts.isIdentifier(element.name)) return null;
        const key = element.propertyName ? propertyName(element.propertyName) : element.name.text;
        if (key === null) return null;
        let value: Located | null = null;
        if (object && ts.isObjectLiteralExpression(object.expression)) {
          const found = propertyValue(object, object.expression, key);
          if (found.other) return null; // a spread or method could set it
          value = found.value ?? (element.initializer ? { expression: element.initializer, file: callee.file, scope } : null);
        }
        if (value) bindings.set(element.name.text, value);
      }
    } else {
      return null;
    }
  }
  return { expression: returned, file: callee.file, scope };
}

export function propertyName(name: ts.PropertyName): string | null {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)) return name.text;
  return null;
}

/** What reading SQL files left behind during one evaluation: the files read, why one could not be. */
interface FileTrace {
  readonly files: string[];
  problem: { readonly reason: string; readonly sql: boolean } | null;
}

function evaluator(load: ModuleLoader, trace: FileTrace, depth: number): Evaluator {
  return {
    load,
    resolve: (located) => resolveExpression(located, load, depth + 1),
    text: (located) => {
      const text = textOf(located, load, depth + 1, trace);
      return text === null || text.includes(RUNTIME) || hasChoice(text) ? null : text;
    },
    shadowed: (located, identifier) => nearestDeclaration(located, identifier).kind !== 'none',
  };
}

/** The text with RUNTIME marks where builder-function parameters had no constant value, or null. */
function textOf(located: Located, load: ModuleLoader, depth: number, trace: FileTrace): string | null {
  if (depth > MAX_DEPTH) return null;
  const expression = unwrapExpression(located.expression);
  const again = (next: ts.Expression, file = located.file, scope = located.scope): string | null =>
    textOf({ expression: next, file, scope }, load, depth + 1, trace);
  if (ts.isStringLiteral(expression) || ts.isNoSubstitutionTemplateLiteral(expression)) return expression.text;
  if (ts.isNumericLiteral(expression)) return expression.text;
  // a part of a text with no constant value is marked RUNTIME: only sqlText may accept it, by its place
  if (ts.isTemplateExpression(expression)) {
    let text = expression.head.text;
    for (const span of expression.templateSpans) text += (again(span.expression) ?? RUNTIME) + span.literal.text;
    return text;
  }
  if (ts.isBinaryExpression(expression) && expression.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    return (again(expression.left) ?? RUNTIME) + (again(expression.right) ?? RUNTIME);
  }
  // `admin ? '' : ' AND owner = $2'`: both texts, marked as a choice (text-choices.ts)
  if (ts.isConditionalExpression(expression)) {
    const whenTrue = again(expression.whenTrue);
    const whenFalse = whenTrue === null ? null : again(expression.whenFalse);
    if (whenTrue === null || whenFalse === null) return null;
    const { key, negated } = conditionKey(expression.condition);
    return encodeChoice(key, negated ? [whenFalse, whenTrue] : [whenTrue, whenFalse]);
  }
  if (ts.isCallExpression(expression) && ts.isPropertyAccessExpression(expression.expression)) {
    const method = expression.expression.name.text;
    if (method === 'trim' && expression.arguments.length === 0) return again(expression.expression.expression)?.trim() ?? null;
    if (method === 'join') {
      const array = resolveExpression({ expression: expression.expression.expression, file: located.file, scope: located.scope }, load, depth + 1);
      if (!array || !ts.isArrayLiteralExpression(array.expression)) return null;
      const separator = expression.arguments[0] ? again(expression.arguments[0]) : ',';
      const parts = array.expression.elements.map((e) => again(e, array.file, array.scope));
      return separator === null || parts.some((p) => p === null) ? null : parts.join(separator);
    }
  }
  if (ts.isCallExpression(expression) || ts.isNewExpression(expression) || ts.isAwaitExpression(expression)) {
    const loaded = loadedSql({ expression, file: located.file, scope: located.scope }, evaluator(load, trace, depth));
    if (loaded && 'problem' in loaded) trace.problem ??= { reason: loaded.problem, sql: loaded.sql };
    if (loaded) return 'text' in loaded ? (trace.files.push(loaded.file), loaded.text) : null;
  }
  if (ts.isCallExpression(expression)) {
    const result = callResult({ expression, file: located.file, scope: located.scope }, load, depth + 1);
    return result ? textOf(result, load, depth + 1, trace) : null;
  }
  if (ts.isIdentifier(expression) && located.scope) {
    // inside a builder function: its parameters and locals first
    const nearest = nearestDeclaration(located, expression);
    if (nearest.kind === 'runtime') return RUNTIME;
    if (nearest.kind === 'bound') {
      const value = textOf(nearest.to, load, depth + 1, trace);
      if (value !== null) return value;
      // an argument with no constant value (`this.config.schema`) is known only to be given at run time
      const parameter = parameterOf(located.scope, expression);
      if (!parameter) return null;
      // why: a `number` parameter renders as digits, a value like a bound `$n` whose digits no rule reads
      return parameter.type?.kind === ts.SyntaxKind.NumberKeyword ? '0' : RUNTIME;
    }
    if (nearest.kind === 'opaque') return null;
  }
  if (ts.isIdentifier(expression) || ts.isPropertyAccessExpression(expression) || ts.isElementAccessExpression(expression)) {
    const found = resolveExpression({ expression, file: located.file, scope: located.scope }, load, depth + 1);
    if (!found || found.expression === expression) return null;
    return textOf(found, load, depth + 1, trace);
  }
  return null;
}

function parameterOf(scope: CallScope, identifier: ts.Identifier): ts.ParameterDeclaration | null {
  return scope.fn.parameters.find((p) => bindsName(p.name, identifier.text)) ?? null;
}

/** The string the expression always evaluates to, or null. */
export function constantText(located: Located, load: ModuleLoader): string | null {
  const text = textOf(located, load, 0, { files: [], problem: null });
  return text === null || text.includes(RUNTIME) || hasChoice(text) ? null : text;
}

// why: `${schema}.job` where the builder function's schema parameter is given at run time (a config
// value) names the table `job` in a schema the code does not fix: it is checked as the unqualified name,
// which the schema index looks up in `public`, then in every other schema the snapshot covers. Only
// right after a keyword that takes a relation name (`IF [NOT] EXISTS` and REFERENCES included), so an
// unknown alias (`${alias}.id`, also after ON) stays unknown.
const RUNTIME_SCHEMA = new RegExp(`(\\b(?:from|join|into|update|table|only|truncate|exists|references)\\s+)${RUNTIME}\\.(?=[A-Za-z_"])`, 'gi');
// why: the same schema qualifying a function call or a type (graphile-worker: `from ${schema}.add_jobs(…)`,
// `null::${schema}.job_spec`): nothing but a schema stands before `name(` or after `::`, and the statement's
// relations are then checked; functions and types in SQL text are left to PostgreSQL (--verify skips such statements)
const RUNTIME_ROUTINE_SCHEMA = new RegExp(`${RUNTIME}\\.(?=[A-Za-z_][\\w$]*\\s*\\()|(::\\s*)${RUNTIME}\\.(?=[A-Za-z_"])`, 'g');

export interface SqlText {
  readonly text: string;
  /** a relation's schema is given at run time: its name was left unqualified */
  readonly runtimeSchema: boolean;
  /** a run-time value inside a '…' literal was left out: the statement is not the one that runs */
  readonly standIn: boolean;
  /** the text is (or includes) the content of these files, relative to the scanned directory */
  readonly sqlFiles?: readonly string[];
}

/** A statement's SQL text: one, or one per combination of the parts a conditional chooses. */
export interface SqlTexts {
  readonly variants: readonly SqlText[];
}

/** Why a text read from a file is not known: the file is missing, outside the scanned directory, … */
export interface SqlTextProblem {
  readonly unresolved: string;
  /** the file is SQL whatever the call (a QueryFile, a `.sql` path): the site counts even where the call looks like no database call */
  readonly sql: boolean;
}

/** Up to this many texts (three choices) a statement is checked in each, as for templates (template.ts). */
const MAX_TEXT_VARIANTS = 8;

/**
 * SQL text the expression always evaluates to, up to the schema: a builder-function parameter with no
 * constant value that qualifies a relation name is left out (see RUNTIME_SCHEMA), and one inside a
 * string literal leaves the literal empty. Null when any other part is not constant. Parts chosen by
 * a conditional make one text per combination (text-choices.ts), each as if it were the only one.
 */
export function sqlText(located: Located, load: ModuleLoader): SqlTexts | SqlTextProblem | null {
  const trace: FileTrace = { files: [], problem: null };
  const marked = textOf(located, load, 0, trace);
  if (marked === null && trace.problem !== null) return { unresolved: trace.problem.reason, sql: trace.problem.sql };
  if (marked === null) return null;
  const texts = expandChoices(marked, MAX_TEXT_VARIANTS);
  if (texts === null) return { unresolved: `SQL text chosen at run time (more than ${MAX_TEXT_VARIANTS} combinations)`, sql: false };
  const files = trace.files.length > 0 ? { sqlFiles: [...new Set(trace.files)] } : {};
  const variants: SqlText[] = [];
  for (const text of texts) {
    const one = oneSqlText(text, files);
    if (one === null) return null;
    variants.push(one);
  }
  return { variants };
}

function oneSqlText(text: string, files: Pick<SqlText, 'sqlFiles'>): SqlText | null {
  // an empty qualifier (`INTO .job`): a "constant" that is really set at run time (a mutable object's initial '')
  if (EMPTY_QUALIFIER.test(text) || LEADING_RUNTIME.test(text)) return null;
  if (!text.includes(RUNTIME)) return { text, runtimeSchema: false, standIn: false, ...files };
  const unqualified = text.replace(RUNTIME_SCHEMA, '$1').replace(RUNTIME_ROUTINE_SCHEMA, '$1');
  const resolved = withinStringLiterals(unqualified);
  if (resolved.includes(RUNTIME)) return null;
  return { text: resolved, runtimeSchema: unqualified !== text, standIn: resolved !== unqualified, ...files };
}

const EMPTY_QUALIFIER = /\s\.[A-Za-z_"]/;
/** `prefix + ' WHERE …'`: the statement's start is not known, so neither is whether it is SQL */
const LEADING_RUNTIME = new RegExp(`^\\s*${RUNTIME}`);

/**
 * A run-time value inside a '…' string literal leaves it a string literal: no rule reads its content.
 * Comments are skipped (an apostrophe in `-- don't` opens no literal); a run-time value in one stays.
 */
function withinStringLiterals(text: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (!quoted && char === '-' && text[i + 1] === '-') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? text.length : end;
      out += text.slice(i, stop);
      i = stop - 1;
      continue;
    }
    if (!quoted && char === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop);
      i = stop - 1;
      continue;
    }
    if (char === "'") quoted = !quoted;
    out += char === RUNTIME && quoted ? '' : char;
  }
  return out;
}
