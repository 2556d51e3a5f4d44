// Unified diffs of long definitions (view bodies, function bodies, trigger definitions).
//
// Where the diff goes in a finding: `source` and `target` hold the two definitions as they are, so a reporter
// or a user can show them whole, and `fix` holds the unified diff as SQL comment lines followed by the
// statement that restores source's definition. A fix stays valid SQL that way, every reporter already shows
// `fix` (markdown in a code block), and no field of the contract changes meaning.
import { createTwoFilesPatch } from 'diff';

/** `-- ` prefixed unified diff, source → target; empty when the texts are equal. */
export function definitionDiff(label: string, source: string, target: string): string {
  if (source === target) return '';
  const patch = createTwoFilesPatch(`source/${label}`, `target/${label}`, withNewline(source), withNewline(target), '', '', {
    context: 3,
  });
  const lines = patch.split('\n').filter((line) => line !== '' && !line.startsWith('====='));
  return lines.map((line) => `-- ${line}`).join('\n');
}

function withNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** The diff comment, then the statement that restores source. */
export function fixWithDiff(diff: string, statement: string): string {
  return diff ? `${diff}\n${statement}` : statement;
}
