import type { Severity } from '../../findings/finding.js';
import type { UserType } from '../../snapshot/types.js';
import { defineSchemaRule } from '../rule.js';
import { displayName } from '../objects.js';
import { judgeTypeChange } from '../type-compat.js';
import { typeLabel, typeObject } from '../types-text.js';

/** Differences of composite attributes and range subtypes; enums and domains have their own rules. */
function differences(source: UserType, target: UserType): { reasons: string[]; severity: Severity } {
  if (source.kind !== target.kind) return { reasons: [`it is a ${typeLabel(source)} in source but a ${typeLabel(target)} in target`], severity: 'error' };
  const reasons: string[] = [];
  let severity: Severity = 'warning';
  if (source.kind === 'range' && target.kind === 'range' && source.subtype !== target.subtype) reasons.push(`its subtype is ${source.subtype} in source but ${target.subtype} in target`);
  if (source.kind === 'composite' && target.kind === 'composite') {
    const targetTypes = new Map(target.attributes.map((a) => [a.name, a.type]));
    const sourceNames = new Set(source.attributes.map((a) => a.name));
    for (const a of source.attributes) {
      const type = targetTypes.get(a.name);
      if (type === undefined) {
        reasons.push(`attribute ${a.name} is gone`);
        severity = 'error';
      } else {
        const verdict = judgeTypeChange({ type: a.type }, { type });
        if (verdict) reasons.push(`attribute ${a.name} is ${a.type} in source but ${type} in target (${verdict.reason})`);
        if (verdict?.severity === 'error') severity = 'error';
      }
    }
    for (const a of target.attributes) if (!sourceNames.has(a.name)) reasons.push(`attribute ${a.name} exists only in target`);
    const order = (list: readonly { name: string }[]) => list.map((a) => a.name).filter((n) => targetTypes.has(n) && sourceNames.has(n)).join(',');
    if (order(source.attributes) !== order(target.attributes)) reasons.push('its attributes are in another order (row literals map differently)');
  }
  return { reasons, severity };
}

export default defineSchemaRule({
  id: 'type-changed',
  severity: 'warning',
  docs: {
    summary: 'A composite or range type differs in target (attributes, their types or order; subtype), or the type is of another kind. Error when an attribute is gone or the kind differs.',
    why: 'Row values, casts and functions that build or read the type fail or map fields differently.',
  },
  check(diff, report) {
    for (const { source, target } of diff.types.changed) {
      const { reasons, severity } = differences(source, target);
      if (reasons.length === 0) continue;
      report({
        object: typeObject(source),
        severity,
        message: `${typeLabel(source)} ${displayName(source.schema, source.name)} differs in target: ${reasons.join('; ')}`,
      });
    }
  },
});
