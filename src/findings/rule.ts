// What every rule, schema or code, declares about itself. The README's rule table, SARIF's rule
// metadata and the config validation all read these.
import type { Category, Severity } from './finding.js';

export interface RuleMeta {
  /** kebab-case, stable: equals the file name and the fixture directory */
  readonly id: string;
  readonly category: Category;
  /** the severity a finding gets unless the rule says why it differs (docs) or config overrides it */
  readonly severity: Severity;
  readonly docs: {
    /** one line: what the rule reports */
    readonly summary: string;
    /** why it matters: what breaks */
    readonly why: string;
  };
}
