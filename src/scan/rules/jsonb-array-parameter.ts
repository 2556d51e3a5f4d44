import type { ColumnBinding, ParamFact, ValueKind } from '../facts.js';
import { tableObject } from './describe.js';
import { jsonColumnOf } from './json-column.js';
import { defineCodeRule } from './types.js';

function kindOf(binding: ColumnBinding, params: readonly ParamFact[]): { kind: ValueKind; text: string } {
  if (binding.param === null) return { kind: binding.valueKind, text: 'the value' };
  const param = params.find((p) => p.index === binding.param);
  return { kind: param?.kind ?? 'unknown', text: param ? `$${param.index} (${param.text})` : `$${binding.param}` };
}

export default defineCodeRule({
  id: 'jsonb-array-parameter',
  severity: 'error',
  docs: {
    summary: 'A JS array is bound to a json/jsonb column through a driver that sends arrays as PostgreSQL arrays.',
    why:
      'node-postgres and knex send a JS array as an array literal `{"a","b"}`, which json/jsonb rejects with 22P02 "invalid input syntax for type json"; pg-promise formats `array[…]` (42804). Plain objects are JSON-encoded and fine; postgres.js types parameters from the server and is fine. Wrap the value in JSON.stringify().',
  },
  check(subject, schema, report) {
    if (subject.kind !== 'statement') return;
    const { statement, facts } = subject;
    if (statement.arrayEncoding !== 'array-literal' && statement.arrayEncoding !== 'array-constructor') return;
    const params = statement.kind === 'sql' ? statement.params : [];
    const seen = new Set<string>();
    for (const binding of facts.bindings) {
      const value = kindOf(binding, params);
      if (value.kind !== 'array') continue;
      const json = jsonColumnOf(schema, binding);
      if (!json || seen.has(json.column.name)) continue;
      const { table, column, type } = json;
      seen.add(column.name);
      const error = statement.arrayEncoding === 'array-literal'
        ? '22P02 "invalid input syntax for type json"'
        : `42804 "column \\"${column.name}\\" is of type ${type} but expression is of type text[]"`;
      report({
        object: tableObject(table.schema, table.name, column.name),
        message: `${value.text} is a JS array bound to ${table.schema}.${table.name}.${column.name} (${type}); ${statement.library} sends arrays as PostgreSQL arrays, so PostgreSQL rejects it with ${error}.`,
        fix: `Pass JSON.stringify(${params.find((p) => p.index === binding.param)?.text ?? 'value'}) instead (objects are encoded for you, arrays are not).`,
      });
    }
  },
});
