import { describe, expect, it } from 'vitest';
import { validateSnapshot } from '../../src/snapshot/validate.js';
import { snapshotOfDdl } from '../helpers/pglite.js';

describe('validateSnapshot', () => {
  it('accepts a real snapshot and names the first bad path otherwise', async () => {
    const snapshot = await snapshotOfDdl(`CREATE TABLE t (id int PRIMARY KEY, j jsonb); CREATE INDEX ON t ((j->>'a'));`);
    const json = JSON.parse(JSON.stringify(snapshot));
    expect(validateSnapshot(json)).toEqual(snapshot);

    const broken = JSON.parse(JSON.stringify(snapshot));
    broken.tables[0].columns[1].nullable = 'yes';
    expect(() => validateSnapshot(broken)).toThrow('snapshot.tables[0].columns[1].nullable must be true or false');

    const missing = JSON.parse(JSON.stringify(snapshot));
    delete missing.tables[0].constraints;
    expect(() => validateSnapshot(missing)).toThrow('snapshot.tables[0].constraints is missing');

    // a kind named like an Object.prototype member is no kind (it once passed with no fields checked)
    const prototypeKind = JSON.parse(JSON.stringify(snapshot));
    prototypeKind.tables[0].constraints[0].kind = 'toString';
    expect(() => validateSnapshot(prototypeKind)).toThrow(
      'snapshot.tables[0].constraints[0].kind must be one of primary-key, unique, foreign-key, check, exclusion',
    );
  });

  it('rejects other format versions and non-snapshots', () => {
    expect(() => validateSnapshot({ formatVersion: 2 })).toThrow(/formatVersion 2 is not supported.*upgrade schema-diff/);
    expect(() => validateSnapshot({ hello: 1 })).toThrow(/no formatVersion/);
    expect(() => validateSnapshot([])).toThrow(/expected a JSON object/);
  });
});
