// A finding's `source`/`target` values as text: short ones inline, long ones as a unified diff.
import { structuredPatch } from 'diff';
import type { JsonValue } from '../findings/finding.js';

/** Longest value shown inline; anything longer or multi-line goes into a block or a diff. */
export const INLINE_VALUE_MAX = 60;

/** Strings as they are; other JSON compact, or indented when that would not fit on one line. */
export function valueText(value: JsonValue): string {
  if (typeof value === 'string') return value;
  const compact = JSON.stringify(value);
  return compact.length <= INLINE_VALUE_MAX ? compact : JSON.stringify(value, null, 2);
}

export function isInline(text: string): boolean {
  return text.length <= INLINE_VALUE_MAX && !text.includes('\n');
}

/** `source`/`target` of a finding, as text, when set. */
export function findingValues(finding: { readonly source?: JsonValue; readonly target?: JsonValue }): {
  readonly source?: string;
  readonly target?: string;
} {
  return {
    ...(finding.source !== undefined ? { source: valueText(finding.source) } : {}),
    ...(finding.target !== undefined ? { target: valueText(finding.target) } : {}),
  };
}

/** True when both sides exist and at least one is too long to read inline: show a diff instead. */
export function wantsDiff(values: { readonly source?: string; readonly target?: string }): boolean {
  return values.source !== undefined && values.target !== undefined && !(isInline(values.source) && isInline(values.target));
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** A unified diff `--- source` / `+++ target` with 3 lines of context, without trailing newline. */
export function unifiedDiff(source: string, target: string): string {
  // why: trailing newlines are normalized so a missing final newline never shows up as a change.
  const patch = structuredPatch('source', 'target', withNewline(source), withNewline(target), undefined, undefined, {
    context: 3,
  });
  const lines = ['--- source', '+++ target'];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    lines.push(...hunk.lines);
  }
  return lines.join('\n');
}
