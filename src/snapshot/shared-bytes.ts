// A snapshot as UTF-8 JSON in shared memory, for worker threads that need the whole of it.
// Why: the scan's workers each parse the snapshot to check their files. Posting it as a string
// made the main thread stringify it again (110 ms for the 5,000-table bench snapshot) and copy
// it once per worker (~30 ms each), all while the workers parse and need both cores. A snapshot
// read from a file keeps the file's bytes in a SharedArrayBuffer: what JSON.parse read, and so
// the same value; every worker gets them without a copy.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { Snapshot } from './types.js';

const sourceBytes = new WeakMap<Snapshot, Uint8Array>();

/** A file's bytes, read into shared memory. Throws as readFileSync does. */
export function readSharedBytes(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const bytes = new Uint8Array(new SharedArrayBuffer(fstatSync(fd).size));
    for (let at = 0; at < bytes.length; ) {
      const n = readSync(fd, bytes, at, bytes.length - at, null);
      if (n === 0) return bytes.subarray(0, at); // the file shrank while being read
      at += n;
    }
    return bytes;
  } finally {
    closeSync(fd);
  }
}

/** Remember that `snapshot` is what JSON.parse made of `bytes` (validated, unchanged). */
export function rememberSourceBytes(snapshot: Snapshot, bytes: Uint8Array): void {
  sourceBytes.set(snapshot, bytes);
}

/** The snapshot as JSON in shared memory: its source file's bytes when it was read from one. */
export function sharedSnapshotJson(snapshot: Snapshot): Uint8Array {
  const remembered = sourceBytes.get(snapshot);
  if (remembered && remembered.buffer instanceof SharedArrayBuffer) return remembered;
  const json = Buffer.from(JSON.stringify(snapshot), 'utf8');
  const shared = new Uint8Array(new SharedArrayBuffer(json.length));
  shared.set(json);
  return shared;
}

/** What a worker makes of sharedSnapshotJson's bytes. */
export function parseSharedSnapshotJson(bytes: Uint8Array): Snapshot {
  return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as Snapshot;
}
