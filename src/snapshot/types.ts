// The snapshot: a plain, readonly, JSON-serializable picture of one PostgreSQL schema.
// No OIDs, no owners, no timestamps: the same schema always gives the same bytes.
// Arrays are sorted by identity (see normalize.ts); columns stay in table order.
// Examples in comments are real outputs of PostgreSQL's catalog functions.

export const SNAPSHOT_FORMAT_VERSION = 1 as const;

export interface Snapshot {
  readonly formatVersion: typeof SNAPSHOT_FORMAT_VERSION;
  /** `server_version` of the introspected server, e.g. `17.10`, `18.6 (PGlite)` is reported as `18.6` */
  readonly serverVersion: string;
  readonly schemas: readonly SchemaInfo[];
  readonly extensions: readonly Extension[];
  readonly tables: readonly Table[];
  readonly views: readonly View[];
  readonly sequences: readonly Sequence[];
  readonly types: readonly UserType[];
  readonly functions: readonly Routine[];
  /** What the introspecting role could not see or read, so a report never looks complete when it is not. */
  readonly limitations: readonly Limitation[];
}

export interface SchemaInfo {
  readonly name: string;
  readonly comment: string | null;
}

export interface Extension {
  readonly name: string;
  /** schema the extension's objects live in, e.g. `public`, `extensions` */
  readonly schema: string;
  /** e.g. `1.3` */
  readonly version: string;
}

/** A qualified name of a table-like relation or type. */
export interface QualifiedName {
  readonly schema: string;
  readonly name: string;
}

export type TableKind = 'table' | 'partitioned' | 'foreign';

export interface Table {
  readonly schema: string;
  readonly name: string;
  readonly kind: TableKind;
  /** the parent when this table is a partition, else null */
  readonly partitionOf: QualifiedName | null;
  /** e.g. `FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')`, `DEFAULT` */
  readonly partitionBound: string | null;
  /** partitioned tables: e.g. `RANGE (created_at)` */
  readonly partitionKey: string | null;
  /** parents through INHERITS (not partitioning), sorted */
  readonly inherits: readonly QualifiedName[];
  readonly rlsEnabled: boolean;
  readonly rlsForced: boolean;
  readonly comment: string | null;
  readonly columns: readonly Column[];
  readonly constraints: readonly Constraint[];
  readonly indexes: readonly Index[];
  readonly triggers: readonly Trigger[];
  readonly policies: readonly Policy[];
  readonly grants: readonly Grant[];
}

/** pg_type.typcategory spelled out. */
export type TypeCategory =
  | 'array'
  | 'boolean'
  | 'composite'
  | 'datetime'
  | 'enum'
  | 'geometric'
  | 'network'
  | 'numeric'
  | 'pseudo'
  | 'range'
  | 'string'
  | 'timespan'
  | 'user'
  | 'bitstring'
  | 'unknown';

export interface Column {
  readonly name: string;
  /** 1-based position among the table's live columns (dropped columns do not count) */
  readonly position: number;
  /**
   * format_type() with typmod, e.g. `character varying(255)`, `numeric(12,2)`, `timestamp with time zone`,
   * `jsonb`, `text[]`; user types are schema-qualified: `public.status`
   */
  readonly type: string;
  readonly typeCategory: TypeCategory;
  /** for a domain, the format_type() of its base type (e.g. `text`), else null */
  readonly domainBaseType: string | null;
  readonly nullable: boolean;
  /** pg_get_expr() of the default, e.g. `now()`, `'{}'::jsonb`, `nextval('t_id_seq'::regclass)`; null when none */
  readonly default: string | null;
  readonly identity: 'always' | 'by-default' | null;
  /** expression of a generated column, e.g. `(price * qty)`, else null */
  readonly generated: string | null;
  readonly generatedKind: 'stored' | 'virtual' | null;
  /** explicit collation different from the type's default, e.g. `"C"`, else null */
  readonly collation: string | null;
  readonly comment: string | null;
}

export type ForeignKeyAction = 'no-action' | 'restrict' | 'cascade' | 'set-null' | 'set-default';

interface ConstraintBase {
  readonly name: string;
  /** pg_get_constraintdef(), e.g. `UNIQUE (yclients_id, company_id)` */
  readonly definition: string;
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  /** false for NOT VALID constraints */
  readonly validated: boolean;
  readonly comment: string | null;
}

export interface PrimaryKeyConstraint extends ConstraintBase {
  readonly kind: 'primary-key';
  readonly columns: readonly string[];
}

export interface UniqueConstraint extends ConstraintBase {
  readonly kind: 'unique';
  readonly columns: readonly string[];
  readonly nullsNotDistinct: boolean;
}

export interface ForeignKeyConstraint extends ConstraintBase {
  readonly kind: 'foreign-key';
  readonly columns: readonly string[];
  readonly references: { readonly schema: string; readonly table: string; readonly columns: readonly string[] };
  readonly onDelete: ForeignKeyAction;
  readonly onUpdate: ForeignKeyAction;
  readonly match: 'simple' | 'full' | 'partial';
}

export interface CheckConstraint extends ConstraintBase {
  readonly kind: 'check';
  /** the expression as PostgreSQL prints it, e.g. `(price > (0)::numeric)` */
  readonly expression: string;
  readonly noInherit: boolean;
}

export interface ExclusionConstraint extends ConstraintBase {
  readonly kind: 'exclusion';
}

export type Constraint =
  | PrimaryKeyConstraint
  | UniqueConstraint
  | ForeignKeyConstraint
  | CheckConstraint
  | ExclusionConstraint;

