// Where the code uses each table and column: the index the link stage (attach-usages) reads to
// tell a dropped column's blast radius ("used in 242 places across 53 files").
import type { Location } from '../findings/finding.js';
import type { StatementAnalysis } from './analyze-statement.js';
import type { RelationName } from './facts.js';
import type { SchemaIndex } from './schema-index.js';

export interface Usage {
  readonly schema: string;
  /** a table or view; for a function the code calls by name (supabase-js rpc), the function's name */
  readonly table: string;
  /** null when the statement uses the table as a whole (FROM, INSERT INTO), and for a function */
  readonly column: string | null;
  /** set for a function the code calls by name */
  readonly function?: true;
  readonly access: 'read' | 'write';
  readonly location: Location;
}

/** schema.table when the relation is known to the schema; otherwise as written, `public` assumed. */
function place(name: RelationName, schema: SchemaIndex): { schema: string; table: string } {
  const found = schema.lookup(name);
  if (found.status === 'found') return { schema: found.relation.schema, table: found.relation.name };
  return { schema: name.schema ?? 'public', table: name.name };
}

export function collectUsages(analyses: readonly StatementAnalysis[], schema: SchemaIndex): Usage[] {
  const usages: Usage[] = [];
  let seen = new Set<string>();
  let site: StatementAnalysis['statement'] | null = null;
  for (const analysis of analyses) {
    if (analysis.kind !== 'analyzed') continue;
    // every usage of one statement shares its location: deduplicate within the statement, and within
    // the variants of one site (template.ts: consecutive, at the same location)
    const statement = analysis.statement;
    const sameSite = statement.variant && site?.variant &&
      site.location.file === statement.location.file && site.location.line === statement.location.line && site.location.column === statement.location.column;
    if (!sameSite) seen = new Set<string>();
    site = statement;
    const location = statement.location;
    const add = (where: { schema: string; table: string }, column: string | null, access: Usage['access']): void => {
      const key = `${where.schema}\u0000${where.table}\u0000${column ?? ''}\u0000${access}`;
      if (seen.has(key)) return;
      seen.add(key);
      usages.push({ ...where, column, access, location });
    };
    for (const item of analysis.items) {
      const target = item.facts.target;
      for (const table of item.facts.tables) {
        const access = target && target.name === table.name && target.schema === table.schema ? 'write' : 'read';
        add(place(table, schema), null, access);
      }
      for (const use of item.facts.columns) {
        // an unqualified name in a join belongs to the relation that has it; if none has it
        // (the column is gone in this schema), to every candidate
        const owners = use.relations.filter((r) => schema.columnsOf(r)?.some((c) => c.name === use.column));
        for (const owner of owners.length > 0 ? owners : use.relations) add(place(owner, schema), use.column, use.access);
      }
      for (const call of item.facts.functions) {
        const where = { schema: call.schema ?? 'public', table: call.name };
        const key = `${where.schema}\u0000${where.table}\u0000()`;
        if (seen.has(key)) continue;
        seen.add(key);
        usages.push({ ...where, column: null, access: 'read', function: true, location });
      }
    }
  }
  return usages;
}
