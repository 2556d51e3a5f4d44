// Every code rule, in the order they run. The README rule table and the fixtures follow this list.
import type { RuleMeta } from '../../findings/rule.js';
import type { CodeRule } from './types.js';
import { verifyRejected } from './verify-rejected.js';
import jsonbArrayParameter from './jsonb-array-parameter.js';
import jsonbDoubleEncoded from './jsonb-double-encoded.js';
import jsonbOperatorOnJson from './jsonb-operator-on-json.js';
import jsonOperatorOnText from './json-operator-on-text.js';
import missingRequiredColumn from './missing-required-column.js';
import onConflictDeferrableArbiter from './on-conflict-deferrable-arbiter.js';
import onConflictNoArbiter from './on-conflict-no-arbiter.js';
import sqlParseError from './sql-parse-error.js';
import unknownColumn from './unknown-column.js';
import unknownFunction from './unknown-function.js';
import unknownTable from './unknown-table.js';

export const codeRules: readonly CodeRule[] = [
  onConflictNoArbiter,
  onConflictDeferrableArbiter,
  unknownTable,
  unknownColumn,
  unknownFunction,
  missingRequiredColumn,
  jsonbArrayParameter,
  jsonbDoubleEncoded,
  jsonbOperatorOnJson,
  jsonOperatorOnText,
  sqlParseError,
];

/** Every code rule id a finding can carry, including the verify-only one. */
export const codeRuleMetas: readonly RuleMeta[] = [...codeRules, verifyRejected];

export type { CodeRule } from './types.js';
