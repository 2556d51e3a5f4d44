// The neutral facts every extractor produces and every code rule reads. Raw-SQL extractors (pg,
// postgres.js, slonik, pg-promise, Prisma raw, knex.raw) hand over SQL text that sql/ turns into
// QueryFacts; builder extractors (knex builders, Kysely, Drizzle, supabase-js) build QueryFacts
// directly. Rules never ask which library a statement came from: what differs between drivers is
// spelled out here as data (e.g. `arrayEncoding`). Plain, JSON-serializable data only: statements
// cross worker_threads boundaries.
import type { Location } from '../findings/finding.js';

export type { Location };

/** Client libraries the scanner understands; the id of the extractor that produced a statement. */
export type Library =
  | 'pg'
  | 'postgres-js'
  | 'slonik'
  | 'pg-promise'
  | 'prisma'
  | 'knex'
  | 'kysely'
  | 'drizzle'
  | 'supabase-js'
  | 'typeorm'
  | 'sequelize';

/**
 * What the code passes as a value, as far as syntax or the TypeScript type of the argument tells.
 * `json-text` is a string the code made with JSON.stringify: a scalar, told apart for the clients
 * that JSON-encode values themselves (`encodesJson`), which would encode it a second time.
 */
export type ValueKind = 'array' | 'object' | 'scalar' | 'json-text' | 'unknown';

/**
 * How the driver sends a JS array bound as a parameter. Decides whether an array bound to a
 * json/jsonb column fails (research/code-checkers.md §2.3):
 * - `array-literal`: node-postgres and knex send `{"a","b"}`, jsonb rejects it with 22P02
 *   "invalid input syntax for type json";
 * - `array-constructor`: pg-promise formats `array['a','b']` into the text, 42804 "column … is of
 *   type jsonb but expression is of type text[]";
 * - `json`: the client JSON-encodes it (supabase-js/PostgREST, drizzle and typeorm json columns);
 * - `server-typed`: postgres.js describes the statement first and serializes by the server's type.
 */
export type ArrayEncoding = 'array-literal' | 'array-constructor' | 'json' | 'server-typed';

/** A table or view name as written. `schema` is null when unqualified (resolved through search_path). */
export interface RelationName {
  readonly schema: string | null;
  readonly name: string;
}

export interface TableRef extends RelationName {
  /** `FROM clients c` → `c`; null when none */
  readonly alias: string | null;
  /**
   * PostgREST resource embedding (supabase `select('*, company:companies(id)')`): the relation
   * whose select named this one. The name may also be a foreign-key column or constraint of that
   * relation rather than a table, so rules must look it up leniently. Absent otherwise.
   */
  readonly embeddedIn?: RelationName;
}

/** One use of a column. Unqualified names carry every relation they may belong to. */
export interface ColumnUse {
  readonly column: string;
  /**
   * The relation a qualified name points at, or, for an unqualified name, every relation in scope
   * (innermost scope first). Empty when the name points at something other than a relation (an
   * alias of a subquery, CTE or function), which `openScope` then says.
   */
  readonly relations: readonly RelationName[];
  /**
   * True when the scope also holds something whose columns are not known statically (subquery,
   * CTE, set-returning function, output alias): a name found in none of `relations` may still be
   * valid there, so rules must not call it unknown.
   */
  readonly openScope: boolean;
  readonly access: 'read' | 'write';
}

/** One element of an ON CONFLICT inference target: `(yclients_id, lower(email))`. */
export type ConflictElement =
  | { readonly column: string; readonly expression?: undefined }
  /** SQL text of the expression without the outer parentheses, e.g. `lower(email)` */
  | { readonly expression: string; readonly column?: undefined };

export type ConflictTarget =
  | {
      readonly kind: 'inference';
      readonly elements: readonly ConflictElement[];
      /** SQL text of the index predicate `WHERE …` (without the keyword), else null */
      readonly where: string | null;
    }
  | { readonly kind: 'constraint'; readonly name: string };

export interface OnConflictFacts {
  /** null for a target-less `ON CONFLICT DO NOTHING`, and when `implicitTarget` says who fills it in */
  readonly target: ConflictTarget | null;
  readonly action: 'nothing' | 'update';
  /**
   * The client fills the target in at run time from the table itself: supabase-js `upsert()`
   * without `onConflict` makes PostgREST emit `ON CONFLICT (<primary key columns>)` (or a plain
   * INSERT when the table has no primary key). Absent otherwise.
   */
  readonly implicitTarget?: 'primary-key';
}

/** A value the statement writes into (or compares with) a column. */
export interface ColumnBinding {
  readonly relation: RelationName;
  readonly column: string;
  /**
   * SQL statements: the `$n` the column receives (values are joined in from SqlStatement.params).
   * Builder facts: null, and `valueKind` says what the code passes.
   */
  readonly param: number | null;
  readonly valueKind: ValueKind;
  /** SQL text of the literal when the value is written inline (e.g. `'[1,2]'`), else null */
  readonly literal: string | null;
  /**
   * Builder facts whose `valueKind` is `unknown` (e.g. `{ tags }` or `{ tags: row.tags }`): the
   * value expression's offsets in the statement's source file, so the scanner can ask the type
   * checker later, and only when a rule needs it (a json/jsonb column). Absent otherwise.
   */
  readonly typeSite?: { readonly start: number; readonly end: number } | null;
  /** builder facts: the client JSON-encodes this column's values itself (a Drizzle json()/jsonb() column) */
  readonly encodedAsJson?: true;
}

/** An operator applied to a column, for type checks such as jsonb operators on a json column. */
export interface OperatorUse {
  readonly relations: readonly RelationName[];
  readonly column: string;
  /** e.g. `@>`, `?`, `?|`, `?&`, `->>` */
  readonly operator: string;
}

