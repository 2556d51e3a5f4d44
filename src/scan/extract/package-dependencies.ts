// The packages a file may use: the scanned root's package.json and, in a monorepo, the package.json of
// the workspace package the file belongs to (documenso declares kysely in packages/lib and
// packages/prisma only, so files there that reach Kysely through `@documenso/prisma` without importing
// 'kysely' themselves were never read as Kysely code: 7 of 107 query sites extracted). A workspace package
// the file's package depends on brings its own dependencies too: midday's dashboard declares only
// `@midday/supabase`, the workspace package that creates the Supabase client it uses everywhere.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, isAbsolute } from 'node:path';

const FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];

interface Manifest {
  readonly name: string | null;
  readonly declared: readonly string[];
}

/** directory → its package.json (null: none there, or unreadable) */
const manifestsByDir = new Map<string, Manifest | null>();

function manifestIn(dir: string): Manifest | null {
  if (manifestsByDir.has(dir)) return manifestsByDir.get(dir)!;
  let manifest: Manifest | null = null;
  try {
    const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    const declared: string[] = [];
    for (const field of FIELDS) {
      const deps = json[field];
      if (deps && typeof deps === 'object') declared.push(...Object.keys(deps));
    }
    manifest = { name: typeof json.name === 'string' ? json.name : null, declared };
  } catch {
    manifest = null;
  }
  manifestsByDir.set(dir, manifest);
  return manifest;
}

function declaredIn(dir: string): readonly string[] | null {
  return manifestIn(dir)?.declared ?? null;
}

/**
 * The monorepo the scanned folder is a package of: the nearest folder above it (or itself) with a
 * pnpm-workspace.yaml or a package.json that lists `workspaces`; the scanned folder when there is none.
 * Why: one package scanned on its own (trigger.dev's internal-packages/run-store, which declares only
 * `@trigger.dev/database: workspace:*`) found none of its sibling packages, so none of their libraries,
 * and all 77 of its files gave no statement at all.
 */
function workspaceRootOf(root: string): string {
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) || hasWorkspacesField(dir)) return dir;
    if (dirname(dir) === dir) return root;
  }
}

function hasWorkspacesField(dir: string): boolean {
  try {
    const json = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
    return json['workspaces'] !== undefined;
  } catch {
    return false;
  }
}

const SKIPPED_DIRS = new Set(['node_modules', '.git', 'dist', 'build', '.next', '.turbo', 'coverage', 'out']);
/** scanned root → the workspace packages of its monorepo by name (package.json files found by a walk, once) */
const workspacesByRoot = new Map<string, ReadonlyMap<string, Manifest>>();

function workspacesOf(root: string): ReadonlyMap<string, Manifest> {
  let found = workspacesByRoot.get(root);
  if (found) return found;
  const byName = new Map<string, Manifest>();
  const top = workspaceRootOf(root);
  const walk = (dir: string, depth: number): void => {
    const manifest = dir === top ? null : manifestIn(dir);
    if (manifest?.name && !byName.has(manifest.name)) byName.set(manifest.name, manifest);
    if (depth > 6) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(join(dir, entry.name), depth + 1);
    }
  };
  walk(top, 0);
  found = byName;
  workspacesByRoot.set(root, found);
  return found;
}

/** The names, plus what the workspace packages among them declare, and so on. */
function withWorkspaceDependencies(root: string, names: Iterable<string>, into: Set<string>): void {
  const workspaces = workspacesOf(root);
  const pending = [...names];
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (into.has(name)) continue;
    into.add(name);
    const workspace = workspaces.get(name);
    if (workspace) pending.push(...workspace.declared);
  }
}

function inside(root: string, dir: string): boolean {
  const rel = relative(root, dir);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * `rootDependencies` plus those of the nearest package.json between the file and the scanned root, and
 * (transitively) those of the workspace packages among them.
 */
export function dependenciesOfFile(root: string, path: string, rootDependencies: Iterable<string>): ReadonlySet<string> {
  // the same for every file of a folder (and its package.json files are read once anyway)
  const given = [...rootDependencies];
  const key = `${root}\u0000${dirname(path)}\u0000${given.join('\u0000')}`;
  let result = byFolder.get(key);
  if (!result) {
    result = dependenciesOfFolder(root, dirname(path), given);
    byFolder.set(key, result);
  }
  return result;
}

const byFolder = new Map<string, ReadonlySet<string>>();

function dependenciesOfFolder(root: string, folder: string, rootDependencies: readonly string[]): Set<string> {
  const declared: string[] = [...rootDependencies];
  for (let dir = folder; inside(root, dir); dir = dirname(dir)) {
    const own = declaredIn(dir);
    if (own === null) continue;
    declared.push(...own);
    break;
  }
  const result = new Set<string>();
  withWorkspaceDependencies(root, declared, result);
  return result;
}
