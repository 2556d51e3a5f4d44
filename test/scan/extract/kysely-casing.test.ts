import { describe, expect, it } from 'vitest';
import { snakeCase, pluginOptions } from '../../../src/scan/extract/builders/kysely-casing.js';
import { SCAN_PARSE_OPTIONS, ts } from '../../../src/scan/typescript.js';

const plain = { upperCase: false, underscoreBeforeDigits: false, underscoreBetweenUppercaseLetters: false };

function optionsOf(source: string) {
  const file = ts.createSourceFile('x.ts', source, SCAN_PARSE_OPTIONS, true);
  let found: ts.NewExpression | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node)) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(file);
  return pluginOptions(found!);
}

// the cases kysely's own createSnakeCaseMapper documents and tests
describe('snakeCase', () => {
  it('maps names as the CamelCasePlugin does', () => {
    expect(snakeCase('groupMembers', plain)).toBe('group_members');
    expect(snakeCase('id', plain)).toBe('id');
    expect(snakeCase('already_snake', plain)).toBe('already_snake');
    expect(snakeCase('fooBAR', plain)).toBe('foo_bar');
    expect(snakeCase('fooBAR', { ...plain, underscoreBetweenUppercaseLetters: true })).toBe('foo_b_a_r');
    expect(snakeCase('revision2Hash', plain)).toBe('revision2_hash');
    expect(snakeCase('revision22Hash', { ...plain, underscoreBeforeDigits: true })).toBe('revision_22_hash');
    expect(snakeCase('createdAt', { ...plain, upperCase: true })).toBe('CREATED_AT');
    expect(snakeCase('', plain)).toBe('');
  });
});

describe('pluginOptions', () => {
  it('reads literal options and refuses computed ones', () => {
    expect(optionsOf('new CamelCasePlugin()')).toEqual(plain);
    expect(optionsOf('new CamelCasePlugin({ underscoreBeforeDigits: true, maintainNestedObjectKeys: true })')).toEqual({ ...plain, underscoreBeforeDigits: true });
    expect(optionsOf('new CamelCasePlugin(options)')).toBe('unknown');
    expect(optionsOf('new CamelCasePlugin({ upperCase: flag })')).toBe('unknown');
    expect(optionsOf('new CamelCasePlugin({ ...base })')).toBe('unknown');
  });
});
