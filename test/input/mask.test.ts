import { describe, expect, it } from 'vitest';
import { maskInput, maskSecrets, registerSecret } from '../../src/input/mask.js';

describe('masking', () => {
  it('masks URL passwords for display', () => {
    expect(maskInput('postgres://app:s3cr%40t@db:5432/prod?sslmode=require')).toBe('postgres://app:***@db:5432/prod?sslmode=require');
    expect(maskInput('postgresql://app@db/prod')).toBe('postgresql://app@db/prod');
    expect(maskInput('postgres://db/prod?user=a&password=hunter22')).toBe('postgres://db/prod?user=a&password=***');
    expect(maskInput('schema/target.sql')).toBe('schema/target.sql');
  });

  it('masks registered secrets and URL passwords in free text', () => {
    registerSecret('Tr0ub4dor&3');
    expect(maskSecrets('failed for postgres://u:Tr0ub4dor&3@h/db: password Tr0ub4dor&3 rejected')).toBe(
      'failed for postgres://u:***@h/db: password *** rejected',
    );
  });
});
