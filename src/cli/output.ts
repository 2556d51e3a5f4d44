import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { maskSecrets } from '../input/mask.js';

/** ANSI colours only for the terminal table written to a terminal, unless --no-color or NO_COLOR. */
export function useColor(args: { readonly color: boolean; readonly output?: string | undefined; readonly format: string }): boolean {
  return args.color && !process.env.NO_COLOR && !args.output && args.format === 'table' && Boolean(process.stdout.isTTY);
}

/** Notes (things worth knowing that change no finding) go to a terminal's stderr, never with --quiet. */
export function noteWriter(quiet: boolean): ((message: string) => void) | undefined {
  return quiet ? undefined : (m) => void (process.stderr.isTTY && process.stderr.write(`note: ${maskSecrets(m)}\n`));
}

/** Write to -o FILE (folders created) or stdout. */
export function writeOutput(text: string, file: string | undefined): void {
  if (!file) {
    process.stdout.write(text);
    return;
  }
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeInChunks(file, text);
  } catch (error) {
    throw cannotWrite(file, error);
  }
}

/**
 * Write what `produce` emits to FILE (folders created), piece by piece, without joining the pieces
 * (src/snapshot/serialize.ts snapshotJsonPieces).
 */
export function writeOutputPieces(produce: (emit: (text: string) => void) => void, file: string): void {
  let fd: number;
  try {
    mkdirSync(dirname(file), { recursive: true });
    fd = openSync(file, 'w');
  } catch (error) {
    throw cannotWrite(file, error);
  }
  try {
    produce((text) => writeText(fd, text));
  } catch (error) {
    throw (error as NodeJS.ErrnoException).code ? cannotWrite(file, error) : error;
  } finally {
    closeSync(fd);
  }
}

function cannotWrite(file: string, error: unknown): UsageError {
  return new UsageError(`-o ${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
}

/** Characters per write: each chunk's UTF-8 stays small enough to be reused from cache. */
const CHUNK = 1 << 18;

/**
 * `writeFileSync(file, text)` in pieces. Why: Node encodes a whole string into one fresh buffer first,
 * which for a 53 MB snapshot (5,000 tables) cost ~50-150 ms of CPU in page faults and encoding; slices of
 * 256k characters written one after the other cost ~20-30 ms for the same bytes.
 */
function writeInChunks(file: string, text: string): void {
  const fd = openSync(file, 'w');
  try {
    writeText(fd, text);
  } finally {
    closeSync(fd);
  }
}

function writeText(fd: number, text: string): void {
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + CHUNK, text.length);
    // a surrogate pair split over two writes would be encoded as two replacement characters
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
    writeSync(fd, text.slice(start, end));
    start = end;
  }
}
