// The link stage: every schema finding gets the code locations that use its object, and a dropped or
// retyped column (or dropped table) that code still uses becomes an error that says how widely:
// "used in 242 places across 53 files". Pure: findings and usages in, findings out.
import type { Finding, Location } from './finding.js';

/**
 * One place code uses a table (column null) or a column, or calls a function by name (`function`, the
 * name in `table`); what scan() returns as `usages`.
 */
export interface CodeUsage {
  readonly schema: string;
  readonly table: string;
  readonly column: string | null;
  readonly function?: true;
  readonly location: Location;
}

/** Findings that mean "code using this will break" once the object is gone or changed. */
const BREAKING_WHEN_USED = new Set(['column-missing', 'table-missing', 'column-type-changed', 'function-missing']);

function usagesOf(finding: Finding, usages: readonly CodeUsage[]): CodeUsage[] {
  const { kind, schema, table, name } = finding.object;
  // a function's object name carries its arguments, `fn(a integer)`; calls name the function only
  if (kind === 'function') return usages.filter((u) => u.function && u.schema === schema && `${u.table}(` === name.slice(0, u.table.length + 1));
  if (kind === 'column') return usages.filter((u) => !u.function && u.schema === schema && u.table === table && u.column === name);
  if (kind === 'table' || kind === 'view') return usages.filter((u) => !u.function && u.schema === schema && u.table === name);
  // anything that belongs to a table (constraint, index, trigger, policy, rls, grant): the table's users
  if (table !== undefined && kind !== 'statement') return usages.filter((u) => !u.function && u.schema === schema && u.table === table);
  return [];
}

function compareLocations(a: Location, b: Location): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column;
}

function distinctLocations(locations: readonly Location[]): Location[] {
  const byKey = new Map<string, Location>();
  for (const l of locations) byKey.set(`${l.file}:${l.line}:${l.column}`, l);
  return [...byKey.values()].sort(compareLocations);
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

export function attachUsages(findings: readonly Finding[], usages: readonly CodeUsage[]): Finding[] {
  return findings.map((finding) => {
    if (finding.category !== 'schema') return finding;
    const locations = distinctLocations(usagesOf(finding, usages).map((u) => u.location));
    if (locations.length === 0) return finding;
    const merged = distinctLocations([...(finding.locations ?? []), ...locations]);
    if (!BREAKING_WHEN_USED.has(finding.rule)) return { ...finding, locations: merged };
    const files = new Set(locations.map((l) => l.file)).size;
    return {
      ...finding,
      severity: 'error',
      message: `${finding.message}; used in ${plural(locations.length, 'place')} across ${plural(files, 'file')}`,
      locations: merged,
    };
  });
}
