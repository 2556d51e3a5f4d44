// unknown JSON → Snapshot, or an error that names the first bad path. A snapshot from a future
// format, or a truncated or hand-edited one, must never be compared as if it were complete.
import { SNAPSHOT_FORMAT_VERSION, type Snapshot } from './types.js';

type Spec =
  | 'string'
  | 'string?'
  | 'boolean'
  | 'number'
  | readonly string[] // one of these strings (null allowed when the list contains null marker '?')
  | { readonly array: Spec }
  | { readonly object: { readonly [key: string]: Spec } }
  | { readonly nullable: Spec }
  | { readonly union: { readonly tag: string; readonly cases: { readonly [tag: string]: { readonly [key: string]: Spec } } } }
  | { readonly indexKey: true };

const obj = (object: { readonly [key: string]: Spec }): Spec => ({ object });
const arr = (array: Spec): Spec => ({ array });
const nullable = (spec: Spec): Spec => ({ nullable: spec });

const constraintBase = {
  name: 'string', definition: 'string', deferrable: 'boolean', initiallyDeferred: 'boolean', validated: 'boolean',
  comment: 'string?',
} as const;
const fkAction = ['no-action', 'restrict', 'cascade', 'set-null', 'set-default'] as const;

const index = obj({
  name: 'string', unique: 'boolean', constraint: 'string?', method: 'string', keys: arr({ indexKey: true }),
  include: arr('string'), predicate: 'string?', nullsNotDistinct: 'boolean', valid: 'boolean', definition: 'string',
  comment: 'string?',
});
const trigger = obj({
  name: 'string', timing: ['before', 'after', 'instead-of'], events: arr(['insert', 'update', 'delete', 'truncate']),
  level: ['row', 'statement'], function: 'string', enabled: ['origin', 'always', 'replica', 'disabled'],
  definition: 'string', comment: 'string?',
});
const grant = obj({ grantee: 'string', privilege: 'string', grantable: 'boolean' });
const qualified = obj({ schema: 'string', name: 'string' });

const SNAPSHOT: Spec = obj({
  formatVersion: 'number',
  serverVersion: 'string',
  schemas: arr(obj({ name: 'string', comment: 'string?' })),
  extensions: arr(obj({ name: 'string', schema: 'string', version: 'string' })),
  tables: arr(
    obj({
      schema: 'string', name: 'string', kind: ['table', 'partitioned', 'foreign'], partitionOf: nullable(qualified),
      partitionBound: 'string?', partitionKey: 'string?', inherits: arr(qualified), rlsEnabled: 'boolean',
      rlsForced: 'boolean', comment: 'string?',
      columns: arr(
        obj({
          name: 'string', position: 'number', type: 'string', typeCategory: 'string', domainBaseType: 'string?',
          nullable: 'boolean', default: 'string?', identity: nullable(['always', 'by-default']), generated: 'string?',
          generatedKind: nullable(['stored', 'virtual']), collation: 'string?', comment: 'string?',
        }),
      ),
      constraints: arr({
        union: {
          tag: 'kind',
          cases: {
            'primary-key': { ...constraintBase, columns: arr('string') },
            unique: { ...constraintBase, columns: arr('string'), nullsNotDistinct: 'boolean' },
            'foreign-key': {
              ...constraintBase, columns: arr('string'),
              references: obj({ schema: 'string', table: 'string', columns: arr('string') }),
              onDelete: fkAction, onUpdate: fkAction, match: ['simple', 'full', 'partial'],
            },
            check: { ...constraintBase, expression: 'string', noInherit: 'boolean' },
            exclusion: { ...constraintBase },
          },
        },
      }),
      indexes: arr(index),
      triggers: arr(trigger),
      policies: arr(
        obj({
          name: 'string', command: ['all', 'select', 'insert', 'update', 'delete'], permissive: 'boolean',
          roles: arr('string'), using: 'string?', withCheck: 'string?',
        }),
      ),
      grants: arr(grant),
    }),
  ),
  views: arr(
    obj({
      schema: 'string', name: 'string', materialized: 'boolean', definition: 'string',
      columns: arr(obj({ name: 'string', type: 'string' })), indexes: arr(index), triggers: arr(trigger),
      grants: arr(grant), comment: 'string?',
    }),
  ),
  sequences: arr(
    obj({
      schema: 'string', name: 'string', dataType: 'string', start: 'string', increment: 'string', min: 'string',
      max: 'string', cache: 'string', cycle: 'boolean', ownedBy: nullable(obj({ table: 'string', column: 'string' })),
      comment: 'string?',
    }),
  ),
  types: arr({
    union: {
      tag: 'kind',
      cases: {
        enum: { schema: 'string', name: 'string', values: arr('string'), comment: 'string?' },
        domain: {
          schema: 'string', name: 'string', baseType: 'string', notNull: 'boolean', default: 'string?', collation: 'string?',
          constraints: arr(obj({ name: 'string', expression: 'string', validated: 'boolean' })), comment: 'string?',
        },
        composite: {
          schema: 'string', name: 'string',
          attributes: arr(obj({ name: 'string', type: 'string', collation: 'string?' })), comment: 'string?',
        },
        range: { schema: 'string', name: 'string', subtype: 'string', comment: 'string?' },
      },
    },
  }),
  functions: arr(
    obj({
      schema: 'string', name: 'string', kind: ['function', 'procedure', 'aggregate', 'window'],
      identityArguments: 'string', arguments: 'string', returns: 'string?', language: 'string',
      volatility: ['immutable', 'stable', 'volatile'], securityDefiner: 'boolean', strict: 'boolean',
      definition: 'string', config: arr('string'), comment: 'string?',
    }),
  ),
  limitations: arr(obj({ kind: 'string', object: 'string', reason: 'string' })),
});

