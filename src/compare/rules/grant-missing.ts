import { defineSchemaRule } from '../rule.js';
import { displayRelation, ownedObject, sqlName } from '../objects.js';
import { groupGrants, granteeSql } from '../grants-text.js';

export default defineSchemaRule({
  id: 'grant-missing',
  severity: 'error',
  docs: {
    summary: 'A role has a privilege on a table or view in source that it lacks in target (warning when only WITH GRANT OPTION is missing). Roles listed in excludeRoles are not compared.',
    why: 'Queries running as that role fail on target with "permission denied for table".',
  },
  check(diff, report) {
    for (const group of groupGrants(diff.grants.removed)) {
      report({
        object: ownedObject('grant', group.relation, group.grantee),
        message: `${displayRelation(group.relation)}: ${group.grantee} has ${group.privileges.join(', ')} in source but not in target: its queries fail with permission denied`,
        source: group.privileges.join(', '),
        fix: `GRANT ${group.privileges.join(', ')} ON ${sqlName(group.relation)} TO ${granteeSql(group.grantee)};`,
      });
    }
    const lostOption = diff.grants.changed.filter((p) => p.source.item.grantable && !p.target.item.grantable).map((p) => p.source);
    for (const group of groupGrants(lostOption)) {
      report({
        object: ownedObject('grant', group.relation, group.grantee),
        severity: 'warning',
        message: `${displayRelation(group.relation)}: ${group.grantee} can grant ${group.privileges.join(', ')} to others in source but not in target`,
        source: `${group.privileges.join(', ')} WITH GRANT OPTION`,
        target: group.privileges.join(', '),
        fix: `GRANT ${group.privileges.join(', ')} ON ${sqlName(group.relation)} TO ${granteeSql(group.grantee)} WITH GRANT OPTION;`,
      });
    }
  },
});
