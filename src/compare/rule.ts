// A schema rule: metadata (id, default severity, docs) plus one check that reads the SchemaDiff and
// reports findings. The file name equals the id; src/compare/rules/index.ts lists them all.
import type { JsonValue, ObjectRef, Severity } from '../findings/finding.js';
import type { RuleMeta } from '../findings/rule.js';
import type { SchemaDiff } from './schema-diff.js';

/** What a rule hands to `report`; rule id and category are filled in by compare(). */
export interface RuleFinding {
  readonly object: ObjectRef;
  /** one sentence naming the object and the consequence */
  readonly message: string;
  /** defaults to the rule's severity; a rule sets it when its docs say the verdict depends on the case */
  readonly severity?: Severity;
  /** the object's definition or value in source / target */
  readonly source?: JsonValue;
  readonly target?: JsonValue;
  /** suggested SQL that makes target behave like source */
  readonly fix?: string;
}

export type ReportFinding = (finding: RuleFinding) => void;

export interface SchemaRule extends RuleMeta {
  readonly category: 'schema';
  check(diff: SchemaDiff, report: ReportFinding): void;
}

export function defineSchemaRule(rule: Omit<SchemaRule, 'category'>): SchemaRule {
  return { ...rule, category: 'schema' };
}
