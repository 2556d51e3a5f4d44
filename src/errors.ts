// Errors that stop an analysis. Each maps to exit code 2 with one clear line (what failed and where);
// anything that is not a SchemaDiffError is a bug and is shown with its stack under --debug.

export class SchemaDiffError extends Error {
  override readonly name: string = 'SchemaDiffError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** Bad command line, option or config value. */
export class UsageError extends SchemaDiffError {
  override readonly name = 'UsageError';
}

/** An input that cannot be read or loaded: missing file, SQL PostgreSQL rejects, unset env var. */
export class InputError extends SchemaDiffError {
  override readonly name = 'InputError';
}

/** A database that cannot be reached, authenticated against, or read. */
export class ConnectionError extends SchemaDiffError {
  override readonly name = 'ConnectionError';
}

/** A snapshot JSON file that is malformed, truncated or from another format version. */
export class SnapshotFormatError extends SchemaDiffError {
  override readonly name = 'SnapshotFormatError';
}
