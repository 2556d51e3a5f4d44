// lineAndCharacter must give exactly what TypeScript's own getLineAndCharacterOfPosition gives (locations in
// reports are byte-for-byte goldens), on text made of every kind of line break and non-ASCII characters.
import fc from 'fast-check';
import { ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { lineAndCharacter, lineStarts } from '../../src/scan/extract/line-map.js';

const pieces = ['a', 'x = 1;', ' ', '\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', 'é', '—', '😀', '\n\r', '\r\r\n'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 60 }).map((parts) => parts.join(''));

describe('lineAndCharacter', () => {
  it('equals TypeScript at every position', () => {
    fc.assert(
      fc.property(text, (source) => {
        const sourceFile = ts.createSourceFile('a.ts', source, ts.ScriptTarget.Latest, false);
        expect(lineStarts(source)).toEqual([...ts.computeLineStarts(source)]);
        for (let position = 0; position <= source.length; position++) {
          expect(lineAndCharacter(sourceFile, position)).toEqual(sourceFile.getLineAndCharacterOfPosition(position));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('counts \\r\\n as one break and U+2028 as a break', () => {
    const sourceFile = ts.createSourceFile('a.ts', 'a\r\nb\u2028c\rd', ts.ScriptTarget.Latest, false);
    expect(lineAndCharacter(sourceFile, 3)).toEqual({ line: 1, character: 0 });
    expect(lineAndCharacter(sourceFile, 5)).toEqual({ line: 2, character: 0 });
    expect(lineAndCharacter(sourceFile, 7)).toEqual({ line: 3, character: 0 });
  });
});
