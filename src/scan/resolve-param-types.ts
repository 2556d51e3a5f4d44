// Fills in the kinds of values that syntax left `unknown`, asking the type checker only where it can
// change a verdict: a value bound to a json/jsonb column by a driver that sends JS arrays as
// PostgreSQL arrays. Raw SQL: the `$n` parameters' type sites; builder calls (knex, Kysely, …): the
// column bindings' type sites (`.insert({ tags })`).
import type { StatementAnalysis } from './analyze-statement.js';
import type { AnalyzedStatement, BuilderStatement, ColumnBinding, ExtractedStatement, ParamFact, QueryFacts, SqlStatement } from './facts.js';
import type { FileScan } from './scan-file.js';
import type { SchemaIndex } from './schema-index.js';

export type Site = { readonly start: number; readonly end: number };

function isJsonColumn(schema: SchemaIndex, relation: { schema: string | null; name: string }, column: string): boolean {
  const found = schema.columnsOf(relation)?.find((c) => c.name === column)?.column;
  const type = found ? (found.domainBaseType ?? found.type) : null;
  return type === 'json' || type === 'jsonb';
}

function mangledArrays(statement: ExtractedStatement): boolean {
  return statement.arrayEncoding === 'array-literal' || statement.arrayEncoding === 'array-constructor';
}

/** A `$n` value syntax left unknown that the checker could type. */
function untypedParam(param: ParamFact): boolean {
  return param.kind === 'unknown' && param.typeSite !== null;
}

/** A builder's column value syntax left unknown that the checker could type. */
function untypedBinding(binding: ColumnBinding): boolean {
  return binding.param === null && binding.valueKind === 'unknown' && Boolean(binding.typeSite);
}

function paramSitesNeeded(analysis: StatementAnalysis, schema: SchemaIndex): ParamFact[] {
  if (analysis.kind !== 'analyzed' || analysis.statement.kind !== 'sql') return [];
  const statement = analysis.statement;
  if (!mangledArrays(statement)) return [];
  const wanted = new Set<number>();
  for (const item of analysis.items) {
    for (const binding of item.facts.bindings) {
      if (binding.param !== null && isJsonColumn(schema, binding.relation, binding.column)) wanted.add(binding.param);
    }
  }
  return statement.params.filter((p) => wanted.has(p.index) && untypedParam(p));
}

function bindingSitesNeeded(analysis: StatementAnalysis, schema: SchemaIndex): Site[] {
  if (analysis.kind !== 'analyzed' || analysis.statement.kind !== 'builder' || !mangledArrays(analysis.statement)) return [];
  return analysis.statement.facts.bindings
    .filter((b) => untypedBinding(b) && isJsonColumn(schema, b.relation, b.column))
    .map((b) => b.typeSite!);
}

/** Where one file needs the type checker, in the order its statements come (the order the program gets its files in). */
export function typeSitesNeeded(file: FileScan, schema: SchemaIndex): Site[] {
  const sites: Site[] = [];
  for (const analysis of file.analyses) {
    for (const param of paramSitesNeeded(analysis, schema)) sites.push(param.typeSite!);
    for (const site of bindingSitesNeeded(analysis, schema)) sites.push(site);
  }
  return sites;
}

/**
 * Whether a file may need the type checker whatever the schema says (a superset of typeSitesNeeded,
 * known before the schema is): the main thread then builds the type program's fixed part early.
 */
export function mayNeedTypes(file: FileScan): boolean {
  return file.analyses.some((analysis) => {
    if (analysis.kind !== 'analyzed' || !mangledArrays(analysis.statement)) return false;
    const statement = analysis.statement;
    if (statement.kind !== 'sql') return statement.facts.bindings.some(untypedBinding);
    // why only bound ones: a `$n` no column receives (`LIMIT $2`) is never asked about
    const bound = new Set(analysis.items.flatMap((item) => item.facts.bindings.map((binding) => binding.param)));
    return statement.params.some((param) => bound.has(param.index) && untypedParam(param));
  });
}

const siteKey = (site: Site): string => `${site.start}:${site.end}`;

/** One file with the kinds the checker found for its sites (`kinds[i]` belongs to `sites[i]`). */
export function applyTypeKinds(file: FileScan, sites: readonly Site[], kinds: readonly ParamFact['kind'][]): FileScan {
  if (sites.length === 0) return file;
  const byKey = new Map<string, ParamFact['kind']>();
  sites.forEach((site, i) => byKey.set(siteKey(site), kinds[i]!));
  return {
    ...file,
    analyses: file.analyses.map((analysis): StatementAnalysis => {
      if (analysis.kind !== 'analyzed') return analysis;
      return analysis.statement.kind === 'sql' ? typedSql(analysis, analysis.statement, byKey) : typedBuilder(analysis, analysis.statement, byKey);
    }),
  };
}

type Analyzed = Extract<StatementAnalysis, { kind: 'analyzed' }>;

function typedSql(analysis: Analyzed, old: SqlStatement, kinds: ReadonlyMap<string, ParamFact['kind']>): StatementAnalysis {
  const params = old.params.map((p) => {
    const kind = p.typeSite ? kinds.get(siteKey(p.typeSite)) : undefined;
    return kind ? { ...p, kind } : p;
  });
  if (params.every((p, i) => p === old.params[i])) return analysis;
  const statement: SqlStatement = { ...old, params };
  return { ...analysis, statement, items: analysis.items.map((item) => ({ ...item, statement })) };
}

function typedBuilder(analysis: Analyzed, old: BuilderStatement, kinds: ReadonlyMap<string, ParamFact['kind']>): StatementAnalysis {
  const bindings = old.facts.bindings.map((b): ColumnBinding => {
    const kind = b.valueKind === 'unknown' && b.typeSite ? kinds.get(siteKey(b.typeSite)) : undefined;
    return kind ? { ...b, valueKind: kind } : b;
  });
  if (bindings.every((b, i) => b === old.facts.bindings[i])) return analysis;
  const facts: QueryFacts = { ...old.facts, bindings };
  const statement: BuilderStatement = { ...old, facts };
  const items = analysis.items.map((item): AnalyzedStatement => ({ ...item, statement, facts: item.facts === old.facts ? facts : item.facts }));
  return { ...analysis, statement, items };
}