/** One key of an index: a plain column or an expression. */
export type IndexKey =
  | { readonly column: string; readonly expression?: undefined }
  | { readonly expression: string; readonly column?: undefined };

export interface Index {
  readonly name: string;
  readonly unique: boolean;
  /** the constraint this index implements (primary key, unique, exclusion), else null */
  readonly constraint: string | null;
  /** `btree`, `gin`, `gist`, `hash`, `brin`, … */
  readonly method: string;
  readonly keys: readonly IndexKey[];
  /** INCLUDE columns */
  readonly include: readonly string[];
  /** WHERE of a partial index, e.g. `(deleted_at IS NULL)`, else null */
  readonly predicate: string | null;
  readonly nullsNotDistinct: boolean;
  /** false while a CREATE INDEX CONCURRENTLY failed or is in progress */
  readonly valid: boolean;
  /** pg_get_indexdef(), e.g. `CREATE UNIQUE INDEX a_b_key ON public.t USING btree (a, b)` */
  readonly definition: string;
  readonly comment: string | null;
}

export type TriggerEvent = 'insert' | 'update' | 'delete' | 'truncate';

export interface Trigger {
  readonly name: string;
  readonly timing: 'before' | 'after' | 'instead-of';
  readonly events: readonly TriggerEvent[];
  readonly level: 'row' | 'statement';
  /** the trigger function, schema-qualified, e.g. `public.set_updated_at` */
  readonly function: string;
  /** `origin` (the default), `always`, `replica` or `disabled` */
  readonly enabled: 'origin' | 'always' | 'replica' | 'disabled';
  /** pg_get_triggerdef() */
  readonly definition: string;
  readonly comment: string | null;
}

export interface Policy {
  readonly name: string;
  readonly command: 'all' | 'select' | 'insert' | 'update' | 'delete';
  readonly permissive: boolean;
  /** sorted role names; `public` when the policy applies to everyone */
  readonly roles: readonly string[];
  /** USING expression, e.g. `(auth.uid() = user_id)`, else null */
  readonly using: string | null;
  readonly withCheck: string | null;
}

export interface Grant {
  /** role name, or `PUBLIC` */
  readonly grantee: string;
  /** `SELECT`, `INSERT`, `UPDATE`, `DELETE`, `TRUNCATE`, `REFERENCES`, `TRIGGER`, `MAINTAIN` */
  readonly privilege: string;
  readonly grantable: boolean;
}

export interface ViewColumn {
  readonly name: string;
  readonly type: string;
}

export interface View {
  readonly schema: string;
  readonly name: string;
  readonly materialized: boolean;
  /** pg_get_viewdef(oid, true) */
  readonly definition: string;
  readonly columns: readonly ViewColumn[];
  /** materialized views can be indexed */
  readonly indexes: readonly Index[];
  readonly triggers: readonly Trigger[];
  readonly grants: readonly Grant[];
  readonly comment: string | null;
}

export interface Sequence {
  readonly schema: string;
  readonly name: string;
  /** `bigint`, `integer` or `smallint` */
  readonly dataType: string;
  /** decimal strings: bigint does not fit a JS number */
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
  /** the column this sequence belongs to (serial columns, OWNED BY), else null */
  readonly ownedBy: { readonly table: string; readonly column: string } | null;
  readonly comment: string | null;
}

export interface EnumType {
  readonly kind: 'enum';
  readonly schema: string;
  readonly name: string;
  /** labels in sort order */
  readonly values: readonly string[];
  readonly comment: string | null;
}

export interface DomainType {
  readonly kind: 'domain';
  readonly schema: string;
  readonly name: string;
  readonly baseType: string;
  readonly notNull: boolean;
  readonly default: string | null;
  readonly collation: string | null;
  readonly constraints: readonly { readonly name: string; readonly expression: string; readonly validated: boolean }[];
  readonly comment: string | null;
}

export interface CompositeType {
  readonly kind: 'composite';
  readonly schema: string;
  readonly name: string;
  readonly attributes: readonly { readonly name: string; readonly type: string; readonly collation: string | null }[];
  readonly comment: string | null;
}

export interface RangeType {
  readonly kind: 'range';
  readonly schema: string;
  readonly name: string;
  readonly subtype: string;
  readonly comment: string | null;
}

export type UserType = EnumType | DomainType | CompositeType | RangeType;

export interface Routine {
  readonly schema: string;
  readonly name: string;
  readonly kind: 'function' | 'procedure' | 'aggregate' | 'window';
  /** pg_get_function_identity_arguments(), e.g. `company_id integer, since timestamp with time zone` */
  readonly identityArguments: string;
  /** pg_get_function_arguments(): with defaults and OUT arguments */
  readonly arguments: string;
  /** pg_get_function_result(), e.g. `trigger`, `SETOF public.clients`; null for procedures */
  readonly returns: string | null;
  /** `plpgsql`, `sql`, `c`, `internal`, … */
  readonly language: string;
  readonly volatility: 'immutable' | 'stable' | 'volatile';
  readonly securityDefiner: boolean;
  readonly strict: boolean;
  /** the body: prosrc, or the SQL-standard body (BEGIN ATOMIC …) */
  readonly definition: string;
  /** SET clauses, e.g. `search_path=public`, sorted */
  readonly config: readonly string[];
  readonly comment: string | null;
}

export interface Limitation {
  /** what could not be read, e.g. `schema`, `function-definition` */
  readonly kind: string;
  /** the object, e.g. `private` or `private.secret_fn(integer)` */
  readonly object: string;
  readonly reason: string;
}
