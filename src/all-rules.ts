// Every rule's metadata, schema rules and code rules: what a config file's rule ids are checked against,
// and what SARIF describes rules from. Its own module because the code rules bring the SQL parser along,
// which a compare of two databases never needs (src/cli/fast-compare.ts).
import { schemaRules } from './compare/index.js';
import type { RuleMeta } from './findings/rule.js';
import { codeRuleMetas } from './scan/rules/index.js';

export const allRules: readonly RuleMeta[] = [...schemaRules, ...codeRuleMetas];
