// The server's version and the words quote_ident() quotes (every keyword that is not unreserved), so that
// definitions assembled from catalog columns (constraint-definition.ts) quote names exactly as this server's
// pg_get_constraintdef does: the keyword list changes between majors.
export const serverColumns = `current_setting('server_version_num')::int AS version_num,
  current_setting('server_version') AS version,
  (SELECT pg_catalog.string_agg(word, ' ') FROM pg_catalog.pg_get_keywords() WHERE catcode <> 'U') AS reserved`;

export const serverQuery = `SELECT ${serverColumns}`;
