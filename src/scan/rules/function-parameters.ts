// A function's input parameters (name, default, type), read by PostgreSQL's own parser from the snapshot's
// pg_get_function_arguments() text: what PostgREST matches rpc() arguments and computed fields by.
import type { Routine } from '../../snapshot/types.js';
import { parseSql, type AstNode } from '../sql/parse.js';

export interface Parameter {
  /** null when unnamed */
  readonly name: string | null;
  readonly hasDefault: boolean;
  /** the type's last name part, e.g. `jsonb`, `int8`, `transactions` */
  readonly type: string;
  /** the type's schema when written qualified (`public.transactions`), else null */
  readonly typeSchema: string | null;
}

const parametersOf = new WeakMap<Routine, readonly Parameter[] | null>();

/** The input parameters of a function, read by PostgreSQL's parser from pg_get_function_arguments(); null if it cannot. */
export function inputParameters(routine: Routine): readonly Parameter[] | null {
  if (parametersOf.has(routine)) return parametersOf.get(routine)!;
  let parameters: Parameter[] | null = null;
  const parsed = parseSql(`CREATE FUNCTION f(${routine.arguments}) RETURNS void LANGUAGE sql AS ''`);
  const statement = parsed.ok ? (parsed.statements[0]?.node.CreateFunctionStmt as { parameters?: AstNode[] } | undefined) : undefined;
  if (statement) {
    parameters = [];
    for (const node of statement.parameters ?? []) {
      const p = node.FunctionParameter as { name?: string; mode?: string; defexpr?: unknown; argType?: { names?: { String?: { sval?: string } }[] } };
      if (p.mode === 'FUNC_PARAM_OUT' || p.mode === 'FUNC_PARAM_TABLE') continue;
      const names = p.argType?.names ?? [];
      const parts = names.map((n) => n.String?.sval ?? '');
      parameters.push({ name: p.name ?? null, hasDefault: p.defexpr !== undefined, type: parts[parts.length - 1] ?? '', typeSchema: parts.length > 1 ? parts[parts.length - 2]! : null });
    }
  }
  parametersOf.set(routine, parameters);
  return parameters;
}

