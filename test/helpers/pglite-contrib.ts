// PGlite with the contrib extensions the fixtures use. PGlite registers extensions at construction
// (CREATE EXTENSION alone fails), so the set is fixed here.
import { PGlite } from '@electric-sql/pglite';
import { pgcrypto } from '@electric-sql/pglite/contrib/pgcrypto';
import { citext } from '@electric-sql/pglite/contrib/citext';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';

export function createContribPglite(): Promise<PGlite> {
  return PGlite.create({ extensions: { pgcrypto, citext, pg_trgm, btree_gist } });
}
