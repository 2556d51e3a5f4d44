import type { ColumnUse, QueryFacts, RelationName, TableRef } from '../facts.js';
import { SYSTEM_COLUMNS, type SchemaIndex } from '../schema-index.js';
import { relationText, tableObject } from './describe.js';
import { effectiveRelation } from './embedded.js';
import { inputParameters } from './function-parameters.js';
import { defineCodeRule } from './types.js';

/**
 * The relations a use may belong to, PostgREST embeds replaced by what they reach (a foreign-key
 * column or constraint name reaches the referenced table); null when one cannot be resolved.
 */
function candidates(use: ColumnUse, tables: readonly TableRef[], schema: SchemaIndex): RelationName[] | null {
  const result: RelationName[] = [];
  for (const relation of use.relations) {
    const effective = effectiveRelation(relation, tables, schema);
    if (!effective) return null;
    result.push(effective);
  }
  return result;
}

/** The relation to blame when no candidate has the column, or null when we cannot be sure it is missing. */
function missingFrom(use: ColumnUse, relations: readonly RelationName[] | null, schema: SchemaIndex): RelationName | null {
  if (use.openScope || !relations || relations.length === 0 || SYSTEM_COLUMNS.has(use.column)) return null;
  for (const relation of relations) {
    const columns = schema.columnsOf(relation);
    if (columns === null) return null;
    if (columns.some((c) => c.name === use.column)) return null;
  }
  return relations[0]!;
}

/**
 * A PostgREST computed field: a function whose first input parameter is the table's row type (any
 * others have defaults), selected, filtered and ordered like a column (`select('id, amount_text')`).
 * https://docs.postgrest.org/en/latest/references/api/computed_fields.html
 */
function isComputedField(schema: SchemaIndex, table: { readonly schema: string; readonly name: string }, name: string): boolean {
  return schema.snapshot.functions.some((f) => {
    if (f.name !== name || f.kind !== 'function') return false;
    const parameters = inputParameters(f);
    const first = parameters?.[0];
    return !!first && first.type === table.name && (first.typeSchema === null || first.typeSchema === table.schema) && parameters!.slice(1).every((p) => p.hasDefault);
  });
}

function uniqueUses(facts: QueryFacts): ColumnUse[] {
  const seen = new Set<string>();
  return facts.columns.filter((use) => {
    const key = `${use.column}\u0000${use.relations.map(relationText).join(',')}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export default defineCodeRule({
  id: 'unknown-column',
  severity: 'error',
  docs: {
    summary: 'A statement reads or writes a column that none of the tables in its scope has.',
    why:
      'PostgreSQL rejects the statement with 42703 "column … does not exist". Only reported when every relation the name could belong to is known and none has it. For supabase-js, a PostgREST computed field (a function taking the table\'s row) counts as a column.',
  },
  check(subject, schema, report) {
    if (subject.kind !== 'statement') return;
    for (const use of uniqueUses(subject.facts)) {
      const relations = candidates(use, subject.facts.tables, schema);
      const relation = missingFrom(use, relations, schema);
      if (!relation) continue;
      const found = schema.lookup(relation);
      if (found.status !== 'found') continue;
      const { schema: schemaName, name } = found.relation;
      if (subject.statement.library === 'supabase-js' && isComputedField(schema, found.relation, use.column)) continue;
      const tables = relations!.map(relationText).join(', ');
      const columns = schema.columnsOf(relation)!.map((c) => c.name);
      report({
        object: { ...tableObject(schemaName, name, use.column) },
        message: `${use.access === 'write' ? 'writes' : 'reads'} column ${use.column}, which ${use.relations.length > 1 ? `none of ${tables} has` : `${schemaName}.${name} does not have`}: PostgreSQL rejects it with 42703 "column \\"${use.column}\\" does not exist". ${schemaName}.${name} has ${columns.join(', ')}.`,
        fix: `Add the column (ALTER TABLE ${schemaName}.${name} ADD COLUMN ${use.column} …) or update the code to the column's new name.`,
      });
    }
  },
});
