// The per-file stages of a scan for a share of the files, in the steps the whole scan needs to
// agree on in between: (1) parse and analyze every file, telling which tables the code creates;
// (2) with the schema (and every file's created tables), tell where the type checker is needed and
// hand those files over; (3) run the rules (and collect usages) on the other files. The files that
// need the checker are checked by the caller once it has the answers. Runs in a worker thread or,
// for small trees and one core, on the main thread: the same code either way, so findings cannot
// depend on the number of workers. Results are per file, put back in file order by the caller.
import { checkedFile, type CheckRequest, type FileOutcome } from './check-file.js';
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

export class ChunkScan {
  private scans: FileScan[] = [];
  private sites: Site[][] = [];
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

  /** Step 2: per file, where a rule needs the type checker. */
  typeSites(schema: SchemaIndex): FileSites[] {
    this.sites = this.scans.map((file) => typeSitesNeeded(file, schema));
    return this.scans.map((file, f) => ({ file: file.file, sites: this.sites[f]!, scan: this.sites[f]!.length > 0 ? file : null }));
  }

  /**
   * Step 3, while the main thread runs the type checker: check the files that need no answer from
   * it (null for the others, which step 2 handed over), and let go of every analysis.
   */
  checkUntyped(schema: SchemaIndex, request: CheckRequest): (FileOutcome | null)[] {
    const outcomes = this.scans.map((file, f) => (this.sites[f]!.length === 0 ? checkedFile(file, schema, request) : null));
    this.scans = [];
    this.sites = [];
    return outcomes;
  }
}

/** Parse and analyze files on this thread, nothing else (tests that look at the analyses themselves). */
export function scanFilesInThread(inputs: readonly FileScanInput[]): FileScan[] {
  const load = createModuleLoader();
  return inputs.map((input) => scanFile(input, load));
}
