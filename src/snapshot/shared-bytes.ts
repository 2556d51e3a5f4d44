// A snapshot as UTF-8 JSON in shared memory, for worker threads that need the whole of it.
// Why: the scan's workers each parse the snapshot to check their files. Posting it as a string
// made the main thread stringify it again (110 ms for the 5,000-table bench snapshot) and copy
// it once per worker (~30 ms each), all while the workers parse and need both cores. A snapshot
// read from a file keeps the file's bytes in a SharedArrayBuffer: what JSON.parse read, and so
// the same value; every worker gets them without a copy. Only when the caller asks (the scan's
// schema input): a compare of two 20,000-table snapshot files would otherwise hold ~400 MB more.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs';
import type { Snapshot } from './types.js';

const sourceBytes = new WeakMap<Snapshot, Uint8Array>();

/** A file's bytes, read into shared memory. Throws as readFileSync does. */
export function readSharedBytes(path: string): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) {
      // a pipe or a device has no size to go by: read it whole, then copy
      const read = readFileSync(fd);
      const copy = new Uint8Array(new SharedArrayBuffer(read.length));
      copy.set(read);
      return copy;
    }
    const bytes = new Uint8Array(new SharedArrayBuffer(stat.size));
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

/** Remember that `snapshot` is what JSON.parse made of `bytes` (validated, unchanged), until taken or forgotten. */
export function rememberSourceBytes(snapshot: Snapshot, bytes: Uint8Array): void {
  sourceBytes.set(snapshot, bytes);
}

/** Let go of the remembered bytes (a scan on one thread, which needs no copy). */
export function forgetSourceBytes(snapshot: Snapshot): void {
  sourceBytes.delete(snapshot);
}

/**
 * The snapshot as JSON in shared memory: its source file's bytes when they were remembered (this
 * thread lets go of them: they live on only in the threads they are posted to), else serialized.
 */
export function takeSharedSnapshotJson(snapshot: Snapshot): Uint8Array {
  const remembered = sourceBytes.get(snapshot);
  sourceBytes.delete(snapshot);
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
