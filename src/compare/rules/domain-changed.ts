import type { Severity } from '../../findings/finding.js';
import type { DomainType } from '../../snapshot/types.js';
import { defineSchemaRule } from '../rule.js';
import { displayName } from '../objects.js';
import { normalizeExpression } from '../expression.js';
import { judgeTypeChange } from '../type-compat.js';
import { createTypeSql, typeObject } from '../types-text.js';
import { compareText } from '../../snapshot/normalize.js';
import { quoteIdent } from '../../snapshot/identifiers.js';
import { sqlName } from '../objects.js';

function checks(domain: DomainType): string[] {
  return domain.constraints.map((c) => normalizeExpression(c.expression)).sort(compareText);
}

/** ALTER DOMAIN statements that give target's domain source's constraints and default. */
function restore(source: DomainType, target: DomainType): string[] {
  const name = sqlName(source);
  const statements: string[] = [];
  const targetChecks = new Set(checks(target));
  const sourceChecks = new Set(checks(source));
  for (const c of target.constraints)
    if (!sourceChecks.has(normalizeExpression(c.expression))) statements.push(`ALTER DOMAIN ${name} DROP CONSTRAINT ${quoteIdent(c.name)};`);
  for (const c of source.constraints)
    if (!targetChecks.has(normalizeExpression(c.expression))) statements.push(`ALTER DOMAIN ${name} ADD CONSTRAINT ${quoteIdent(c.name)} CHECK (${c.expression});`);
  if (source.notNull !== target.notNull) statements.push(`ALTER DOMAIN ${name} ${source.notNull ? 'SET' : 'DROP'} NOT NULL;`);
  const dflt = (d: string | null) => (d === null ? null : normalizeExpression(d));
  if (dflt(source.default) !== dflt(target.default))
    statements.push(`ALTER DOMAIN ${name} ${source.default === null ? 'DROP DEFAULT' : `SET DEFAULT ${source.default}`};`);
  return statements;
}

export default defineSchemaRule({
  id: 'domain-changed',
  severity: 'warning',
  docs: {
    summary: 'A domain differs in target: base type (judged by the type-compatibility matrix), NOT NULL, default, collation or CHECK constraints (compared by expression, not name).',
    why: 'Values accepted through the domain on source are rejected on target, or the other way round; a changed default fills omitted columns differently.',
  },
  check(diff, report) {
    for (const { source, target } of diff.types.changed) {
      if (source.kind !== 'domain' || target.kind !== 'domain') continue;
      const reasons: string[] = [];
      let severity: Severity = 'warning';
      const verdict = judgeTypeChange({ type: source.baseType }, { type: target.baseType });
      if (verdict) {
        reasons.push(`its base type is ${source.baseType} in source but ${target.baseType} in target (${verdict.reason})`);
        if (verdict.severity === 'error') severity = 'error';
      }
      if (source.notNull !== target.notNull) reasons.push(target.notNull ? 'it is NOT NULL only in target' : 'it is NOT NULL only in source');
      const dflt = (d: string | null) => (d === null ? null : normalizeExpression(d));
      if (dflt(source.default) !== dflt(target.default)) reasons.push(`its default is ${source.default ?? 'none'} in source but ${target.default ?? 'none'} in target`);
      if (source.collation !== target.collation) reasons.push(`its collation is ${source.collation ?? 'the default'} in source but ${target.collation ?? 'the default'} in target`);
      const [s, t] = [checks(source), checks(target)];
      const onlySource = s.filter((c) => !t.includes(c));
      const onlyTarget = t.filter((c) => !s.includes(c));
      if (onlySource.length) reasons.push(`checks only in source: ${onlySource.join('; ')}`);
      if (onlyTarget.length) reasons.push(`checks only in target: ${onlyTarget.join('; ')}`);
      if (reasons.length === 0) continue;
      report({
        object: typeObject(source),
        severity,
        message: `domain ${displayName(source.schema, source.name)} differs in target: ${reasons.join('; ')}`,
        source: createTypeSql(source),
        target: createTypeSql(target),
        // a base type or collation change needs the domain recreated, with its columns: no fix offered then
        ...(verdict || source.collation !== target.collation ? {} : { fix: restore(source, target).join('\n') }),
      });
    }
  },
});
