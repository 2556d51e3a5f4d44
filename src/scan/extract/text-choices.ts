// SQL text with parts chosen by a conditional (`'SELECT … WHERE id = $1' + (admin ? '' : ' AND owner = $2')`):
// the constant evaluator (constants.ts) keeps each choice in the text between marks, and the SQL text of
// a statement is then each combination of them, as template.ts does for tagged templates. Choices on the
// same condition go the same way (condition-key.ts). Only sqlText reads marked text; every other use of
// a constant takes a text with a choice in it for no constant at all.

import { everyCombination, type Chooser } from './combinations.js';

const OPEN = '\u0001';
const CONDITION_END = '\u0004';
const SEPARATOR = '\u0002';
const CLOSE = '\u0003';

/** The text standing for "one of these", on `condition` (null: a choice of its own). */
export function encodeChoice(condition: string | null, alternatives: readonly [string, string]): string {
  return `${OPEN}${condition ?? ''}${CONDITION_END}${alternatives[0]}${SEPARATOR}${alternatives[1]}${CLOSE}`;
}

export function hasChoice(text: string): boolean {
  return text.includes(OPEN);
}

type Part = string | Choice;
interface Choice {
  readonly condition: string;
  readonly alternatives: readonly (readonly Part[])[];
}

/**
 * Every text a marked text stands for, the first alternative of each choice first (the first choice
 * varying slowest); null when there are more than `max`.
 */
export function expandChoices(text: string, max: number): string[] | null {
  if (!hasChoice(text)) return [text];
  const [parts] = sequence(text, 0);
  const render = (list: readonly Part[], pick: Chooser): string =>
    list.map((part) => (typeof part === 'string' ? part : render(part.alternatives[pick(part.alternatives.length, part.condition || undefined)]!, pick))).join('');
  return everyCombination((pick) => render(parts, pick), max);
}

/** The parts from `start` up to a separator or close mark at this level, and where it stopped. */
function sequence(text: string, start: number): [Part[], number] {
  const parts: Part[] = [];
  let literal = '';
  let i = start;
  while (i < text.length) {
    const char = text[i]!;
    if (char === SEPARATOR || char === CLOSE) break;
    if (char !== OPEN) {
      literal += char;
      i++;
      continue;
    }
    if (literal) parts.push(literal);
    literal = '';
    const conditionEnd = text.indexOf(CONDITION_END, i + 1);
    const condition = text.slice(i + 1, conditionEnd);
    const alternatives: Part[][] = [];
    i = conditionEnd + 1;
    for (;;) {
      const [alternative, stop] = sequence(text, i);
      alternatives.push(alternative);
      i = stop + 1;
      if (text[stop] !== SEPARATOR) break;
    }
    parts.push({ condition, alternatives });
  }
  if (literal) parts.push(literal);
  return [parts, i];
}
