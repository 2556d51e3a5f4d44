// Runs the code rules over analyzed statements and turns their drafts into findings: rule id,
// category, location (also named in the message), the statement's SQL; honours
// `// schema-diff-ignore-next-line <rule>` comments.
import type { Finding, Location } from '../findings/finding.js';
import type { StatementAnalysis } from './analyze-statement.js';
import type { FileScan } from './scan-file.js';
import type { CodeRule } from './rules/types.js';
import type { CheckSubject, FindingDraft } from './rules/types.js';
import type { SchemaIndex } from './schema-index.js';
import { migrationViews } from './migration-context.js';

const MAX_SQL = 2000;

/** ` (SQL from db/sql/users/add.sql)` when the statement's text was read from files: where to fix it. */
export function sqlFilesNote(statement: CheckSubject['statement']): string {
  return statement.kind === 'sql' && statement.sqlFiles ? ` (SQL from ${statement.sqlFiles.join(', ')})` : '';
}

function subjectsOf(analysis: StatementAnalysis): CheckSubject[] {
  if (analysis.kind === 'analyzed') return analysis.items.map((item) => ({ kind: 'statement', ...item }));
  if (analysis.kind === 'parse-error') {
    const { statement, message, position } = analysis;
    return [{ kind: 'parse-error', statement, message, position }];
  }
  return [];
}

function suppressed(file: FileScan, location: Location, rule: string): boolean {
  const entry = file.suppressions.find(([line]) => line === location.line);
  return entry !== undefined && (entry[1] === 'all' || entry[1].includes(rule));
}

export function checkFiles(files: readonly FileScan[], schema: SchemaIndex, rules: readonly CodeRule[]): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const viewOf = migrationViews(schema, file.analyses);
    for (const analysis of file.analyses) {
      const fileSchema = viewOf(analysis);
      for (const subject of subjectsOf(analysis)) {
        const location = subject.statement.location;
        const sql = subject.kind === 'statement' ? subject.text : subject.statement.sql;
        for (const rule of rules) {
          if (suppressed(file, location, rule.id)) continue;
          rule.check(subject, fileSchema, (draft: FindingDraft) => {
            const finding: Finding = {
              rule: rule.id,
              severity: draft.severity ?? rule.severity,
              category: 'code',
              object: draft.object,
              message: `${location.file}:${location.line}:${location.column}: ${draft.message}${sqlFilesNote(subject.statement)}`,
              ...(draft.source !== undefined ? { source: draft.source } : {}),
              ...(draft.target !== undefined ? { target: draft.target } : {}),
              locations: [location],
              sql: sql.length > MAX_SQL ? `${sql.slice(0, MAX_SQL - 1)}…` : sql,
              ...(draft.fix !== undefined ? { fix: draft.fix } : {}),
            };
            // one finding per rule, object and location: a statement repeated in a loop is one problem;
            // one parse error per location, whose variants (template.ts) may fail at different characters
            const key = `${rule.id}\u0000${location.file}:${location.line}:${location.column}\u0000${subject.kind === 'parse-error' ? '' : finding.message}`;
            if (seen.has(key)) return;
            seen.add(key);
            findings.push(finding);
          });
        }
      }
    }
  }
  return findings;
}
