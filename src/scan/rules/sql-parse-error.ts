import { defineCodeRule } from './types.js';

export default defineCodeRule({
  id: 'sql-parse-error',
  severity: 'info',
  docs: {
    summary: 'SQL found in the code does not parse with PostgreSQL 18\'s parser, so it was not checked.',
    why:
      'Either the SQL is broken (PostgreSQL will reject it too) or it was assembled in a way the scanner reconstructed wrongly; either way the statement is counted as not checked.',
  },
  check(subject, _schema, report) {
    if (subject.kind !== 'parse-error') return;
    const at = subject.position === null ? '' : ` at character ${subject.position + 1}`;
    report({
      object: { kind: 'statement', name: subject.statement.sql.slice(0, 40) },
      message: `SQL does not parse${at}: ${subject.message}. The statement was not checked.`,
    });
  },
});
