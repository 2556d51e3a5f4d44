// The extractors, and which of them a project turns on (knip-style enablers: the package.json
// dependencies, or a file importing the package).
import drizzle from './drizzle.js';
import knex from './knex.js';
import knexRaw from './knex-raw.js';
import kysely from './kysely.js';
import pg from './pg.js';
import pgPromise from './pg-promise.js';
import postgresJs from './postgres-js.js';
import prisma from './prisma.js';
import slonik from './slonik.js';
import supabaseJs from './supabase-js.js';
import type { Extractor } from './types.js';

export const extractors: readonly Extractor[] = [pg, postgresJs, slonik, pgPromise, prisma, knexRaw, knex, kysely, drizzle, supabaseJs];

/** Extractors the project enables through its dependencies. */
export function enabledExtractors(dependencies: ReadonlySet<string>, all: readonly Extractor[] = extractors): Extractor[] {
  return all.filter((e) => e.enablers.some((name) => dependencies.has(name)));
}

/** Extractors one file enables by importing their package, beyond the project's. */
export function extractorsForFile(projectEnabled: readonly Extractor[], importedModules: Iterable<string>, all: readonly Extractor[] = extractors): Extractor[] {
  const modules = new Set(importedModules);
  return all.filter((e) => projectEnabled.includes(e) || e.enablers.some((name) => modules.has(name)));
}
