// A finding is one difference or one code problem, in exactly the shape of the JSON report
// (../shared/CONTRACT.md). Every stage after compare/scan passes these around as plain data.

export type Severity = 'error' | 'warning' | 'info';
export type Category = 'schema' | 'code';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type ObjectKind =
  | 'schema'
  | 'extension'
  | 'table'
  | 'column'
  | 'constraint'
  | 'index'
  | 'view'
  | 'materialized-view'
  | 'sequence'
  | 'type'
  | 'domain'
  | 'function'
  | 'trigger'
  | 'policy'
  | 'rls'
  | 'grant'
  | 'statement';

export interface ObjectRef {
  readonly kind: ObjectKind;
  readonly schema?: string;
  /** set for everything that belongs to a table */
  readonly table?: string;
  /** the object's own name (the column name for columns) */
  readonly name: string;
}

export interface Location {
  /** relative to the scanned directory, `/` separators */
  readonly file: string;
  /** 1-based */
  readonly line: number;
  /** 1-based */
  readonly column: number;
}

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface Finding {
  /** kebab-case rule id, stable and documented in the README */
  readonly rule: string;
  readonly severity: Severity;
  readonly category: Category;
  readonly object: ObjectRef;
  readonly message: string;
  readonly source?: JsonValue;
  readonly target?: JsonValue;
  /** code findings: where; schema findings: the code that uses the object */
  readonly locations?: readonly Location[];
  /** code findings: the statement */
  readonly sql?: string;
  /** suggested fix, usually SQL */
  readonly fix?: string;
  /** code findings confirmed by the target PostgreSQL itself (--verify) */
  readonly verified?: boolean;
}
