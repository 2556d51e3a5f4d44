// Method chains as builder APIs write them: `knex('t').insert(rows).onConflict(['a']).merge()` read
// from the root outwards. Every call of a chain is in ExtractContext.calls; only the outermost one
// starts a chain, so each statement is seen once.
import { ts } from '../../typescript.js';
import { continuationsOf, continuedChain } from './continuation.js';
import { treeCache } from './tree-cache.js';

/** One `.name(args)` of a chain; `name` is `''` for a direct call such as `knex('t')`. */
export interface Link {
  readonly name: string;
  readonly args: readonly ts.Expression[];
  readonly call: ts.CallExpression;
}

export interface Chain {
  /** what the chain starts from: `knex`, `supabase`, `this.db`, `(await client())` */
  readonly base: ts.Expression;
  /** root first */
  readonly links: readonly Link[];
  /** the outermost call: the whole statement */
  readonly outer: ts.CallExpression;
  /** the later chains whose links were appended (continuation.ts): shown with the statement */
  readonly continuations?: readonly ts.CallExpression[];
}

/**
 * The syntax kinds that wrap a value without changing it, by kind: built from the same ts.is* tests.
 * Why a table: skipWrappers runs on nearly every expression the extractors look at, and five calls
 * into the compiler per node were ~2% of the scan's CPU (the scan limits V8's inlining: v8-tuning.ts).
 */
const WRAPS_VALUE: readonly boolean[] = Array.from({ length: ts.SyntaxKind.Count }, (_, kind) => {
  const node = { kind } as ts.Node;
  return ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node);
});

/** Parentheses, `!`, `as T`, `satisfies T` and `<T>x` do not change what a value is. */
export function skipWrappers(node: ts.Expression): ts.Expression {
  let current = node;
  while (WRAPS_VALUE[current.kind] === true) current = (current as ts.ParenthesizedExpression).expression;
  return current;
}

function innerCall(call: ts.CallExpression): ts.CallExpression | null {
  const callee = skipWrappers(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const receiver = skipWrappers(callee.expression);
  return ts.isCallExpression(receiver) ? receiver : null;
}

export function chainOf(outer: ts.CallExpression): Chain {
  const links: Link[] = [];
  let current: ts.Expression = outer;
  for (;;) {
    current = skipWrappers(current);
    if (!ts.isCallExpression(current)) break;
    const callee = skipWrappers(current.expression);
    if (ts.isPropertyAccessExpression(callee)) {
      links.push({ name: callee.name.text, args: current.arguments, call: current });
      current = callee.expression;
    } else {
      links.push({ name: '', args: current.arguments, call: current });
      current = callee;
      break;
    }
  }
  links.reverse();
  return { base: current, links, outer };
}

const chainCache = treeCache<readonly ts.CallExpression[], readonly Chain[]>('chains');

/** Every chain of a file, one per outermost call, in source order. */
export function chainsOf(calls: readonly ts.CallExpression[]): readonly Chain[] {
  const cached = chainCache.get(calls);
  if (cached) return cached;
  const inner = new Set<ts.CallExpression>();
  for (const call of calls) {
    const receiver = innerCall(call);
    if (receiver) inner.add(receiver);
  }
  const chains = calls.filter((c) => !inner.has(c)).map(chainOf);
  chainCache.set(calls, chains);
  return chains;
}

/** The chain a callback body returns: `oc => oc.columns(['a']).doNothing()`. */
export function returnedChain(fn: ts.Expression): { param: string; chain: Chain } | null {
  const node = skipWrappers(fn);
  if (!ts.isArrowFunction(node) && !ts.isFunctionExpression(node)) return null;
  const first = node.parameters[0];
  if (!first || !ts.isIdentifier(first.name)) return null;
  let body: ts.Node = node.body;
  if (ts.isBlock(body)) {
    const returned = body.statements.find(ts.isReturnStatement);
    if (!returned?.expression) return null;
    body = returned.expression;
  }
  const expression = skipWrappers(body as ts.Expression);
  if (!ts.isCallExpression(expression)) return null;
  return { param: first.name.text, chain: chainOf(expression) };
}

/** The chain's text for messages: whitespace collapsed, long calls shortened; continuations after `;`. */
export function chainText(chain: Chain, sourceFile: ts.SourceFile, max = 160): string {
  return [chain.outer, ...(chain.continuations ?? [])].map((call) => callText(call, sourceFile, max)).join('; ');
}

function callText(call: ts.CallExpression, sourceFile: ts.SourceFile, max: number): string {
  const text = call.getText(sourceFile).replace(/\s+/g, ' ').replace(/\( /g, '(').replace(/ \)/g, ')');
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * The statements of a file's chains: `statementOf` decides which chains are queries of its library.
 * A query held in a variable and continued later (`q = q.where(…)`) is read with its continuations
 * (continuation.ts) when that reading is a query too; else each chain is read on its own.
 */
export function statementsOfChains<S extends { readonly kind: string }>(
  calls: readonly ts.CallExpression[],
  sourceFile: ts.SourceFile,
  statementOf: (chain: Chain) => S | null,
): S[] {
  const statements: S[] = [];
  const chains = chainsOf(calls);
  const continuations = continuationsOf(chains, sourceFile);
  const consumed = new Set<Chain>();
  for (const chain of chains) {
    if (consumed.has(chain)) continue;
    let statement = statementOf(chain);
    if (statement && statement.kind !== 'unresolved' && continuations.byChain.has(chain)) {
      const used = new Set<Chain>();
      const continued = continuedChain(chain, continuations, used);
      const whole = continued && statementOf(continued);
      if (whole) {
        statement = whole;
        for (const c of used) consumed.add(c);
      }
    }
    if (statement) statements.push(statement);
  }
  return statements;
}
