import { jsonbColumnFix, tableObject } from './describe.js';
import { defineCodeRule } from './types.js';

/**
 * Operators jsonb has and json does not (json has only ->, ->>, #>, #>>, and no equality or ordering at
 * all); jsonb_…() functions want jsonb. `||` is recorded only with an explicit jsonb operand
 * (`col || $1::jsonb`): with another operand it may be text concatenation, which json allows.
 */
const JSONB_ONLY = new Set(['@>', '<@', '?', '?|', '?&', '-', '#-', '@?', '@@', '=', '<>', '!=', '<', '<=', '>', '>=', '||']);
const jsonbOnly = (operator: string): boolean => JSONB_ONLY.has(operator) || /^jsonb_.*\(\)$/.test(operator) || operator === 'coalesce jsonb';

export default defineCodeRule({
  id: 'jsonb-operator-on-json',
  severity: 'error',
  docs: {
    summary: 'A jsonb-only operator (@>, <@, ?, ?|, ?&, -, #-, @?, @@, || with a ::jsonb operand, and = or <> since json has no equality) or jsonb_…() function (jsonb_set, jsonb_typeof, …) is applied to a json (not jsonb) column.',
    why:
      'json has only ->, ->>, #> and #>>, and is not cast to jsonb implicitly; PostgreSQL rejects the others with 42883 "operator does not exist: json @> …" or "function jsonb_set(json, …) does not exist". Typically a column that was jsonb in the source database is json (or text) in the target.',
  },
  check(subject, schema, report) {
    if (subject.kind !== 'statement') return;
    const seen = new Set<string>();
    for (const use of subject.facts.operators) {
      if (!jsonbOnly(use.operator) || use.relations.length !== 1) continue;
      const found = schema.lookup(use.relations[0]!);
      if (found.status !== 'found' || found.relation.kind !== 'table') continue;
      const table = found.relation.table;
      const column = table.columns.find((c) => c.name === use.column);
      if (!column || (column.domainBaseType ?? column.type) !== 'json') continue;
      const key = `${column.name} ${use.operator}`;
      if (seen.has(key)) continue;
      seen.add(key);
      report({
        object: tableObject(table.schema, table.name, column.name),
        message: use.operator === 'coalesce jsonb'
          ? `${table.schema}.${table.name}.${column.name} is json, and COALESCE mixes it with a jsonb operand: PostgreSQL rejects it with 42846 (COALESCE could not convert between json and jsonb).`
          : use.operator.endsWith('()')
          ? `${table.schema}.${table.name}.${column.name} is json, and ${use.operator.slice(0, -2)} takes jsonb: PostgreSQL rejects it with 42883 "function ${use.operator.slice(0, -2)}(json, …) does not exist".`
          : `${table.schema}.${table.name}.${column.name} is json, and json has no ${use.operator} operator: PostgreSQL rejects it with 42883 "operator does not exist: json ${use.operator} …".`,
        fix: jsonbColumnFix(table.schema, table.name, column.name, use.operator),
      });
    }
  },
});
