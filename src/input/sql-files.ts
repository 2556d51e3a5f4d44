// `.sql` files and migration folders: which files, in which order.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { InputError } from '../errors.js';

/**
 * Numbers this long are dates or timestamps (`20250409154352_…`, `20250625_…`): compared as text,
 * left-aligned, which is their time order whatever their precision and the order Prisma and the
 * Supabase CLI apply such migrations in (by value, langfuse's `20250625_…` came first and failed).
 */
const TIMESTAMP_DIGITS = 8;

/**
 * Natural order: `V2__x.sql` before `V10__x.sql` (versions by value); dates and timestamps as text;
 * plain code-unit order otherwise (locale-free).
 */
export function naturalCompare(a: string, b: string): number {
  const chunk = /(\d+|\D+)/g;
  const pa = a.match(chunk) ?? [];
  const pb = b.match(chunk) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy && x.length >= TIMESTAMP_DIGITS && y.length >= TIMESTAMP_DIGITS) return x < y ? -1 : 1;
    if (dx && dy) {
      const nx = BigInt(x);
      const ny = BigInt(y);
      if (nx !== ny) return nx < ny ? -1 : 1;
      if (x.length !== y.length) return x.length - y.length;
      continue;
    }
    return x < y ? -1 : 1;
  }
  return pa.length - pb.length;
}

// Down/undo migrations would undo what the up migrations built: golang-migrate `*.down.sql`,
// dbmate-style `down.sql`, Flyway undo `U<version>__*.sql`.
function isDownMigration(fileName: string): boolean {
  return /\.down\.sql$/i.test(fileName) || /^down\.sql$/i.test(fileName) || /^U\d[^_]*__.*\.sql$/.test(fileName);
}

/**
 * The migrations drizzle-kit's journal (`meta/_journal.json` next to them) lists, or undefined when the folder
 * has none. Drizzle's migrator applies those and nothing else: a `.sql` file left out of the journal (a
 * migration regenerated under another name, the old file kept) never runs, and loading it can fail
 * (Dokploy's stray `0130_abandoned_dagger.sql` adds a column that its `0158_amused_synch.sql` adds again;
 * LobeChat keeps one too).
 */
function drizzleJournalTags(folder: string, display: string): Set<string> | undefined {
  const path = join(folder, 'meta', '_journal.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  let journal: unknown;
  try {
    journal = JSON.parse(text);
  } catch (error) {
    throw new InputError(`${display}: ${relative(folder, path)} is not valid JSON (${(error as Error).message})`);
  }
  const entries = (journal as { entries?: unknown } | null)?.entries;
  // another tool's file of the same name: not a drizzle-kit journal, the folder is read as it is
  if (!Array.isArray(entries) || !entries.every((e) => typeof (e as { tag?: unknown } | null)?.tag === 'string')) return undefined;
  return new Set(entries.map((e: { tag: string }) => e.tag));
}

/**
 * Every `*.sql` below `dir` (recursively, hidden folders and node_modules skipped), in natural order of
 * relative path; in a drizzle-kit folder, only the migrations its journal lists (drizzle-kit's tag prefixes,
 * index, timestamp or unix time, sort in journal order).
 */
export function listSqlFiles(dir: string, display: string): string[] {
  const found: string[] = [];
  const visited = new Set<string>();
  const walk = (current: string) => {
    let real: string;
    try {
      real = statSync(current).ino + ':' + statSync(current).dev;
    } catch {
      return;
    }
    if (visited.has(real)) return; // symlink loop
    visited.add(real);
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (error) {
      throw new InputError(`${display}: cannot read directory ${relative(dir, current) || '.'} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
    const journalTags = drizzleJournalTags(current, display);
    if (journalTags) {
      for (const tag of journalTags) {
        if (!entries.some((entry) => entry.name === `${tag}.sql`)) {
          throw new InputError(`${display}: ${relative(dir, join(current, 'meta', '_journal.json'))} lists migration ${tag} but ${relative(dir, join(current, tag + '.sql'))} does not exist`);
        }
      }
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = join(current, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const s = statSync(full);
          isDir = s.isDirectory();
          isFile = s.isFile();
        } catch {
          continue; // dangling link
        }
      }
      if (isDir) walk(full);
      else if (isFile && entry.name.toLowerCase().endsWith('.sql') && !isDownMigration(entry.name)) {
        if (!journalTags || journalTags.has(entry.name.slice(0, -'.sql'.length))) found.push(full);
      }
    }
  };
  walk(dir);
  const rel = (p: string) => relative(dir, p).split(sep).join('/');
  found.sort((a, b) => naturalCompare(rel(a), rel(b)));
  if (found.length === 0) throw new InputError(`${display}: no .sql files in this directory`);
  return found;
}
