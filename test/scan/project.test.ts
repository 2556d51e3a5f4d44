// Which files a scan reads: tsconfig.json honoured, project references followed, and a folder with no
// code an error (exit 2), never an empty scan that reads as "no problems".
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { discoverProject, relativePath } from '../../src/scan/project.js';
import { resolveModule } from '../../src/scan/extract/builders/modules.js';

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

describe('resolveModule: tsconfig paths aliases', () => {
  it('in a project tsconfig, through extends (Nx keeps them in tsconfig.base.json), and in a referenced tsconfig.app.json (Vite)', () => {
    const nx = project({
      'tsconfig.base.json': JSON.stringify({ compilerOptions: { paths: { '@acme/db': ['libs/db/src/index.ts'], '@/*': ['apps/web/src/*'] } } }),
      'apps/web/tsconfig.json': JSON.stringify({ extends: '../../tsconfig.base.json', include: ['src'] }),
      'apps/web/src/page.ts': 'export {};\n',
      'apps/web/src/lib/db.ts': 'export {};\n',
      'libs/db/src/index.ts': 'export {};\n',
    });
    const page = join(nx, 'apps/web/src/page.ts');
    expect(resolveModule(page, '@acme/db')).toBe(join(nx, 'libs/db/src/index.ts'));
    expect(resolveModule(page, '@/lib/db')).toBe(join(nx, 'apps/web/src/lib/db.ts'));
    const vite = project({
      'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './tsconfig.app.json' }, { path: './tsconfig.node.json' }] }),
      'tsconfig.node.json': JSON.stringify({ include: ['vite.config.ts'] }),
      'tsconfig.app.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@/*': ['./src/*'] } }, include: ['src'] }),
      'src/App.tsx': 'export {};\n',
      'src/lib/supabase.ts': 'export {};\n',
    });
    expect(resolveModule(join(vite, 'src/App.tsx'), '@/lib/supabase')).toBe(join(vite, 'src/lib/supabase.ts'));
    expect(resolveModule(join(vite, 'src/App.tsx'), '@/lib/missing')).toBeNull();
  });

  it('a bare specifier under baseUrl (`src/repositories/x`, as Immich imports), and packages stay packages', () => {
    const root = project({
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: './' } }),
      'src/services/a.ts': 'export {};\n',
      'src/repositories/db.ts': 'export {};\n',
    });
    const from = join(root, 'src/services/a.ts');
    expect(resolveModule(from, 'src/repositories/db')).toBe(join(root, 'src/repositories/db.ts'));
    expect(resolveModule(from, 'kysely')).toBeNull();
  });
});
