// The SchemaDiff: both snapshots matched kind by kind, once, and handed to every rule.
// Objects that belong to a relation (columns, keys, indexes, triggers, policies, grants) are only diffed for
// relations present on both sides: a missing table is one finding, not one per column.
import type {
  CheckConstraint,
  Column,
  Extension,
  ExclusionConstraint,
  ForeignKeyConstraint,
  Grant,
  Index,
  Policy,
  Routine,
  SchemaInfo,
  Sequence,
  Snapshot,
  Table,
  Trigger,
  UserType,
  View,
} from '../snapshot/types.js';
import type { KeyedDiff, Pair } from './diff-by-key.js';
import { diffByKey, diffByKeys, ordinalKeys, pairRenamed, sameJson, withOrdinalKeys } from './diff-by-key.js';
import type { Owned, UniqueKey } from './keys.js';
import {
  checkIdentity,
  distinctUniqueKeys,
  exclusionIdentity,
  foreignKeyIdentity,
  indexIdentity,
  plainIndexesOf,
  relationOfTable,
  relationOfView,
  uniqueKeyIdentity,
  uniqueKeysOf,
} from './keys.js';
import type { RelationRef } from './objects.js';
import { relationKey } from './objects.js';
import { normalizeExpression } from './expression.js';

export interface SnapshotIndex {
  readonly snapshot: Snapshot;
  /** by relationKey */
  readonly tables: ReadonlyMap<string, Table>;
  readonly views: ReadonlyMap<string, View>;
  readonly types: ReadonlyMap<string, UserType>;
  readonly uniqueKeys: readonly UniqueKey[];
  /** `relationKey + column` → the qualified sequence that column owns (serial), e.g. `public.clients_id_seq` */
  readonly ownedSequences: ReadonlyMap<string, string>;
}

export interface SchemaDiff {
  readonly source: SnapshotIndex;
  readonly target: SnapshotIndex;
  readonly schemas: KeyedDiff<SchemaInfo>;
  readonly extensions: KeyedDiff<Extension>;
  /** `changed`: the table's own attributes differ (kind, partitioning, RLS, comment); what it owns is diffed below */
  readonly tables: KeyedDiff<Table>;
  /** `changed`: definition, columns, materialization or comment differ */
  readonly views: KeyedDiff<View>;
  readonly sequences: KeyedDiff<Sequence>;
  readonly types: KeyedDiff<UserType>;
  readonly functions: KeyedDiff<Routine>;
  readonly columns: KeyedDiff<Owned<Column>>;
  readonly uniqueKeys: KeyedDiff<UniqueKey>;
  readonly indexes: KeyedDiff<Owned<Index>>;
  readonly foreignKeys: KeyedDiff<Owned<ForeignKeyConstraint>>;
  readonly checks: KeyedDiff<Owned<CheckConstraint>>;
  readonly exclusions: KeyedDiff<Owned<ExclusionConstraint>>;
  /** matched by name; a removed and an added trigger with the same definition are one renamed pair in `changed` */
  readonly triggers: KeyedDiff<Owned<Trigger>>;
  /** matched by name, renamed pairs as for triggers */
  readonly policies: KeyedDiff<Owned<Policy>>;
  readonly grants: KeyedDiff<Owned<Grant>>;
  /** `relationKey + column` of columns present on one side only; rules skip objects built on them */
  readonly unmatchedColumns: ReadonlySet<string>;
  /** roles left out of the comparison: not counted when policy role lists are compared */
  readonly excludedRoles: ReadonlySet<string>;
  /** the schema options: extensions living in a schema left out are only compared when used (extension-missing) */
  readonly schemaInScope: (schema: string) => boolean;
}

export function columnKey(relation: { schema: string; name: string }, column: string): string {
  return `${relationKey(relation)}\u0000${column}`;
}

const byName = (x: { name: string }) => x.name;
const bySchemaName = (x: { schema: string; name: string }) => relationKey(x);

