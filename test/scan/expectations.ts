// Reads `// expect: rule-a, rule-b` comments from fixture code: each names the findings the line
// after it must produce. Comparing them with the scanner's findings tests recall and precision.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Finding } from '../../src/findings/finding.js';

export interface Expected {
  readonly file: string;
  readonly line: number;
  readonly rule: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx|js|mjs|cjs)$/.test(name) ? [path] : [];
  });
}

export function expectationsIn(codeDir: string): string[] {
  const result: string[] = [];
  for (const path of sourceFiles(codeDir)) {
    const file = relative(codeDir, path).split(sep).join('/');
    readFileSync(path, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const match = /\/\/\s*expect:\s*(.+)$/.exec(text);
        if (!match) return;
        for (const rule of match[1]!.split(',').map((r) => r.trim()).filter(Boolean)) {
          result.push(key({ file, line: i + 2, rule }));
        }
      });
  }
  return result.sort();
}

export function key(e: Expected): string {
  return `${e.file}:${e.line} ${e.rule}`;
}

export function findingKeys(findings: readonly Finding[]): string[] {
  return findings
    .map((f) => key({ file: f.locations?.[0]?.file ?? '?', line: f.locations?.[0]?.line ?? 0, rule: f.rule }))
    .sort();
}
