// Introspection never writes. The role has no privilege beyond CONNECT (and USAGE on public, as every
// role has) and its sessions default to read-only; snapshot, compare and scan --verify must still work,
// and the server must show that nothing was written: no transaction ID was assigned anywhere in the
// cluster (any write needs one), the schema is unchanged, and the statement log holds only reads.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { withClient } from '../helpers/databases.js';
import { editUrl, FULL_LOG_SETTINGS, NEWEST, serverLog } from '../helpers/reliability.js';
import { useServers } from '../helpers/use-servers.js';
import { fileTempDir } from '../helpers/temp-dir.js';

// autovacuum off: an auto-ANALYZE would assign a transaction ID and blur the proof
const servers = useServers([NEWEST], { settings: { ...FULL_LOG_SETTINGS, autovacuum: 'off' } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const code = fileTempDir('never-writes-');
mkdirSync(code, { recursive: true });
// statements --verify plans (never runs) against the live target: a write and a read
writeFileSync(
  join(code, 'repo.ts'),
  "import { Pool } from 'pg';\nconst pool = new Pool();\n" +
    "export const add = (n: string) => pool.query('INSERT INTO public.clients (name) VALUES ($1)', [n]);\n" +
    "export const all = () => pool.query('SELECT id, name FROM public.clients');\n",
);

const READ_ONLY_COMMANDS = new Set(['SELECT', 'BEGIN', 'ROLLBACK', 'SET', 'SHOW', 'SAVEPOINT', 'RELEASE', 'PREPARE', 'EXPLAIN', 'DEALLOCATE']);

describe('introspection never writes', () => {
  it('a read-only role with no privileges: every command works, no transaction ID is assigned, only reads are sent', async () => {
    const superuser = servers()[0]!.url;
    await withClient(superuser, async (c) => {
      await c.query(`CREATE TABLE public.clients (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL UNIQUE);
        CREATE VIEW public.names AS SELECT name FROM public.clients;
        CREATE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
        CREATE TRIGGER touch BEFORE UPDATE ON public.clients FOR EACH ROW EXECUTE FUNCTION public.touch();
        INSERT INTO public.clients (name) VALUES ('a'), ('b');
        REVOKE TEMPORARY ON DATABASE postgres FROM PUBLIC;
        CREATE ROLE reader LOGIN PASSWORD 'reader-pw';
        ALTER ROLE reader SET default_transaction_read_only = on;`);
    });
    const reader = editUrl(superuser, { user: 'reader', password: 'reader-pw' });
    await withClient(reader, async (c) => {
      expect((await c.query('SHOW default_transaction_read_only')).rows[0].default_transaction_read_only).toBe('on');
      await expect(c.query('CREATE TABLE public.x (id int)')).rejects.toThrow(/read-only transaction/);
    });
    const before = await runCli(['snapshot', superuser]);
    expect(before.code, before.stderr).toBe(0);
    const xidBefore = await withClient(superuser, async (c) => BigInt((await c.query('SELECT pg_current_xact_id()::text AS x')).rows[0].x));

    const snapshot = await runCli(['snapshot', reader]);
    expect(snapshot.code, snapshot.stderr).toBe(0);
    // the role sees the same definitions the superuser sees: catalogs are readable by every role
    expect(snapshot.stdout).toBe(before.stdout);
    const compare = await runCli([reader, reader, '--format', 'json']);
    expect(compare.code, compare.stderr).toBe(0);
    const verify = await runCli(['scan', code, '--schema', reader, '--verify', '--format', 'json']);
    expect(verify.code, verify.stderr).not.toBe(2);
    expect(JSON.parse(verify.stdout).coverage).toMatchObject({ statements: 2 });

    // the superuser's own call assigns exactly one more: nobody else got one in between
    const xidAfter = await withClient(superuser, async (c) => BigInt((await c.query('SELECT pg_current_xact_id()::text AS x')).rows[0].x));
    expect(xidAfter - xidBefore).toBe(1n);
    const after = await runCli(['snapshot', superuser]);
    expect(after.stdout).toBe(before.stdout);

    // every statement the reader's sessions sent (snapshot, compare ×2, scan; 3 sessions each) is a read
    let log = '';
    for (let i = 0; i < 100 && (log.match(/user=reader LOG:  disconnection/g) ?? []).length < 13; i++) {
      await sleep(100);
      log = await serverLog(superuser);
    }
    expect((log.match(/user=reader LOG:  disconnection/g) ?? []).length).toBe(13); // + the check session above
    const commands = [...log.matchAll(/user=reader LOG:  (?:statement|execute [^:]*): +(\w+)/g)].map((m) => m[1]!.toUpperCase());
    expect(commands.length).toBeGreaterThan(20);
    expect(commands.filter((c) => !READ_ONLY_COMMANDS.has(c))).toEqual(['CREATE']); // only the probe above
    expect(commands).toContain('ROLLBACK');
  });
});
