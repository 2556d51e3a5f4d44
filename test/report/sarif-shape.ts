// The essentials of the SARIF 2.1.0 schema (required properties, enums, minimums) and the extra
// rules GitHub code scanning enforces on upload, checked without a network or a schema library.
// Returns the problems found, each with a JSON path; empty means valid.

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const LEVELS = ['none', 'note', 'warning', 'error'];

export function sarifProblems(log: Json, { github = true } = {}): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, path: string, what: string): void => {
    if (!ok) problems.push(`${path}: ${what}`);
  };
  const message = (m: Json, path: string): void => {
    need(isObject(m), path, 'message object required');
    if (isObject(m)) need(typeof m.text === 'string' || typeof m.id === 'string', path, 'message needs text or id');
  };
  const multiformat = (m: Json, path: string): void => {
    if (m === undefined) return;
    need(isObject(m) && typeof m.text === 'string', path, 'multiformatMessageString needs text');
  };

  need(isObject(log), '$', 'sarifLog must be an object');
  if (!isObject(log)) return problems;
  need(log.version === '2.1.0', '$.version', 'must be "2.1.0"');
  need(typeof log.$schema === 'string' && /^https?:\/\//.test(log.$schema), '$.$schema', 'must be a URI');
  need(Array.isArray(log.runs), '$.runs', 'array required');
  if (!Array.isArray(log.runs)) return problems;

  log.runs.forEach((run: Json, r) => {
    const rp = `$.runs[${r}]`;
    need(isObject(run), rp, 'run object required');
    if (!isObject(run)) return;
    const driver = isObject(run.tool) ? run.tool.driver : undefined;
    need(isObject(driver), `${rp}.tool.driver`, 'toolComponent required');
    if (!isObject(driver)) return;
    need(typeof driver.name === 'string' && driver.name !== '', `${rp}.tool.driver.name`, 'required');
    const rules = Array.isArray(driver.rules) ? (driver.rules as Json[]) : [];
    const ids = rules.map((rule, i) => {
      const path = `${rp}.tool.driver.rules[${i}]`;
      need(isObject(rule) && typeof rule.id === 'string', `${path}.id`, 'reportingDescriptor needs id');
      if (!isObject(rule)) return undefined;
      multiformat(rule.shortDescription, `${path}.shortDescription`);
      multiformat(rule.fullDescription, `${path}.fullDescription`);
      const config = rule.defaultConfiguration;
      if (isObject(config)) need(LEVELS.includes(config.level as string), `${path}.defaultConfiguration.level`, 'bad level');
      return rule.id;
    });
    need(new Set(ids).size === ids.length, `${rp}.tool.driver.rules`, 'ids must be unique');
    need(Array.isArray(run.results), `${rp}.results`, 'array expected');
    const results = Array.isArray(run.results) ? (run.results as Json[]) : [];

    results.forEach((result, i) => {
      const path = `${rp}.results[${i}]`;
      need(isObject(result), path, 'result object required');
      if (!isObject(result)) return;
      message(result.message, `${path}.message`);
      if (result.level !== undefined) need(LEVELS.includes(result.level as string), `${path}.level`, 'bad level');
      if (result.ruleIndex !== undefined) {
        need(Number.isInteger(result.ruleIndex) && (result.ruleIndex as number) >= -1, `${path}.ruleIndex`, 'integer >= -1');
        need(ids[result.ruleIndex as number] === result.ruleId, `${path}.ruleIndex`, 'must point at the rule with ruleId');
      }
      const fingerprints = result.partialFingerprints;
      if (fingerprints !== undefined) {
        need(isObject(fingerprints) && Object.values(fingerprints).every((v) => typeof v === 'string'), `${path}.partialFingerprints`, 'strings');
      }
      const locations = Array.isArray(result.locations) ? (result.locations as Json[]) : [];
      // GitHub: "locationFromSarifResult: expected at least one location" / "expected a physical location"
      if (github) need(locations.length > 0, `${path}.locations`, 'GitHub needs at least one location');
      locations.forEach((location, j) => {
        const lp = `${path}.locations[${j}]`;
        need(isObject(location), lp, 'location object required');
        if (!isObject(location)) return;
        const physical = location.physicalLocation;
        if (github) need(physical !== undefined, `${lp}.physicalLocation`, 'GitHub needs a physical location');
        if (isObject(physical)) {
          const artifact = physical.artifactLocation;
          need(isObject(artifact) || isObject(physical.address), lp, 'physicalLocation needs artifactLocation or address');
          if (isObject(artifact)) {
            const uri = artifact.uri;
            need(typeof uri === 'string' && uri !== '', `${lp}.artifactLocation.uri`, 'non-empty string');
            if (typeof uri === 'string') {
              need(!uri.includes('\\') && !/\s/.test(uri), `${lp}.artifactLocation.uri`, 'a URI reference: no backslashes or spaces');
              need(!uri.startsWith('/') && !/^[a-z]+:/i.test(uri), `${lp}.artifactLocation.uri`, 'relative to the source root');
            }
          }
          const region = physical.region;
          if (region !== undefined) {
            need(isObject(region), `${lp}.region`, 'object');
            if (isObject(region)) {
              for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn']) {
                if (region[key] !== undefined) need(Number.isInteger(region[key]) && (region[key] as number) >= 1, `${lp}.region.${key}`, 'integer >= 1');
              }
            }
          }
        }
        const logical = location.logicalLocations;
        if (logical !== undefined) {
          need(Array.isArray(logical) && logical.every(isObject), `${lp}.logicalLocations`, 'array of objects');
        }
      });
    });
  });
  return problems;
}
