import { effectiveTarget, inferArbiters } from './arbiter.js';
import { conflictTargetText, describeIndex, qualified, tableObject } from './describe.js';
import { defineCodeRule } from './types.js';
import { quoteIdent } from '../../snapshot/identifiers.js';

export default defineCodeRule({
  id: 'on-conflict-deferrable-arbiter',
  severity: 'error',
  docs: {
    summary: 'INSERT … ON CONFLICT would use a DEFERRABLE unique or exclusion constraint as arbiter.',
    why:
      'Planning accepts it, so PREPARE and EXPLAIN (and --verify) pass, but the first executed row fails with 55000 "ON CONFLICT does not support deferrable unique constraints/exclusion constraints as arbiters". A target-less DO NOTHING uses every unique constraint of the table as arbiter; a supabase-js upsert without onConflict targets the primary key only.',
  },
  check(subject, schema, report) {
    if (subject.kind !== 'statement') return;
    const { facts } = subject;
    if (!facts.onConflict || !facts.target) return;
    const found = schema.lookup(facts.target);
    if (found.status !== 'found' || found.relation.kind !== 'table') return;
    const table = found.relation.table;
    const verdict = inferArbiters(table, facts.onConflict);
    if (verdict.kind !== 'arbiters') return;
    const deferrable = verdict.constraints.filter((c) => c.deferrable);
    if (deferrable.length === 0) return;
    const target = effectiveTarget(table, facts.onConflict);
    const shownTarget = target === 'plain-insert' ? null : target;
    const implicit = facts.onConflict.target === null && facts.onConflict.implicitTarget === 'primary-key'
      ? ' (upsert without onConflict: PostgREST targets the primary key)'
      : '';
    const arbiters = verdict.indexes
      .filter((i) => deferrable.some((c) => c.name === i.constraint))
      .map((i) => describeIndex(table, i));
    report({
      object: tableObject(table.schema, table.name, deferrable[0]!.name),
      message: `${conflictTargetText(shownTarget)} on ${table.schema}.${table.name}${implicit} uses ${arbiters.join(', ')} as arbiter; PostgreSQL plans it but fails on the first row: 55000 "ON CONFLICT does not support deferrable unique constraints/exclusion constraints as arbiters".`,
      fix: deferrable
        .map((c) => `ALTER TABLE ${qualified(table.schema, table.name)} ALTER CONSTRAINT ${quoteIdent(c.name)} NOT DEFERRABLE;`)
        .join('\n'),
    });
  },
});
