// compare(source, target): the schema findings for moving code and data from source to target.
// Snapshots are scoped, matched once into a SchemaDiff, and every registered rule reads it.
import type { Finding, Severity } from '../findings/finding.js';
import type { NotCompared } from '../findings/report.js';
import { sortFindings } from '../findings/order.js';
import type { Snapshot } from '../snapshot/types.js';
import { UsageError } from '../errors.js';
import { buildSchemaDiff } from './schema-diff.js';
import { foldInheritedFindings } from './fold-inherited.js';
import { schemaFilter, scopeSnapshot } from './scope.js';
import { majorOf, notCompared } from './not-compared.js';
import { ignoreMatcher, type IgnoreEntry } from './ignore.js';
import { schemaRules } from './rules/index.js';

export { schemaRules } from './rules/index.js';
export type { SchemaRule, RuleFinding, ReportFinding } from './rule.js';
export { defineSchemaRule } from './rule.js';
export type { SchemaDiff } from './schema-diff.js';
export { buildSchemaDiff } from './schema-diff.js';
export { judgeTypeChange } from './type-compat.js';
export type { IgnoreEntry } from './ignore.js';
export { objectPath } from './ignore.js';

export type RuleSetting = Severity | 'off';

export interface CompareOptions {
  /** compare only these schemas (default: every non-system schema) */
  readonly schemas?: readonly string[];
  readonly excludeSchemas?: readonly string[];
  /** roles whose grants and policy membership are ignored, e.g. Supabase platform roles */
  readonly excludeRoles?: readonly string[];
  /** per rule id: another severity, or 'off' */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** findings to drop: rule id (or `*`) and object path (`public.clients.ai_context`, `public.*`) */
  readonly ignore?: readonly IgnoreEntry[];
}

export interface CompareResult {
  readonly findings: Finding[];
  readonly notCompared: NotCompared[];
}

export function compare(source: Snapshot, target: Snapshot, options: CompareOptions = {}): CompareResult {
  const settings = options.rules ?? {};
  const known = new Set(schemaRules.map((r) => r.id));
  const unknown = Object.keys(settings).filter((id) => !known.has(id));
  // why: a misspelt rule id in a config would silently do nothing
  if (unknown.length > 0) throw new UsageError(`unknown rule${unknown.length > 1 ? 's' : ''} in options.rules: ${unknown.join(', ')}`);
  // why: GRANT ALL includes MAINTAIN from PostgreSQL 17 on; against an older server it cannot be compared
  const maintainComparable = Number(majorOf(source.serverVersion)) >= 17 && Number(majorOf(target.serverVersion)) >= 17;
  const scope = {
    schemas: options.schemas,
    excludeSchemas: options.excludeSchemas,
    excludeRoles: options.excludeRoles,
    ignorePrivileges: maintainComparable ? [] : ['MAINTAIN'],
  };
  const [scopedSource, scopedTarget] = [scopeSnapshot(source, scope), scopeSnapshot(target, scope)];
  const diff = buildSchemaDiff(scopedSource, scopedTarget, {
    excludedRoles: new Set(options.excludeRoles ?? []),
    schemaInScope: schemaFilter(scope),
  });
  const ignored = ignoreMatcher(options.ignore ?? []);
  const findings: Finding[] = [];
  for (const rule of schemaRules) {
    const setting = settings[rule.id];
    if (setting === 'off') continue;
    rule.check(diff, (f) => {
      if (ignored(rule.id, f.object)) return;
      findings.push({
        rule: rule.id,
        severity: setting ?? f.severity ?? rule.severity,
        category: 'schema',
        object: f.object,
        message: f.message,
        ...(f.source !== undefined ? { source: f.source } : {}),
        ...(f.target !== undefined ? { target: f.target } : {}),
        ...(f.fix !== undefined ? { fix: f.fix } : {}),
      });
    });
  }
  const rulesOff = Object.entries(settings).filter(([, s]) => s === 'off').map(([id]) => id);
  const folded = foldInheritedFindings(findings, scopedSource, scopedTarget);
  return { findings: sortFindings(folded), notCompared: notCompared({ source, target, scope, rulesOff }) };
}
