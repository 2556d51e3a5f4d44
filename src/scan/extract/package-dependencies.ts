// The packages a file may use: the scanned root's package.json and, in a monorepo, the package.json of
// the workspace package the file belongs to (documenso declares kysely in packages/lib and
// packages/prisma only, so files there that reach Kysely through `@documenso/prisma` without importing
// 'kysely' themselves were never read as Kysely code: 7 of 107 query sites extracted).
import { readFileSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';

const FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

/** directory → the declared packages of its package.json (null: none there, or unreadable) */
const manifests = new Map<string, readonly string[] | null>();

function declaredIn(dir: string): readonly string[] | null {
  if (manifests.has(dir)) return manifests.get(dir)!;
  let names: string[] | null = null;
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    names = [];
    for (const field of FIELDS) {
      const deps = manifest[field];
      if (deps && typeof deps === 'object') names.push(...Object.keys(deps));
    }
  } catch {
    names = null;
  }
  manifests.set(dir, names);
  return names;
}

function inside(root: string, dir: string): boolean {
  const rel = relative(root, dir);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** `rootDependencies` plus those of the nearest package.json between the file and the scanned root. */
export function dependenciesOfFile(root: string, path: string, rootDependencies: Iterable<string>): Set<string> {
  const result = new Set(rootDependencies);
  for (let dir = dirname(path); inside(root, dir); dir = dirname(dir)) {
    const declared = declaredIn(dir);
    if (declared === null) continue;
    for (const name of declared) result.add(name);
    break;
  }
  return result;
}
