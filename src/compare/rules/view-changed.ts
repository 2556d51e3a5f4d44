import type { Severity } from '../../findings/finding.js';
import { defineSchemaRule } from '../rule.js';
import { displayRelation, relationObject } from '../objects.js';
import { relationOfView } from '../keys.js';
import { replaceViewSql } from '../fix-sql.js';
import { normalizeViewDefinition } from '../view-definition.js';
import { judgeTypeChange } from '../type-compat.js';
import { definitionDiff, fixWithDiff } from '../definition-diff.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export default defineSchemaRule({
  id: 'view-changed',
  severity: 'warning',
  docs: {
    summary:
      'A view or materialized view has another definition in target (compared after normalizing layout and casts), is materialized on one side only, or exposes other columns. Error when a column source exposes is gone or narrowed; info when columns were only widened. The unified diff is in the fix, as SQL comments.',
    why: 'Queries on the view return other rows or values; a missing column fails with "column does not exist"; a materialized view returns data as of its last REFRESH.',
  },
  check(diff, report) {
    for (const { source, target } of diff.views.changed) {
      const reasons: string[] = [];
      // only widened columns: info; another query, or materialized on one side: warning; a column lost: error
      let severity: Severity = 'info';
      const raise = (s: Severity) => {
        if (RANK[s] < RANK[severity]) severity = s;
      };
      const targetColumns = new Map(target.columns.map((c) => [c.name, c.type]));
      const gone = source.columns.filter((c) => !targetColumns.has(c.name)).map((c) => c.name);
      if (gone.length > 0) {
        reasons.push(gone.length === 1 ? `column ${gone[0]} is gone` : `columns ${gone.join(', ')} are gone`);
        raise('error');
      }
      for (const column of source.columns) {
        const type = targetColumns.get(column.name);
        const verdict = type === undefined ? null : judgeTypeChange({ type: column.type }, { type });
        if (!verdict) continue;
        reasons.push(`${column.name} is ${column.type} in source but ${type ?? ''} in target (${verdict.reason})`);
        raise(verdict.severity);
      }
      if (source.materialized !== target.materialized) raise('warning');
      if (source.materialized !== target.materialized)
        reasons.push(source.materialized ? 'it is a plain view in target' : 'it is materialized in target: it returns data as of its last REFRESH');
      const bodyChanged = normalizeViewDefinition(source.definition) !== normalizeViewDefinition(target.definition);
      if (bodyChanged) {
        reasons.push('its query differs');
        raise('warning');
      }
      if (reasons.length === 0) continue;
      const relation = relationOfView(source);
      const restore = replaceViewSql(source, target);
      report({
        object: relationObject(relation),
        severity,
        message: `${source.materialized ? 'materialized view' : 'view'} ${displayRelation(relation)} differs in target: ${reasons.join('; ')}`,
        source: source.definition,
        target: target.definition,
        fix: fixWithDiff(bodyChanged ? definitionDiff(`${relation.schema}.${relation.name}.sql`, source.definition, target.definition) : '', restore),
      });
    }
  },
});
