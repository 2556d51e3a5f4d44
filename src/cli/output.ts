import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { maskSecrets } from '../input/mask.js';

/** ANSI colours only for the terminal table written to a terminal, unless --no-color or NO_COLOR. */
export function useColor(args: { readonly color: boolean; readonly output?: string | undefined; readonly format: string }): boolean {
  return args.color && !process.env.NO_COLOR && !args.output && args.format === 'table' && Boolean(process.stdout.isTTY);
}

/** Notes (things worth knowing that change no finding) go to a terminal's stderr, never with --quiet. */
export function noteWriter(quiet: boolean): ((message: string) => void) | undefined {
  return quiet ? undefined : (m) => void (process.stderr.isTTY && process.stderr.write(`note: ${maskSecrets(m)}\n`));
}

/** Write to -o FILE (folders created) or stdout. */
export function writeOutput(text: string, file: string | undefined): void {
  if (!file) {
    process.stdout.write(text);
    return;
  }
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  } catch (error) {
    throw new UsageError(`-o ${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
