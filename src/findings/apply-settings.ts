// Config applied to findings: per-rule severity or off, and ignore entries by rule + object.
// Object patterns are dotted names (`public.clients.ai_context`, `public.clients`), `*` matching any run
// of characters; a table pattern also covers everything that belongs to the table.
import type { Finding, Severity } from './finding.js';

export interface FindingSettings {
  readonly rules?: Readonly<Record<string, Severity | 'off'>>;
  readonly ignore?: readonly { readonly rule: string; readonly object: string }[];
}

export function objectPath(f: Finding): string {
  const { schema, table, name } = f.object;
  return [schema, table, name].filter((p): p is string => p !== undefined && p !== '').join('.');
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export function applySettings(findings: readonly Finding[], settings: FindingSettings): Finding[] {
  const ignores = (settings.ignore ?? []).map((i) => ({ rule: i.rule, pattern: globToRegExp(i.object), prefix: globToRegExp(`${i.object}.*`) }));
  const out: Finding[] = [];
  for (const finding of findings) {
    const setting = settings.rules?.[finding.rule];
    if (setting === 'off') continue;
    const path = objectPath(finding);
    const ignored = ignores.some((i) => (i.rule === '*' || i.rule === finding.rule) && (i.pattern.test(path) || i.prefix.test(path)));
    if (ignored) continue;
    out.push(setting && setting !== finding.severity ? { ...finding, severity: setting } : finding);
  }
  return out;
}
