// Which files a scan reads: tsconfig.json honoured, project references followed, and a folder with no
// code an error (exit 2), never an empty scan that reads as "no problems".
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { discoverProject, relativePath } from '../../src/scan/project.js';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'schema-diff-project-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const relativeFiles = (root: string): string[] => discoverProject(root).files.map((f) => relativePath(root, f));

describe('discoverProject', () => {
  it("follows a solution-style tsconfig's project references (Vite's template, Nx monorepos)", () => {
    const root = project({
      'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.app.json' }, { path: './pkgs/core' }] }),
      'tsconfig.app.json': JSON.stringify({ include: ['src'] }),
      'src/main.ts': 'export {};\n',
      'pkgs/core/tsconfig.json': JSON.stringify({ include: ['lib'], references: [{ path: '../../tsconfig.json' }] }),
      'pkgs/core/lib/db.ts': 'export {};\n',
      'pkgs/core/scripts/seed.ts': 'export {};\n',
    });
    expect(relativeFiles(root)).toEqual(['pkgs/core/lib/db.ts', 'src/main.ts']);
  });

  it('walks the folder when tsconfig.json names no file at all', () => {
    const root = project({ 'tsconfig.json': JSON.stringify({ files: [] }), 'src/a.ts': 'export {};\n', 'src/b.js': 'module.exports = {};\n' });
    expect(relativeFiles(root)).toEqual(['src/a.ts', 'src/b.js']);
  });

  it('a folder with no TypeScript or JavaScript is an input error, not a clean scan', () => {
    const root = project({ 'README.md': '# nothing here\n', 'schema.sql': 'CREATE TABLE t (id int);\n' });
    expect(() => discoverProject(root)).toThrow(InputError);
    expect(() => discoverProject(root)).toThrow(/no TypeScript or JavaScript files to scan/);
  });
});
