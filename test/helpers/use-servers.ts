// Per-file lifecycle for test servers. afterAll waits for a start that is still in flight (a beforeAll
// that timed out keeps running), so no server outlives its test file; the orphan reaper covers a killed
// worker.
import { afterAll, beforeAll } from 'vitest';
import { startServers, stopServers, type Major, type ServerOptions, type TestServer } from './servers.js';

/** Generous: five initdb runs on two busy cores; the servers' own timeouts fire first with a clearer error. */
export const SERVER_HOOK_TIMEOUT_MS = 300_000;

/** Registers beforeAll/afterAll; the returned function gives the running servers (in `majors` order). */
export function useServers(majors: readonly Major[], options: ServerOptions = {}): () => readonly TestServer[] {
  let starting: Promise<TestServer[]> | undefined;
  let servers: TestServer[] = [];
  beforeAll(async () => {
    const started = performance.now();
    starting = startServers(majors, options);
    servers = await starting;
    console.log(`started PostgreSQL ${majors.join(', ')} in ${Math.round(performance.now() - started)} ms`);
  }, SERVER_HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await stopServers((await starting?.catch(() => undefined)) ?? []);
  }, SERVER_HOOK_TIMEOUT_MS);
  return () => servers;
}
