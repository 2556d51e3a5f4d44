/** Sessions one introspection of a live database uses by default, the caller's included (SCHEMA_DIFF_SESSIONS). */
export const DEFAULT_SESSIONS = 3;
