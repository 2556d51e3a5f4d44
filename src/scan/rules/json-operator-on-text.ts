import { jsonbColumnFix, tableObject } from './describe.js';
import { defineCodeRule } from './types.js';

/** json/jsonb operators; none of them exists for text (hstore's ->, ? need the hstore type, not text). */
const JSON_OPERATORS = new Set(['->', '->>', '#>', '#>>', '@>', '<@', '?', '?|', '?&', '-', '#-', '@?', '@@']);
/**
 * json_…() and jsonb_…() functions: text is not cast to json or jsonb implicitly; for the same reason text
 * has no `=` with a json/jsonb operand (`col = '[]'::jsonb`, recorded as `= jsonb`)
 */
const jsonOperator = (operator: string): boolean =>
  JSON_OPERATORS.has(operator) || /^jsonb?_.*\(\)$/.test(operator) || /^(=|<>|!=) jsonb?$/.test(operator) || /^coalesce jsonb?$/.test(operator);

export default defineCodeRule({
  id: 'json-operator-on-text',
  severity: 'error',
  docs: {
    summary: 'A json/jsonb operator (->, ->>, #>, #>>, @>, ?, -, …), json function (jsonb_set, json_array_elements, …) or = with a ::json/::jsonb operand is applied to a column that is text or varchar.',
    why:
      'Typically a jsonb column that became text in the target: PostgreSQL rejects the statement with 42883 "operator does not exist: text ->> unknown" or "function jsonb_set(text, …) does not exist" (values that were objects now read back as strings).',
  },
  check(subject, schema, report) {
    if (subject.kind !== 'statement') return;
    const seen = new Set<string>();
    for (const use of subject.facts.operators) {
      if (!jsonOperator(use.operator) || use.relations.length !== 1) continue;
      const found = schema.lookup(use.relations[0]!);
      if (found.status !== 'found' || found.relation.kind !== 'table') continue;
      const table = found.relation.table;
      const column = table.columns.find((c) => c.name === use.column);
      if (!column || column.typeCategory !== 'string') continue;
      const key = `${column.name} ${use.operator}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report({
        object: tableObject(table.schema, table.name, column.name),
        message: use.operator.startsWith('coalesce ')
          ? `${table.schema}.${table.name}.${column.name} is ${column.type}, and COALESCE mixes it with a ${use.operator.slice('coalesce '.length)} operand: PostgreSQL rejects it with 42804 (COALESCE types ${column.type} and ${use.operator.slice('coalesce '.length)} cannot be matched).`
          : use.operator.endsWith('()')
          ? `${table.schema}.${table.name}.${column.name} is ${column.type}, and ${use.operator.slice(0, -2)} takes ${use.operator.startsWith('jsonb') ? 'jsonb' : 'json'}: PostgreSQL rejects it with 42883 "function ${use.operator.slice(0, -2)}(${column.type}, …) does not exist".`
          : `${table.schema}.${table.name}.${column.name} is ${column.type}, which has no ${use.operator} operator: PostgreSQL rejects it with 42883 "operator does not exist: ${column.type} ${use.operator} …".`,
        fix: jsonbColumnFix(table.schema, table.name, column.name, use.operator.split(' ')[0]!),
      });
    }
  },
});
