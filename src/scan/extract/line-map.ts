// Line and column of a position, as TypeScript counts them (line breaks: \n, \r\n, \r, U+2028,
// U+2029; columns in UTF-16 units). Not `sourceFile.getLineAndCharacterOfPosition`: in a worker,
// V8 sometimes keeps re-entering an OSR build of TypeScript's computeLineStarts that deoptimizes
// on its rarely taken isLineBreak call (940 deopts in one run), making it 20x slower: 0.7 s of
// one worker's 5 s on the 500k-line bench, in about half the runs. This loop has no call to miss.
import type { ts } from 'ts-morph';
import { treeCache } from './builders/tree-cache.js';

// on the tree, not in a WeakMap (tree-cache.ts says why)
const lineStartsOf = treeCache<ts.SourceFile, readonly number[]>('line starts');

export function lineStarts(text: string): number[] {
  const starts = [0];
  const length = text.length;
  for (let pos = 0; pos < length; pos++) {
    const ch = text.charCodeAt(pos);
    if (ch === 10 || ch === 0x2028 || ch === 0x2029) starts.push(pos + 1);
    else if (ch === 13) {
      if (pos + 1 < length && text.charCodeAt(pos + 1) === 10) pos++;
      starts.push(pos + 1);
    }
  }
  return starts;
}

/** 0-based line and character, as ts.SourceFile#getLineAndCharacterOfPosition gives them */
export function lineAndCharacter(sourceFile: ts.SourceFile, position: number): { line: number; character: number } {
  let starts = lineStartsOf.get(sourceFile);
  if (!starts) {
    starts = lineStarts(sourceFile.text);
    lineStartsOf.set(sourceFile, starts);
  }
  // the last line start at or before position
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle]! <= position) low = middle;
    else high = middle - 1;
  }
  return { line: low, character: position - starts[low]! };
}
