// Partitions and inheriting tables repeat their parent's columns, constraints and indexes, so one change to a
// partitioned table showed up once per partition (100 partitions, 101 errors), each with a fix PostgreSQL
// rejects ("cannot alter inherited column"). A child's finding that repeats its parent's (same rule, same
// column, same definitions) is folded into the parent's, which names the children instead.
import type { Finding, JsonValue } from '../findings/finding.js';
import type { Snapshot } from '../snapshot/types.js';
import { displayName, relationKey } from './objects.js';
import { compareText } from '../snapshot/normalize.js';

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

/** The table a finding is on, and what it says apart from that table; null for findings on no table. */
function meaning(finding: Finding): { relation: string; text: string } | null {
  const { object } = finding;
  if (object.table === undefined || object.schema === undefined) return null;
  const name = object.kind === 'column' || object.kind === 'constraint' ? object.name : '';
  return {
    relation: relationKey({ schema: object.schema, name: object.table }),
    text: [finding.rule, object.kind, name, definitionText(finding.source), definitionText(finding.target)].join('\u0000'),
  };
}

export function foldInheritedFindings(findings: readonly Finding[], source: Snapshot, target: Snapshot): Finding[] {
  const { parents, partitions } = parentsOf([source, target]);
  if (parents.size === 0) return [...findings];
  const byMeaning = new Map<string, Finding>();
  for (const f of findings) {
    const m = meaning(f);
    if (m) byMeaning.set(`${m.relation}\u0000${m.text}`, f);
  }
  /** The topmost ancestor with the same finding (a sub-partition folds into the root). */
  const ancestorWithSame = (relation: string, text: string, seen: Set<string>): Finding | undefined => {
    for (const parent of parents.get(relation) ?? []) {
      if (seen.has(parent)) continue;
      seen.add(parent);
      const found = ancestorWithSame(parent, text, seen) ?? byMeaning.get(`${parent}\u0000${text}`);
      if (found) return found;
    }
    return undefined;
  };
  const children = new Map<Finding, { key: string; name: string }[]>();
  const kept: Finding[] = [];
  for (const f of findings) {
    const m = meaning(f);
    const parent = m ? ancestorWithSame(m.relation, m.text, new Set([m.relation])) : undefined;
    if (!m || !parent) {
      kept.push(f);
      continue;
    }
    const list = children.get(parent) ?? [];
    list.push({ key: m.relation, name: displayName(f.object.schema!, f.object.table!) });
    children.set(parent, list);
  }
  return kept.map((f) => {
    const folded = children.get(f);
    if (!folded) return f;
    const sorted = [...new Set(folded.map((c) => c.name))].sort(compareText);
    const listed = sorted.slice(0, LISTED).join(', ') + (sorted.length > LISTED ? ` and ${sorted.length - LISTED} more` : '');
    const noun = childrenNoun(sorted.length, folded.every((c) => partitions.has(c.key)), folded.every((c) => !partitions.has(c.key)));
    return { ...f, message: `${f.message} (the same on ${sorted.length} ${noun}: ${listed})` };
  });
}
