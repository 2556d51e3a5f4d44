// What a comparison did not look at, so a report never looks more complete than it is: object kinds the
// snapshot does not hold, what the introspecting role could not read, and what the options left out.
import type { NotCompared } from '../findings/report.js';
import type { Snapshot } from '../snapshot/types.js';
import { compareText } from '../snapshot/normalize.js';
import { schemaFilter, type Scope } from './scope.js';

const NOT_IN_SNAPSHOT: readonly NotCompared[] = [
  { kind: 'owner', reason: 'owners are not in the snapshot (role names differ between environments): ALTER … OWNER differences are not reported' },
  { kind: 'column-order', reason: 'column positions are not compared: only INSERT without a column list and SELECT * depend on them' },
  { kind: 'privilege', object: 'schemas, sequences, functions, columns, default privileges', reason: 'only table and view privileges are in the snapshot' },
  { kind: 'role', reason: 'roles and memberships are cluster-wide and not in the snapshot' },
  { kind: 'extension-member', reason: 'objects that belong to an extension are compared as the extension (name, version, schema), not one by one' },
  {
    kind: 'other',
    object: 'publications, subscriptions, event triggers, rules, statistics objects, collations, operators, casts, text search configurations, foreign servers, tablespaces, storage parameters, UNLOGGED tables, replica identity',
    reason: 'not in the snapshot',
  },
  { kind: 'data', reason: 'row data and sequence current values are not compared' },
  {
    kind: 'attribute',
    object: 'NOT VALID on domain constraints, collations of composite type attributes, storage and statistics settings of columns',
    reason: 'not compared',
  },
];

/** `17.4` → `17`; `9.6.24` is not supported anyway. */
export function majorOf(serverVersion: string): string {
  return serverVersion.split('.')[0] ?? serverVersion;
}

export interface NotComparedInput {
  readonly source: Snapshot;
  readonly target: Snapshot;
  readonly scope: Scope;
  readonly rulesOff: readonly string[];
}

export function notCompared({ source, target, scope, rulesOff }: NotComparedInput): NotCompared[] {
  const items: NotCompared[] = [...NOT_IN_SNAPSHOT];
  for (const [side, snapshot] of [['source', source], ['target', target]] as const) {
    for (const limitation of snapshot.limitations)
      items.push({ kind: limitation.kind, object: `${side}: ${limitation.object}`, reason: limitation.reason });
  }
  if (majorOf(source.serverVersion) !== majorOf(target.serverVersion))
    items.push({
      kind: 'extension-version',
      reason: `source is PostgreSQL ${majorOf(source.serverVersion)} and target ${majorOf(target.serverVersion)}: each release installs its own default extension versions, so versions are not compared`,
    });
  for (const privilege of scope.ignorePrivileges ?? [])
    items.push({ kind: 'privilege', object: privilege, reason: `one side is a PostgreSQL release without the ${privilege} privilege` });
  const inScope = schemaFilter(scope);
  const outOfScope = new Set([...source.schemas, ...target.schemas].map((s) => s.name).filter((name) => !inScope(name)));
  for (const name of [...outOfScope].sort(compareText))
    items.push({ kind: 'schema', object: name, reason: 'left out by the schema options; extensions installed there are compared only when compared objects use them' });
  if (scope.excludeRoles && scope.excludeRoles.length > 0)
    items.push({
      kind: 'role',
      object: [...scope.excludeRoles].sort(compareText).join(', '),
      reason: 'grants to these roles and their membership in policies are left out by the excludeRoles option',
    });
  for (const rule of [...rulesOff].sort(compareText)) items.push({ kind: 'rule', object: rule, reason: 'turned off by configuration' });
  return items;
}
