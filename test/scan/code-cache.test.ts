import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireWithCodeCache } from '../../src/scan/code-cache.js';

// each case loads its own module file: a module is compiled once per process (require's cache)
function moduleFile(dir: string, name: string): string {
  const file = join(dir, name);
  writeFileSync(file, `const path = require('node:path');\nexports.join = (a, b) => path.join(a, b);\nexports.self = __filename;\n`);
  return file;
}

describe('requireWithCodeCache', () => {
  it('loads a CommonJS file into require\'s cache, and keeps a code cache the next process uses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'code-cache-'));
    const cacheDir = join(dir, 'cache');
    const file = moduleFile(dir, 'a.cjs');
    const loaded = requireWithCodeCache(file, { SCHEMA_DIFF_CACHE_DIR: cacheDir });
    expect((loaded.exports as { join: (a: string, b: string) => string }).join('x', 'y')).toBe(join('x', 'y'));
    expect((loaded.exports as { self: string }).self).toBe(file);
    expect(loaded.fromCache).toBe(false);
    // the same instance for a later require() of that path
    expect(requireWithCodeCache(file, { SCHEMA_DIFF_CACHE_DIR: cacheDir }).exports).toBe(loaded.exports);
    expect(existsSync(cacheDir)).toBe(false);
    loaded.keep();
    expect(readdirSync(cacheDir).filter((f) => f.endsWith('.bin'))).toHaveLength(1);
    // another process takes the cache
    const script = `import('${new URL('../../dist/scan/code-cache.js', import.meta.url).href}').then(({ requireWithCodeCache }) => process.stdout.write(String(requireWithCodeCache(${JSON.stringify(file)}, { SCHEMA_DIFF_CACHE_DIR: ${JSON.stringify(cacheDir)} }).fromCache)))`;
    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toBe('true');
  });

  it('compiles without a cache it cannot use, and makes it again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'code-cache-'));
    const cacheDir = join(dir, 'cache');
    const file = moduleFile(dir, 'b.cjs');
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const first = requireWithCodeCache(file, { SCHEMA_DIFF_CACHE_DIR: cacheDir });
    first.keep();
    const [name] = readdirSync(cacheDir);
    writeFileSync(join(cacheDir, name!), 'not a code cache');
    // the same file (size and time) under another directory: the same cache file, not in require's cache yet
    const other = moduleFile(mkdtempSync(join(tmpdir(), 'code-cache-')), 'b.cjs');
    utimesSync(other, 1_700_000_000, 1_700_000_000);
    const again = requireWithCodeCache(other, { SCHEMA_DIFF_CACHE_DIR: cacheDir });
    expect(again.fromCache).toBe(false);
    expect((again.exports as { join: (a: string, b: string) => string }).join('p', 'q')).toBe(join('p', 'q'));
    again.keep();
    expect(readdirSync(cacheDir)).toEqual([name]);
    expect(readFileSync(join(cacheDir, name!), 'utf8')).not.toBe('not a code cache');
  });

  it('keeps nothing when the cache directory is off', () => {
    const dir = mkdtempSync(join(tmpdir(), 'code-cache-'));
    const loaded = requireWithCodeCache(moduleFile(dir, 'c.cjs'), { SCHEMA_DIFF_CACHE_DIR: 'off', HOME: dir, XDG_CACHE_HOME: dir });
    loaded.keep();
    expect(readdirSync(dir)).toEqual(['c.cjs']);
  });
});
