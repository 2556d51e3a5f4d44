// Databases and roles inside a test server (see servers.ts). URLs in, URLs out.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Run `fn` with a connected client and always close it (an open client would break the server's stop). */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function withPath(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** CREATE DATABASE `name` and return its URL (same credentials). */
export async function createDatabase(url: string, name: string): Promise<string> {
  await withClient(url, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  return withPath(url, name);
}

/**
 * A login role that is not a superuser and holds only CONNECT on the database of `url` and USAGE on its
 * non-system schemas (as they exist now): the least a real deployment's read-only role has. Returns a URL
 * that logs in as it.
 */
export async function createIntrospectionRole(url: string, role: string): Promise<string> {
  const password = randomBytes(12).toString('hex');
  await withClient(url, async (c) => {
    await c.query(`CREATE ROLE ${quoteIdent(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`);
    const { rows: [db] } = await c.query<{ name: string }>('SELECT current_database() AS name');
    await c.query(`GRANT CONNECT ON DATABASE ${quoteIdent(db!.name)} TO ${quoteIdent(role)}`);
    const { rows } = await c.query<{ name: string }>(
      `SELECT nspname AS name FROM pg_catalog.pg_namespace
        WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname !~ '^pg_(toast|temp_)'`,
    );
    for (const schema of rows) await c.query(`GRANT USAGE ON SCHEMA ${quoteIdent(schema.name)} TO ${quoteIdent(role)}`);
  });
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = password;
  return u.toString();
}
