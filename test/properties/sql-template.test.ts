// Property-based tests of buildSql (tagged template → SQL with $n parameters), staticText and quoteIdentifier.
// Templates are generated as TypeScript source, parsed with ts.createSourceFile, and their holes classified by a
// model: each `${name}` stands for a param, spliced text, a nested fragment (`${sql`…`}`), a sequence or an
// unresolved hole.
import fc from 'fast-check';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import type { ParamFact, ValueKind } from '../../src/scan/facts.js';
import { buildSql, quoteIdentifier, staticText, type BuiltSql, type Hole } from '../../src/scan/extract/template.js';
import type { ExtractContext } from '../../src/scan/extract/types.js';

type Leaf =
  | { kind: 'param'; withValue: boolean; valueKind?: ValueKind; cast?: string }
  | { kind: 'text'; text: string }
  | { kind: 'unresolved'; reason: string };
type HoleModel = Leaf | { kind: 'fragment'; template: TemplateModel } | { kind: 'sequence'; holes: Leaf[]; separator: string };
interface TemplateModel {
  /** one more chunk than holes */
  chunks: string[];
  holes: HoleModel[];
}

/**
 * Literal text that reads the same cooked and raw inside a template literal: no backtick, backslash, CR or `${`.
 * Without dollars, also no leading digit: `${n}9` is `$19` as text (as the drivers send it), so counting `$n` in
 * the SQL needs chunks that cannot extend a placeholder (the exact-SQL property covers that case).
 */
const chunk = (dollars: boolean) =>
  fc
    .string({
      unit: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...Array.from(`abcXYZ019 ,;()=*'"-/_.:\n\t{}é😀${dollars ? '$$' : ''}`)) },
        { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' }) },
      ),
      maxLength: 12,
    })
    .filter((s) => !/[`\\\r]/.test(s) && !s.includes('${') && (dollars || (!s.includes('$') && !/^\d/.test(s))));

const leaf = (unresolved: boolean, dollars: boolean): fc.Arbitrary<Leaf> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.record({ kind: fc.constant('param' as const), withValue: fc.boolean(), valueKind: fc.constantFrom<ValueKind | undefined>(undefined, 'array', 'object', 'scalar'), cast: fc.constantFrom(undefined, 'jsonb', 'int[]') }, { requiredKeys: ['kind', 'withValue'] }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('text' as const), text: dollars ? fc.string({ maxLength: 8 }) : fc.constantFrom('"t"', 'users', 'a, b', '') }) },
    { weight: unresolved ? 1 : 0, arbitrary: fc.record({ kind: fc.constant('unresolved' as const), reason: fc.string({ minLength: 1, maxLength: 6 }) }) },
  );

const templateModel = (unresolved: boolean, dollars: boolean): fc.Arbitrary<TemplateModel> =>
  fc.letrec<{ template: TemplateModel; hole: HoleModel }>((tie) => ({
    template: fc
      .array(tie('hole'), { maxLength: 5, depthIdentifier: 'tpl' })
      .chain((holes) => fc.record({ holes: fc.constant(holes), chunks: fc.array(chunk(dollars), { minLength: holes.length + 1, maxLength: holes.length + 1 }) })),
    hole: fc.oneof(
      { depthSize: 'small', depthIdentifier: 'tpl', withCrossShrink: true },
      leaf(unresolved, dollars),
      fc.record({ kind: fc.constant('fragment' as const), template: tie('template') as fc.Arbitrary<TemplateModel> }),
      fc.record({ kind: fc.constant('sequence' as const), holes: fc.array(leaf(unresolved, dollars), { maxLength: 3 }), separator: fc.constantFrom(', ', ' AND ', '') }),
    ),
  })).template;

/** TypeScript source for the model, and what each `${hN}` identifier stands for. */
function toSource(model: TemplateModel): { code: string; byName: Map<string, HoleModel> } {
  const byName = new Map<string, HoleModel>();
  const emit = (t: TemplateModel): string => {
    let out = 'sql`' + t.chunks[0];
    t.holes.forEach((h, i) => {
      if (h.kind === 'fragment') out += '${' + emit(h.template) + '}';
      else {
        const name = `h${byName.size}`;
        byName.set(name, h);
        out += '${' + name + '}';
      }
      out += t.chunks[i + 1];
    });
    return out + '`';
  };
  return { code: `const q = ${emit(model)};\n`, byName };
}

