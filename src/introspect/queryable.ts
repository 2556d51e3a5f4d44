// The one thing introspection needs from a database: run a query, get rows.
// node-postgres clients and PGlite both fit behind it (see input/).

export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
  /**
   * Optional: hand each row of `sql` to `onRow` as it arrives instead of collecting them (node-postgres).
   * Without it, introspection hands over the rows of query() once they are all in.
   */
  eachRow?<Row = Record<string, unknown>>(sql: string, onRow: (row: Row) => void): Promise<void>;
}

/**
 * A session introspection opened itself (a helper that reads part of the catalogs) and must close. Its
 * query() takes several statements in one string when there are no parameters (node-postgres' simple
 * query protocol), which PGlite's query() does not.
 */
export interface Session extends Queryable {
  close(): Promise<void>;
}
