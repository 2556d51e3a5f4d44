// The columns a function in FROM gives, when the statement alone says which. Bulk statements join a
// table to a parameter array (`DELETE FROM jobs USING unnest($1::bigint[]) n(n) WHERE id = n`,
// graphile-worker); with the function's columns unknown, every unqualified name of the statement could
// be one of them, and a column dropped from the table went unreported.
import { isObject, list, names, nodeOf, str } from './ast.js';
import type { AstNode } from './parse.js';

/**
 * Set-returning functions whose rows are one value of a base type, whatever their arguments → the name of
 * their OUT parameter, which names the column whatever the table alias (`value`: logto reads
 * `select jsonb_agg(value) from jsonb_array_elements(…)`), or null: named by the alias, else the function.
 */
const SCALAR_SETS = new Map<string, string | null>([
  ['generate_series', null],
  ['generate_subscripts', null],
  ['json_array_elements', 'value'],
  ['json_array_elements_text', 'value'],
  ['jsonb_array_elements', 'value'],
  ['jsonb_array_elements_text', 'value'],
  ['json_object_keys', null],
  ['jsonb_object_keys', null],
  ['regexp_split_to_table', null],
  ['string_to_table', null],
]);

/** Types spelled without pg_catalog that are base types (an unqualified name may be the app's own composite). */
const BASE_TYPES = new Set(['text', 'uuid', 'json', 'jsonb', 'bytea', 'date', 'inet', 'cidr', 'macaddr', 'citext']);

/** `$1::bigint[]`: an array whose element is visibly a base type (a composite's fields would be columns too). */
function isBaseTypeArray(arg: unknown): boolean {
  const cast = nodeOf(arg, 'TypeCast');
  const type = cast && isObject(cast['typeName']) ? cast['typeName'] : null;
  if (!type || list(type['arrayBounds']).length === 0) return false;
  const parts = names(type['names']);
  return (parts.length === 2 && parts[0] === 'pg_catalog') || (parts.length === 1 && BASE_TYPES.has(parts[0] ?? ''));
}

/**
 * A RangeFunction's columns: its column definition list (`jsonb_to_recordset($1) AS x(a int, b text)`),
 * or the one column of a scalar set function (named by the alias's column list, else by its OUT
 * parameter, else by the alias, else by the function, as PostgreSQL names it), with `ordinality` for
 * WITH ORDINALITY. Null when only
 * the catalog knows (a function returning a composite type, ROWS FROM, anything else).
 */
export function functionColumns(fields: AstNode): ReadonlySet<string> | null {
  if (fields['is_rowsfrom'] === true) return null;
  const functions = list(fields['functions']);
  if (functions.length !== 1) return null;
  const alias = isObject(fields['alias']) ? fields['alias'] : null;
  const aliasColumns = names(alias?.['colnames']);
  const ordinality = fields['ordinality'] === true;
  const definitions = list(fields['coldeflist']).map((item) => str(nodeOf(item, 'ColumnDef')?.['colname']));
  if (definitions.length > 0) {
    if (definitions.some((name) => name === null)) return null;
    return new Set([...(definitions as string[]), ...(ordinality ? [aliasColumns[definitions.length] ?? 'ordinality'] : [])]);
  }
  const call = nodeOf(list(nodeOf(functions[0], 'List')?.['items'])[0], 'FuncCall');
  if (!call) return null;
  const name = names(call['funcname']);
  const fn = name[name.length - 1] ?? null;
  if (fn === null || (name.length === 2 && name[0] !== 'pg_catalog') || name.length > 2) return null;
  if (aliasColumns.some((column) => column === null)) return null;
  // `unnest($1::int[], $2::text[]) AS t(id, name)`: a column per array, each named `unnest` unless aliased
  const args = list(call['args']);
  const arrays = fn === 'unnest' && args.length > 0 && args.every(isBaseTypeArray) ? args.length : 0;
  if (!SCALAR_SETS.has(fn) && arrays === 0) return null;
  const count = Math.max(arrays, 1);
  const named = SCALAR_SETS.get(fn) ?? null;
  const values = Array.from({ length: count }, (_, i) => aliasColumns[i] ?? named ?? (count === 1 && alias ? str(alias['aliasname']) : null) ?? fn);
  return new Set([...values, ...(ordinality ? [aliasColumns[count] ?? 'ordinality'] : [])]);
}
