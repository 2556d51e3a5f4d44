// The registry of schema rules, in the order a reader meets the objects: schemas, tables, columns, keys,
// indexes, security, views, functions, triggers, sequences, types, comments. A meta-test keeps this list equal
// to the files in this folder.
import type { SchemaRule } from '../rule.js';
import schemaMissing from './schema-missing.js';
import schemaExtra from './schema-extra.js';
import extensionMissing from './extension-missing.js';
import extensionExtra from './extension-extra.js';
import extensionChanged from './extension-changed.js';
import tableMissing from './table-missing.js';
import tableExtra from './table-extra.js';
import tableKindChanged from './table-kind-changed.js';
import columnMissing from './column-missing.js';
import columnExtra from './column-extra.js';
import columnTypeChanged from './column-type-changed.js';
import jsonTypeChanged from './json-type-changed.js';
import columnNullabilityChanged from './column-nullability-changed.js';
import columnDefaultChanged from './column-default-changed.js';
import identityChanged from './identity-changed.js';
import columnGeneratedChanged from './column-generated-changed.js';
import columnCollationChanged from './column-collation-changed.js';
import uniqueMissing from './unique-missing.js';
import uniqueExtra from './unique-extra.js';
import uniqueDeferrable from './unique-deferrable.js';
import uniqueChanged from './unique-changed.js';
import primaryKeyChanged from './primary-key-changed.js';
import foreignKeyMissing from './foreign-key-missing.js';
import foreignKeyExtra from './foreign-key-extra.js';
import foreignKeyChanged from './foreign-key-changed.js';
import checkConstraintMissing from './check-constraint-missing.js';
import checkConstraintAdded from './check-constraint-added.js';
import checkConstraintChanged from './check-constraint-changed.js';
import exclusionConstraintMissing from './exclusion-constraint-missing.js';
import exclusionConstraintAdded from './exclusion-constraint-added.js';
import constraintRenamed from './constraint-renamed.js';
import indexMissing from './index-missing.js';
import indexExtra from './index-extra.js';
import indexChanged from './index-changed.js';
import indexRenamed from './index-renamed.js';
import indexInvalid from './index-invalid.js';
import rlsDisabled from './rls-disabled.js';
import rlsEnabled from './rls-enabled.js';
import policyMissing from './policy-missing.js';
import policyExtra from './policy-extra.js';
import policyChanged from './policy-changed.js';
import grantMissing from './grant-missing.js';
import grantExtra from './grant-extra.js';
import viewMissing from './view-missing.js';
import viewExtra from './view-extra.js';
import viewChanged from './view-changed.js';
import functionMissing from './function-missing.js';
import functionExtra from './function-extra.js';
import functionChanged from './function-changed.js';
import triggerMissing from './trigger-missing.js';
import triggerExtra from './trigger-extra.js';
import triggerChanged from './trigger-changed.js';
import sequenceMissing from './sequence-missing.js';
import sequenceExtra from './sequence-extra.js';
import sequenceChanged from './sequence-changed.js';
import typeMissing from './type-missing.js';
import typeExtra from './type-extra.js';
import typeChanged from './type-changed.js';
import enumValueMissing from './enum-value-missing.js';
import enumValueExtra from './enum-value-extra.js';
import enumValuesReordered from './enum-values-reordered.js';
import domainChanged from './domain-changed.js';
import commentChanged from './comment-changed.js';

export const schemaRules: readonly SchemaRule[] = [
  schemaMissing,
  schemaExtra,
  extensionMissing,
  extensionExtra,
  extensionChanged,
  tableMissing,
  tableExtra,
  tableKindChanged,
  columnMissing,
  columnExtra,
  columnTypeChanged,
  jsonTypeChanged,
  columnNullabilityChanged,
  columnDefaultChanged,
  identityChanged,
  columnGeneratedChanged,
  columnCollationChanged,
  uniqueMissing,
  uniqueExtra,
  uniqueDeferrable,
  uniqueChanged,
  primaryKeyChanged,
  foreignKeyMissing,
  foreignKeyExtra,
  foreignKeyChanged,
  checkConstraintMissing,
  checkConstraintAdded,
  checkConstraintChanged,
  exclusionConstraintMissing,
  exclusionConstraintAdded,
  constraintRenamed,
  indexMissing,
  indexExtra,
  indexChanged,
  indexRenamed,
  indexInvalid,
  rlsDisabled,
  rlsEnabled,
  policyMissing,
  policyExtra,
  policyChanged,
  grantMissing,
  grantExtra,
  viewMissing,
  viewExtra,
  viewChanged,
  functionMissing,
  functionExtra,
  functionChanged,
  triggerMissing,
  triggerExtra,
  triggerChanged,
  sequenceMissing,
  sequenceExtra,
  sequenceChanged,
  typeMissing,
  typeExtra,
  typeChanged,
  enumValueMissing,
  enumValueExtra,
  enumValuesReordered,
  domainChanged,
  commentChanged,
];