/** A database function the statement calls by name: supabase-js `rpc('fn', { a, b })` (PostgREST `/rpc/fn`). */
export interface FunctionCall {
  /** null: the client's schema, `public` unless `db.schema` or `.schema()` says otherwise */
  readonly schema: string | null;
  readonly name: string;
  /**
   * The argument names passed (PostgREST picks the overload by them), in the order written; null when
   * they are not known statically (a variable, a spread).
   */
  readonly argumentNames: readonly string[] | null;
}

export type Command = 'select' | 'insert' | 'update' | 'delete' | 'merge' | 'other';

/** What one statement or builder call does to the schema, independent of how it was written. */
export interface QueryFacts {
  readonly command: Command;
  /** the table an INSERT/UPDATE/DELETE/MERGE writes, else null */
  readonly target: TableRef | null;
  /** every relation the statement names, the target included; CTE names are not relations */
  readonly tables: readonly TableRef[];
  readonly columns: readonly ColumnUse[];
  /**
   * INSERT: the listed columns in order (`[]` for DEFAULT VALUES); null when the statement names no
   * columns and fills them by position.
   */
  readonly insertColumns: readonly string[] | null;
  /** INSERT without a column list: values per row (null when unknown, e.g. `INSERT … SELECT *`) */
  readonly insertValueCount: number | null;
  readonly onConflict: OnConflictFacts | null;
  readonly bindings: readonly ColumnBinding[];
  readonly operators: readonly OperatorUse[];
  /** tables the statement itself creates (CREATE [TEMP] TABLE): later statements may use them */
  readonly createsTables: readonly RelationName[];
  /**
   * tables whose definition the statement changes (ALTER, DROP, RENAME TABLE, CREATE INDEX): the code
   * is a migration, and its other statements on these tables ran against an earlier shape of them
   */
  readonly changesTables: readonly RelationName[];
  /** functions called by name through the client (supabase-js rpc); raw SQL's calls are PostgreSQL's to check */
  readonly functions: readonly FunctionCall[];
}

/** One argument bound to `$index`, as the code passes it. */
export interface ParamFact {
  /** 1-based: `$1` */
  readonly index: number;
  readonly kind: ValueKind;
  /** the argument's source text, for messages, e.g. `visits` or `rows.map(r => r.history)` */
  readonly text: string;
  /**
   * When the kind is not clear from syntax: the argument's offsets in the source file, so the
   * scanner can ask the TypeScript type checker later, and only for the few sites a rule needs.
   */
  readonly typeSite: { readonly start: number; readonly end: number } | null;
  /** the client JSON-encodes this value whatever the column (postgres.js and slonik `sql.json(v)`, pg-promise `:json`) */
  readonly encodedAsJson?: true;
}

interface StatementBase {
  /** the call or tagged template, relative to the scanned directory */
  readonly location: Location;
  readonly library: Library;
  readonly arrayEncoding: ArrayEncoding;
  /**
   * true when the client JSON-encodes every value bound to a json/jsonb column, strings included:
   * postgres.js serializes each parameter by the type the server describes for it, and supabase-js
   * sends the row to PostgREST as a JSON body. A string already made with JSON.stringify is then
   * stored as a JSON string (research/code-checkers.md §2.3). Absent for node-postgres, knex,
   * pg-promise, Kysely, Prisma, …, which send a string as text that PostgreSQL parses as JSON.
   */
  readonly encodesJson?: true;
  /**
   * one of the SQL texts a template with clauses chosen at run time sends (template.ts), all at the same
   * location and one after the other: the site counts once in the coverage, and its findings and usages
   * are deduplicated by location
   */
  readonly variant?: { readonly index: number; readonly of: number };
}

/** A raw SQL statement resolved statically; `${…}` holes already numbered `$1…$n`. */
export interface SqlStatement extends StatementBase {
  readonly kind: 'sql';
  readonly sql: string;
  readonly params: readonly ParamFact[];
  /**
   * false when a helper whose SQL depends on run-time data (e.g. postgres.js `sql(rows)` without a
   * column list) was replaced by a stand-in: static checks still apply, asking PostgreSQL does not.
   */
  readonly verifiable?: boolean;
  /**
   * true when a relation's schema is a value given at run time (a SQL builder function's `schema`
   * parameter): the names were left unqualified and are looked up in every schema the snapshot covers;
   * PostgreSQL is not asked (its search_path need not include the application's schema).
   */
  readonly runtimeSchema?: boolean;
  /** the SQL is the content of these files (relative to the scanned directory), read where `location` says */
  readonly sqlFiles?: readonly string[];
}

/** A query-builder call reduced to facts without SQL. */
export interface BuilderStatement extends StatementBase {
  readonly kind: 'builder';
  readonly facts: QueryFacts;
  /** the call as written, shortened, for messages, e.g. `.from('clients').upsert(rows, { onConflict: 'a,b' })` */
  readonly text: string;
}

/** A site that runs SQL the scanner cannot know statically: counted as not checked, never guessed. */
export interface UnresolvedStatement extends StatementBase {
  readonly kind: 'unresolved';
  /** e.g. `SQL text built at run time`, `unknown helper sql.fragment` */
  readonly reason: string;
}

export type ExtractedStatement = SqlStatement | BuilderStatement | UnresolvedStatement;

/** A statement together with its facts, ready for the code rules. */
export interface AnalyzedStatement {
  readonly statement: SqlStatement | BuilderStatement;
  readonly facts: QueryFacts;
  /** for multi-statement SQL strings: which one (0-based); 0 otherwise */
  readonly part: number;
  /** the SQL of this statement (SQL statements) or the builder call text */
  readonly text: string;
}
