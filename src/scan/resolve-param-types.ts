// Fills in the kinds of parameters that syntax left `unknown`, asking the type checker only where
// it can change a verdict: a value bound to a json/jsonb column by a driver that sends JS arrays as
// PostgreSQL arrays.
import type { ts } from 'ts-morph';
import type { StatementAnalysis } from './analyze-statement.js';
import type { ParamFact, SqlStatement } from './facts.js';
import type { FileScan } from './scan-file.js';
import type { SchemaIndex } from './schema-index.js';
import { resolveTypeKinds, type TypeSite } from './type-kinds.js';

function isJsonColumn(schema: SchemaIndex, relation: { schema: string | null; name: string }, column: string): boolean {
  const found = schema.columnsOf(relation)?.find((c) => c.name === column)?.column;
  const type = found ? (found.domainBaseType ?? found.type) : null;
  return type === 'json' || type === 'jsonb';
}

function sitesNeeded(analysis: StatementAnalysis, schema: SchemaIndex): ParamFact[] {
  if (analysis.kind !== 'analyzed' || analysis.statement.kind !== 'sql') return [];
  const statement = analysis.statement;
  if (statement.arrayEncoding !== 'array-literal' && statement.arrayEncoding !== 'array-constructor') return [];
  const wanted = new Set<number>();
  for (const item of analysis.items) {
    for (const binding of item.facts.bindings) {
      if (binding.param !== null && isJsonColumn(schema, binding.relation, binding.column)) wanted.add(binding.param);
    }
  }
  return statement.params.filter((p) => wanted.has(p.index) && p.kind === 'unknown' && p.typeSite !== null);
}

export function resolveParamTypes(files: readonly FileScan[], schema: SchemaIndex, root: string, options: ts.CompilerOptions): FileScan[] {
  const sites: TypeSite[] = [];
  for (const file of files) {
    for (const analysis of file.analyses) {
      for (const param of sitesNeeded(analysis, schema)) sites.push({ file: file.file, ...param.typeSite! });
    }
  }
  if (sites.length === 0) return [...files];
  const kinds = resolveTypeKinds(root, sites, options);
  return files.map((file) => ({
    ...file,
    analyses: file.analyses.map((analysis): StatementAnalysis => {
      if (analysis.kind !== 'analyzed' || analysis.statement.kind !== 'sql') return analysis;
      const old = analysis.statement;
      const params = old.params.map((p) => {
        const kind = p.typeSite ? kinds.get(`${file.file}:${p.typeSite.start}:${p.typeSite.end}`) : undefined;
        return kind ? { ...p, kind } : p;
      });
      if (params.every((p, i) => p === old.params[i])) return analysis;
      const statement: SqlStatement = { ...old, params };
      return { ...analysis, statement, items: analysis.items.map((item) => ({ ...item, statement })) };
    }),
  }));
}
