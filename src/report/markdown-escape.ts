// Markdown building blocks that keep user text literal: identifiers, messages and SQL come from
// schemas and code we do not control, and must never turn into emphasis, links, tables or HTML.

/** Escape text for inline Markdown (GitHub Flavored). Intraword `_` stays, so `ai_context` reads as is. */
export function escapeText(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .replace(/[\\`*[\]|<~]/g, (c) => `\\${c}`)
    .replace(/_/g, (_c, offset: number, whole: string) => {
      const before = whole[offset - 1] ?? '';
      const after = whole[offset + 1] ?? '';
      // why: GFM never treats `_` between two alphanumerics as emphasis
      return /[\p{L}\p{N}]/u.test(before) && /[\p{L}\p{N}_]/u.test(after) ? '_' : '\\_';
    })
    .replace(/&(?=#?[a-zA-Z0-9]+;)/g, '&amp;');
}

/** Escape a paragraph that starts a line: leading `-`, `+`, `#`, `>`, `1.` would start a list, heading or quote. */
export function escapeParagraph(text: string): string {
  return escapeText(text).replace(/^([-+#=>]|\d+(?=[.)]))/, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
}

/** An inline code span that survives backticks in the content. */
export function codeSpan(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ');
  const longestRun = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced code block whose fence is longer than any backtick run inside. */
export function codeBlock(text: string, language = ''): string {
  const longestRun = Math.max(0, ...(text.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${text.replace(/\s+$/, '')}\n${fence}`;
}

/** Text inside HTML (`<summary>`), where Markdown is not parsed. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<details>` with a plain-text summary; a blank line on each side so GitHub renders the body as Markdown. */
export function details(summary: string, body: string): string {
  return `<details><summary>${escapeHtml(summary)}</summary>\n\n${body}\n\n</details>`;
}

/** A relative link target: each path segment percent-encoded, so spaces, `#` and `()` cannot break it. */
export function linkPath(file: string): string {
  return file
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/\(/g, '%28').replace(/\)/g, '%29'))
    .join('/');
}
