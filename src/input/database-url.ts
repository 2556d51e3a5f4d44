// postgres:// URLs, resolved the way libpq does it: what the URL leaves out comes from PG* environment
// variables (and ~/.pgpass through pg), and sslmode keeps libpq's meaning (node-postgres alone treats
// `require` as `verify-full` and has no `prefer` fallback).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionOptions } from 'node:tls';
import pg from './pg-without-fetch.js';
import { ConnectionError, InputError } from '../errors.js';
import { maskInput, maskSecrets, registerSecret } from './mask.js';
import { continueInPlaintextWhenRefused } from './ssl-prefer.js';

export type SslMode = 'disable' | 'allow' | 'prefer' | 'require' | 'verify-ca' | 'verify-full';
const SSL_MODES: readonly SslMode[] = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

export interface ConnectionSettings {
  readonly host: string;
  readonly port: number;
  readonly user: string | undefined;
  readonly password: string | undefined;
  readonly database: string | undefined;
  readonly sslMode: SslMode;
  readonly sslRootCert: string | undefined;
  readonly sslCert: string | undefined;
  readonly sslKey: string | undefined;
  readonly connectTimeoutSeconds: number;
  readonly applicationName: string;
}

/** node-postgres' query, for reading rows one at a time (src/input/index.ts) */
export const PgQuery = pg.Query;

export function isDatabaseUrl(input: string): boolean {
  return /^postgres(ql)?:\/\//i.test(input);
}

/** Pure: URL + environment → settings. */
export function connectionSettings(url: string, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError(`${maskInput(url)}: not a valid postgres:// URL`);
  }
  const q = parsed.searchParams;
  const decode = (s: string) => (s === '' ? undefined : decodeURIComponent(s));
  const hostFromUrl = parsed.hostname ? decodeURIComponent(parsed.hostname).replace(/^\[(.*)\]$/, '$1') : undefined;
  const sslMode = (q.get('sslmode') ?? env.PGSSLMODE ?? 'prefer') as SslMode;
  if (!SSL_MODES.includes(sslMode)) {
    throw new InputError(`${maskInput(url)}: sslmode "${sslMode}" is not one of ${SSL_MODES.join(', ')}`);
  }
  const portText = q.get('port') ?? (parsed.port || env.PGPORT || '5432');
  const port = Number(portText);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new InputError(`${maskInput(url)}: port "${portText}" is not valid`);
  const timeout = Number(q.get('connect_timeout') ?? env.PGCONNECT_TIMEOUT ?? '10');
  const settings: ConnectionSettings = {
    host: q.get('host') ?? hostFromUrl ?? env.PGHOST ?? 'localhost',
    port,
    user: q.get('user') ?? decode(parsed.username) ?? env.PGUSER,
    password: q.get('password') ?? decode(parsed.password) ?? env.PGPASSWORD,
    database: q.get('dbname') ?? decode(parsed.pathname.slice(1)) ?? env.PGDATABASE,
    sslMode,
    sslRootCert: q.get('sslrootcert') ?? env.PGSSLROOTCERT,
    sslCert: q.get('sslcert') ?? env.PGSSLCERT,
    sslKey: q.get('sslkey') ?? env.PGSSLKEY,
    connectTimeoutSeconds: Number.isFinite(timeout) && timeout > 0 ? timeout : 10,
    applicationName: q.get('application_name') ?? env.PGAPPNAME ?? 'schema-diff',
  };
  registerSecret(settings.password);
  return settings;
}

function readPem(path: string, what: string, display: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`${display}: cannot read ${what} file ${path}`);
  }
}

/** TLS options for node-postgres that mean what libpq's sslmode means. `false` = plaintext. */
function tlsOptions(s: ConnectionSettings, display: string, useSsl: boolean): ConnectionOptions | false {
  if (!useSsl) return false;
  const tls: ConnectionOptions = {};
  if (s.sslCert) tls.cert = readPem(s.sslCert, 'sslcert', display);
  if (s.sslKey) tls.key = readPem(s.sslKey, 'sslkey', display);
  const defaultRoot = join(homedir(), '.postgresql', 'root.crt');
  const rootCertPath = s.sslRootCert ?? (s.sslMode.startsWith('verify') ? defaultRoot : undefined);
  // why: `sslrootcert=system` (libpq 16+) means the platform's trust store, which is Node's default.
  if (rootCertPath && rootCertPath !== 'system') {
    try {
      tls.ca = readFileSync(rootCertPath, 'utf8');
    } catch {
      if (s.sslRootCert) throw new InputError(`${display}: cannot read sslrootcert file ${rootCertPath}`);
      // no explicit root cert and no ~/.postgresql/root.crt: verify against the system's CAs
    }
  }
  switch (s.sslMode) {
    case 'verify-full':
      tls.rejectUnauthorized = true;
      break;
    case 'verify-ca':
      tls.rejectUnauthorized = true;
      tls.checkServerIdentity = () => undefined;
      break;
    case 'require':
      // libpq: with a root certificate, require behaves like verify-ca
      if (tls.ca) {
        tls.rejectUnauthorized = true;
        tls.checkServerIdentity = () => undefined;
      } else tls.rejectUnauthorized = false;
      break;
    default:
      tls.rejectUnauthorized = false;
  }
  return tls;
}

