// What a code rule is: its metadata (../../findings/rule.ts) plus a check over one analyzed
// statement at a time. Rules read neutral facts and the schema, never the library.
import type { JsonValue, ObjectRef, Severity } from '../../findings/finding.js';
import type { RuleMeta } from '../../findings/rule.js';
import type { AnalyzedStatement, SqlStatement } from '../facts.js';
import type { SchemaIndex } from '../schema-index.js';

/** What a rule hands to `report`; the scanner adds rule id, category, location and SQL. */
export interface FindingDraft {
  readonly object: ObjectRef;
  readonly message: string;
  /** when the rule has a reason to differ from its default (e.g. a trigger may fill the column) */
  readonly severity?: Severity;
  readonly fix?: string;
  readonly source?: JsonValue;
  readonly target?: JsonValue;
}

export type CheckSubject =
  | ({ readonly kind: 'statement' } & AnalyzedStatement)
  | {
      readonly kind: 'parse-error';
      readonly statement: SqlStatement;
      readonly message: string;
      /** 0-based index into the statement's SQL, null when unknown */
      readonly position: number | null;
    };

export interface CodeRule extends RuleMeta {
  readonly category: 'code';
  check(subject: CheckSubject, schema: SchemaIndex, report: (draft: FindingDraft) => void): void;
}

export function defineCodeRule(rule: Omit<CodeRule, 'category'>): CodeRule {
  return { category: 'code', ...rule };
}
