// Which objects in a snapshot use an extension. Extension members are not in the snapshot (they are the
// extension's, not the application's), so usage is found by the names the extension is known to provide:
// types, functions and operator classes that appear in column types, defaults, indexes, checks, views,
// function bodies and policies.
import type { Extension, Snapshot } from '../snapshot/types.js';
import type { SchemaDiff } from './schema-diff.js';
import { displayName } from './objects.js';

const PROVIDES: Record<string, readonly string[]> = {
  pgcrypto: ['gen_random_bytes', 'crypt', 'gen_salt', 'digest', 'hmac', 'pgp_sym_encrypt', 'pgp_sym_decrypt', 'pgp_pub_encrypt', 'pgp_pub_decrypt', 'armor', 'dearmor'],
  'uuid-ossp': ['uuid_generate_v1', 'uuid_generate_v1mc', 'uuid_generate_v3', 'uuid_generate_v4', 'uuid_generate_v5', 'uuid_nil', 'uuid_ns_dns', 'uuid_ns_url'],
  citext: ['citext'],
  pg_trgm: ['gin_trgm_ops', 'gist_trgm_ops', 'similarity', 'word_similarity', 'strict_word_similarity', 'show_trgm'],
  cube: ['cube', 'cube_distance', 'cube_contains'],
  earthdistance: ['ll_to_earth', 'earth_distance', 'earth_box', 'earth', 'gc_to_sec', 'sec_to_gc'],
  unaccent: ['unaccent'],
  hstore: ['hstore', 'gist_hstore_ops', 'gin_hstore_ops'],
  ltree: ['ltree', 'lquery', 'ltxtquery', 'nlevel', 'subltree', 'subpath', 'gist_ltree_ops'],
  postgis: ['geometry', 'geography', 'box2d', 'box3d', 'st_[a-z0-9_]+'],
  vector: ['vector', 'halfvec', 'sparsevec', 'vector_cosine_ops', 'vector_l2_ops', 'vector_ip_ops', 'halfvec_cosine_ops', 'halfvec_l2_ops'],
  fuzzystrmatch: ['levenshtein', 'levenshtein_less_equal', 'soundex', 'metaphone', 'dmetaphone', 'daitch_mokotoff'],
  intarray: ['gist__int_ops', 'gist__intbig_ops', 'gin__int_ops', 'icount', 'intset', 'subarray'],
  tablefunc: ['crosstab', 'normal_rand', 'connectby'],
  btree_gist: ['gist_int4_ops', 'gist_int8_ops', 'gist_text_ops', 'gist_uuid_ops', 'gist_timestamp_ops', 'gist_timestamptz_ops'],
  btree_gin: ['gin_int4_ops', 'gin_int8_ops', 'gin_text_ops', 'gin_uuid_ops', 'gin_timestamp_ops', 'gin_timestamptz_ops'],
  isn: ['isbn', 'isbn13', 'ean13', 'issn', 'issn13', 'upc', 'ismn'],
  lo: ['lo', 'lo_manage'],
  seg: ['seg'],
  pg_stat_statements: ['pg_stat_statements', 'pg_stat_statements_reset'],
};

/** Every place a snapshot writes a type name or an expression, labelled with the object it belongs to. */
function* texts(snapshot: Snapshot): Generator<[label: string, text: string]> {
  for (const t of snapshot.tables) {
    const table = displayName(t.schema, t.name);
    for (const c of t.columns) yield [`${table}.${c.name}`, [c.type, c.domainBaseType, c.default, c.generated].join(' ')];
    for (const c of t.constraints) yield [`${table} constraint ${c.name}`, c.definition];
    for (const i of t.indexes) yield [`${table} index ${i.name}`, i.definition];
    for (const p of t.policies) yield [`${table} policy ${p.name}`, `${p.using ?? ''} ${p.withCheck ?? ''}`];
  }
  for (const v of snapshot.views) yield [`view ${displayName(v.schema, v.name)}`, `${v.definition} ${v.columns.map((c) => c.type).join(' ')}`];
  for (const f of snapshot.functions) yield [`function ${displayName(f.schema, f.name)}`, `${f.arguments} ${f.returns ?? ''} ${f.definition}`];
  for (const t of snapshot.types) {
    const label = `type ${displayName(t.schema, t.name)}`;
    if (t.kind === 'domain') yield [label, `${t.baseType} ${t.default ?? ''} ${t.constraints.map((c) => c.expression).join(' ')}`];
    if (t.kind === 'composite') yield [label, t.attributes.map((a) => a.type).join(' ')];
    if (t.kind === 'range') yield [label, t.subtype];
  }
}

/**
 * An extension installed into a schema the options leave out (Supabase's `extensions`) is the platform's
 * business unless the compared objects use it.
 */
export function extensionCompared(diff: SchemaDiff, extension: Extension, side: 'source' | 'target'): boolean {
  return diff.schemaInScope(extension.schema) || usersOfExtension(diff[side].snapshot, extension.name, 1).length > 0;
}

export function knowsExtension(name: string): boolean {
  return name in PROVIDES;
}

/** Up to `limit` objects using the extension (empty when none found or the extension is not known). */
export function usersOfExtension(snapshot: Snapshot, extension: string, limit = 3): string[] {
  const names = PROVIDES[extension];
  if (!names) return [];
  const pattern = new RegExp(`(?<![\\w$])(?:${names.join('|')})(?![\\w$])`, 'i');
  const users: string[] = [];
  for (const [label, text] of texts(snapshot)) {
    if (pattern.test(text.replace(/'(?:[^']|'')*'/g, "''"))) users.push(label);
    if (users.length >= limit) break;
  }
  return users;
}
