import type { ObjectRef } from '../../findings/finding.js';
import { defineSchemaRule } from '../rule.js';
import type { RuleFinding } from '../rule.js';
import { displayName, displayRelation, ownedObject, relationObject, schemaObject, sqlName } from '../objects.js';
import { relationOfTable, relationOfView } from '../keys.js';
import { commentLiteral } from '../fix-sql.js';
import { typeObject } from '../types-text.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

interface Commented {
  readonly object: ObjectRef;
  /** for the message: `column clients.ai_context` */
  readonly label: string;
  /** what follows COMMENT ON, e.g. `COLUMN public.clients.ai_context` */
  readonly target: string;
  readonly source: string | null;
  readonly current: string | null;
}

function finding(c: Commented): RuleFinding {
  return {
    object: c.object,
    message: `the comment on ${c.label} differs in target`,
    source: c.source,
    target: c.current,
    fix: `COMMENT ON ${c.target} IS ${commentLiteral(c.source)};`,
  };
}

export default defineSchemaRule({
  id: 'comment-changed',
  severity: 'info',
  docs: {
    summary: 'The COMMENT on a schema, table, column, view, sequence, type, function, constraint, index or trigger differs.',
    why: 'Nothing fails, but tools that read comments do: PostGraphile smart tags, pg_graphql and Supabase\'s generated API docs change with them.',
  },
  check(diff, report) {
    const all: Commented[] = [];
    for (const { source, target } of [...diff.schemas.changed, ...diff.schemas.unchanged])
      all.push({ object: { kind: 'schema', name: source.name }, label: `schema ${source.name}`, target: `SCHEMA ${quoteIdent(source.name)}`, source: source.comment, current: target.comment });
    for (const { source, target } of diff.tables.changed)
      all.push({ object: relationObject(relationOfTable(source)), label: `table ${displayName(source.schema, source.name)}`, target: `TABLE ${sqlName(source)}`, source: source.comment, current: target.comment });
    for (const { source, target } of diff.columns.changed)
      all.push({
        object: ownedObject('column', source.relation, source.item.name),
        label: `column ${displayRelation(source.relation)}.${source.item.name}`,
        target: `COLUMN ${sqlName(source.relation)}.${quoteIdent(source.item.name)}`,
        source: source.item.comment,
        current: target.item.comment,
      });
    for (const { source, target } of diff.views.changed)
      all.push({
        object: relationObject(relationOfView(source)),
        label: `view ${displayName(source.schema, source.name)}`,
        target: `${source.materialized ? 'MATERIALIZED VIEW' : 'VIEW'} ${sqlName(source)}`,
        source: source.comment,
        current: target.comment,
      });
    for (const { source, target } of diff.sequences.changed)
      all.push({ object: schemaObject('sequence', source.schema, source.name), label: `sequence ${displayName(source.schema, source.name)}`, target: `SEQUENCE ${sqlName(target)}`, source: source.comment, current: target.comment });
    for (const { source, target } of diff.types.changed)
      all.push({ object: typeObject(source), label: `type ${displayName(source.schema, source.name)}`, target: `${source.kind === 'domain' ? 'DOMAIN' : 'TYPE'} ${sqlName(source)}`, source: source.comment, current: target.comment });
    for (const { source, target } of diff.functions.changed)
      all.push({
        object: schemaObject('function', source.schema, `${source.name}(${source.identityArguments})`),
        label: `function ${displayName(source.schema, source.name)}(${source.identityArguments})`,
        target: `${source.kind === 'procedure' ? 'PROCEDURE' : source.kind === 'aggregate' ? 'AGGREGATE' : 'FUNCTION'} ${sqlName(source)}(${source.identityArguments})`,
        source: source.comment,
        current: target.comment,
      });
    for (const { source, target } of diff.uniqueKeys.changed)
      all.push({
        object: ownedObject(target.form === 'unique-index' ? 'index' : 'constraint', source.relation, source.name),
        label: `${displayRelation(source.relation)} ${target.form === 'unique-index' ? 'index' : 'constraint'} ${source.name}`,
        target:
          target.form === 'unique-index'
            ? `INDEX ${sqlName({ schema: target.relation.schema, name: target.name })}`
            : `CONSTRAINT ${quoteIdent(target.name)} ON ${sqlName(target.relation)}`,
        source: source.comment,
        current: target.comment,
      });
    for (const { source, target } of [...diff.foreignKeys.changed, ...diff.checks.changed, ...diff.exclusions.changed])
      all.push({
        object: ownedObject('constraint', source.relation, source.item.name),
        label: `${displayRelation(source.relation)} constraint ${source.item.name}`,
        target: `CONSTRAINT ${quoteIdent(target.item.name)} ON ${sqlName(target.relation)}`,
        source: source.item.comment,
        current: target.item.comment,
      });
    for (const { source, target } of diff.indexes.changed)
      all.push({
        object: ownedObject('index', source.relation, source.item.name),
        label: `${displayRelation(source.relation)} index ${source.item.name}`,
        target: `INDEX ${sqlName({ schema: target.relation.schema, name: target.item.name })}`,
        source: source.item.comment,
        current: target.item.comment,
      });
    for (const { source, target } of diff.triggers.changed)
      all.push({
        object: ownedObject('trigger', source.relation, source.item.name),
        label: `${displayRelation(source.relation)} trigger ${source.item.name}`,
        target: `TRIGGER ${quoteIdent(target.item.name)} ON ${sqlName(target.relation)}`,
        source: source.item.comment,
        current: target.item.comment,
      });
    for (const c of all) if (c.source !== c.current) report(finding(c));
  },
});
