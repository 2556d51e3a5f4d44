// The columns a Kysely expression-builder callback names: `.where((eb) => eb.or([eb('status', '=', s),
// eb('id', '=', id)]))`, `.where(({ eb, and, ref }) => and([eb(ref('a'), '>', 1), eb.between('b', 1, 2)]))`,
// `.select((eb) => ['id', eb.fn.count('id').as('n')])`. https://kysely.dev/docs/category/where (and the
// ExpressionBuilder API). Read: the first argument of `eb(…)`, `ref(…)`, `between(…)`, the keys of
// `and({…})`/`or({…})`, string arguments of `fn.*(…)`, and the strings of a select callback's array.
// Not read: subqueries (a chain with its own selectFrom: its names belong to its own tables), the table
// or alias `fn.jsonAgg(…)`/`fn.toJson(…)` take (immich: `jsonAgg('assets')` was a false unknown-column), and other
// nested functions; values (`val`, `lit`, the right-hand side of `eb(…)`).
import { ts } from '../../typescript.js';
import { skipWrappers } from './chain.js';

/** How the callback's parameter is bound: `(eb) =>` or `({ eb, ref, fn, and, or }) =>`. */
interface Names {
  /** `eb` itself: callable, with `.ref`, `.fn`, `.and`, … */
  readonly builder: string | null;
  readonly ref: string | null;
  readonly fn: string | null;
  readonly between: ReadonlySet<string>;
  readonly combinators: ReadonlySet<string>;
  readonly eb: string | null;
}

const BETWEEN = new Set(['between', 'betweenSymmetric']);
const COMBINATORS = new Set(['and', 'or']);
/** `fn` methods whose argument is a table or alias, not a column (Kysely's FunctionModule) */
const ROW_FUNCTIONS = new Set(['jsonAgg', 'toJson']);

function namesOf(parameter: ts.ParameterDeclaration): Names | null {
  if (ts.isIdentifier(parameter.name)) {
    return { builder: parameter.name.text, ref: null, fn: null, between: new Set(), combinators: new Set(), eb: null };
  }
  if (!ts.isObjectBindingPattern(parameter.name)) return null;
  let ref: string | null = null;
  let fn: string | null = null;
  let eb: string | null = null;
  const between = new Set<string>();
  const combinators = new Set<string>();
  for (const element of parameter.name.elements) {
    if (!ts.isIdentifier(element.name) || element.dotDotDotToken) continue;
    const property = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : element.name.text;
    const local = element.name.text;
    if (property === 'ref') ref = local;
    else if (property === 'fn') fn = local;
    else if (property === 'eb') eb = local;
    else if (BETWEEN.has(property)) between.add(local);
    else if (COMBINATORS.has(property)) combinators.add(local);
  }
  return { builder: null, ref, fn, between, combinators, eb };
}

/**
 * The column names (as written: `col`, `t.col`, `col as alias`) a callback reads; null when the
 * argument is not a callback. `isSubquery` tells a nested query (its names are not this statement's).
 */
export function expressionColumns(
  argument: ts.Expression,
  constantText: (expression: ts.Expression) => string | null,
  isSubquery: (call: ts.CallExpression) => boolean,
  selectList: boolean,
): string[] | null {
  const callback = skipWrappers(argument);
  if (!ts.isArrowFunction(callback) && !ts.isFunctionExpression(callback)) return null;
  const parameter = callback.parameters[0];
  const names = parameter ? namesOf(parameter) : null;
  if (!names) return [];
  const columns: string[] = [];
  const text = (expression: ts.Expression | undefined): void => {
    const value = expression ? constantText(expression) : null;
    if (value !== null) columns.push(value);
  };
  const strings = (expression: ts.Expression | undefined): void => {
    const node = expression && skipWrappers(expression);
    if (node && ts.isArrayLiteralExpression(node)) for (const element of node.elements) strings(element);
    else if (node && ts.isStringLiteralLike(node)) columns.push(node.text);
  };
  const isName = (node: ts.Expression, name: string | null): boolean => name !== null && ts.isIdentifier(node) && node.text === name;
  /** `eb` (the parameter) or a destructured `eb` */
  const isBuilder = (node: ts.Expression): boolean => isName(node, names.builder) || isName(node, names.eb);
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isCallExpression(node)) {
      if (isSubquery(node)) return;
      const callee = skipWrappers(node.expression);
      const [first] = node.arguments;
      if (isBuilder(callee)) text(first);
      else if (isName(callee, names.ref) || (ts.isIdentifier(callee) && names.between.has(callee.text))) text(first);
      else if (ts.isIdentifier(callee) && names.combinators.has(callee.text)) keys(first);
      else if (ts.isPropertyAccessExpression(callee)) {
        const receiver = skipWrappers(callee.expression);
        const method = callee.name.text;
        if (isBuilder(receiver) && (method === 'ref' || BETWEEN.has(method))) text(first);
        else if (isBuilder(receiver) && COMBINATORS.has(method)) keys(first);
        // eb.fn.count('id'), fn.coalesce('a', 'b'), fn.max('t.created_at'); not fn.jsonAgg('pets') / fn.toJson('pet'),
        // which take a table or alias (its whole row)
        else if (isName(receiver, names.fn) || (ts.isPropertyAccessExpression(receiver) && receiver.name.text === 'fn' && isBuilder(skipWrappers(receiver.expression)))) {
          if (!ROW_FUNCTIONS.has(method)) for (const arg of node.arguments) strings(arg);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  /** `and({ first_name: 'Jennifer', last_name: ref('first_name') })`: the keys are columns */
  const keys = (expression: ts.Expression | undefined): void => {
    const node = expression && skipWrappers(expression);
    if (!node || !ts.isObjectLiteralExpression(node)) return;
    for (const property of node.properties) {
      if ((ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
        columns.push(property.name.text);
      }
    }
  };
  const body = callback.body;
  const returned: ts.Expression[] = [];
  if (ts.isBlock(body)) {
    const collect = (node: ts.Node): void => {
      if (ts.isFunctionLike(node)) return;
      if (ts.isReturnStatement(node) && node.expression) returned.push(node.expression);
      ts.forEachChild(node, collect);
    };
    collect(body);
    ts.forEachChild(body, visit);
  } else {
    returned.push(body);
    visit(body);
  }
  // a select callback returns its select list: strings in it are columns too
  if (selectList) for (const expression of returned) strings(expression);
  return columns;
}
