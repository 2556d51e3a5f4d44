// What legitimately differs between snapshots of the same DDL on different PostgreSQL releases, and is
// therefore blanked before comparing them. Keep this list short: anything else is a bug to fix in
// src/introspect/, not noise to hide here.
//   1. serverVersion: it is the point of the field.
//   2. extensions[].version: each release ships its own default version of a contrib extension
//      (pgcrypto 1.3 on 14-17, 1.4 on 18; citext 1.6/1.8; btree_gist 1.6/1.7/1.8). The tests check
//      separately that the snapshot reports the version the server really installed.
//   3. View definitions on 14 and 15: pg_get_viewdef() qualifies every column of a single-relation view
//      (`sum(orders.line_total) … FROM app.orders`); 16 and later print `sum(line_total)`. The server
//      prints it, so no catalog query can change it; comparing definitions across majors is the compare
//      stage's job (it parses them). Here the 14/15 text is unqualified the way 16 prints it.
import type { Snapshot, View } from '../../src/snapshot/types.js';

/** `FROM schema.table` as the only relation (no join, no second FROM item): PG 14/15 qualify its columns. */
function unqualifySingleRelation(definition: string): string {
  const from = /\n\s+FROM ([a-z_][a-z0-9_]*)\.([a-z_][a-z0-9_]*)\n/.exec(definition);
  if (!from || /\bJOIN\b/.test(definition) || (definition.match(/\bFROM\b/g) ?? []).length !== 1) return definition;
  return definition.replace(new RegExp(`\\b${from[2]}\\.(?=[a-z_"])`, 'g'), '');
}

export function withoutVersionNoise(snapshot: Snapshot, major: number): Snapshot {
  const views = major >= 16 ? snapshot.views
    : snapshot.views.map((v): View => ({ ...v, definition: unqualifySingleRelation(v.definition) }));
  return {
    ...snapshot,
    serverVersion: '(server version)',
    extensions: snapshot.extensions.map((e) => ({ ...e, version: '(release default)' })),
    views,
  };
}
