// The every-object-kind fixture: its DDL split into the base (PostgreSQL 14+) and "-- @since NN" blocks,
// and the DDL a server of a given major can load.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FIXTURE_DIR = fileURLToPath(new URL('../../fixtures/every-object-kind/', import.meta.url));
export const SOURCE_SQL = `${FIXTURE_DIR}source.sql`;
export const GOLDEN_SNAPSHOT = `${FIXTURE_DIR}snapshot.json`;

export interface FixtureStage {
  /** the oldest major that can load this part */
  readonly since: number;
  readonly sql: string;
}

/** The base first, then each `-- @since NN` block; throws if blocks are out of order. */
export function fixtureStages(text = readFileSync(SOURCE_SQL, 'utf8')): FixtureStage[] {
  const stages: FixtureStage[] = [];
  let current = { since: 14, lines: [] as string[] };
  for (const line of text.split('\n')) {
    const marker = /^-- @since (\d+)\s*$/.exec(line);
    if (!marker) {
      current.lines.push(line);
      continue;
    }
    stages.push({ since: current.since, sql: current.lines.join('\n') });
    const since = Number(marker[1]);
    if (since <= current.since) throw new Error(`${SOURCE_SQL}: "-- @since ${since}" must come after @since ${current.since}`);
    current = { since, lines: [] };
  }
  stages.push({ since: current.since, sql: current.lines.join('\n') });
  return stages;
}

/** The stages a server of `major` can load, in order. */
export function stagesFor(major: number, stages = fixtureStages()): FixtureStage[] {
  return stages.filter((s) => s.since <= major);
}
