// Shared SQL and wording for row-level security policies.
import type { Policy } from '../snapshot/types.js';
import type { RelationRef } from './objects.js';
import { sqlName } from './objects.js';
import { quoteIdent } from '../snapshot/identifiers.js';
import { normalizeExpression } from './expression.js';

export function roleList(roles: readonly string[]): string {
  return roles.map((r) => (r === 'public' ? 'PUBLIC' : quoteIdent(r))).join(', ');
}

export function createPolicySql(relation: RelationRef, policy: Policy): string {
  return [
    `CREATE POLICY ${quoteIdent(policy.name)} ON ${sqlName(relation)}`,
    ` AS ${policy.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'} FOR ${policy.command.toUpperCase()} TO ${roleList(policy.roles)}`,
    policy.using === null ? '' : ` USING (${policy.using})`,
    policy.withCheck === null ? '' : ` WITH CHECK (${policy.withCheck})`,
    ';',
  ].join('');
}

export function dropPolicySql(relation: RelationRef, policy: Policy): string {
  return `DROP POLICY ${quoteIdent(policy.name)} ON ${sqlName(relation)};`;
}

/** The policy's parts that decide access, normalized; `name` and excluded roles left out. */
export function policyBehaviour(policy: Policy, excludedRoles: ReadonlySet<string>): Record<string, string> {
  const expr = (e: string | null) => (e === null ? '—' : normalizeExpression(e));
  return {
    command: policy.command,
    mode: policy.permissive ? 'permissive' : 'restrictive',
    roles: policy.roles.filter((r) => !excludedRoles.has(r)).join(', '),
    using: expr(policy.using),
    'with check': expr(policy.withCheck),
  };
}
