// `.sql` files and migration folders: read as psql scripts, planned with the real parser, loaded into the
// embedded PostgreSQL (or a --scratch-db) in batches, then introspected there.
import { InputError } from '../errors.js';
import type { Queryable } from '../introspect/queryable.js';
import { displayPath } from './display-path.js';
import { createEmbeddedDatabase, unavailableExtensions, type EmbeddedDatabase } from './embedded-postgres.js';
import type { InputKind, InputOptions, OpenedInput } from './index.js';
import { SUPABASE_PLATFORM_EXTENSIONS, SUPABASE_PREINSTALLED_EXTENSIONS, supabasePreinstall, supabaseStubs } from './platform-stubs.js';
import { readPsqlScript, type SqlSegment } from './psql-script.js';
import { createScratchDatabase } from './scratch-database.js';
import { snapshotOf } from './snapshot-of.js';
import { createReferencedRoles, loadPlan } from './sql-loader.js';
import { locationOf, planStatements, type SqlPlan } from './sql-statements.js';

export async function openSql(paths: string[], kind: InputKind, display: string, options: InputOptions): Promise<OpenedInput> {
  const segments: SqlSegment[] = [];
  for (const path of paths) {
    const script = readPsqlScript(path, displayPath);
    segments.push(...script.segments);
    for (const note of script.notes) options.onNote?.(`${note.file}:${note.line}: ${note.message}`);
  }
  const supabase = options.preset === 'supabase';
  // why: the embedded PostgreSQL starts in its own thread while this one parses the script (musicbrainz:
  // start 0.6-0.9 s, parse 0.15-0.3 s; 5,000 tables: 0.6 s and 1 s). It needs its extensions when it
  // starts, so they are guessed from the text; the plan decides, and a wrong guess only costs a restart.
  const guessed = options.scratchDb || supabase ? null : extensionsNamedIn(segments);
  const sqlCharacters = segments.reduce((sum, segment) => sum + segment.text.length, 0);
  let early: Promise<EmbeddedDatabase> | null = guessed ? createEmbeddedDatabase(guessed, sqlCharacters) : null;
  early?.catch(() => undefined); // awaited (or closed) below; a failure must not count as unhandled meanwhile
  const dropEarly = async () => {
    const pending = early;
    early = null;
    await pending?.then((db) => db.close()).catch(() => undefined);
  };
  let plan: SqlPlan;
  try {
    plan = await planStatements(segments);
    if (plan.statements.length === 0) throw new InputError(`${display}: contains no SQL statements`);
  } catch (error) {
    await dropEarly();
    throw error;
  }
  if (supabase && !options.scratchDb) {
    // The platform's own extensions cannot load here; what the application built on them still can.
    const platform = plan.statements.filter((s) => s.extension !== null && SUPABASE_PLATFORM_EXTENSIONS.has(s.extension));
    const missing = new Set(await unavailableExtensions(platform.map((s) => s.extension!)));
    for (const s of platform.filter((p) => missing.has(p.extension!))) {
      options.onNote?.(`${locationOf(s)}: CREATE EXTENSION ${s.extension} skipped (Supabase platform extension, --preset supabase)`);
    }
    plan = { ...plan, statements: plan.statements.filter((s) => !(s.extension !== null && missing.has(s.extension))) };
  }
  const extensionStatements = plan.statements.filter((s) => s.extension !== null);
  let database: (Queryable & { exec(sql: string): Promise<void>; close(): Promise<void> }) | undefined;
  /** what a Supabase project has before its first migration (the embedded PostgreSQL only: a scratch server has its own) */
  let preinstall: string[] = [];
  try {
    if (options.scratchDb) {
      const scratch = await createScratchDatabase(options.scratchDb);
      database = scratch;
      await scratch.createRoles(plan.referencedRoles);
    } else {
      const missing = await unavailableExtensions(extensionStatements.map((s) => s.extension!));
      if (missing.length > 0) {
        const first = extensionStatements.find((s) => missing.includes(s.extension!))!;
        throw new InputError(
          `${locationOf(first)}: extension "${first.extension}" is not available in the embedded PostgreSQL; ` +
            `load this input with --scratch-db postgres://… on a server that has it`,
        );
      }
      preinstall = supabase ? supabasePreinstall(plan) : [];
      const preinstalled = preinstall.length > 0 ? SUPABASE_PREINSTALLED_EXTENSIONS : [];
      const wanted = [...extensionStatements.map((s) => s.extension!), ...preinstalled];
      if (early && wanted.every((name) => guessed!.includes(name))) {
        const started = early;
        early = null;
        database = await started;
      } else {
        await dropEarly();
        database = await createEmbeddedDatabase(wanted, sqlCharacters);
      }
      await createReferencedRoles(database, plan.referencedRoles);
    }
    if (supabase) for (const stub of supabaseStubs(plan)) await database.exec(stub);
    for (const sql of preinstall) await database.exec(sql);
    await loadPlan(database, plan, { onNote: options.onNote });
    const snapshot = await snapshotOf(database, display, options);
    const db = database;
    let open = true;
    const close = async () => {
      if (open) (open = false), await db.close().catch(() => undefined);
    };
    if (!options.keepOpen) await close();
    return { kind, display, snapshot, database: options.keepOpen ? db : null, close };
  } catch (error) {
    await dropEarly();
    await database?.close().catch(() => undefined);
    throw error;
  }
}

/**
 * The extensions a script's text names in CREATE EXTENSION, lower-cased unless quoted as PostgreSQL
 * would. A guess (a name in a comment counts too; one built by EXECUTE does not): see openSql.
 */
export function extensionsNamedIn(segments: readonly SqlSegment[]): string[] {
  const names = new Set<string>();
  const pattern = /\bcreate\s+extension\s+(?:if\s+not\s+exists\s+)?(?:"([^"]+)"|([A-Za-z_][A-Za-z0-9_$-]*))/gi;
  for (const segment of segments) {
    for (const match of segment.text.matchAll(pattern)) names.add(match[1] ?? match[2]!.toLowerCase());
  }
  return [...names];
}
