import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openInput } from '../../src/input/index.js';
import { snapshotJson } from '../../src/snapshot/serialize.js';
import { parseSharedSnapshotJson, readSharedBytes, takeSharedSnapshotJson } from '../../src/snapshot/shared-bytes.js';
import type { Snapshot } from '../../src/snapshot/types.js';

const dir = mkdtempSync(join(tmpdir(), 'shared-bytes-'));

describe('snapshot JSON in shared memory', () => {
  it('reads a file into a SharedArrayBuffer, byte for byte (multi-byte UTF-8 included)', () => {
    const file = join(dir, 'bytes.txt');
    writeFileSync(file, 'größe → ok\n');
    const bytes = readSharedBytes(file);
    expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(bytes).toString('utf8')).toBe('größe → ok\n');
  });

  it('reads what is not a regular file (a pipe) whole', () => {
    const bytes = readSharedBytes('/dev/null');
    expect(bytes.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bytes.length).toBe(0);
    const fifo = join(dir, 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    // a writer in another process, as a shell's process substitution would be
    const writer = spawn(process.execPath, ['-e', `require('fs').writeFileSync(${JSON.stringify(fifo)}, '{"a": "größe"}')`]);
    expect(Buffer.from(readSharedBytes(fifo)).toString('utf8')).toBe('{"a": "größe"}');
    writer.kill();
  });

  it('hands a snapshot file its own bytes once, when asked to keep them, and a worker parses them to the same value', async () => {
    const { snapshot } = await openInput('fixtures/salon/source.sql');
    const file = join(dir, 'salon.json');
    writeFileSync(file, snapshotJson(snapshot));
    const read = await openInput(file, { keepSourceBytes: true });
    const shared = takeSharedSnapshotJson(read.snapshot);
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Buffer.from(shared).toString('utf8')).toBe(snapshotJson(snapshot));
    expect(parseSharedSnapshotJson(shared)).toEqual(read.snapshot);
    // taken: a second call serializes it (compact JSON, not the file's)
    const again = takeSharedSnapshotJson(read.snapshot);
    expect(Buffer.from(again).toString('utf8')).toBe(JSON.stringify(read.snapshot));
    // not asked to keep them: nothing is held
    const plain = await openInput(file);
    expect(Buffer.from(takeSharedSnapshotJson(plain.snapshot)).toString('utf8')).toBe(JSON.stringify(plain.snapshot));
  });

  it('serializes a snapshot that was not read from a file', async () => {
    const { snapshot } = await openInput('fixtures/salon/target.sql');
    const copy = JSON.parse(JSON.stringify(snapshot)) as Snapshot;
    const shared = takeSharedSnapshotJson(copy);
    expect(shared.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(parseSharedSnapshotJson(shared)).toEqual(snapshot);
  });
});
