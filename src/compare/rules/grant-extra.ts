import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject, sqlName } from '../objects.js';
import { groupGrants, granteeSql } from '../grants-text.js';

export default defineSchemaRule({
  id: 'grant-extra',
  severity: 'warning',
  docs: {
    summary: 'A role has a privilege on a table or view in target that it lacks in source (info when only WITH GRANT OPTION is extra). Roles listed in excludeRoles are not compared.',
    why: 'Target lets that role read or change data source kept from it: a security difference nothing in the code reveals.',
  },
  check(diff, report) {
    for (const group of groupGrants(diff.grants.added)) {
      report({
        object: ownedObject('grant', group.relation, group.grantee),
        message: `${displayRelation(group.relation)}: ${group.grantee} has ${group.privileges.join(', ')} only in target`,
        target: group.privileges.join(', '),
        fix: `REVOKE ${group.privileges.join(', ')} ON ${sqlName(group.relation)} FROM ${granteeSql(group.grantee)};`,
      });
    }
    const gainedOption = diff.grants.changed.filter((p) => !p.source.item.grantable && p.target.item.grantable).map((p) => p.target);
    for (const group of groupGrants(gainedOption)) {
      report({
        object: ownedObject('grant', group.relation, group.grantee),
        severity: 'info',
        message: `${displayRelation(group.relation)}: ${group.grantee} can grant ${group.privileges.join(', ')} to others only in target`,
        source: group.privileges.join(', '),
        target: `${group.privileges.join(', ')} WITH GRANT OPTION`,
        fix: `REVOKE GRANT OPTION FOR ${group.privileges.join(', ')} ON ${sqlName(group.relation)} FROM ${granteeSql(group.grantee)};`,
      });
    }
  },
});
