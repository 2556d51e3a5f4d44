// supabase-js `rpc('fn', { a, b })` against the functions the schema has. PostgREST picks the function
// by schema, name and the argument names sent (https://docs.postgrest.org/en/latest/references/api/functions.html):
// an overload matches when every name sent is one of its input parameters and every input parameter
// without a default is sent; a function whose one parameter is unnamed and of type json, jsonb, text,
// xml or bytea takes the whole body. No match is 404 PGRST202 "Could not find the function … in the
// schema cache", on every call.
import type { Routine } from '../../snapshot/types.js';
import type { FunctionCall } from '../facts.js';
import { inputParameters } from './function-parameters.js';

const BODY_TYPES = new Set(['json', 'jsonb', 'text', 'xml', 'bytea']);
import { defineCodeRule } from './types.js';

/** Whether PostgREST can call this function with these argument names (null parameters: unknown, so yes). */
function accepts(routine: Routine, names: readonly string[]): boolean {
  const parameters = inputParameters(routine);
  if (parameters === null) return true;
  if (parameters.length === 1 && parameters[0]!.name === null && BODY_TYPES.has(parameters[0]!.type)) return true;
  const sent = new Set(names);
  const known = new Set(parameters.map((p) => p.name));
  return names.every((n) => known.has(n)) && parameters.every((p) => p.hasDefault || (p.name !== null && sent.has(p.name)));
}

function signature(routine: Routine): string {
  return `${routine.schema}.${routine.name}(${routine.arguments})`;
}

function callText(call: FunctionCall, schema: string): string {
  return `${schema}.${call.name}(${call.argumentNames === null ? '…' : [...call.argumentNames].sort().join(', ')})`;
}

export default defineCodeRule({
  id: 'unknown-function',
  severity: 'error',
  docs: {
    summary: 'A supabase-js `rpc()` calls a function the schema does not have, or passes argument names no overload of it takes.',
    why:
      'PostgREST finds the function by schema, name and the names of the arguments sent, and answers every call with 404 PGRST202 "Could not find the function … in the schema cache" when none matches: a function dropped or renamed by a migration, or a parameter renamed, breaks the call. A function missing from a schema where an extension is installed is a warning (the extension may provide it: a snapshot does not list extensions\' functions); schemas the snapshot does not cover are not checked.',
  },
  check(subject, schema, report) {
    if (subject.kind !== 'statement') return;
    const snapshot = schema.snapshot;
    for (const call of subject.facts.functions) {
      const schemaName = call.schema ?? 'public';
      if (!snapshot.schemas.some((s) => s.name === schemaName)) continue;
      const overloads = snapshot.functions.filter((f) => f.schema === schemaName && f.name === call.name && f.kind === 'function');
      const object = { kind: 'statement' as const, schema: schemaName, name: call.name };
      if (overloads.length === 0) {
        const extension = snapshot.extensions.find((e) => e.schema === schemaName);
        report({
          object,
          ...(extension ? { severity: 'warning' as const } : {}),
          message:
            `rpc('${call.name}') calls ${schemaName}.${call.name}, which does not exist: PostgREST answers 404 PGRST202 "Could not find the function ${callText(call, schemaName)} in the schema cache".` +
            (extension ? ` Unless an extension installed in ${schemaName} (${extension.name}) provides it.` : ''),
          fix: `Create the function ${schemaName}.${call.name} in the target schema, or update the code to the function's new name.`,
        });
        continue;
      }
      if (call.argumentNames === null || overloads.some((o) => accepts(o, call.argumentNames!))) continue;
      const passed = call.argumentNames.length === 0 ? 'no arguments' : `arguments ${call.argumentNames.join(', ')}`;
      report({
        object,
        message:
          `rpc('${call.name}') passes ${passed}, which no ${schemaName}.${call.name} takes: PostgREST answers 404 PGRST202 "Could not find the function ${callText(call, schemaName)} in the schema cache". ` +
          `The schema has ${overloads.map(signature).join('; ')}.`,
        fix: `Pass the parameters the function declares by name, or rename its parameters back.`,
      });
    }
  },
});
