// Checking a file before every file's created tables are known. The tables the scanned code creates
// (migration-context.ts: tablesCreatedForEveryFile) are known only once every file is parsed, and they
// change what a file's check finds only through a lookup of a name the snapshot lacks: a name the
// snapshot has is found whatever the code creates, and a system catalog is opaque either way. So a
// file whose check looked up no such name has its final outcome already; any other file is checked
// again at the end, with the created tables. Why: a worker then checks its files while it parses
// (the schema is cheap to hold: schema-transfer.ts) instead of all of them after the last file.
import type { Lookup, SchemaIndex } from './schema-index.js';

/** A view of `schema` that notes every lookup whose answer the code's created tables could change. */
export class MissTrackingSchema {
  private missedSince = false;
  readonly index: SchemaIndex;

  constructor(schema: SchemaIndex) {
    const lookup = (name: Parameters<SchemaIndex['lookup']>[0]): Lookup => {
      const result = schema.lookup(name);
      if (result.status === 'missing' || result.status === 'out-of-scope') this.missedSince = true;
      return result;
    };
    // columnsOf answers null for every relation the snapshot lacks, created by the code or not
    this.index = { ...schema, lookup };
  }

  /**
   * `check`'s result when it looked up no name the created tables could answer differently, else
   * null (the caller checks again once they are known).
   */
  ifFinal<T>(check: (index: SchemaIndex) => T): T | null {
    this.missedSince = false;
    const result = check(this.index);
    return this.missedSince ? null : result;
  }
}
