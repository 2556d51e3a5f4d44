// The report formats, in a module of their own: the CLI's short paths check --format without loading
// the reporters.
export type ReportFormat = 'table' | 'markdown' | 'json' | 'sarif';

export const REPORT_FORMATS: readonly ReportFormat[] = ['table', 'markdown', 'json', 'sarif'];
