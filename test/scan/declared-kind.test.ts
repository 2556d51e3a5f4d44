// declared-kind.ts answers a value's kind from the types a file declares, instead of the type
// checker. Its answers must never disagree with the checker on the one verdict a kind changes (an
// array or not): every answer here is checked against the real checker (type-kinds.ts), on traps
// written for it and on every fixture's code.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { declaredKind } from '../../src/scan/extract/declared-kind.js';
import type { ValueKind } from '../../src/scan/facts.js';
import { resolveTypeKinds } from '../../src/scan/type-kinds.js';

const ROOT = join(import.meta.dirname, '..', '..');
const CASES = join(import.meta.dirname, 'type-cases');

interface Answer {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly declared: ValueKind | null;
  /** the `// kind` comment after a `site(…)` call in the cases file */
  readonly expected?: string;
}

function parse(path: string): ts.SourceFile {
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, false, path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** Every value a scanner could bind: call arguments, array elements, object property values. */
function valuesIn(sourceFile: ts.SourceFile): ts.Expression[] {
  const values: ts.Expression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) values.push(...node.arguments);
    else if (ts.isArrayLiteralExpression(node)) values.push(...node.elements);
    else if (ts.isPropertyAssignment(node)) values.push(node.initializer);
    else if (ts.isShorthandPropertyAssignment(node)) values.push(node.name);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return values.filter((v) => !ts.isSpreadElement(v));
}

function answersIn(root: string, path: string, onlySites: boolean): Answer[] {
  const sourceFile = parse(path);
  const answers: Answer[] = [];
  const file = relative(root, path);
  const add = (value: ts.Expression, expected?: string): void => {
    const start = value.getStart(sourceFile);
    answers.push({ file, start, end: value.end, text: value.getText(sourceFile), declared: declaredKind(value, sourceFile), ...(expected ? { expected } : {}) });
  };
  if (onlySites) {
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'site' && node.arguments[0]) {
        const line = sourceFile.text.slice(node.end).split('\n')[0]!;
        add(node.arguments[0], /\/\/ (\w+)/.exec(line)?.[1]);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  } else {
    for (const value of valuesIn(sourceFile)) add(value);
  }
  return answers;
}

function agreesWithChecker(answers: readonly Answer[], root: string, options: ts.CompilerOptions): string[] {
  const definite = answers.filter((a) => a.declared !== null);
  const kinds = resolveTypeKinds(root, definite, options);
  const disagreements: string[] = [];
  for (const answer of definite) {
    const checker = kinds.get(`${answer.file}:${answer.start}:${answer.end}`);
    // the checker may know less (`unknown` for a narrowed intersection), never another array verdict;
    // JSON text (a const made by JSON.stringify) is a string to the checker
    const declared = answer.declared === 'json-text' ? 'scalar' : answer.declared;
    const agrees = checker === declared || (checker === 'unknown' && declared !== 'array');
    if (!agrees) disagreements.push(`${answer.file}:${answer.start} ${answer.text}: declared ${answer.declared}, checker ${checker}`);
  }
  return disagreements;
}

const STRICT: ts.CompilerOptions = { strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext };
const LOOSE: ts.CompilerOptions = { ...STRICT, strict: false };

describe('kinds from the types a file declares', () => {
  const answers = readdirSync(CASES).flatMap((name) => answersIn(CASES, join(CASES, name), true));

  it('answer where the file declares the type, and leave the traps to the checker', () => {
    expect(answers.length).toBeGreaterThan(70);
    const wrong = answers
      .filter((a) => (a.declared ?? 'checker') !== a.expected)
      .map((a) => `${a.text}: expected ${a.expected}, declared ${a.declared ?? 'checker'}`);
    expect(wrong).toEqual([]);
  });

  it('answer nothing for an expression of another file (names are looked up by position)', () => {
    const own = ts.createSourceFile('own.ts', 'export function f(tags: string[]) { return [tags]; }', ts.ScriptTarget.Latest, false);
    const other = ts.createSourceFile('other.ts', 'export function g(tags: string[]) { return [tags]; }', ts.ScriptTarget.Latest, false);
    const tagsIn = (file: ts.SourceFile): ts.Expression => {
      let found: ts.Expression | undefined;
      const visit = (node: ts.Node): void => {
        if (ts.isArrayLiteralExpression(node)) found = node.elements[0];
        ts.forEachChild(node, visit);
      };
      visit(file);
      return found!;
    };
    expect(declaredKind(tagsIn(own), own)).toBe('array');
    expect(declaredKind(tagsIn(other), own)).toBeNull();
  });

  it.each([['strict', STRICT], ['not strict', LOOSE]] as const)('never disagree with the type checker on the traps (%s)', (_, options) => {
    expect(agreesWithChecker(answers, CASES, options)).toEqual([]);
  });

  it("never disagree with the type checker on the fixtures' code", () => {
    const codeDirs = readdirSync(join(ROOT, 'fixtures'))
      .map((name) => join(ROOT, 'fixtures', name, 'code'))
      .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory());
    let definite = 0;
    const disagreements: string[] = [];
    for (const dir of codeDirs) {
      const walk = (d: string): string[] =>
        readdirSync(d, { withFileTypes: true }).flatMap((e) =>
          e.isDirectory() ? (e.name === 'node_modules' ? [] : walk(join(d, e.name))) : /\.(ts|tsx|js|mjs)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [join(d, e.name)] : [],
        );
      const answers = walk(dir).flatMap((path) => answersIn(dir, path, false));
      definite += answers.filter((a) => a.declared !== null).length;
      disagreements.push(...agreesWithChecker(answers, dir, STRICT).map((d) => `${relative(ROOT, dir)}/${d}`));
    }
    expect(definite).toBeGreaterThan(100);
    expect(disagreements).toEqual([]);
  }, 120_000);
});
