import type { Sequence } from '../../snapshot/types.js';
import { defineSchemaRule } from '../rule.js';
import { displayName, schemaObject, sqlName } from '../objects.js';

const BEHAVIOUR = ['dataType', 'increment', 'min', 'max', 'cycle'] as const;
const COSMETIC = ['start', 'cache'] as const;
type Field = (typeof BEHAVIOUR)[number] | (typeof COSMETIC)[number];

const SQL: Record<Field, (s: Sequence) => string> = {
  dataType: (s) => `AS ${s.dataType}`,
  increment: (s) => `INCREMENT BY ${s.increment}`,
  min: (s) => `MINVALUE ${s.min}`,
  max: (s) => `MAXVALUE ${s.max}`,
  cycle: (s) => (s.cycle ? 'CYCLE' : 'NO CYCLE'),
  start: (s) => `START WITH ${s.start}`,
  cache: (s) => `CACHE ${s.cache}`,
};

export default defineSchemaRule({
  id: 'sequence-changed',
  severity: 'warning',
  docs: {
    summary: 'A sequence has another type, increment, minimum, maximum or CYCLE setting in target (warning); only START or CACHE differ (info). A serial sequence is matched by its column.',
    why: 'Calls to nextval() fail once it passes a smaller maximum ("reached maximum value of sequence"), wraps around with CYCLE, or hands out other values.',
  },
  check(diff, report) {
    for (const { source, target } of diff.sequences.changed) {
      const differs = (f: Field) => String(source[f]) !== String(target[f]);
      const behaviour = BEHAVIOUR.filter(differs);
      const cosmetic = COSMETIC.filter(differs);
      if (behaviour.length + cosmetic.length === 0) continue;
      const fields = [...behaviour, ...cosmetic];
      const detail = fields.map((f) => `${SQL[f](source)} → ${SQL[f](target)}`).join('; ');
      report({
        object: schemaObject('sequence', source.schema, source.name),
        severity: behaviour.length > 0 ? 'warning' : 'info',
        message: `sequence ${displayName(source.schema, source.name)} differs in target (${detail})${behaviour.length > 0 ? ': nextval() hands out other values or fails sooner' : ''}`,
        source: fields.map((f) => SQL[f](source)).join(' '),
        target: fields.map((f) => SQL[f](target)).join(' '),
        fix: `ALTER SEQUENCE ${sqlName(target)} ${fields.map((f) => SQL[f](source)).join(' ')};`,
      });
    }
  },
});
