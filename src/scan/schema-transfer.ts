// How the schema reaches the scan's worker threads: each table as its own JSON text in shared memory,
// parsed in a worker only when a rule first reads that table. Why: a worker checks statements that name
// a few of the schema's tables, but parsing the whole 5,000-table bench snapshot (53 MB of JSON) cost each
// worker ~270 ms at the end of the scan, and holding all of it while parsing code cost ~1 s of garbage
// collection. Parsed one table at a time, the schema can be there while the files are parsed, and the
// files checked as they are (early-check.ts).
import type { Snapshot, Table } from '../snapshot/types.js';

/** A snapshot in transit: everything but the tables as plain data; the tables as JSON texts. */
export interface SchemaPayload {
  /** the snapshot with `tables` empty */
  readonly rest: Snapshot;
  /** per table: its schema and name, in the snapshot's order */
  readonly names: readonly (readonly [string, string])[];
  /** every table's keys, in order; null when the tables do not all have the same (each is parsed at once) */
  readonly keys: readonly string[] | null;
  /** the tables' JSON texts (UTF-8) one after the other, in shared memory */
  readonly bytes: Uint8Array;
  /** table i is bytes [offsets[i], offsets[i + 1]) */
  readonly offsets: Uint32Array;
}

/**
 * The payload for `snapshot`, made once and posted to every worker (shared memory: no copies).
 * Measured on the 5,000-table bench snapshot: ~90 ms of this thread's CPU.
 */
export function schemaPayload(snapshot: Snapshot): SchemaPayload {
  const texts = snapshot.tables.map((table) => JSON.stringify(table));
  const offsets = new Uint32Array(new SharedArrayBuffer((texts.length + 1) * Uint32Array.BYTES_PER_ELEMENT));
  let size = 0;
  texts.forEach((text, i) => {
    offsets[i] = size;
    size += Buffer.byteLength(text, 'utf8');
  });
  offsets[texts.length] = size;
  const bytes = new Uint8Array(new SharedArrayBuffer(size));
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  texts.forEach((text, i) => buffer.write(text, offsets[i]!, 'utf8'));
  const first = snapshot.tables[0];
  const keys = first ? Object.keys(first) : [];
  const sameKeys = snapshot.tables.every((table) => sameList(Object.keys(table), keys));
  return {
    rest: { ...snapshot, tables: [] },
    names: snapshot.tables.map((table) => [table.schema, table.name] as const),
    keys: sameKeys ? keys : null,
    bytes,
    offsets,
  };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * The snapshot a payload stands for. Each table is an object with its schema and name, whose other
 * properties parse the table's JSON the first time one is read and then become plain data properties:
 * the same keys in the same order, so spreading, JSON.stringify and structured cloning see what the
 * parsed table would give.
 */
export function snapshotFromPayload(payload: SchemaPayload): Snapshot {
  const { bytes, offsets, keys } = payload;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parse = (i: number): Table => JSON.parse(text.toString('utf8', offsets[i]!, offsets[i + 1]!)) as Table;
  const tables = payload.names.map(([schema, name], i): Table => (keys ? lazyTable(schema, name, keys, () => parse(i)) : parse(i)));
  return { ...payload.rest, tables };
}

function lazyTable(schema: string, name: string, keys: readonly string[], parse: () => Table): Table {
  const table: Record<string, unknown> = {};
  const materialize = (): void => {
    const parsed = parse() as unknown as Record<string, unknown>;
    for (const key of keys) Object.defineProperty(table, key, { value: parsed[key], writable: true, enumerable: true, configurable: true });
  };
  for (const key of keys) {
    if (key === 'schema') table[key] = schema;
    else if (key === 'name') table[key] = name;
    else {
      Object.defineProperty(table, key, {
        get() {
          materialize();
          return table[key];
        },
        enumerable: true,
        configurable: true,
      });
    }
  }
  return table as unknown as Table;
}
