import type { Snapshot } from './types.js';

/** The bytes `schema-diff snapshot` writes: pretty JSON with a final newline, so a committed snapshot diffs cleanly. */
export function snapshotJson(snapshot: Snapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}
