// SCHEMA_DIFF_SESSIONS: how many sessions a live snapshot may open. A bad value is a usage error that says
// what is expected, never a silent default.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { sessionCount } from '../../src/input/session-count.js';

describe('sessionCount', () => {
  it('is 3 unless set', () => {
    expect(sessionCount({})).toBe(3);
    expect(sessionCount({ SCHEMA_DIFF_SESSIONS: ' ' })).toBe(3);
  });

  it('takes 1 to 8', () => {
    expect(sessionCount({ SCHEMA_DIFF_SESSIONS: '1' })).toBe(1);
    expect(sessionCount({ SCHEMA_DIFF_SESSIONS: ' 8 ' })).toBe(8);
  });

  it.each(['0', '9', '2.5', 'two', '-1', '1e1'])('rejects %j', (value) => {
    expect(() => sessionCount({ SCHEMA_DIFF_SESSIONS: value })).toThrow(InputError);
    expect(() => sessionCount({ SCHEMA_DIFF_SESSIONS: value })).toThrow(
      `SCHEMA_DIFF_SESSIONS="${value}": expected a whole number of sessions from 1 to 8`,
    );
  });
});
