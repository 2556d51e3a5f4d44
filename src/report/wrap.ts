// Word wrapping for fixed-width terminal cells. cli-table3's own wrapping truncates words longer than
// the cell (`public.clients_yclients_id_company_id_key` would lose its end); this breaks them instead.

const BREAK_AFTER = /[/._\-,]/;

function breakLongWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let rest = word;
  while (rest.length > width) {
    // Prefer breaking after a separator in the second half of the line, so pieces stay meaningful.
    let cut = -1;
    for (let i = width - 1; i >= Math.floor(width / 2); i--) {
      if (BREAK_AFTER.test(rest[i] ?? '')) {
        cut = i + 1;
        break;
      }
    }
    if (cut === -1) cut = width;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  pieces.push(rest);
  return pieces;
}

function wrapLine(line: string, width: number): string[] {
  const indent = /^\s*/.exec(line)?.[0] ?? '';
  const words = line.slice(indent.length).split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return [''];
  const lines: string[] = [];
  let current = indent;
  for (const word of words) {
    const sep = current.trim() === '' ? '' : ' ';
    if ((current + sep + word).length <= width) {
      current += sep + word;
      continue;
    }
    if (current.trim() !== '') lines.push(current);
    const pieces = breakLongWord(word, Math.max(1, width - indent.length));
    for (const piece of pieces.slice(0, -1)) lines.push(indent + piece);
    current = indent + (pieces[pieces.length - 1] ?? '');
  }
  lines.push(current);
  return lines;
}

/** Wrap each line of `text` to at most `width` characters (plain text, no ANSI codes). */
export function wrapText(text: string, width: number): string[] {
  return text.split('\n').flatMap((line) => wrapLine(line, width));
}
