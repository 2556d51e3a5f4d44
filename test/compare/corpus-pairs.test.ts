// Real schema pairs (../shared/corpus/schemas/<project>/{source,target}.sql: two releases of five projects,
// used by path). Every finding was read and judged when these were written; the ones asserted here are
// the judgements, one or two per kind of difference, including spellings that must not be reported.
// The invariants hold on all of them: a schema compared with itself reports nothing, and swapping source
// and target reports the same objects.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compare } from '../../src/compare/index.js';
import type { Finding } from '../../src/findings/finding.js';
import { snapshotInput } from '../../src/input/index.js';

const CORPUS = join(import.meta.dirname, '../../../shared/corpus/schemas');

type Expected = [rule: string, severity: Finding['severity'], path: string];
const PAIRS: Record<string, { expected: Expected[]; absent: [rule: string, path: string][] }> = {
  umami: {
    expected: [
      ['json-type-changed', 'error', 'public.report.parameters'], // varchar(6000) → jsonb: non-JSON text is rejected
      ['column-type-changed', 'error', 'public.report.type'], // varchar(200) → varchar(50)
      ['column-missing', 'error', 'public.website.share_id'],
    ],
    absent: [],
  },
  pagila: {
    expected: [
      ['view-changed', 'error', 'public.actor_info'], // film_info text → jsonb
      ['column-type-changed', 'warning', 'public.language.name'], // character(20) → text
      ['column-type-changed', 'info', 'public.film.language_id'], // smallint → integer
      ['table-missing', 'error', 'public.payment_p2017_01'], // rows dated 2017 have no partition
    ],
    // ('now'::text)::date in the old dump is CURRENT_DATE in the new one
    absent: [['column-default-changed', 'public.customer.create_date']],
  },
  documenso: {
    expected: [
      ['column-extra', 'error', 'public.TeamGlobalSettings.id'], // NOT NULL, no default: old inserts omit it
      ['type-missing', 'error', 'public.TeamMemberInviteStatus'],
      ['column-nullability-changed', 'error', 'public.Webhook.teamId'],
    ],
    absent: [],
  },
  gisia: {
    expected: [
      ['sequence-missing', 'error', 'public.merge_request_diff_commits_id_seq'], // standalone, called by the app
      ['unique-missing', 'error', 'public.projects.index_projects_on_lower_name'],
      ['column-default-changed', 'warning', 'public.application_settings.personal_access_token_prefix'],
    ],
    absent: [],
  },
  musicbrainz: {
    expected: [
      ['check-constraint-changed', 'warning', 'musicbrainz.label.label_label_code_check'], // < 100000 → < 1000000
      ['index-changed', 'info', 'musicbrainz.edit_data.edit_data_idx_link_type'], // same name, another JSON path
      ['view-changed', 'warning', 'cover_art_archive.index_listing'], // the PDF filter is gone
    ],
    // the same index over other columns is one index-changed, not missing + extra
    absent: [['index-missing', 'musicbrainz.edit_data.edit_data_idx_link_type']],
  },
};

const pathOf = (f: Finding) => [f.object.schema, f.object.kind === 'table' || f.object.kind.endsWith('view') ? undefined : f.object.table, f.object.name].filter(Boolean).join('.');
const objects = (findings: readonly Finding[]) =>
  [...new Set(findings.filter((f) => !f.rule.endsWith('-renamed')).map((f) => `${f.object.schema}.${f.object.table ?? ''}`))].sort();

// why: CI has ../shared beside the project; a missing corpus must fail, not pass by testing nothing
if (!existsSync(CORPUS)) throw new Error(`${CORPUS} is missing: the corpus tests need ../shared next to the project`);

describe.each(Object.keys(PAIRS))('%s', (name) => {
  it('reports the judged differences, nothing for a schema against itself, and the same objects both ways', async () => {
    const source = (await snapshotInput(join(CORPUS, name, 'source.sql'))).snapshot;
    const target = (await snapshotInput(join(CORPUS, name, 'target.sql'))).snapshot;
    const findings = compare(source, target).findings;
    const reported = findings.map((f) => `${f.rule} ${f.severity} ${pathOf(f)}`);
    for (const [rule, severity, path] of PAIRS[name]!.expected) expect(reported).toContain(`${rule} ${severity} ${path}`);
    for (const [rule, path] of PAIRS[name]!.absent) expect(findings.filter((f) => f.rule === rule && pathOf(f) === path)).toEqual([]);
    expect(compare(source, source).findings).toEqual([]);
    expect(compare(target, target).findings).toEqual([]);
    const backward = compare(target, source).findings;
    expect(backward.length).toBe(findings.length);
    expect(objects(backward)).toEqual(objects(findings));
  }, 900_000);
});
