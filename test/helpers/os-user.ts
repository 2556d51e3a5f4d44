// PostgreSQL refuses to run as root. Under root (CI, containers) the test servers run as the OS user
// `postgres`, created here when missing; as any other user they simply run as that user.
import { execFileSync } from 'node:child_process';

export interface OsUser { readonly uid: number; readonly gid: number }

const SERVER_USER = 'postgres';
let cached: OsUser | undefined | null = null;

function lookUp(): OsUser | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', SERVER_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    const gid = Number(execFileSync('id', ['-g', SERVER_USER], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

export function osUserForServer(): OsUser | undefined {
  if (cached !== null) return cached;
  if (process.getuid?.() !== 0) return (cached = undefined);
  let user = lookUp();
  if (!user) {
    try {
      execFileSync('useradd', ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVER_USER], { stdio: 'pipe' });
    } catch (error) {
      // Another test worker may have created it at the same moment: look again before failing.
      if (!lookUp()) throw new Error(`cannot create OS user ${SERVER_USER} for PostgreSQL: ${String(error)}`);
    }
    user = lookUp();
    if (!user) throw new Error(`OS user ${SERVER_USER} missing after useradd`);
  }
  return (cached = user);
}
