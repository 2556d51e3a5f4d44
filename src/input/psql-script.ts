// SQL files are often psql scripts: pg_dump output (`\restrict`, `\connect`), `\set ON_ERROR_STOP 1`,
// `\i` includes, COPY … FROM stdin data. This reads a script the way psql would and hands back plain
// SQL segments. Meta-commands and COPY data are blanked to spaces (newlines kept) so that every
// offset in a segment is the same offset in its file: errors can name file, line and column.
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { InputError } from '../errors.js';

export interface SqlSegment {
  /** the file this text comes from, as the user should see it */
  readonly file: string;
  /** SQL only: meta-commands and COPY data blanked */
  readonly text: string;
}

export interface PsqlNote {
  readonly file: string;
  readonly line: number;
  readonly message: string;
}

// Meta-commands that change nothing about the schema a script builds.
const HARMLESS = new Set([
  'set', 'unset', 'pset', 'timing', 'echo', 'qecho', 'warn', 'encoding', 'restrict', 'unrestrict', 'connect', 'c',
  't', 'x', 'a', 'H', 'f', 'C', 'T', 'o', 'out', 'conninfo', 'prompt', 'errverbose', 'setenv', 'getenv', 'gset',
]);
const INCLUDE = new Set(['i', 'include', 'ir', 'include_relative']);
const QUIT = new Set(['q', 'quit']);

export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function blank(text: string): string {
  return text.replace(/[^\n]/g, ' ');
}

interface ReadContext {
  readonly segments: SqlSegment[];
  readonly notes: PsqlNote[];
  readonly stack: string[];
  readonly displayOf: (absolutePath: string) => string;
}

/** Read one psql script (following includes) into SQL segments, in execution order. */
export function readPsqlScript(path: string, displayOf: (absolutePath: string) => string): { segments: SqlSegment[]; notes: PsqlNote[] } {
  const context: ReadContext = { segments: [], notes: [], stack: [], displayOf };
  readInto(resolve(path), context, undefined);
  return { segments: context.segments, notes: context.notes };
}

