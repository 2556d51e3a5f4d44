// Values whose kind declared-kind.ts reads from the types this file declares, and traps where it
// must leave the answer to the type checker. `site(x); // K` says what declaredKind must answer
// (`checker`: no answer). test/scan/declared-kind.test.ts also asks the checker about every answer.
import type { Imported } from './imported';

declare function site(value: unknown): void;

interface Row {
  id: string;
  meta: Record<string, unknown>;
  tags: string[];
  maybeTags?: string[];
  nullableTags: string[] | null;
  count: number | null;
  when: Date;
  nested: Nested;
  loose: Loose;
  looseList: readonly string[];
  pair: [number, number];
}
interface Nested { deep: { value: string[] }; label: 'a' | 'b' }
interface Loose { length?: number }
interface Extended extends Row { more: string }
interface Merged { a: string }
interface Merged { b: string[] }
type Alias = Row;
type Tags = string[];
type Either = string[] | Record<string, unknown>;
type Generic<T> = { value: T };
enum Color { Red, Green }
class Model { id = '' }

export function typed(row: Row, alias: Alias, tags: Tags, either: Either, list: Array<number>, ro: ReadonlyArray<string>, rec: Record<string, unknown>, numRec: Record<number, string>, map: Map<string, number>, s: string, n: number, b: boolean, big: bigint, lit: 'x' | 'y', when: Date, fn: () => void) {
  site(row); // object
  site(alias); // object
  site(tags); // array
  site(either); // checker
  site(list); // array
  site(ro); // array
  site(rec); // object
  site(numRec); // checker
  site(map); // object
  site(s); // scalar
  site(n); // scalar
  site(b); // scalar
  site(big); // scalar
  site(lit); // scalar
  site(when); // scalar
  site(fn); // object
  site(row.id); // scalar
  site(row.meta); // object
  site(row.tags); // array
  site(row.maybeTags); // checker
  site(row.nullableTags); // checker
  site(row.count); // scalar
  site(row.when); // scalar
  site(row.nested.deep.value); // array
  site(row.nested.label); // scalar
  site(row.loose); // checker
  site(row.looseList); // array
  site(row.pair); // array
  site(alias.tags); // array
  site(row?.tags); // array
  site(row.tags as unknown as Imported); // checker
  site(row.meta as string[]); // array
  site((row.tags)); // array
  site(row.meta satisfies object); // object
}

export function traps(imported: Imported, extended: Extended, merged: Merged, generic: Generic<string[]>, color: Color, model: Model, anything: any, unknownValue: unknown, obj: object, empty: {}, loose: Loose, optional?: string[], withDefault = ['a']) {
  site(imported); // checker
  site(extended); // checker
  site(extended.more); // checker
  site(merged); // checker
  site(generic.value); // checker
  site(color); // checker
  site(model); // checker
  site(anything); // checker
  site(unknownValue); // checker
  site(obj); // checker
  site(empty); // checker
  site(loose); // checker
  site(optional); // checker
  site(withDefault); // checker
  if (Array.isArray(empty)) site(empty); // checker
  if (Array.isArray(loose)) site(loose); // checker
}

export function narrowing(tags: string[] | null, meta: Record<string, unknown>, row: Row) {
  if (tags === null) site(tags); // checker
  if (Array.isArray(meta)) site(meta); // object
  if (Array.isArray(row.meta)) site(row.meta); // object
  if (row.nullableTags) site(row.nullableTags); // checker
}

export function generics<T extends unknown[]>(value: T, row: Row) {
  site(value); // checker
  const inner = <Row,>(x: Row) => site(x); // checker
  inner(row);
}

export function shadowing(tags: string[], meta: Record<string, unknown>, rows: { tags: Record<string, unknown> }[]) {
  {
    const tags = 'shadowed';
    site(tags); // scalar
  }
  for (const tags of rows) site(tags); // checker
  rows.forEach(({ tags }) => site(tags)); // checker
  rows.forEach((meta) => site(meta)); // checker
  const { tags: renamed } = rows[0]!;
  site(renamed); // checker
  try {
    site(meta); // object
  } catch (meta) {
    site(meta); // checker
  }
  site(tags); // array
}

export function hoisting(tags: string[]) {
  if (tags.length) {
    // eslint-disable-next-line no-var
    var hoisted: string[] = [];
    site(hoisted); // checker
  }
}

export function constants(row: Row) {
  const list = ['a', 'b'];
  const text = 'x';
  const record = { kind: 'a' };
  const bare = {};
  const alsoTags = row.tags;
  const cast = row.meta as unknown as number[];
  let later = ['a'];
  const fromCall = row.tags.slice(0);
  site(list); // array
  site(text); // scalar
  site(record); // object
  site(bare); // checker
  site(alsoTags); // array
  site(cast); // array
  site(later); // checker
  site(fromCall); // checker
  later = [];
}

export function rest(...values: string[]) {
  site(values); // array
}

export class Repository {
  constructor(private readonly tags: string[]) {}
  save(meta: Record<string, unknown>) {
    site(meta); // object
    site(this.tags); // checker
  }
}

export const arrow = (row: Row): void => site(row.tags); // array
export const undeclared = (): void => site(globalThis); // checker
