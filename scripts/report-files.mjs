// The bundled example and where its reports live (shared by the regeneration script and its test).
export const EXAMPLE = {
  source: 'fixtures/salon/source.sql',
  target: 'fixtures/salon/target.sql',
  code: 'fixtures/salon/code',
  preset: 'supabase',
};
export const REPORT_FILES = {
  table: 'reports/salon.txt',
  markdown: 'reports/salon.md',
  json: 'reports/salon.json',
  sarif: 'reports/salon.sarif',
};
// Markdown links to code, relative to reports/
export const REPORT_CODE_ROOT = '../fixtures/salon/code';
