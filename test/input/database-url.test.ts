import { describe, expect, it } from 'vitest';
import { clientConfig, connectionSettings } from '../../src/input/database-url.js';

describe('connectionSettings (libpq semantics)', () => {
  it('fills what the URL leaves out from PG* variables', () => {
    const s = connectionSettings('postgres:///appdb', { PGHOST: 'db.internal', PGPORT: '6543', PGUSER: 'app', PGPASSWORD: 'pw', PGSSLMODE: 'require' });
    expect(s).toMatchObject({ host: 'db.internal', port: 6543, user: 'app', password: 'pw', database: 'appdb', sslMode: 'require' });
  });

  it('lets the URL win over the environment and decodes it', () => {
    const s = connectionSettings('postgresql://us%40er:p%3Ass@h:5433/d%20b?sslmode=disable', { PGHOST: 'x', PGSSLMODE: 'require' });
    expect(s).toMatchObject({ host: 'h', port: 5433, user: 'us@er', password: 'p:ss', database: 'd b', sslMode: 'disable' });
  });

  it('defaults to sslmode=prefer like libpq', () => {
    expect(connectionSettings('postgres://h/d', {}).sslMode).toBe('prefer');
  });

  it('maps sslmode to TLS options with libpq meaning', () => {
    const require = clientConfig(connectionSettings('postgres://h/d?sslmode=require', {}), 'x', true);
    expect(require.ssl).toMatchObject({ rejectUnauthorized: false });
    const full = clientConfig(connectionSettings('postgres://h/d?sslmode=verify-full&sslrootcert=system', {}), 'x', true);
    expect(full.ssl).toMatchObject({ rejectUnauthorized: true });
    expect(clientConfig(connectionSettings('postgres://h/d?sslmode=disable', {}), 'x', false).ssl).toBe(false);
  });

  it('rejects an unknown sslmode and a missing sslrootcert file', () => {
    expect(() => connectionSettings('postgres://h/d?sslmode=sometimes', {})).toThrow(/sslmode "sometimes"/);
    expect(() => clientConfig(connectionSettings('postgres://h/d?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem', {}), 'db', true)).toThrow(
      /cannot read sslrootcert file \/nonexistent\/ca.pem/,
    );
  });
});
