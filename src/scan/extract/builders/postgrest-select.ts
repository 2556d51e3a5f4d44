// PostgREST's `select` and `or`/`and` filter mini-languages, as supabase-js passes them through.
// https://docs.postgrest.org/en/stable/references/api/resource_embedding.html
// `id, name:full_name, data->>kind, total::text, amount.sum(), count(), company:companies!inner(id),
// ...owner(name)` → the columns read from the table, and the embedded relations with theirs.

export interface SelectColumn {
  readonly kind: 'column';
  /** the column itself, without alias, cast, JSON path or aggregate */
  readonly name: string;
}

export interface SelectEmbed {
  readonly kind: 'embed';
  /** a table or view, or a foreign-key column or constraint name: PostgREST accepts each */
  readonly relation: string;
  readonly alias: string | null;
  readonly items: readonly SelectItem[];
}

export type SelectItem = SelectColumn | SelectEmbed | { readonly kind: 'star' } | { readonly kind: 'aggregate' };

/** supabase-js strips whitespace outside double quotes before sending the select. */
function stripWhitespace(text: string): string {
  let quoted = false;
  let out = '';
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (!quoted && /\s/.test(char)) continue;
    out += char;
  }
  return out;
}

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let current = '';
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (!quoted && char === '(') depth++;
    if (!quoted && char === ')') depth--;
    if (!quoted && depth === 0 && char === ',') {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  if (current !== '') parts.push(current);
  return parts;
}

function unquote(name: string): string {
  return name.startsWith('"') && name.endsWith('"') ? name.slice(1, -1) : name;
}

/** `data->a->>b`, `total::text`, `amount.sum()`, `"My Col"` → the column name. */
export function baseColumn(field: string): string {
  let name = field;
  if (!name.startsWith('"')) {
    name = name.split('::')[0]!.split('->')[0]!;
    name = name.replace(/\.(?:sum|avg|min|max|count)\(\)$/, '');
  } else {
    const end = name.indexOf('"', 1);
    name = name.slice(0, end + 1);
  }
  return unquote(name);
}

function parseItem(raw: string): SelectItem | null {
  let item = raw.startsWith('...') ? raw.slice(3) : raw;
  if (item === '*') return { kind: 'star' };
  let alias: string | null = null;
  // `alias:rest`, but not the `::` of a cast
  const colon = /^("[^"]*"|[^:"(]+):(?!:)/.exec(item);
  if (colon) {
    alias = unquote(colon[1]!);
    item = item.slice(colon[0].length);
  }
  const open = item.indexOf('(');
  if (open >= 0 && item.endsWith(')')) {
    const head = item.slice(0, open);
    if (head === 'count' || head === '') return { kind: 'aggregate' };
    if (/\.(?:sum|avg|min|max|count)$/.test(head)) return { kind: 'column', name: baseColumn(`${head}()`) };
    const relation = unquote(head.split('!')[0]!);
    return { kind: 'embed', relation, alias, items: parseSelect(item.slice(open + 1, -1)) };
  }
  if (item === '') return null;
  return { kind: 'column', name: baseColumn(item) };
}

export function parseSelect(text: string): SelectItem[] {
  return splitTopLevel(stripWhitespace(text))
    .map(parseItem)
    .filter((i): i is SelectItem => i !== null);
}

/**
 * The columns an `or('a.eq.1,and(b.gt.2,c.is.null)')` filter names. Each condition is
 * `column.operator.value`; `not.` may precede the operator; nested `and(…)`/`or(…)` recurse.
 */
export function logicFilterColumns(text: string): string[] {
  const columns: string[] = [];
  const inner = text.startsWith('(') && text.endsWith(')') ? text.slice(1, -1) : text;
  for (const part of splitTopLevel(inner)) {
    const nested = /^(?:not\.)?(?:and|or)\((.*)\)$/s.exec(part);
    if (nested) {
      columns.push(...logicFilterColumns(nested[1]!));
      continue;
    }
    const field = part.startsWith('"') ? part.slice(0, part.indexOf('"', 1) + 1) : part.split('.')[0]!;
    if (field !== '') columns.push(baseColumn(field));
  }
  return columns;
}
