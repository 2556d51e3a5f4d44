import type { Routine } from '../../snapshot/types.js';
import { defineSchemaRule } from '../rule.js';
import { displayName, schemaObject, sqlName } from '../objects.js';
import { createRoutineSql } from '../fix-sql.js';
import { normalizeLayout } from '../sql-text.js';
import { definitionDiff, fixWithDiff } from '../definition-diff.js';

/** What callers can observe, apart from the body. */
function attributes(f: Routine): Record<string, string> {
  return {
    kind: f.kind,
    arguments: f.arguments,
    returns: f.returns ?? '—',
    language: f.language,
    volatility: f.volatility,
    strict: f.strict ? 'STRICT' : 'CALLED ON NULL INPUT',
    security: f.securityDefiner ? 'SECURITY DEFINER' : 'SECURITY INVOKER',
    settings: f.config.join(', ') || '—',
  };
}

export default defineSchemaRule({
  id: 'function-changed',
  severity: 'warning',
  docs: {
    summary:
      'A function with the same signature differs in target: body (compared without layout and comments), return type (error), argument defaults, language, volatility, strictness, SECURITY DEFINER or SET options. The unified diff of the body is in the fix, as SQL comments.',
    why: 'Callers get other results or side effects; a changed return type breaks code that reads the result; SECURITY DEFINER and search_path settings change what the function may touch.',
  },
  check(diff, report) {
    for (const { source, target } of diff.functions.changed) {
      const [s, t] = [attributes(source), attributes(target)];
      const differing = Object.keys(s).filter((k) => s[k] !== t[k]);
      const bodyChanged = normalizeLayout(source.definition) !== normalizeLayout(target.definition);
      if (differing.length === 0 && !bodyChanged) continue;
      const parts = [...differing.map((k) => `${k} ${s[k]} → ${t[k]}`), ...(bodyChanged ? ['its body differs'] : [])];
      const signature = `${displayName(source.schema, source.name)}(${source.identityArguments})`;
      // CREATE OR REPLACE cannot change the result type: drop first then (dependents are the user's call)
      const create = createRoutineSql(source);
      const restore =
        create && differing.includes('returns')
          ? `DROP ${source.kind === 'procedure' ? 'PROCEDURE' : 'FUNCTION'} ${sqlName(target)}(${target.identityArguments});\n${create}`
          : create;
      const patch = bodyChanged ? definitionDiff(`${source.schema}.${source.name}.sql`, source.definition, target.definition) : '';
      report({
        object: schemaObject('function', source.schema, `${source.name}(${source.identityArguments})`),
        severity: differing.includes('returns') ? 'error' : 'warning',
        message: `${source.kind} ${signature} differs in target: ${parts.join('; ')}`,
        source: source.definition,
        target: target.definition,
        ...(restore || patch ? { fix: fixWithDiff(patch, restore ?? '') } : {}),
      });
    }
  },
});
