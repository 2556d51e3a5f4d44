// Grants are reported per relation and role, with all its privileges in one finding (not one per privilege).
import type { Grant } from '../snapshot/types.js';
import type { Owned } from './keys.js';
import type { RelationRef } from './objects.js';
import { relationKey } from './objects.js';
import { quoteIdent } from '../snapshot/identifiers.js';

export interface GrantGroup {
  readonly relation: RelationRef;
  readonly grantee: string;
  readonly privileges: readonly string[];
}

export function groupGrants(grants: readonly Owned<Grant>[]): GrantGroup[] {
  const groups = new Map<string, { relation: RelationRef; grantee: string; privileges: string[] }>();
  for (const { relation, item } of grants) {
    const key = `${relationKey(relation)}|${item.grantee}`;
    const group = groups.get(key) ?? { relation, grantee: item.grantee, privileges: [] };
    group.privileges.push(item.privilege);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export function granteeSql(grantee: string): string {
  return grantee === 'PUBLIC' ? 'PUBLIC' : quoteIdent(grantee);
}
