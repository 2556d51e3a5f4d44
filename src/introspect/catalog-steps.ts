// The catalog queries of one snapshot, as independent steps: each names what it reads (for the error
// line) and where its rows go. Listed most expensive first (server CPU at 5,000 tables: columns 0.24 s and
// most of the rows, indexes 0.25 s, constraints 0.10 s, the rest under 0.03 s each; on musicbrainz
// constraints and indexes lead), so that sessions sharing the work pick the long ones first and finish
// together.
import type { CatalogRows } from './rows.js';
import type { QueryScope } from './queries/scope.js';
import { schemasQuery } from './queries/schemas.js';
import { extensionsQuery } from './queries/extensions.js';
import { relationsQuery } from './queries/relations.js';
import { columnsQuery } from './queries/columns.js';
import { constraintsQuery } from './queries/constraints.js';
import { indexesQuery } from './queries/indexes.js';
import { triggersQuery } from './queries/triggers.js';
import { policiesQuery } from './queries/policies.js';
import { grantsQuery } from './queries/grants.js';
import { sequencesQuery } from './queries/sequences.js';
import { typesQuery } from './queries/types.js';
import { functionsQuery } from './queries/functions.js';

export type CatalogKey = Exclude<keyof CatalogRows, 'server'>;

export interface CatalogStep {
  readonly key: CatalogKey;
  /** what the error line says was being read */
  readonly step: string;
  readonly sql: string;
}

export function catalogSteps(scope: QueryScope, versionNum: number): CatalogStep[] {
  return [
    { key: 'columns', step: 'columns', sql: columnsQuery(scope) },
    { key: 'indexes', step: 'indexes', sql: indexesQuery(scope, versionNum) },
    { key: 'constraints', step: 'constraints', sql: constraintsQuery(scope, versionNum) },
    { key: 'relations', step: 'tables and views', sql: relationsQuery(scope) },
    { key: 'triggers', step: 'triggers', sql: triggersQuery(scope) },
    { key: 'functions', step: 'functions', sql: functionsQuery(scope) },
    { key: 'sequences', step: 'sequences', sql: sequencesQuery(scope) },
    { key: 'types', step: 'types', sql: typesQuery(scope) },
    { key: 'grants', step: 'grants', sql: grantsQuery(scope) },
    { key: 'policies', step: 'policies', sql: policiesQuery(scope) },
    { key: 'schemas', step: 'schemas', sql: schemasQuery(scope) },
    { key: 'extensions', step: 'extensions', sql: extensionsQuery },
  ];
}