function readFile(absolutePath: string, display: string, from: { file: string; line: number } | undefined): string {
  try {
    const buffer = readFileSync(absolutePath);
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (error) {
    const where = from ? ` (included from ${from.file}:${from.line})` : '';
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${display}: file not found${where}`);
    if (code === 'EACCES') throw new InputError(`${display}: permission denied${where}`);
    if (code === 'EISDIR') throw new InputError(`${display}: is a directory, not a file${where}`);
    if (error instanceof TypeError) throw new InputError(`${display}: not valid UTF-8 text${where}`);
    throw new InputError(`${display}: cannot read (${(error as Error).message})${where}`);
  }
}

function readInto(absolutePath: string, context: ReadContext, from: { file: string; line: number } | undefined): boolean {
  const display = context.displayOf(absolutePath);
  let real = absolutePath;
  try {
    real = realpathSync(absolutePath);
  } catch {
    // reported by readFile
  }
  if (context.stack.includes(real)) {
    throw new InputError(`${display}: includes itself (${[...context.stack.map(context.displayOf), display].join(' → ')})`);
  }
  if (context.stack.length >= 32) throw new InputError(`${display}: includes nested more than 32 deep`);
  const text = readFile(absolutePath, display, from);
  context.stack.push(real);
  try {
    return scan(text, absolutePath, display, context);
  } finally {
    context.stack.pop();
  }
}

/** Returns false when the script quit (\q): nothing after it runs. */
function scan(text: string, absolutePath: string, display: string, context: ReadContext): boolean {
  // why: the output is the file with some ranges blanked, kept as pieces (joined once per segment); a
  // string grown by `+=` and sliced at every `;` was re-flattened each time, which made reading the
  // 5,000-table scale file quadratic (several seconds before anything was loaded).
  let pieces: string[] = [];
  let statementPiece = 0; // index in `pieces` where the current statement began
  let copied = 0; // offset in `text` up to which pieces hold the file
  let i = 0;
  const n = text.length;
  const emitUpTo = (offset: number) => {
    if (offset > copied) pieces.push(text.slice(copied, offset));
    copied = offset;
  };
  const blankRange = (from: number, to: number) => {
    emitUpTo(from);
    if (to > from) pieces.push(blank(text.slice(from, to)));
    copied = to;
  };
  const flush = () => {
    emitUpTo(i);
    const out = pieces.join('');
    if (out.trim() !== '') context.segments.push({ file: display, text: out });
    pieces = [];
    statementPiece = 0;
  };
  let lineCounted = 0;
  let lineAtCounted = 1;
  const lineOf = (offset: number) => {
    // meta-commands come in file order, so the count resumes where it stopped
    for (let k = lineCounted; k < offset; k++) if (text.charCodeAt(k) === 10) lineAtCounted++;
    lineCounted = offset;
    return lineAtCounted;
  };
  const special = /[-/'"$;\\]/g;

  while (i < n) {
    special.lastIndex = i;
    const found = special.exec(text);
    if (!found) break;
    i = found.index;
    const ch = text[i]!;
    const next = text[i + 1];
    if (ch === '-') {
      if (next === '-') {
        const end = text.indexOf('\n', i);
        i = end === -1 ? n : end;
      } else i++;
      continue;
    }
    if (ch === '/') {
      if (next !== '*') {
        i++;
        continue;
      }
      let depth = 1;
      let j = i + 2;
      while (j < n && depth > 0) {
        if (text[j] === '/' && text[j + 1] === '*') (depth++, (j += 2));
        else if (text[j] === '*' && text[j + 1] === '/') (depth--, (j += 2));
        else j++;
      }
      i = j;
      continue;
    }
    if (ch === "'" || ch === '"') {
      // E'' strings allow backslash escapes; standard strings and identifiers only double the quote.
      const escapes = ch === "'" && i > 0 && /[eE]/.test(text[i - 1]!) && !/[A-Za-z0-9_]/.test(text[i - 2] ?? ' ');
      let j = i + 1;
      while (j < n) {
        if (escapes && text[j] === '\\') j += 2;
        else if (text[j] === ch && text[j + 1] === ch) j += 2;
        else if (text[j] === ch) break;
        else j++;
      }
      i = Math.min(j + 1, n);
      continue;
    }
    if (ch === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i, i + 64));
      if (tag && !/[A-Za-z0-9_]/.test(text[i - 1] ?? ' ')) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? n : close + tag[0].length;
        continue;
      }
      i++;
      continue;
    }
    if (ch === ';') {
      i++;
      emitUpTo(i);
      const statement = pieces.slice(statementPiece).join('');
      if (/^\s*COPY\b[\s\S]*\bFROM\s+STDIN\b/i.test(stripComments(statement))) {
        // The data follows the statement up to a line `\.`; the snapshot needs neither.
        const dataEnd = findCopyEnd(text, i);
        pieces.length = statementPiece;
        pieces.push(blank(statement));
        blankRange(i, dataEnd);
        i = dataEnd;
      }
      statementPiece = pieces.length;
      continue;
    }
    // ch === '\\': a meta-command, up to the end of the line
    const end = text.indexOf('\n', i);
    const stop = end === -1 ? n : end;
    const commandLine = text.slice(i, stop);
    const match = /^\\([A-Za-z_!?.]+|\.)\s*(.*)$/.exec(commandLine.trimEnd());
    const name = match?.[1] ?? '';
    const argument = (match?.[2] ?? '').trim();
    const line = lineOf(i);
    blankRange(i, stop);
    i = stop;
    if (QUIT.has(name)) {
      flush();
      return false;
    }
    if (INCLUDE.has(name)) {
      const target = unquote(argument);
      if (!target) throw new InputError(`${display}:${line}: \\${name} needs a file name`);
      // psql resolves \i against the working directory and \ir against the including file; scripts
      // in migration folders almost always mean the latter, so both resolve relative to the file.
      const included = isAbsolute(target) ? target : resolve(dirname(absolutePath), target);
      flush();
      const goOn = readInto(included, context, { file: display, line });
      if (!goOn) return false;
      continue;
    }
    if (name === 'connect' || name === 'c') {
      context.notes.push({ file: display, line, message: `\\${name} ${argument} ignored: everything loads into one database` });
      continue;
    }
    if (!HARMLESS.has(name)) {
      throw new InputError(`${display}:${line}: psql meta-command \\${name} is not supported (only settings, output and \\i/\\ir includes are)`);
    }
  }
  i = n;
  flush();
  return true;
}

function stripComments(sql: string): string {
  return sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ');
}

function findCopyEnd(text: string, from: number): number {
  const re = /^\\\.[ \t]*$/gm;
  re.lastIndex = from;
  const match = re.exec(text);
  return match ? match.index + match[0].length : text.length;
}

function unquote(argument: string): string {
  const m = /^'((?:[^']|'')*)'|^"([^"]*)"|^(\S+)/.exec(argument);
  if (!m) return '';
  return m[1] !== undefined ? m[1].replace(/''/g, "'") : (m[2] ?? m[3] ?? '');
}
