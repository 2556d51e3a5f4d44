// Results → Markdown (for the README's Performance section) and JSON.
const seconds = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${(ms / 1000).toFixed(2)} s`);
const mb = (kb) => (kb ? `${Math.round(kb / 1024)} MB` : 'n/a');
const rate = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)}M` : `${Math.round(n / 1000)}k`);

function timeCell(row) {
  if (!row.time) return row.error ? 'failed (error in latest.json)' : 'not run';
  let text = seconds(row.time.median);
  if (row.lines) text += ` (${rate(row.lines / (row.time.median / 1000))} lines/s)`;
  return text;
}

const rangeCell = (row) => (row.time ? `${seconds(row.time.min)} – ${seconds(row.time.max)}` : '');

function barValue(bar) {
  if (bar.value === null || bar.value === undefined) return 'n/a';
  if (bar.unit === 'MB') return `${Math.round(bar.value)} MB`;
  return `${bar.value.toFixed(2)}x`;
}

export function markdown(result) {
  const { machine: m, versions: v } = result;
  const out = [];
  out.push(`# schema-diff benchmark`, '');
  out.push(
    `Measured ${result.date} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB (${m.os}); ` +
      `load average ${result.loadAverage.start.join(' ')} at the start, ${result.loadAverage.end.join(' ')} at the end. ` +
      `Median of ${result.params.reps} run${result.params.reps === 1 ? '' : 's'} per row, all rows in one run, repetitions interleaved.`,
  );
  out.push('');
  out.push(
    `Versions: schema-diff ${v.schemaDiff}; Node ${v.node}; PostgreSQL ${v.postgres} (server, 127.0.0.1); ${v.pgDump ?? 'pg_dump n/a'}; ` +
      `${v.psql ?? 'psql n/a'}; ${v.migra ?? 'migra n/a'}. Peak RSS via ${result.rssMethod}.`,
  );
  out.push('');
  out.push('Inputs:');
  for (const p of result.inputs) out.push(`- **${p.id}**: ${p.description}`);
  out.push('');
  out.push('| Measurement | Input | Tool | Median | Min – max | Peak RSS (median) |');
  out.push('|---|---|---|---:|---:|---:|');
  for (const row of result.rows) {
    out.push(`| ${row.measurement} | ${row.input} | ${row.tool} | ${timeCell(row)} | ${rangeCell(row)} | ${row.rss ? mb(row.rss.median) : 'n/a'} |`);
  }
  out.push('');
  if (result.bars.length > 0) {
    out.push('| Bar | Target | Measured | Met |');
    out.push('|---|---:|---:|:---:|');
    for (const bar of result.bars) {
      const met = bar.pass === null ? 'n/a' : bar.pass ? 'yes' : '**no**';
      out.push(`| ${bar.description} | ${bar.target} | ${barValue(bar)} | ${met} |`);
    }
    out.push('');
  }
  out.push(`Reproduce: \`${result.command}\``, '');
  return out.join('\n');
}
