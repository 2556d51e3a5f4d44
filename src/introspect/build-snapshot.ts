// Pure: catalog rows in, snapshot out. No database here, so every decoding rule is unit-testable.
import type {
  Constraint,
  ForeignKeyAction,
  Grant,
  Index,
  IndexKey,
  Limitation,
  Policy,
  Routine,
  Snapshot,
  Table,
  Trigger,
  TriggerEvent,
  UserType,
  View,
} from '../snapshot/types.js';
import { SNAPSHOT_FORMAT_VERSION } from '../snapshot/types.js';
import { normalizeSnapshot } from '../snapshot/normalize.js';
import type { CatalogRows, Oid } from './rows.js';
import { ColumnCollector, key, type ColumnNames } from './column-collector.js';
import { identifierQuoter, plainConstraintDefinition, type QuoteIdentifier } from './constraint-definition.js';

const FK_ACTIONS: Record<string, ForeignKeyAction> = {
  a: 'no-action', r: 'restrict', c: 'cascade', n: 'set-null', d: 'set-default',
};
const FK_MATCH = { s: 'simple', f: 'full', p: 'partial' } as const;
const POLICY_COMMANDS = { '*': 'all', r: 'select', a: 'insert', w: 'update', d: 'delete' } as const;
const TRIGGER_ENABLED = { O: 'origin', A: 'always', R: 'replica', D: 'disabled' } as const;
const VOLATILITY = { i: 'immutable', s: 'stable', v: 'volatile' } as const;
const ROUTINE_KINDS = { f: 'function', p: 'procedure', a: 'aggregate', w: 'window' } as const;

// pg_trigger.tgtype bits (src/include/catalog/pg_trigger.h)
const TRIGGER_ROW = 1, TRIGGER_BEFORE = 2, TRIGGER_INSERT = 4, TRIGGER_DELETE = 8, TRIGGER_UPDATE = 16,
  TRIGGER_TRUNCATE = 32, TRIGGER_INSTEAD = 64;

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer E)[] ? E[] : T[K] };


/** A parent as `["schema","name"]` (JSON text: names may contain dots). */
function splitQualified(qualified: string): { schema: string; name: string } {
  const [schema, name] = JSON.parse(qualified) as [string, string];
  return { schema, name };
}

/** `'1 3'` → [1, 3]; null or '' → []. */
function attnums(text: string | null): number[] {
  return text ? text.split(' ').map(Number) : [];
}

function decodeTrigger(row: CatalogRows['triggers'][number]): Trigger {
  const events: TriggerEvent[] = [];
  if (row.type & TRIGGER_INSERT) events.push('insert');
  if (row.type & TRIGGER_UPDATE) events.push('update');
  if (row.type & TRIGGER_DELETE) events.push('delete');
  if (row.type & TRIGGER_TRUNCATE) events.push('truncate');
  return {
    name: row.name,
    timing: row.type & TRIGGER_INSTEAD ? 'instead-of' : row.type & TRIGGER_BEFORE ? 'before' : 'after',
    events,
    level: row.type & TRIGGER_ROW ? 'row' : 'statement',
    function: `${row.function_schema}.${row.function_name}`,
    enabled: TRIGGER_ENABLED[row.enabled as keyof typeof TRIGGER_ENABLED] ?? 'origin',
    definition: row.definition,
    comment: row.comment,
  };
}

function decodeIndex(row: CatalogRows['indexes'][number], columnNames: ColumnNames): Index {
  const expressions = [...(row.expressions ?? [])];
  const keys: IndexKey[] = [];
  const include: string[] = [];
  attnums(row.keys).forEach((attnum, i) => {
    if (i < row.key_count) {
      if (attnum === 0) keys.push({ expression: expressions.shift() ?? '?' });
      else keys.push({ column: columnNames[attnum] ?? `#${attnum}` });
    } else {
      include.push(columnNames[attnum] ?? `#${attnum}`);
    }
  });
  return {
    name: row.name,
    unique: row.unique,
    constraint: row.constraint_name,
    method: row.method,
    keys,
    include,
    predicate: row.predicate,
    nullsNotDistinct: row.nulls_not_distinct,
    valid: row.valid,
    definition: row.definition,
    comment: row.comment,
  };
}

