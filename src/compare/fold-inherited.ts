// Partitions and inheriting tables repeat their parent's columns, constraints and indexes, so one change to a
// partitioned table showed up once per partition (100 partitions, 101 errors), each with a fix PostgreSQL
// rejects ("cannot alter inherited column"). A child's finding that repeats its parent's (same rule, same
// column, same definitions) is folded into the parent's, which names the children instead.
import type { Finding, JsonValue } from '../findings/finding.js';
import type { Snapshot } from '../snapshot/types.js';
import { displayName, relationKey } from './objects.js';

const LISTED = 5;

type Parents = Map<string, string[]>;

function parentsOf(snapshots: readonly Snapshot[]): { parents: Parents; partitions: Set<string> } {
  const parents: Parents = new Map();
  const partitions = new Set<string>();
  for (const snapshot of snapshots) {
    for (const table of snapshot.tables) {
      const direct = [...(table.partitionOf ? [table.partitionOf] : []), ...table.inherits].map(relationKey);
      if (direct.length === 0) continue;
      const child = relationKey(table);
      if (table.partitionOf) partitions.add(child);
      parents.set(child, [...new Set([...(parents.get(child) ?? []), ...direct])]);
    }
  }
  return { parents, partitions };
}

function childrenNoun(count: number, allPartitions: boolean, nonePartitions: boolean): string {
  const noun = allPartitions ? 'partition' : nonePartitions ? 'inheriting table' : 'child table';
  return count === 1 ? noun : `${noun}s`;
}

/** An index definition without its own name and table: a partition's index is its parent's under other names. */
function definitionText(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.replace(/^CREATE (UNIQUE )?INDEX \S+ ON (ONLY )?\S+ /, 'CREATE $1INDEX ON ');
}

/** What a finding says apart from which table it is on. */
function meaning(finding: Finding): string | null {
  const { object } = finding;
  if (object.table === undefined || object.schema === undefined) return null;
  const name = object.kind === 'column' || object.kind === 'constraint' ? object.name : '';
  return [finding.rule, object.kind, name, definitionText(finding.source), definitionText(finding.target)].join('\u0000');
}

export function foldInheritedFindings(findings: readonly Finding[], source: Snapshot, target: Snapshot): Finding[] {
  const { parents, partitions } = parentsOf([source, target]);
  if (parents.size === 0) return [...findings];
  const byMeaning = new Map<string, Finding>();
  for (const f of findings) {
    const m = meaning(f);
    if (m !== null) byMeaning.set(`${relationKey({ schema: f.object.schema!, name: f.object.table! })}\u0000${m}`, f);
  }
  /** The topmost ancestor with the same finding (a sub-partition folds into the root). */
  const ancestorWithSame = (relation: string, m: string, seen: Set<string>): Finding | undefined => {
    let found: Finding | undefined;
    for (const parent of parents.get(relation) ?? []) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      const here = byMeaning.get(`${parent}\u0000${m}`);
      const above = ancestorWithSame(parent, m, seen);
      found = above ?? here ?? found;
      if (found) break;
    }
    return found;
  };
  const children = new Map<Finding, { key: string; name: string }[]>();
  const kept: Finding[] = [];
  for (const f of findings) {
    const m = meaning(f);
    const relation = m === null ? null : relationKey({ schema: f.object.schema!, name: f.object.table! });
    const parent = relation === null || m === null ? undefined : ancestorWithSame(relation, m, new Set([relation]));
    if (!parent) {
      kept.push(f);
      continue;
    }
    const list = children.get(parent) ?? [];
    list.push({ key: relation!, name: displayName(f.object.schema!, f.object.table!) });
    children.set(parent, list);
  }
  return kept.map((f) => {
    const folded = children.get(f);
    if (!folded) return f;
    const sorted = [...new Set(folded.map((c) => c.name))].sort();
    const listed = sorted.slice(0, LISTED).join(', ') + (sorted.length > LISTED ? ` and ${sorted.length - LISTED} more` : '');
    const noun = childrenNoun(sorted.length, folded.every((c) => partitions.has(c.key)), folded.every((c) => !partitions.has(c.key)));
    return { ...f, message: `${f.message} (the same on ${sorted.length} ${noun}: ${listed})` };
  });
}
