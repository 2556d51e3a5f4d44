// The one thing introspection needs from a database: run a query, get rows.
// node-postgres clients and PGlite both fit behind it (see input/).

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
}

/**
 * A session introspection opened itself (a helper that reads part of the catalogs) and must close. Its
 * query() takes several statements in one string when there are no parameters (node-postgres' simple
 * query protocol), which PGlite's query() does not.
 */
export interface Session extends Queryable {
  close(): Promise<void>;
}
