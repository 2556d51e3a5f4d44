import { describe, expect, it } from 'vitest';
import { judgeTypeChange, parseType } from '../../src/compare/type-compat.js';

const judge = (source: string, target: string, extra: { sourceEnum?: boolean; targetEnum?: boolean } = {}) =>
  judgeTypeChange(
    { type: source, category: extra.sourceEnum ? 'enum' : undefined },
    { type: target, category: extra.targetEnum ? 'enum' : undefined },
  );

describe('parseType', () => {
  it('reads modifiers, array dimensions and spelled-out names', () => {
    expect(parseType('character varying(255)')).toEqual({ name: 'character varying', modifiers: [255], arrayDimensions: 0 });
    expect(parseType('numeric(12,2)[]')).toEqual({ name: 'numeric', modifiers: [12, 2], arrayDimensions: 1 });
    expect(parseType('timestamp(3) without time zone')).toEqual({ name: 'timestamp', modifiers: [3], arrayDimensions: 0 });
    expect(parseType('public.citext').name).toBe('citext');
  });
});

describe('judgeTypeChange', () => {
  it.each([
    ['integer', 'integer', null],
    ['integer', 'bigint', 'info'],
    ['smallint', 'integer', 'info'],
    ['bigint', 'integer', 'error'],
    ['character varying(32)', 'character varying(64)', 'info'],
    ['character varying(64)', 'text', 'info'],
    ['character varying(64)', 'character varying(32)', 'error'],
    ['text', 'character varying(255)', 'error'],
    ['numeric(12,2)', 'numeric(14,2)', 'info'],
    ['numeric(12,2)', 'numeric(12,4)', 'error'],
    ['numeric(12,4)', 'numeric(14,2)', 'warning'],
    ['numeric(12,2)', 'numeric', 'info'],
    ['numeric', 'numeric(10,2)', 'error'],
    ['integer', 'numeric(12,0)', 'info'],
    ['bigint', 'numeric(10,0)', 'error'],
    ['numeric(10,2)', 'integer', 'error'],
    ['real', 'double precision', 'info'],
    ['double precision', 'real', 'warning'],
    ['bigint', 'double precision', 'warning'],
    ['timestamp with time zone', 'timestamp without time zone', 'warning'],
    ['timestamp without time zone', 'timestamp with time zone', 'warning'],
    ['timestamp with time zone', 'date', 'error'],
    ['timestamp(6) with time zone', 'timestamp(3) with time zone', 'warning'],
    ['uuid', 'text', 'warning'],
    ['text', 'uuid', 'error'],
    ['uuid', 'character varying(32)', 'error'],
    ['text', 'public.citext', 'warning'],
    ['character(10)', 'text', 'warning'],
    ['integer', 'text', 'error'],
    ['boolean', 'integer', 'error'],
    ['text', 'text[]', 'error'],
    ['character varying(10)[]', 'text[]', 'info'],
    ['bigint[]', 'integer[]', 'error'],
  ])('%s → %s: %s', (source, target, severity) => {
    expect(judge(source, target)?.severity ?? null).toBe(severity);
  });

  it('names the consequence, not just the types', () => {
    expect(judge('character varying(64)', 'character varying(32)')?.reason).toMatch(/longer than 32 characters fail/);
    expect(judge('bigint', 'integer')?.reason).toMatch(/2147483647/);
    expect(judge('numeric(12,4)', 'numeric(14,2)')?.reason).toMatch(/rounded to 2 decimal places/);
  });

  it('marks every json/jsonb change as a JSON family change with its own verdict', () => {
    expect(judge('jsonb', 'text')).toMatchObject({ json: true, severity: 'error', reason: expect.stringMatching(/read back as strings/) });
    expect(judge('jsonb', 'json')).toMatchObject({ json: true, severity: 'error', reason: expect.stringMatching(/@>/) });
    expect(judge('json', 'jsonb')).toMatchObject({ json: true, severity: 'warning' });
    expect(judge('text', 'jsonb')).toMatchObject({ json: true, severity: 'error' });
    expect(judge('jsonb', 'jsonb[]')).toMatchObject({ json: true, severity: 'error' });
    expect(judge('integer', 'bigint')?.json).toBe(false);
  });

  it('judges enums against strings and other enums', () => {
    expect(judge('public.status', 'text', { sourceEnum: true })?.severity).toBe('warning');
    expect(judge('text', 'public.status', { targetEnum: true })?.severity).toBe('error');
    expect(judge('public.a', 'public.b', { sourceEnum: true, targetEnum: true })?.severity).toBe('warning');
  });

  it('sees through domains', () => {
    expect(judgeTypeChange({ type: 'public.email', domainBaseType: 'text' }, { type: 'text' })?.reason).toMatch(/domain's constraints/);
    expect(judgeTypeChange({ type: 'public.short', domainBaseType: 'character varying(64)' }, { type: 'character varying(10)' })?.severity).toBe('error');
  });
});
