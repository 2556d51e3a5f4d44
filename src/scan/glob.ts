// Minimal glob matching for include/exclude options: `**` any path, `*` any name part, `?` one
// character; matched against `/`-separated paths relative to the scanned directory. A pattern
// without `/` matches a name at any depth (like .gitignore).
function toRegExp(glob: string): RegExp {
  let pattern = glob.replace(/^\.\//, '').replace(/\/$/, '/**');
  if (!pattern.includes('/')) pattern = `**/${pattern}`;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}(?:/.*)?$`);
}

export function globMatcher(globs: readonly string[]): (relativePath: string) => boolean {
  const patterns = globs.map(toRegExp);
  return (path) => patterns.some((p) => p.test(path));
}

/** Skipped unless the user's include says otherwise: dependencies, build output, generated code, fixtures. */
export const DEFAULT_EXCLUDES: readonly string[] = [
  'node_modules',
  'dist',
  'build',
  'out',
  'coverage',
  '.git',
  '.next',
  'generated',
  '__generated__',
  '*.generated.ts',
  '*.d.ts',
  'fixtures',
  '__fixtures__',
  'test-fixtures',
];