function decodeConstraint(row: CatalogRows['constraints'][number], columnNames: ColumnNames, quote: QuoteIdentifier): Constraint | null {
  const columns = attnums(row.keys).map((n) => columnNames[n] ?? `#${n}`);
  const base = {
    name: row.name,
    definition: row.definition ?? plainConstraintDefinition(row, columns, quote),
    deferrable: row.deferrable,
    initiallyDeferred: row.deferred,
    validated: row.validated,
    comment: row.comment,
  };
  switch (row.type) {
    case 'p':
      return { kind: 'primary-key', ...base, columns };
    case 'u':
      return { kind: 'unique', ...base, columns, nullsNotDistinct: row.nulls_not_distinct === true };
    case 'f':
      return {
        kind: 'foreign-key',
        ...base,
        columns,
        references: { schema: row.ref_schema ?? '', table: row.ref_table ?? '', columns: row.ref_columns ?? [] },
        onDelete: FK_ACTIONS[row.on_delete] ?? 'no-action',
        onUpdate: FK_ACTIONS[row.on_update] ?? 'no-action',
        match: FK_MATCH[row.match as keyof typeof FK_MATCH] ?? 'simple',
      };
    case 'c':
      return { kind: 'check', ...base, expression: row.expression ?? '', noInherit: row.no_inherit };
    case 'x':
      return { kind: 'exclusion', ...base };
    default:
      return null;
  }
}

function parseJson<T>(value: T | string | null): T | null {
  if (typeof value === 'string') return JSON.parse(value) as T;
  return value;
}

function group<R extends { relid: Oid }, T>(list: readonly R[], decode: (row: R) => T | null): Map<number, T[]> {
  const byRel = new Map<number, T[]>();
  for (const row of list) {
    const item = decode(row);
    if (item === null) continue;
    const k = key(row.relid);
    const existing = byRel.get(k);
    if (existing) existing.push(item);
    else byRel.set(k, [item]);
  }
  return byRel;
}

type Decoded<T> = { readonly rows: readonly unknown[]; readonly byRel: Map<number, T[]> };

/**
 * The part of building a snapshot that can start before every catalog has been read: the columns (fed a
 * row at a time), then the constraints and indexes, which need the column names. Why: on a live database
 * the catalog queries finish one after the other, and what is decoded while the last ones run is no
 * longer between the last row and the file (src/introspect/index.ts).
 */
export class EarlyDecoding {
  readonly columns = new ColumnCollector();
  private columnsDone?: ReturnType<ColumnCollector['finish']>;
  private constraints?: Decoded<Constraint>;
  private indexes?: Decoded<Index>;
  private readonly waiting: { constraints?: CatalogRows['constraints']; indexes?: CatalogRows['indexes'] } = {};

  /** `quote`: identifierQuoter of the server's keywords */
  constructor(private readonly quote: QuoteIdentifier) {}

  /** Every column row is in (after the last add). */
  finishColumns(): ReturnType<ColumnCollector['finish']> {
    if (!this.columnsDone) {
      this.columnsDone = this.columns.finish();
      if (this.waiting.constraints) this.constraintsOf(this.waiting.constraints);
      if (this.waiting.indexes) this.indexesOf(this.waiting.indexes);
    }
    return this.columnsDone;
  }

  /** A step's rows are all in: decode them now if their column names are known, else once they are. */
  stepDone(step: string, rows: readonly unknown[]): void {
    if (step === 'constraints') {
      if (this.columnsDone) this.constraintsOf(rows as CatalogRows['constraints']);
      else this.waiting.constraints = rows as CatalogRows['constraints'];
    } else if (step === 'indexes') {
      if (this.columnsDone) this.indexesOf(rows as CatalogRows['indexes']);
      else this.waiting.indexes = rows as CatalogRows['indexes'];
    }
  }

  constraintsOf(rows: CatalogRows['constraints']): Map<number, Constraint[]> {
    if (this.constraints?.rows !== rows) {
      const namesOf = this.namesOf();
      this.constraints = { rows, byRel: group(rows, (r) => decodeConstraint(r, namesOf(r.relid), this.quote)) };
    }
    return this.constraints.byRel;
  }

  indexesOf(rows: CatalogRows['indexes']): Map<number, Index[]> {
    if (this.indexes?.rows !== rows) {
      const namesOf = this.namesOf();
      this.indexes = { rows, byRel: group(rows, (r) => decodeIndex(r, namesOf(r.relid))) };
    }
    return this.indexes.byRel;
  }

  private namesOf(): (rel: Oid) => ColumnNames {
    const { columnNamesByRel } = this.finishColumns();
    const noNames: ColumnNames = [];
    return (rel) => columnNamesByRel.get(key(rel)) ?? noNames;
  }
}

/**
 * `early`: what was already decoded while the catalogs were read (src/introspect/index.ts); rows.columns
 * are added to its columns.
 */
