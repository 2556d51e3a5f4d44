// A query built over several statements through one variable, as real code builds optional filters:
//   let query = supabase.from('items').select('id');
//   if (status) query = query.eq('status', status);
//   const { data } = await query.order('name');
//   const q = knex('items').where('a', 1); if (b) q.where('b', b); return q;   (knex builders mutate)
// The chains based on the variable continue the chain it was initialized with. Their links are
// appended to it: the union of every branch, so each column any branch names is checked (a column
// that does not exist fails whichever branch runs). Only for a `let`/`const` whose every assignment
// continues it (`q = q.where(…)`): a variable reassigned to anything else (another query, an awaited
// result) keeps today's reading, each chain on its own.
import { ts } from '../../typescript.js';
import { chainOf, skipWrappers, type Chain } from './chain.js';
import { declarationsOf, lookup, type Declaration, type FileDeclarations } from './declarations.js';
import { treeCache } from './tree-cache.js';

export interface Continuations {
  readonly sourceFile: ts.SourceFile;
  readonly declarations: FileDeclarations | null;
  /** chain held in a variable → the variable and the later chains based on it, in source order */
  readonly byChain: ReadonlyMap<Chain, { readonly variable: Declaration; readonly chains: readonly Chain[] }>;
  /** per variable: whether every assignment to it continues it (looked at only when asked) */
  readonly continuable: Map<Declaration, boolean>;
}

// one per file's chains (every builder extractor asks for the same chains), kept on them (tree-cache.ts)
const cache = treeCache<readonly Chain[], Continuations>('continuations');

/** For each chain held in a variable, the later chains based on that variable. */
export function continuationsOf(chains: readonly Chain[], sourceFile: ts.SourceFile): Continuations {
  let continuations = cache.get(chains);
  if (!continuations) {
    continuations = findContinuations(chains, sourceFile);
    cache.set(chains, continuations);
  }
  return continuations;
}

function findContinuations(chains: readonly Chain[], sourceFile: ts.SourceFile): Continuations {
  const byChain = new Map<Chain, { variable: Declaration; chains: Chain[] }>();
  let byOuter: Map<ts.Node, Chain> | null = null;
  let declarations: FileDeclarations | null = null;
  for (const chain of chains) {
    const base = skipWrappers(chain.base);
    if (!ts.isIdentifier(base)) continue;
    declarations ??= declarationsOf(sourceFile);
    const variable = lookup(declarations, base.text, base.pos);
    if (variable?.kind !== 'variable' || !variable.initializer) continue;
    const initializer = skipWrappers(variable.initializer);
    if (!ts.isCallExpression(initializer) || chain.outer.pos < initializer.end) continue;
    byOuter ??= new Map(chains.map((c) => [c.outer, c]));
    const first = byOuter.get(initializer);
    if (!first) continue;
    const entry = byChain.get(first) ?? { variable, chains: [] };
    entry.chains.push(chain);
    byChain.set(first, entry);
  }
  return { sourceFile, declarations, byChain, continuable: new Map() };
}

/**
 * The chain with the links of its continuations (and of theirs) appended, or null when it has none
 * or its variable is also assigned something else. `consumed` gets every continuation used.
 */
export function continuedChain(chain: Chain, continuations: Continuations, consumed: Set<Chain>): Chain | null {
  const entry = continuations.byChain.get(chain);
  if (!entry) return null;
  const { variable } = entry;
  let ok = continuations.continuable.get(variable);
  if (ok === undefined) {
    const declarations = continuations.declarations!;
    ok = assignmentsIn(continuations.sourceFile, variable.scopeStart, variable.scopeEnd).every(
      (a) => !assignsTo(a, variable, declarations) || continuesItself(a.right, variable, declarations),
    );
    continuations.continuable.set(variable, ok);
  }
  if (!ok) return null;
  const links = [...chain.links];
  const calls: ts.CallExpression[] = [];
  for (const next of entry.chains) {
    consumed.add(next);
    const whole = continuedChain(next, continuations, consumed) ?? next;
    links.push(...whole.links);
    calls.push(whole.outer, ...(whole.continuations ?? []));
  }
  return { base: chain.base, links, outer: chain.outer, continuations: calls };
}

function assignsTo(assignment: ts.BinaryExpression, declaration: Declaration, declarations: FileDeclarations): boolean {
  const left = skipWrappers(assignment.left);
  return ts.isIdentifier(left) && left.text === declaration.name && lookup(declarations, left.text, left.pos) === declaration;
}

/** `q = q.where(…)`: a call chain based on the same variable */
function continuesItself(right: ts.Expression, declaration: Declaration, declarations: FileDeclarations): boolean {
  const value = skipWrappers(right);
  if (!ts.isCallExpression(value)) return false;
  const base = skipWrappers(chainOf(value).base);
  return ts.isIdentifier(base) && base.text === declaration.name && lookup(declarations, base.text, base.pos) === declaration;
}

/** The assignment expressions (`=`, `+=`, `??=`, …) within [start, end): the variable's scope. */
function assignmentsIn(sourceFile: ts.SourceFile, start: number, end: number): ts.BinaryExpression[] {
  const found: ts.BinaryExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (node.end <= start || node.pos >= end) return;
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment &&
      node.operatorToken.kind <= ts.SyntaxKind.LastAssignment
    ) {
      found.push(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}
