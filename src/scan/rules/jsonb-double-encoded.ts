import type { AnalyzedStatement, ColumnBinding } from '../facts.js';
import { tableObject } from './describe.js';
import { jsonColumnOf } from './json-column.js';
import { defineCodeRule } from './types.js';

/**
 * The source text of a JSON.stringify value the client encodes again, or null. A `$n` counts when the
 * statement's client encodes every json value (postgres.js) or the value itself is handed to an encoder
 * (`sql.json(…)`, pg-promise `:json`); a builder's value when the client sends rows as JSON (supabase-js) or
 * encodes the column's values (a Drizzle json()/jsonb() column).
 */
function encodedTwice(subject: AnalyzedStatement, binding: ColumnBinding): string | null {
  const { statement } = subject;
  if (binding.param === null) return (statement.encodesJson || binding.encodedAsJson) && binding.valueKind === 'json-text' ? 'a JSON.stringify(…) value' : null;
  if (statement.kind !== 'sql') return null;
  const param = statement.params.find((p) => p.index === binding.param);
  if (!param || param.kind !== 'json-text' || !(statement.encodesJson || param.encodedAsJson)) return null;
  return `$${param.index} (${param.text})`;
}

export default defineCodeRule({
  id: 'jsonb-double-encoded',
  severity: 'warning',
  docs: {
    summary: 'A JSON.stringify(…) string is bound to a json/jsonb column through a client that JSON-encodes values itself.',
    why:
      'postgres.js serializes a parameter by the type the server gives it (json/jsonb: JSON.stringify), supabase-js sends rows to PostgREST as JSON, Drizzle encodes the values of a json()/jsonb() column, and postgres.js/slonik `sql.json(v)` and pg-promise `:json` encode their value: a string that already is JSON is stored as a JSON string ("{\\"a\\":1}"), with no error. `col->>\'a\'` then reads NULL, `@>` matches nothing and jsonb_typeof says string. Typical after moving code written for node-postgres (where JSON.stringify is needed for arrays) to postgres.js or supabase-js. A warning, because code that also reads the column back with JSON.parse works.',
  },
  check(subject, schema, report) {
    if (subject.kind !== 'statement') return;
    const seen = new Set<string>();
    for (const binding of subject.facts.bindings) {
      const value = encodedTwice(subject, binding);
      if (value === null) continue;
      const json = jsonColumnOf(schema, binding);
      if (!json || seen.has(json.column.name)) continue;
      const { table, column, type } = json;
      seen.add(column.name);
      report({
        object: tableObject(table.schema, table.name, column.name),
        message: `${value} is already JSON text, bound to ${table.schema}.${table.name}.${column.name} (${type}); ${subject.statement.library} JSON-encodes it again, so the column stores a JSON string, not the object or array: ${column.name}->>'key' reads NULL and jsonb_typeof() says 'string'.`,
        fix: `Pass the value itself and let the client encode it (drop the JSON.stringify).`,
      });
    }
  },
});
