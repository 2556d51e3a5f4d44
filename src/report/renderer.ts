// One format's reporter, loaded on its own. Why: the CLI's short compare path renders one format, and a
// JSON report needs neither the terminal table (cli-table3) nor SARIF's hashing nor the Markdown escaping
// (~5-10 ms of module loading that competes with the catalog reads for the client's one thread).
import type { Report } from '../findings/report.js';
import type { ReportFormat } from './formats.js';
import type { RenderOptions } from './index.js';

export type Renderer = (report: Report, options: RenderOptions) => string;

/** The same function `render(report, format, options)` runs for `format`. */
export async function loadRenderer(format: ReportFormat): Promise<Renderer> {
  switch (format) {
    case 'table':
      return (await import('./table.js')).renderTable;
    case 'markdown':
      return (await import('./markdown.js')).renderMarkdown;
    case 'json': {
      const { renderJson } = await import('./json.js');
      return (report) => renderJson(report);
    }
    case 'sarif':
      return (await import('./sarif.js')).renderSarif;
  }
}