function indexSnapshot(snapshot: Snapshot): SnapshotIndex {
  const tables = new Map(snapshot.tables.map((t) => [relationKey(t), t]));
  const uniqueKeys = [
    ...snapshot.tables.flatMap((t) => uniqueKeysOf(relationOfTable(t), t)),
    ...snapshot.views.filter((v) => v.materialized).flatMap((v) => uniqueKeysOf(relationOfView(v), { constraints: [], indexes: v.indexes })),
  ];
  return {
    snapshot,
    tables,
    views: new Map(snapshot.views.map((v) => [relationKey(v), v])),
    types: new Map(snapshot.types.map((t) => [relationKey(t), t])),
    uniqueKeys: distinctUniqueKeys(uniqueKeys),
    ownedSequences: new Map(
      snapshot.sequences.flatMap((s) =>
        s.ownedBy ? [[columnKey({ schema: s.schema, name: s.ownedBy.table }, s.ownedBy.column), `${s.schema}.${s.name}`] as const] : [],
      ),
    ),
  };
}

interface OwnerLists {
  readonly constraints: readonly Table['constraints'][number][];
  readonly indexes: readonly Index[];
  readonly triggers: readonly Trigger[];
  readonly policies: readonly Policy[];
  readonly grants: readonly Grant[];
  readonly columns: readonly Column[];
}

/** Relations on both sides, with what they own on each side. */
function matchedOwners(tables: KeyedDiff<Table>, views: KeyedDiff<View>): Pair<{ relation: RelationRef; lists: OwnerLists }>[] {
  const owners: Pair<{ relation: RelationRef; lists: OwnerLists }>[] = [];
  for (const pair of [...tables.changed, ...tables.unchanged]) {
    const relation = relationOfTable(pair.source);
    owners.push({ source: { relation, lists: pair.source }, target: { relation, lists: pair.target } });
  }
  for (const pair of [...views.changed, ...views.unchanged]) {
    const empty = { constraints: [], policies: [] };
    owners.push({
      source: { relation: relationOfView(pair.source), lists: { ...pair.source, ...empty, columns: [] } },
      target: { relation: relationOfView(pair.target), lists: { ...pair.target, ...empty, columns: [] } },
    });
  }
  return owners;
}

function ownedDiff<T>(
  owners: readonly Pair<{ relation: RelationRef; lists: OwnerLists }>[],
  select: (lists: OwnerLists, relation: RelationRef) => readonly T[],
  identity: (item: Owned<T>) => string,
): KeyedDiff<Owned<T>> {
  // why one relation at a time: every identity starts with its relation's key, so objects of two relations
  // never match, and the concatenated per-relation diffs are exactly the diff of the whole lists (same order),
  // without two maps of 100k+ keys (a 5,000-table compare spent most of its time there)
  const added: Owned<T>[] = [];
  const removed: Owned<T>[] = [];
  const changed: Pair<Owned<T>>[] = [];
  const unchanged: Pair<Owned<T>>[] = [];
  const equal = (a: Owned<T>, b: Owned<T>) => sameJson(a.item, b.item);
  for (const pair of owners) {
    const owned = (side: 'source' | 'target') =>
      select(pair[side].lists, pair[side].relation).map((item): Owned<T> => ({ relation: pair[side].relation, item }));
    const source = owned('source');
    const target = owned('target');
    if (source.length === 0 && target.length === 0) continue;
    const d = diffByKeys(source, ordinalKeys(source.map(identity)), target, ordinalKeys(target.map(identity)), equal);
    added.push(...d.added);
    removed.push(...d.removed);
    changed.push(...d.changed);
    unchanged.push(...d.unchanged);
  }
  return { added, removed, changed, unchanged };
}

/** Unmatched leftovers that agree on `pairing` (the meaning for name-matched kinds, the name for meaning-matched ones) become one changed pair. */
function withRenames<T>(diff: KeyedDiff<Owned<T>>, meaning: (x: Owned<T>) => string): KeyedDiff<Owned<T>> {
  const paired = pairRenamed(diff.removed, diff.added, meaning);
  return { ...diff, removed: paired.removed, added: paired.added, changed: [...diff.changed, ...paired.renamed] };
}

const ownedName = <T extends { name: string }>(x: Owned<T>) => `${relationKey(x.relation)}|${x.item.name}`;

function triggerMeaning(x: Owned<Trigger>): string {
  const t = x.item;
  const body = t.definition.replace(/^CREATE (CONSTRAINT )?TRIGGER (?:"(?:[^"]|"")+"|\S+) /, 'CREATE $1TRIGGER ');
  return `${relationKey(x.relation)}|${normalizeExpression(body)}|${t.enabled}`;
}

