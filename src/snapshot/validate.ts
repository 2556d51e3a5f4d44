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

function check(value: unknown, spec: Spec, path: string): string | null {
  if (spec === 'string') return typeof value === 'string' ? null : `${path} must be a string`;
  if (spec === 'string?') return value === null || typeof value === 'string' ? null : `${path} must be a string or null`;
  if (spec === 'boolean') return typeof value === 'boolean' ? null : `${path} must be true or false`;
  if (spec === 'number') return typeof value === 'number' && Number.isFinite(value) ? null : `${path} must be a number`;
  if (Array.isArray(spec)) {
    return typeof value === 'string' && spec.includes(value) ? null : `${path} must be one of ${spec.join(', ')}`;
  }
  const s = spec as Exclude<Spec, string | readonly string[]>;
  if ('nullable' in s) return value === null ? null : check(value, s.nullable, path);
  if ('array' in s) {
    if (!Array.isArray(value)) return `${path} must be an array`;
    for (let i = 0; i < value.length; i++) {
      const problem = check(value[i], s.array, `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if ('indexKey' in s) {
    const v = value as { column?: unknown; expression?: unknown } | null;
    if (v === null || typeof v !== 'object') return `${path} must be an object`;
    return typeof v.column === 'string' || typeof v.expression === 'string' ? null : `${path} needs a column or an expression`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${path} must be an object`;
  const record = value as Record<string, unknown>;
  let fields: { readonly [key: string]: Spec };
  if ('union' in s) {
    const tag = record[s.union.tag];
    const chosen = typeof tag === 'string' ? s.union.cases[tag] : undefined;
    if (!chosen) return `${path}.${s.union.tag} must be one of ${Object.keys(s.union.cases).join(', ')}`;
    fields = chosen;
  } else fields = s.object;
  for (const [key, fieldSpec] of Object.entries(fields)) {
    if (!(key in record)) return `${path}.${key} is missing`;
    const problem = check(record[key], fieldSpec, `${path}.${key}`);
    if (problem) return problem;
  }
  return null;
}

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
  const problem = check(value, SNAPSHOT, 'snapshot');
  if (problem) throw new SnapshotValidationError(problem);
  return value as Snapshot;
}
