// SQL text with parts chosen by a conditional (src/scan/extract/text-choices.ts, read by constants.ts).
import { describe, expect, it } from 'vitest';
import { encodeChoice, expandChoices, hasChoice } from '../../../src/scan/extract/text-choices.js';

describe('text choices', () => {
  it('expands every combination, the first choice varying slowest', () => {
    const text = `SELECT 1${encodeChoice(null, [' A', ' B'])} FROM t${encodeChoice(null, [' C', ''])}`;
    expect(hasChoice(text)).toBe(true);
    expect(expandChoices(text, 8)).toEqual(['SELECT 1 A FROM t C', 'SELECT 1 A FROM t', 'SELECT 1 B FROM t C', 'SELECT 1 B FROM t']);
  });

  it('expands nested choices, only where their outer alternative is taken', () => {
    const text = `x ${encodeChoice('a', [`1${encodeChoice('b', ['2', '3'])}`, '4'])} y`;
    expect(expandChoices(text, 8)).toEqual(['x 12 y', 'x 13 y', 'x 4 y']);
  });

  it('takes choices on the same condition the same way', () => {
    const text = `${encodeChoice('admin', ['J', ''])}-${encodeChoice('admin', ['W', ''])}-${encodeChoice('other', ['o', ''])}`;
    expect(expandChoices(text, 8)).toEqual(['J-W-o', 'J-W-', '--o', '--']);
  });

  it('gives up beyond the limit, and leaves a text without choices alone', () => {
    const four = ['a', 'b', 'c', 'd'].map((c) => encodeChoice(null, [c, ''])).join('');
    expect(expandChoices(four, 8)).toBeNull();
    expect(expandChoices(four, 16)).toHaveLength(16);
    expect(expandChoices('SELECT 1', 8)).toEqual(['SELECT 1']);
    expect(hasChoice('SELECT 1')).toBe(false);
  });
});
