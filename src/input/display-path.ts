import { relative, sep } from 'node:path';

/** A path as users should see it: relative to the working directory when below it, `/` separators. */
export function displayPath(absolutePath: string): string {
  const rel = relative(process.cwd(), absolutePath);
  return (rel && !rel.startsWith('..') ? rel : absolutePath).split(sep).join('/');
}