function parse(model: TemplateModel) {
  const { code, byName } = toSource(model);
  const file = ts.createSourceFile('q.ts', code, ts.ScriptTarget.Latest, true);
  const statement = file.statements[0] as ts.VariableStatement;
  const tagged = statement.declarationList.declarations[0]!.initializer as ts.TaggedTemplateExpression;
  expect(ts.isTaggedTemplateExpression(tagged)).toBe(true);
  return { file, template: tagged.template, byName };
}

const toHole = (m: Leaf | { kind: 'sequence'; holes: Leaf[]; separator: string }, expression: ts.Expression): Hole => {
  switch (m.kind) {
    case 'param':
      return { kind: 'param', value: m.withValue ? expression : null, ...(m.valueKind ? { valueKind: m.valueKind } : {}), ...(m.cast ? { cast: m.cast } : {}) };
    case 'text':
      return { kind: 'text', text: m.text };
    case 'unresolved':
      return { kind: 'unresolved', reason: m.reason };
    case 'sequence':
      return { kind: 'sequence', separator: m.separator, holes: m.holes.map((h) => toHole(h, expression)) };
  }
};

/** What buildSql should give: the SQL, the number of params, the first unresolved reason, and each classify's sqlBefore. */
function expected(model: TemplateModel) {
  let n = 0;
  let unresolved: string | null = null;
  const befores: string[] = [];
  const renderLeaf = (h: Leaf): string => {
    if (h.kind === 'param') return `$${++n}${h.cast ? `::${h.cast}` : ''}`;
    if (h.kind === 'text') return h.text;
    unresolved ??= h.reason;
    return '';
  };
  const walk = (t: TemplateModel, prefix: string): string => {
    let sql = t.chunks[0]!;
    t.holes.forEach((h, i) => {
      if (unresolved !== null) return;
      if (h.kind !== 'fragment') befores.push(prefix + sql);
      if (h.kind === 'fragment') sql += walk(h.template, prefix + sql);
      else if (h.kind === 'sequence') sql += h.holes.map((part) => (unresolved === null ? renderLeaf(part) : '')).join(h.separator);
      else sql += renderLeaf(h);
      sql += t.chunks[i + 1];
    });
    return sql;
  };
  const sql = walk(model, '');
  return { sql, params: n, unresolved, befores };
}

function run(model: TemplateModel) {
  const { file, template, byName } = parse(model);
  const befores: string[] = [];
  const classify = (expression: ts.Expression, sqlBefore: string): Hole => {
    if (ts.isTaggedTemplateExpression(expression)) return { kind: 'fragment', template: expression.template };
    befores.push(sqlBefore);
    const m = byName.get((expression as ts.Identifier).text);
    if (!m || m.kind === 'fragment') throw new Error(`no model for ${expression.getText(file)}`);
    return toHole(m, expression);
  };
  return { built: single(buildSql(template, classify, contextOf(file))), befores };
}

function contextOf(file: ts.SourceFile): ExtractContext {
  return {
    sourceFile: file,
    paramFact: (expression: ts.Expression, index: number): ParamFact => ({
      index, kind: 'unknown', text: expression.getText(file), typeSite: { start: expression.getStart(file), end: expression.getEnd() },
    }),
  } as unknown as ExtractContext;
}

/** The only variant (these templates choose no clause at run time), in the shape the properties read. */
function single(built: BuiltSql) {
  if (!built.ok) return built;
  expect(built.variants).toHaveLength(1);
  return { ok: true as const, ...built.variants[0]! };
}

