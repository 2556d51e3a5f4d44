// schema-diff.config.json: per-rule severity or off, ignore entries, schema filters, a preset, code
// scan globs. Every problem names the key, and the CLI exits 2: a typo must not silently widen a gate.
import { existsSync, readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { PRESETS } from './presets.js';

export type RuleSetting = 'error' | 'warning' | 'info' | 'off';

export interface Config {
  readonly schemas?: readonly string[];
  readonly excludeSchemas?: readonly string[];
  readonly preset?: string;
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  readonly ignore?: readonly { readonly rule: string; readonly object: string }[];
  readonly failOn?: 'error' | 'warning' | 'info' | 'none';
  readonly code?: { readonly include?: readonly string[]; readonly exclude?: readonly string[] };
}

export const DEFAULT_CONFIG_FILE = 'schema-diff.config.json';
const KEYS = ['$schema', 'schemas', 'excludeSchemas', 'preset', 'rules', 'ignore', 'failOn', 'code'];
const SETTINGS: readonly RuleSetting[] = ['error', 'warning', 'info', 'off'];

function stringList(value: unknown, key: string, file: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || v === '')) {
    throw new UsageError(`${file}: "${key}" must be a list of non-empty strings`);
  }
  return value as string[];
}

/** Pure: parsed JSON → Config. `knownRules` are the registered rule ids. */
export function validateConfig(json: unknown, file: string, knownRules: ReadonlySet<string>): Config {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new UsageError(`${file}: must be a JSON object`);
  const raw = json as Record<string, unknown>;
  for (const key of Object.keys(raw)) {
    if (!KEYS.includes(key)) throw new UsageError(`${file}: unknown key "${key}" (known: ${KEYS.slice(1).join(', ')})`);
  }
  const config: { -readonly [K in keyof Config]: Config[K] } = {};
  if (raw.schemas !== undefined) config.schemas = stringList(raw.schemas, 'schemas', file);
  if (raw.excludeSchemas !== undefined) config.excludeSchemas = stringList(raw.excludeSchemas, 'excludeSchemas', file);
  if (raw.preset !== undefined) {
    if (typeof raw.preset !== 'string' || !(raw.preset in PRESETS)) {
      throw new UsageError(`${file}: "preset" must be one of ${Object.keys(PRESETS).join(', ')}`);
    }
    config.preset = raw.preset;
  }
  if (raw.failOn !== undefined) {
    if (!['error', 'warning', 'info', 'none'].includes(raw.failOn as string)) {
      throw new UsageError(`${file}: "failOn" must be error, warning, info or none`);
    }
    config.failOn = raw.failOn as Config['failOn'];
  }
  if (raw.rules !== undefined) {
    if (raw.rules === null || typeof raw.rules !== 'object' || Array.isArray(raw.rules)) throw new UsageError(`${file}: "rules" must be an object`);
    const rules: Record<string, RuleSetting> = {};
    for (const [id, setting] of Object.entries(raw.rules as Record<string, unknown>)) {
      if (!knownRules.has(id)) throw new UsageError(`${file}: "rules.${id}" is not a known rule`);
      if (!SETTINGS.includes(setting as RuleSetting)) throw new UsageError(`${file}: "rules.${id}" must be error, warning, info or off`);
      rules[id] = setting as RuleSetting;
    }
    config.rules = rules;
  }
  if (raw.ignore !== undefined) {
    if (!Array.isArray(raw.ignore)) throw new UsageError(`${file}: "ignore" must be a list of { "rule", "object" }`);
    config.ignore = raw.ignore.map((entry: unknown, i: number) => {
      const e = entry as { rule?: unknown; object?: unknown } | null;
      if (!e || typeof e !== 'object' || typeof e.rule !== 'string' || typeof e.object !== 'string') {
        throw new UsageError(`${file}: "ignore[${i}]" must be { "rule": "<rule id or *>", "object": "schema.table[.name]" }`);
      }
      if (e.rule !== '*' && !knownRules.has(e.rule)) throw new UsageError(`${file}: "ignore[${i}].rule" "${e.rule}" is not a known rule`);
      return { rule: e.rule, object: e.object };
    });
  }
  if (raw.code !== undefined) {
    const code = raw.code as Record<string, unknown> | null;
    if (!code || typeof code !== 'object' || Array.isArray(code)) throw new UsageError(`${file}: "code" must be an object`);
    for (const key of Object.keys(code)) if (key !== 'include' && key !== 'exclude') throw new UsageError(`${file}: unknown key "code.${key}"`);
    config.code = {
      include: code.include === undefined ? undefined : stringList(code.include, 'code.include', file),
      exclude: code.exclude === undefined ? undefined : stringList(code.exclude, 'code.exclude', file),
    };
  }
  return config;
}

/** Read the config file: the one given (must exist), or schema-diff.config.json when present. */
export function loadConfig(path: string | undefined, knownRules: ReadonlySet<string>): Config {
  const file = path ?? DEFAULT_CONFIG_FILE;
  if (!path && !existsSync(file)) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`${file}: cannot read config file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file}: not valid JSON (${(error as Error).message})`);
  }
  return validateConfig(json, file, knownRules);
}
