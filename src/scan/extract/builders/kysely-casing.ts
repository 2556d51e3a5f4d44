// Kysely's CamelCasePlugin (https://kysely-org.github.io/kysely-apidoc/classes/CamelCasePlugin.html): the code
// names tables and columns in camelCase (`selectFrom('groupUsers').where('workspaceId', …)`) and the plugin
// turns every identifier into snake_case before the SQL is sent (`group_users`, `workspace_id`). Docmost: 579
// false unknown-table/unknown-column findings on its own schema before this was read.
// The plugin is given where the Kysely instance is built, which a query rarely shows (Nest injects the db
// into repositories), so a package that builds one with `new CamelCasePlugin(…)` anywhere in its own files
// has every Kysely query of the package read through it; `.withoutPlugins()` on a query turns it off.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { SCAN_PARSE_OPTIONS, ts } from '../../typescript.js';
import { DEFAULT_EXCLUDES } from '../../glob.js';
import { skipWrappers } from './chain.js';

export interface SnakeCaseOptions {
  readonly upperCase: boolean;
  readonly underscoreBeforeDigits: boolean;
  readonly underscoreBetweenUppercaseLetters: boolean;
}

/** What the plugin does to a name (kysely's createSnakeCaseMapper, same options). */
export function snakeCase(name: string, options: SnakeCaseOptions): string {
  if (name.length === 0) return name;
  const upper = name.toUpperCase();
  const lower = name.toLowerCase();
  let out = lower[0]!;
  for (let i = 1; i < name.length; i++) {
    const char = name[i]!;
    const prev = name[i - 1]!;
    if (options.underscoreBeforeDigits && isDigit(char) && !isDigit(prev) && !out.endsWith('_')) {
      out += `_${char}`;
      continue;
    }
    if (char === upper[i] && upper[i] !== lower[i]) {
      const prevIsUpper = prev === upper[i - 1] && upper[i - 1] !== lower[i - 1];
      out += options.underscoreBetweenUppercaseLetters || !prevIsUpper ? `_${lower[i]}` : lower[i];
    } else out += char;
  }
  return options.upperCase ? out.toUpperCase() : out;
}

function isDigit(char: string): boolean {
  return char >= '0' && char <= '9';
}

/** The plugin's options from `new CamelCasePlugin()` / `new CamelCasePlugin({ upperCase: true })`; 'unknown' when not literal. */
export function pluginOptions(expression: ts.NewExpression): SnakeCaseOptions | 'unknown' {
  const options = { upperCase: false, underscoreBeforeDigits: false, underscoreBetweenUppercaseLetters: false };
  const arg = expression.arguments?.[0] && skipWrappers(expression.arguments[0]);
  if (!arg) return options;
  if (!ts.isObjectLiteralExpression(arg)) return 'unknown';
  for (const property of arg.properties) {
    if (!ts.isPropertyAssignment(property) || !ts.isIdentifier(property.name)) return 'unknown';
    const key = property.name.text;
    const value = skipWrappers(property.initializer);
    if (key === 'maintainNestedObjectKeys') continue; // result objects only
    if (!(key in options)) return 'unknown';
    if (value.kind !== ts.SyntaxKind.TrueKeyword && value.kind !== ts.SyntaxKind.FalseKeyword) return 'unknown';
    (options as Record<string, boolean>)[key] = value.kind === ts.SyntaxKind.TrueKeyword;
  }
  return options;
}

/** `new CamelCasePlugin(…)` anywhere in a file (null when none; 'unknown' when its options are computed). */
export function pluginIn(sourceFile: ts.SourceFile): SnakeCaseOptions | 'unknown' | null {
  let found: SnakeCaseOptions | 'unknown' | null = null;
  const visit = (node: ts.Node): void => {
    if (found !== null) return;
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'CamelCasePlugin') found = pluginOptions(node);
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

const CODE = /\.(?:[mc]?[jt]s|tsx|jsx)$/;
const SKIPPED = new Set(DEFAULT_EXCLUDES.filter((e) => !e.includes('*')));
const byPackage = new Map<string, SnakeCaseOptions | 'unknown' | null>();

/** The nearest folder above the file with a package.json (the file's own folder when none). */
function packageFolder(path: string): string {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if (statSync(join(dir, 'package.json'), { throwIfNoEntry: false })?.isFile()) return dir;
    if (dirname(dir) === dir) return dirname(path);
  }
}

/**
 * The CamelCasePlugin the file's package builds its Kysely instance with, or null. Read once per package
 * (only when the package has Kysely queries): its code files are searched for the plugin's name first.
 */
export function kyselyCasingOf(path: string): SnakeCaseOptions | 'unknown' | null {
  const folder = packageFolder(path);
  if (byPackage.has(folder)) return byPackage.get(folder)!;
  let found: SnakeCaseOptions | 'unknown' | null = null;
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (found !== null) return;
      if (entry.name.startsWith('.') || SKIPPED.has(entry.name) || entry.name.endsWith('.d.ts')) continue;
      const full = join(dir, entry.name);
      // a package inside this one builds its own instances
      if (entry.isDirectory()) {
        if (!statSync(join(full, 'package.json'), { throwIfNoEntry: false })?.isFile()) walk(full);
      }
      else if (entry.isFile() && CODE.test(entry.name)) {
        const text = readFileSync(full, 'utf8');
        if (!text.includes('CamelCasePlugin')) continue;
        found = pluginIn(ts.createSourceFile(full, text, SCAN_PARSE_OPTIONS, false));
      }
    }
  };
  walk(folder);
  byPackage.set(folder, found);
  return found;
}
