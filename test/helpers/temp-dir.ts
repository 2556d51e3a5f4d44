// Temporary folders for tests, removed again: runs on a reused machine had left 2,500 of them in /tmp.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

function make(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

function remove(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A folder for the whole test file (call at the top level): removed after its last test. */
export function fileTempDir(prefix: string): string {
  const dir = make(prefix);
  afterAll(() => remove(dir));
  return dir;
}

/** A folder for the running test (call inside it): removed when that test ends, passed or failed. */
export function testTempDir(prefix: string): string {
  const dir = make(prefix);
  onTestFinished(() => remove(dir));
  return dir;
}

/** Runs `use` with a fresh folder and removes the folder afterwards, whatever `use` does. */
export function withTempDir<T>(prefix: string, use: (dir: string) => T): T {
  const dir = make(prefix);
  try {
    return use(dir);
  } finally {
    remove(dir);
  }
}