function policyMeaning(excludedRoles: ReadonlySet<string>): (x: Owned<Policy>) => string {
  return (x) => {
    const p = x.item;
    const expr = (e: string | null) => (e === null ? '' : normalizeExpression(e));
    const roles = p.roles.filter((r) => !excludedRoles.has(r)).join(',');
    return [relationKey(x.relation), p.command, p.permissive, roles, expr(p.using), expr(p.withCheck)].join('|');
  };
}

function sequenceIdentity(sequence: Sequence): string {
  // why: a serial's sequence is generated (`t_id_seq`, `t_id_seq1`): it is identified by the column owning it
  return sequence.ownedBy
    ? `owned|${sequence.schema}\u0000${sequence.ownedBy.table}\u0000${sequence.ownedBy.column}`
    : relationKey(sequence);
}

/** A table's own attributes; what it owns is diffed on its own below. */
function sameTable(a: Table, b: Table): boolean {
  const own = (t: Table) => [t.kind, t.partitionOf, t.partitionBound, t.partitionKey, t.inherits, t.rlsEnabled, t.rlsForced, t.comment];
  return sameJson(own(a), own(b));
}

function sameView(a: View, b: View): boolean {
  const own = (v: View) => [v.materialized, v.definition, v.columns, v.comment];
  return sameJson(own(a), own(b));
}

export interface DiffScope {
  readonly excludedRoles?: ReadonlySet<string>;
  readonly schemaInScope?: (schema: string) => boolean;
}

export function buildSchemaDiff(source: Snapshot, target: Snapshot, scope: DiffScope = {}): SchemaDiff {
  const excludedRoles = scope.excludedRoles ?? new Set<string>();
  const tables = diffByKey(source.tables, target.tables, bySchemaName, sameTable);
  const views = diffByKey(source.views, target.views, bySchemaName, sameView);
  const owners = matchedOwners(tables, views);
  const columns = ownedDiff(owners, (l) => l.columns, ownedName);
  const unmatchedColumns = new Set([...columns.removed, ...columns.added].map((c) => columnKey(c.relation, c.item.name)));
  const sourceIndex = indexSnapshot(source);
  const targetIndex = indexSnapshot(target);
  const matchedRelations = new Set(owners.map((o) => relationKey(o.source.relation)));
  const onMatched = (keys: readonly UniqueKey[]) => keys.filter((k) => matchedRelations.has(relationKey(k.relation)));
  const constraintsOf = <K extends Table['constraints'][number]['kind']>(kind: K) => (l: OwnerLists) =>
    l.constraints.filter((c): c is Extract<Table['constraints'][number], { kind: K }> => c.kind === kind);
  const seqSourceKeys = withOrdinalKeys(source.sequences, sequenceIdentity);
  const seqTargetKeys = withOrdinalKeys(target.sequences, sequenceIdentity);
  return {
    source: sourceIndex,
    target: targetIndex,
    schemas: diffByKey(source.schemas, target.schemas, byName),
    extensions: diffByKey(source.extensions, target.extensions, byName),
    tables,
    views,
    sequences: diffByKey(source.sequences, target.sequences, (s) => seqSourceKeys.get(s) ?? seqTargetKeys.get(s) ?? sequenceIdentity(s)),
    types: diffByKey(source.types, target.types, bySchemaName),
    functions: diffByKey(source.functions, target.functions, (f) => `${relationKey(f)}(${f.identityArguments})`),
    columns,
    uniqueKeys: diffByKey(onMatched(sourceIndex.uniqueKeys), onMatched(targetIndex.uniqueKeys), uniqueKeyIdentity),
    // an index keeping its name but not its keys is one changed index, not one missing and one extra
    indexes: withRenames(ownedDiff(owners, (l, r) => plainIndexesOf(r, l.indexes).map((x) => x.item), indexIdentity), ownedName),
    foreignKeys: ownedDiff(owners, constraintsOf('foreign-key'), foreignKeyIdentity),
    checks: ownedDiff(owners, constraintsOf('check'), checkIdentity),
    exclusions: ownedDiff(owners, constraintsOf('exclusion'), exclusionIdentity),
    triggers: withRenames(ownedDiff(owners, (l) => l.triggers, ownedName), triggerMeaning),
    policies: withRenames(ownedDiff(owners, (l) => l.policies, ownedName), policyMeaning(excludedRoles)),
    grants: ownedDiff(owners, (l) => l.grants, (g) => `${relationKey(g.relation)}|${g.item.grantee}|${g.item.privilege}`),
    unmatchedColumns,
    excludedRoles,
    schemaInScope: scope.schemaInScope ?? (() => true),
  };
}