/**
 * What is wrong with a value, and where: the path segments are pushed on the way back up, so the
 * message is built only for the one value that fails. Why compiled validators instead of walking the
 * spec per value: building `${path}.${key}` for every field of a 100,000-column snapshot made
 * validation cost 0.39 s of the 5,000-table snapshot's read, three times its JSON.parse.
 */
class Problem {
  readonly segments: string[] = [];
  constructor(readonly text: string) {}
  at(segment: string): Problem {
    this.segments.push(segment);
    return this;
  }
}

type Validator = (value: unknown) => Problem | null;

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function compileFields(fields: { readonly [key: string]: Spec }): (record: Record<string, unknown>) => Problem | null {
  const checks = Object.entries(fields).map(([key, spec]) => ({ key, segment: `.${key}`, check: compile(spec) }));
  return (record) => {
    for (const { key, segment, check } of checks) {
      if (!(key in record)) return new Problem('is missing').at(segment);
      const problem = check(record[key]);
      if (problem) return problem.at(segment);
    }
    return null;
  };
}

function compile(spec: Spec): Validator {
  if (spec === 'string') return (value) => (typeof value === 'string' ? null : new Problem('must be a string'));
  if (spec === 'string?') return (value) => (value === null || typeof value === 'string' ? null : new Problem('must be a string or null'));
  if (spec === 'boolean') return (value) => (typeof value === 'boolean' ? null : new Problem('must be true or false'));
  if (spec === 'number') return (value) => (typeof value === 'number' && Number.isFinite(value) ? null : new Problem('must be a number'));
  if (Array.isArray(spec)) {
    const allowed = new Set<string>(spec);
    const text = `must be one of ${spec.join(', ')}`;
    return (value) => (typeof value === 'string' && allowed.has(value) ? null : new Problem(text));
  }
  const s = spec as Exclude<Spec, string | readonly string[]>;
  if ('nullable' in s) {
    const inner = compile(s.nullable);
    return (value) => (value === null ? null : inner(value));
  }
  if ('array' in s) {
    const item = compile(s.array);
    return (value) => {
      if (!Array.isArray(value)) return new Problem('must be an array');
      for (let i = 0; i < value.length; i++) {
        const problem = item(value[i]);
        if (problem) return problem.at(`[${i}]`);
      }
      return null;
    };
  }
  if ('indexKey' in s) {
    return (value) => {
      const v = value as { column?: unknown; expression?: unknown } | null;
      if (v === null || typeof v !== 'object') return new Problem('must be an object');
      return typeof v.column === 'string' || typeof v.expression === 'string' ? null : new Problem('needs a column or an expression');
    };
  }
  if ('union' in s) {
    const { tag, cases } = s.union;
    // a Map, not cases[tag]: a tag such as `toString` must not find Object.prototype's
    const byTag = new Map(Object.entries(cases).map(([name, fields]) => [name, compileFields(fields)]));
    const text = `must be one of ${Object.keys(cases).join(', ')}`;
    return (value) => {
      if (!isRecord(value)) return new Problem('must be an object');
      const chosen = typeof value[tag] === 'string' ? byTag.get(value[tag]) : undefined;
      return chosen ? chosen(value) : new Problem(text).at(`.${tag}`);
    };
  }
  const fields = compileFields(s.object);
  return (value) => (isRecord(value) ? fields(value) : new Problem('must be an object'));
}

let snapshotValidator: Validator | null = null;

export class SnapshotValidationError extends Error {}

/** Validate parsed JSON as a snapshot of this format version. Throws SnapshotValidationError naming the path. */
export function validateSnapshot(value: unknown): Snapshot {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new SnapshotValidationError('not a schema-diff snapshot (expected a JSON object)');
  }
  const version = (value as { formatVersion?: unknown }).formatVersion;
  if (version === undefined) throw new SnapshotValidationError('not a schema-diff snapshot (no formatVersion)');
  if (version !== SNAPSHOT_FORMAT_VERSION) {
    throw new SnapshotValidationError(
      `snapshot formatVersion ${JSON.stringify(version)} is not supported (this schema-diff reads formatVersion ${SNAPSHOT_FORMAT_VERSION}; ` +
        (typeof version === 'number' && version > SNAPSHOT_FORMAT_VERSION ? 'upgrade schema-diff)' : 'take the snapshot again)'),
    );
  }
  snapshotValidator ??= compile(SNAPSHOT);
  const problem = snapshotValidator(value);
  if (problem) throw new SnapshotValidationError(`snapshot${problem.segments.reverse().join('')} ${problem.text}`);
  return value as Snapshot;
}
