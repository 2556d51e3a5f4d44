// The rows each catalog query returns (see queries/). Hand-written, one interface per query.
// Oids arrive as numbers from node-postgres and PGlite alike; they never leave the builder.

export type Oid = number | string;

export interface ServerRow {
  version_num: number; version: string;
  /** the keywords quote_ident() quotes, space-separated (see queries/server.ts) */
  reserved?: string | null;
}
export interface SchemaRow { name: string; comment: string | null; usable: boolean }
export interface ExtensionRow { name: string; schema: string; version: string }

export interface RelationRow {
  oid: Oid; schema: string; name: string; kind: string;
  rls_enabled: boolean; rls_forced: boolean; is_partition: boolean;
  partition_bound: string | null; partition_key: string | null; view_definition: string | null;
  parents: string[] | null; comment: string | null;
}

export interface ColumnRow {
  relid: Oid; attnum: number; name: string; type: string; category: string; domain_base: string | null;
  not_null: boolean; default: string | null; identity: string; generated_kind: string; generated: string | null;
  collation: string | null; comment: string | null;
}

export interface ConstraintRow {
  relid: Oid; name: string; type: string; deferrable: boolean; deferred: boolean; validated: boolean;
  no_inherit: boolean;
  /** attnums, space-separated */
  keys: string | null; ref_schema: string | null; ref_table: string | null;
  ref_columns: string[] | null; on_update: string; on_delete: string; match: string;
  expression: string | null; nulls_not_distinct: boolean | null;
  /** null for a plain key, unique or foreign key constraint: assembled from the other columns (constraint-definition.ts) */
  definition: string | null; comment: string | null;
}

export interface IndexRow {
  relid: Oid; name: string; unique: boolean; valid: boolean; key_count: number;
  /** attnums, space-separated (0 = an expression) */
  keys: string;
  expressions: string[] | null; method: string; predicate: string | null; nulls_not_distinct: boolean;
  constraint_name: string | null; definition: string; comment: string | null;
}

export interface TriggerRow {
  relid: Oid; name: string; type: number; enabled: string; function_schema: string; function_name: string;
  definition: string; comment: string | null;
}

export interface PolicyRow {
  relid: Oid; name: string; command: string; permissive: boolean; roles: string[] | null;
  using: string | null; with_check: string | null;
}

export interface GrantRow { relid: Oid; grantee: string; privilege: string; grantable: boolean }

export interface SequenceRow {
  schema: string; name: string; data_type: string; start: string; increment: string; min: string; max: string;
  cache: string; cycle: boolean; owned_by_table: string | null; owned_by_column: string | null; comment: string | null;
}

export interface TypeRow {
  oid: Oid; schema: string; name: string; type: string; relid: Oid; enum_values: string[] | null;
  base_type: string | null; not_null: boolean; default: string | null; collation: string | null;
  domain_constraints: { name: string; expression: string; validated: boolean }[] | string | null;
  range_subtype: string | null; comment: string | null;
}

export interface FunctionRow {
  schema: string; name: string; kind: string; identity_arguments: string; arguments: string;
  returns: string | null; language: string; volatility: string; security_definer: boolean; strict: boolean;
  definition: string | null; config: string[] | null; comment: string | null;
}

export interface CatalogRows {
  server: ServerRow;
  schemas: SchemaRow[];
  extensions: ExtensionRow[];
  relations: RelationRow[];
  columns: ColumnRow[];
  constraints: ConstraintRow[];
  indexes: IndexRow[];
  triggers: TriggerRow[];
  policies: PolicyRow[];
  grants: GrantRow[];
  sequences: SequenceRow[];
  types: TypeRow[];
  functions: FunctionRow[];
}
