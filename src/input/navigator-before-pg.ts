// See pg-without-fetch.ts: imported right before `pg`, so that pg finds a non-Cloudflare navigator.
const g = globalThis as { navigator?: unknown };
const added = g.navigator === undefined;
if (added) g.navigator = { userAgent: 'Node.js' };

export function restoreNavigator(): void {
  if (added) delete g.navigator;
}
