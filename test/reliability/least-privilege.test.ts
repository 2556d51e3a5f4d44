// Least privilege and honesty. CONNECT is all a role needs: the catalogs are readable by every role. A
// schema the role has no USAGE on is still read from the catalogs, but the run must say so: the snapshot
// lists it under limitations and every report format shows it under "not compared" (never a bare
// "no differences"), and `scan --schema` does too.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { withClient } from '../helpers/databases.js';
import { editUrl, NEWEST } from '../helpers/reliability.js';
import { useServers } from '../helpers/use-servers.js';

const servers = useServers([NEWEST]);

describe('a role without USAGE on a schema', () => {
  it('is listed as a limitation in the snapshot and under "not compared" in every format', async () => {
    const superuser = servers()[0]!.url;
    await withClient(superuser, (c) =>
      c.query(`CREATE SCHEMA billing; CREATE TABLE billing.invoices (id int PRIMARY KEY, total numeric NOT NULL);
        CREATE TABLE public.clients (id int PRIMARY KEY);
        CREATE ROLE minimal LOGIN PASSWORD 'minimal-pw';`),
    );
    // nothing granted: CONNECT and USAGE on public come from PUBLIC, billing's USAGE does not
    const url = editUrl(superuser, { user: 'minimal', password: 'minimal-pw' });

    const snap = await runCli(['snapshot', url]);
    expect(snap.code, snap.stderr).toBe(0);
    const snapshot = JSON.parse(snap.stdout);
    // definitions are still read (catalogs), so the comparison stays complete…
    expect(snapshot.tables.map((t: { schema: string; name: string }) => `${t.schema}.${t.name}`)).toEqual(['billing.invoices', 'public.clients']);
    // …and the missing privilege is on record
    expect(snapshot.limitations).toEqual([{ kind: 'schema', object: 'billing', reason: expect.stringMatching(/no USAGE privilege/) }]);
    const superSnap = JSON.parse((await runCli(['snapshot', superuser])).stdout);
    expect(superSnap.limitations).toEqual([]);

    const json = JSON.parse((await runCli([url, url, '--format', 'json'])).stdout);
    expect(json.findings).toEqual([]);
    expect(json.notCompared).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'schema', object: 'source: billing', reason: expect.stringMatching(/no USAGE/) }),
        expect.objectContaining({ kind: 'schema', object: 'target: billing', reason: expect.stringMatching(/no USAGE/) }),
      ]),
    );
    const table = await runCli([url, url]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/No differences found\.[\s\S]*Not compared:[\s\S]*schema source: billing: the role has no USAGE privilege/);
    const markdown = await runCli([url, url, '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/billing[^\n]*no USAGE privilege/);
    const sarif = JSON.parse((await runCli([url, url, '--format', 'sarif'])).stdout);
    expect(JSON.stringify(sarif)).toMatch(/source: billing[^"]*","reason":"the role has no USAGE privilege/);

    // scan --schema <db> reports it too
    const scan = JSON.parse((await runCli(['scan', 'fixtures/salon/code', '--schema', url, '--format', 'json'])).stdout);
    expect(scan.notCompared).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'schema', object: 'billing', reason: expect.stringMatching(/^schema: the role has no USAGE/) })]));
  });
});