export function buildSnapshot(rows: CatalogRows, early?: EarlyDecoding): Snapshot {
  // the server's keywords: plain constraints come without their definition (constraint-definition.ts)
  const decoding = early ?? new EarlyDecoding(identifierQuoter(rows.server.reserved ?? ''));
  // Columns grouped by relation, in attnum order; positions count live columns only.
  for (const row of rows.columns) decoding.columns.add(row);
  const { columnsByRel } = decoding.finishColumns();
  const constraints = decoding.constraintsOf(rows.constraints);
  const indexes = decoding.indexesOf(rows.indexes);
  const triggers = group(rows.triggers, decodeTrigger);
  const policies = group(rows.policies, (r): Policy => ({
    name: r.name,
    command: POLICY_COMMANDS[r.command as keyof typeof POLICY_COMMANDS] ?? 'all',
    permissive: r.permissive,
    roles: [...(r.roles ?? [])].sort(),
    using: r.using,
    withCheck: r.with_check,
  }));
  const grants = group(rows.grants, (r): Grant => ({ grantee: r.grantee, privilege: r.privilege, grantable: r.grantable }));

  const tables: Table[] = [];
  const views: View[] = [];
  for (const rel of rows.relations) {
    const k = key(rel.oid);
    if (rel.kind === 'r' || rel.kind === 'p' || rel.kind === 'f') {
      const parents = (rel.parents ?? []).map(splitQualified);
      tables.push({
        schema: rel.schema,
        name: rel.name,
        kind: rel.kind === 'p' ? 'partitioned' : rel.kind === 'f' ? 'foreign' : 'table',
        partitionOf: rel.is_partition ? (parents[0] ?? null) : null,
        partitionBound: rel.partition_bound,
        partitionKey: rel.partition_key,
        inherits: rel.is_partition ? [] : parents,
        rlsEnabled: rel.rls_enabled,
        rlsForced: rel.rls_forced,
        comment: rel.comment,
        columns: columnsByRel.get(k) ?? [],
        constraints: constraints.get(k) ?? [],
        indexes: indexes.get(k) ?? [],
        triggers: triggers.get(k) ?? [],
        policies: policies.get(k) ?? [],
        grants: grants.get(k) ?? [],
      });
    } else if (rel.kind === 'v' || rel.kind === 'm') {
      views.push({
        schema: rel.schema,
        name: rel.name,
        materialized: rel.kind === 'm',
        definition: rel.view_definition ?? '',
        columns: (columnsByRel.get(k) ?? []).map((c) => ({ name: c.name, type: c.type })),
        indexes: indexes.get(k) ?? [],
        triggers: triggers.get(k) ?? [],
        grants: grants.get(k) ?? [],
        comment: rel.comment,
      });
    }
  }

  const types: UserType[] = [];
  for (const t of rows.types) {
    const base = { schema: t.schema, name: t.name, comment: t.comment };
    if (t.type === 'e') types.push({ kind: 'enum', ...base, values: t.enum_values ?? [] });
    else if (t.type === 'd')
      types.push({
        kind: 'domain',
        ...base,
        baseType: t.base_type ?? '',
        notNull: t.not_null,
        default: t.default,
        collation: t.collation,
        constraints: parseJson(t.domain_constraints) ?? [],
      });
    else if (t.type === 'r') types.push({ kind: 'range', ...base, subtype: t.range_subtype ?? '' });
    else if (t.type === 'c')
      types.push({
        kind: 'composite',
        ...base,
        attributes: (columnsByRel.get(key(t.relid)) ?? []).map((c) => ({ name: c.name, type: c.type, collation: c.collation })),
      });
  }

  const functions: Routine[] = rows.functions.map((f) => ({
    schema: f.schema,
    name: f.name,
    kind: ROUTINE_KINDS[f.kind as keyof typeof ROUTINE_KINDS] ?? 'function',
    identityArguments: f.identity_arguments,
    arguments: f.arguments,
    returns: f.returns,
    language: f.language,
    volatility: VOLATILITY[f.volatility as keyof typeof VOLATILITY] ?? 'volatile',
    securityDefiner: f.security_definer,
    strict: f.strict,
    definition: f.definition ?? '',
    config: [...(f.config ?? [])].sort(),
    comment: f.comment,
  }));

  const limitations: Limitation[] = rows.schemas
    .filter((s) => !s.usable)
    .map((s) => ({
      kind: 'schema',
      object: s.name,
      reason: 'the role has no USAGE privilege on this schema: definitions were read from the catalogs, but code running as this role cannot use its objects',
    }));

  const snapshot: Mutable<Snapshot> = {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    serverVersion: rows.server.version.split(' ')[0] ?? rows.server.version,
    schemas: rows.schemas.map((s) => ({ name: s.name, comment: s.comment })),
    extensions: rows.extensions.map((e) => ({ name: e.name, schema: e.schema, version: e.version })),
    tables,
    views,
    sequences: rows.sequences.map((s) => ({
      schema: s.schema,
      name: s.name,
      dataType: s.data_type,
      start: s.start,
      increment: s.increment,
      min: s.min,
      max: s.max,
      cache: s.cache,
      cycle: s.cycle,
      ownedBy: s.owned_by_table && s.owned_by_column ? { table: s.owned_by_table, column: s.owned_by_column } : null,
      comment: s.comment,
    })),
    types,
    functions,
    limitations,
  };
  return normalizeSnapshot(snapshot);
}