export function clientConfig(s: ConnectionSettings, display: string, useSsl: boolean): pg.ClientConfig {
  return {
    host: s.host,
    port: s.port,
    user: s.user,
    password: s.password,
    database: s.database,
    ssl: tlsOptions(s, display, useSsl),
    connectionTimeoutMillis: s.connectTimeoutSeconds * 1000,
    application_name: s.applicationName,
    // why: keep the server from holding a forgotten session: the tool only ever reads catalogs briefly
    idle_in_transaction_session_timeout: 120_000,
    keepAlive: true,
  };
}

/** One line that says what failed, for the known failure modes; never the password. */
export function describeConnectionFailure(error: unknown, display: string): string {
  const e = error as { code?: string; message?: string };
  const message = maskSecrets(e?.message ?? String(error));
  switch (e?.code) {
    case 'ECONNREFUSED':
      return `cannot connect to ${display}: connection refused (is the server running and listening there?)`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot connect to ${display}: host name not found (DNS lookup failed)`;
    case 'ETIMEDOUT':
      return `cannot connect to ${display}: timed out`;
    case 'ECONNRESET':
      return `cannot connect to ${display}: connection reset by the server`;
    case '28P01':
      return `cannot connect to ${display}: password authentication failed`;
    case '28000':
      return `cannot connect to ${display}: ${message}`;
    case '3D000':
      return `cannot connect to ${display}: ${message}`;
    case '42501':
      return `cannot connect to ${display}: ${message} (the role needs CONNECT on the database)`;
    case '57P03':
      return `cannot connect to ${display}: the server is starting up or shutting down`;
    case 'DEPTH_ZERO_SELF_SIGNED_CERT':
    case 'SELF_SIGNED_CERT_IN_CHAIN':
    case 'UNABLE_TO_VERIFY_LEAF_SIGNATURE':
    case 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY':
    case 'CERT_HAS_EXPIRED':
    case 'ERR_TLS_CERT_ALTNAME_INVALID':
      return `cannot connect to ${display}: TLS certificate verification failed (${message})`;
  }
  if (/timeout expired|Connection terminated due to connection timeout/i.test(message)) {
    return `cannot connect to ${display}: timed out`;
  }
  if (/does not support SSL/i.test(message)) return `cannot connect to ${display}: the server does not support SSL (sslmode requires it)`;
  return `cannot connect to ${display}: ${message}`;
}

/** Connect with libpq semantics: `prefer`/`allow` fall back to plaintext when the server has no SSL. */
export async function connect(url: string, display = maskInput(url)): Promise<pg.Client> {
  const settings = connectionSettings(url);
  const attempts = settings.sslMode === 'disable' ? [false] : settings.sslMode === 'allow' ? [false, true] : settings.sslMode === 'prefer' ? [true, false] : [true];
  let lastError: unknown;
  for (const useSsl of attempts) {
    const client = new pg.Client(clientConfig(settings, display, useSsl));
    // why: an error event after connect (server killed mid-run) must not crash the process; the pending query rejects
    client.on('error', () => undefined);
    // prefer: a server without SSL gets the plaintext startup on this same connection, as with libpq
    if (useSsl && settings.sslMode === 'prefer') continueInPlaintextWhenRefused(client);
    try {
      await client.connect();
      return client;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      const text = String((error as Error)?.message ?? '');
      const sslRefused = /does not support SSL/i.test(text);
      if (!sslRefused && !(useSsl === false && /no pg_hba.conf entry.*no encryption/i.test(text))) break;
    }
  }
  throw new ConnectionError(describeConnectionFailure(lastError, display), { cause: lastError });
}
