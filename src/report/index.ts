// Reporters: pure `(report) => string`. The CLI writes the string and sets the exit code.
import type { Report } from '../findings/report.js';
import type { RuleMeta } from '../findings/rule.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderTable } from './table.js';

import type { ReportFormat } from './formats.js';

export { REPORT_FORMATS, type ReportFormat } from './formats.js';

export interface RenderOptions {
  /** table only: ANSI colours; default false */
  readonly color?: boolean;
  /** table only: total width in columns; default 100 */
  readonly width?: number;
  /** rule metadata, for SARIF rule descriptions and default levels */
  readonly rules?: readonly RuleMeta[];
  /** markdown only: prefix for relative code links; default '' (relative to where the Markdown is read) */
  readonly codeRoot?: string;
}

export function render(report: Report, format: ReportFormat, options: RenderOptions = {}): string {
  switch (format) {
    case 'table':
      return renderTable(report, options);
    case 'markdown':
      return renderMarkdown(report, options);
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report, options);
  }
}

export { renderJson, renderMarkdown, renderSarif, renderTable };