describe('buildSql', () => {
  it('splices literal chunks unchanged and numbers param holes $1..$n in order', () => {
    fc.assert(
      fc.property(templateModel(false, true), (model) => {
        const want = expected(model);
        const { built, befores } = run(model);
        expect(built).toMatchObject({ ok: true, sql: want.sql });
        if (!built.ok) return;
        expect(built.params.map((p) => p.index)).toEqual(Array.from({ length: want.params }, (_, i) => i + 1));
        expect(befores).toEqual(want.befores); // each classifier call sees exactly the SQL built before its hole
      }),
      { numRuns: 200 },
    );
  });

  it('without $ in the literal text, the $n in the SQL are exactly 1..n in order, and the chunks appear in order', () => {
    fc.assert(
      fc.property(templateModel(false, false), (model) => {
        const { built } = run(model);
        if (!built.ok) throw new Error(built.reason);
        const numbers = [...built.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
        expect(numbers).toEqual(built.params.map((_, i) => i + 1));
        // top-level chunks are found in order, unchanged
        let at = 0;
        for (const c of model.chunks) {
          const found = built.sql.indexOf(c, at);
          expect(found, JSON.stringify({ c, sql: built.sql })).toBeGreaterThanOrEqual(at);
          at = found + c.length;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('never throws: an unresolved hole gives ok: false with the first unresolved reason', () => {
    fc.assert(
      fc.property(templateModel(true, true), (model) => {
        const want = expected(model);
        const { built } = run(model);
        if (want.unresolved === null) expect(built).toMatchObject({ ok: true, sql: want.sql });
        else expect(built).toEqual({ ok: false, reason: want.unresolved });
      }),
      { numRuns: 200 },
    );
  });

  it('param facts carry the value kind of the hole, or the context fact', () => {
    fc.assert(
      fc.property(templateModel(false, true), (model) => {
        const { built } = run(model);
        if (!built.ok) throw new Error(built.reason);
        for (const p of built.params) {
          expect(['array', 'object', 'scalar', 'unknown']).toContain(p.kind);
          if (p.text !== '…') expect(p.text).toMatch(/^h\d+$/);
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe('buildSql with clauses chosen at run time', () => {
  it('gives every combination, the last choice varying fastest, each numbered from $1; more than 8 are not checked', () => {
    const alternative = fc.constantFrom('', 'AND a', 'AND b = ${v}', 'OR c');
    fc.assert(
      fc.property(fc.array(fc.tuple(alternative, alternative, fc.constantFrom('', ' x ', '\n')), { maxLength: 4 }), (choices) => {
        const holes = choices.map(([a, b], i) => `\${c${i} ? sql\`${a}\` : sql\`${b}\`}`);
        const code = `const q = sql\`SELECT 1 ${choices.map(([, , gap], i) => holes[i] + gap).join('')}\`;\n`;
        const file = ts.createSourceFile('q.ts', code, ts.ScriptTarget.Latest, true);
        const template = ((file.statements[0] as ts.VariableStatement).declarationList.declarations[0]!.initializer as ts.TaggedTemplateExpression).template;
        const classify = (expression: ts.Expression): Hole =>
          ts.isTaggedTemplateExpression(expression) ? { kind: 'fragment', template: expression.template } : { kind: 'param', value: expression };
        const built = buildSql(template, classify, contextOf(file));
        if (choices.length > 3) {
          expect(built).toEqual({ ok: false, reason: 'clauses chosen at run time (more than 8 combinations)' });
          return;
        }
        if (!built.ok) throw new Error(built.reason);
        const want = Array.from({ length: 2 ** choices.length }, (_, v) => {
          let n = 0;
          const parts = choices.map(([a, b, gap], i) => {
            const text = (v >> (choices.length - 1 - i)) & 1 ? b : a;
            return text.replace('${v}', () => `$${++n}`) + gap;
          });
          return `SELECT 1 ${parts.join('')}`;
        });
        expect(built.variants.map((variant) => variant.sql)).toEqual(want);
        for (const variant of built.variants) expect(variant.params.map((p) => p.index)).toEqual(variant.params.map((_, i) => i + 1));
      }),
      { numRuns: 150 },
    );
  });
});

describe('staticText', () => {
  it('joins the literal chunks with a $0 placeholder per hole', () => {
    fc.assert(
      fc.property(templateModel(true, true), (model) => {
        const { template } = parse(model);
        expect(staticText(template)).toBe(model.chunks.join(' $0 '));
      }),
      { numRuns: 200 },
    );
  });
});

describe('quoteIdentifier', () => {
  it('wraps in double quotes and doubles inner quotes, reversibly', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const quoted = quoteIdentifier(name);
        expect(quoted.startsWith('"') && quoted.endsWith('"')).toBe(true);
        const inner = quoted.slice(1, -1);
        expect(inner.replace(/""/g, '')).not.toContain('"');
        expect(inner.replace(/""/g, '"')).toBe(name);
      }),
      { numRuns: 200 },
    );
  });
});
