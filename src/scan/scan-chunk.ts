// The per-file stages of a scan for a share of the files, in the steps the whole scan needs to
// agree on in between: (1) parse and analyze every file, telling which tables the code creates;
// (2) once the schema is known (while files are still being parsed, on worker threads), tell where
// the type checker is needed and hand those files over; (3) with every file's created tables, run
// the rules (and collect usages) on the other files. The files that need the checker are checked by
// the caller once it has the answers. Runs in a worker thread or, for small trees and one core, on
// the main thread: the same code either way, so findings cannot depend on the number of workers.
// Results are per file, put back in file order by the caller.
import { checkedFile, type CheckRequest, type FileOutcome } from './check-file.js';
import type { MissTrackingSchema } from './early-check.js';
import { tablesCreatedIn, type CreatedTable } from './migration-context.js';
import { mayNeedTypes, typeSitesNeeded, type Site } from './resolve-param-types.js';
import { createModuleLoader, scanFile, type FileScan, type FileScanInput } from './scan-file.js';
import type { SchemaIndex } from './schema-index.js';

/** Where one file needs the type checker; the file's analyses come along when it does. */
export interface FileSites {
  readonly file: string;
  readonly sites: readonly Site[];
  readonly scan: FileScan | null;
}

/** A file that needs the type checker: its position among the files this chunk parsed, in order. */
export interface TypedFile {
  readonly position: number;
  readonly sites: FileSites;
}

export class ChunkScan {
  /** per file; null once its outcome is final (checkEarly) */
  private scans: (FileScan | null)[] = [];
  /** per file, from step 2 (files parsed before the schema was known: none yet) */
  private sites: Site[][] = [];
  /** per file: its outcome, when checked before every file's created tables were known */
  private early: (FileOutcome | undefined)[] = [];
  /** files before this one have been through checkEarly */
  private earlyDone = 0;
  private readonly load = createModuleLoader();

  /**
   * Step 1, for each batch of files given: parse, extract, analyze. Per file: the tables its
   * statements create; and whether any of them may need the type checker (mayNeedTypes).
   */
  scan(inputs: readonly FileScanInput[]): { created: CreatedTable[][]; mayNeedTypes: boolean } {
    const scans = inputs.map((input) => scanFile(input, this.load));
    for (const file of scans) this.scans.push(file);
    return { created: scans.map((file) => tablesCreatedIn(file.analyses)), mayNeedTypes: scans.some(mayNeedTypes) };
  }

  /**
   * Step 2 for the files parsed since the last call: the ones where a rule needs the type checker.
   * Why the schema may lack the code's created tables: a type site needs a json column of a
   * relation the snapshot has, and such a lookup does not depend on them.
   */
  typeSites(schema: SchemaIndex): TypedFile[] {
    const typed: TypedFile[] = [];
    for (let f = this.sites.length; f < this.scans.length; f++) {
      const file = this.scans[f]!; // checkEarly runs only on files past step 2
      const sites = typeSitesNeeded(file, schema);
      this.sites.push(sites);
      if (sites.length > 0) typed.push({ position: f, sites: { file: file.file, sites, scan: file } });
    }
    return typed;
  }

  /**
   * Step 3 ahead of time, for the files through step 2 since the last call that need no type checker:
   * those whose outcome cannot depend on the tables other files create (early-check.ts) are checked
   * now, and their analyses let go of.
   */
  checkEarly(schema: MissTrackingSchema, request: CheckRequest): void {
    for (let f = this.earlyDone; f < this.sites.length; f++) {
      if (this.sites[f]!.length > 0) continue;
      const outcome = schema.ifFinal((index) => checkedFile(this.scans[f]!, index, request));
      if (!outcome) continue;
      this.early[f] = outcome;
      this.scans[f] = null;
    }
    this.earlyDone = this.sites.length;
  }

  /**
   * Step 3, after step 2 for every file: check the files that need no answer from the type checker
   * (null for the others, which step 2 handed over), and let go of every analysis.
   */
  checkUntyped(schema: SchemaIndex, request: CheckRequest): (FileOutcome | null)[] {
    const outcomes = this.scans.map((file, f) => this.early[f] ?? (this.sites[f]!.length === 0 ? checkedFile(file!, schema, request) : null));
    this.scans = [];
    this.sites = [];
    this.early = [];
    this.earlyDone = 0;
    return outcomes;
  }
}

/** Parse and analyze files on this thread, nothing else (tests that look at the analyses themselves). */
export function scanFilesInThread(inputs: readonly FileScanInput[]): FileScan[] {
  const load = createModuleLoader();
  return inputs.map((input) => scanFile(input, load));
}
