import type { Snapshot } from './types.js';

/** The bytes `schema-diff snapshot` writes: pretty JSON with a final newline, so a committed snapshot diffs cleanly. */
export function snapshotJson(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}

/** Tables per piece: each piece stays a few hundred kB. */
const TABLES_PER_PIECE = 64;
/**
 * Up to this many tables the text is one piece: cutting musicbrainz' 3.7 MB (521 tables) into pieces costs
 * ~3 ms more CPU (16.5 -> 19.7 ms, fresh processes) and saves no memory worth having.
 */
const ONE_PIECE_TABLES = 1_000;
const TABLES_KEY = '"tables": ';
/** `{ tables: [...] }` pretty-printed: its items sit at the depth of the snapshot's own tables */
const WRAPPER_HEAD = `{\n  ${TABLES_KEY}[\n`;
const WRAPPER_TAIL = '\n  ]\n}';

/**
 * snapshotJson's bytes, handed to `emit` in pieces: the tables a few at a time, the rest around them.
 * Why: one JSON.stringify of a 5,000-table snapshot builds a 53 MB string (and its UTF-8 copy on the way
 * out) on top of the snapshot itself; written in pieces, the run's peak RSS went from 241 to 163 MB for
 * the same CPU and wall time (11 alternated runs). Each piece is JSON.stringify's own text: the tables are
 * stringified inside a `{ tables: [...] }` wrapper, which puts them at the same depth, and the wrapper is
 * cut off.
 */
export function snapshotJsonPieces(snapshot: Snapshot, emit: (piece: string) => void): void {
  const { tables } = snapshot;
  if (tables.length <= ONE_PIECE_TABLES) return emit(snapshotJson(snapshot));
  // every other key in its place, tables as a marker string that JSON prints as `"\u0000"`
  const outline = JSON.stringify({ ...snapshot, tables: '\u0000' }, null, 2);
  const marker = `\n  ${TABLES_KEY}"\\u0000"`;
  const at = outline.indexOf(marker);
  if (at < 0) return emit(snapshotJson(snapshot));
  emit(`${outline.slice(0, at)}\n  ${TABLES_KEY}[\n`);
  for (let start = 0; start < tables.length; start += TABLES_PER_PIECE) {
    const text = JSON.stringify({ tables: tables.slice(start, start + TABLES_PER_PIECE) }, null, 2);
    const last = start + TABLES_PER_PIECE >= tables.length;
    emit(`${text.slice(WRAPPER_HEAD.length, text.length - WRAPPER_TAIL.length)}${last ? '\n' : ',\n'}`);
  }
  emit(`  ]${outline.slice(at + marker.length)}\n`);
}
