// The type-compatibility matrix: is changing a column from type A (source) to type B (target) widening
// (every value fits, info), narrowing (values fail or are rounded), or reinterpreting (values fit but read
// back or compare differently)? One place decides, so every rule judges a type change the same way.
import type { Severity } from '../findings/finding.js';
import type { TypeCategory } from '../snapshot/types.js';

export interface TypeInfo {
  /** format_type() output, e.g. `character varying(64)`, `numeric(12,2)`, `jsonb`, `public.status` */
  readonly type: string;
  readonly category?: TypeCategory;
  /** for a domain, its base type */
  readonly domainBaseType?: string | null;
}

export type TypeChangeKind = 'widening' | 'narrowing' | 'reinterpreting' | 'incompatible';

export interface TypeVerdict {
  readonly kind: TypeChangeKind;
  readonly severity: Severity;
  /** the consequence, to follow "X is A in source but B in target: " */
  readonly reason: string;
  /** json or jsonb on either side: reported by its own rule */
  readonly json: boolean;
}

export interface ParsedType {
  /** canonical name without modifiers: `character varying`, `timestamp with time zone`, `citext` */
  readonly name: string;
  readonly modifiers: readonly number[];
  readonly arrayDimensions: number;
}

const ALIASES: Record<string, string> = {
  character: 'bpchar',
  'timestamp without time zone': 'timestamp',
  'time without time zone': 'time',
};
// extension types print schema-qualified (`public.citext`); their meaning does not depend on the schema
const EXTENSION_TYPES = new Set(['citext']);

export function parseType(type: string): ParsedType {
  let name = type.trim();
  let arrayDimensions = 0;
  while (name.endsWith('[]')) {
    arrayDimensions += 1;
    name = name.slice(0, -2).trim();
  }
  const modifiers: number[] = [];
  name = name
    .replace(/\(\s*(-?\d+)(?:\s*,\s*(-?\d+))?\s*\)/, (_, a: string, b?: string) => {
      modifiers.push(Number(a));
      if (b !== undefined) modifiers.push(Number(b));
      return '';
    })
    .replace(/\s+/g, ' ')
    .trim();
  const unqualified = name.slice(name.lastIndexOf('.') + 1);
  if (EXTENSION_TYPES.has(unqualified)) name = unqualified;
  return { name: ALIASES[name] ?? name, modifiers, arrayDimensions };
}

const INTEGER_BITS: Record<string, number> = { smallint: 16, integer: 32, bigint: 64 };
const INTEGER_MAX: Record<string, string> = { smallint: '32767', integer: '2147483647', bigint: '9223372036854775807' };
const INTEGER_DIGITS: Record<string, number> = { smallint: 5, integer: 10, bigint: 19 };
const FLOAT_MANTISSA: Record<string, number> = { real: 24, 'double precision': 53 };
const STRINGS = new Set(['text', 'character varying', 'bpchar', 'citext', 'name']);
const JSON_TYPES = new Set(['json', 'jsonb']);
const DATETIMES = new Set(['timestamp', 'timestamp with time zone', 'date', 'time', 'time with time zone']);

const verdict = (kind: TypeChangeKind, severity: Severity, reason: string, json = false): TypeVerdict => ({
  kind,
  severity,
  reason,
  json,
});
const widening = (reason = 'wider, every value fits') => verdict('widening', 'info', reason);

/** Maximum length in characters, Infinity when unbounded. */
function maxLength(t: ParsedType): number {
  if (t.name === 'name') return 63;
  if (t.name === 'character varying' || t.name === 'bpchar') return t.modifiers[0] ?? (t.name === 'bpchar' ? 1 : Infinity);
  return Infinity;
}

function judgeJson(s: ParsedType, t: ParsedType): TypeVerdict {
  const json = (kind: TypeChangeKind, severity: Severity, reason: string) => verdict(kind, severity, reason, true);
  if (s.name === 'jsonb' && t.name === 'json')
    return json('reinterpreting', 'error', 'json has no jsonb operators (@>, ?, ?|, ?&) and no equality, so containment queries, DISTINCT and GROUP BY fail');
  if (s.name === 'json' && t.name === 'jsonb')
    return json('reinterpreting', 'warning', 'jsonb does not keep key order, duplicate keys or whitespace');
  if (JSON_TYPES.has(s.name) && STRINGS.has(t.name))
    return json('reinterpreting', 'error', 'values read back as strings and JSON operators (->, ->>, @>) fail');
  if (STRINGS.has(s.name) && JSON_TYPES.has(t.name))
    return json('reinterpreting', 'error', 'text that is not valid JSON is rejected and values read back as parsed JSON instead of strings');
  return json('incompatible', 'error', `${s.name} values are not ${t.name}: writes and reads that rely on the type fail`);
}

function judgeNumbers(s: ParsedType, t: ParsedType): TypeVerdict | null {
  const sInt = INTEGER_BITS[s.name];
  const tInt = INTEGER_BITS[t.name];
  if (sInt !== undefined && tInt !== undefined)
    return tInt > sInt ? widening() : verdict('narrowing', 'error', `values above ${INTEGER_MAX[t.name]} fail (integer out of range)`);
  if (sInt !== undefined && t.name === 'numeric') {
    const [p, sc = 0] = t.modifiers;
    if (p === undefined || p - sc >= (INTEGER_DIGITS[s.name] ?? 19)) return widening();
    return verdict('narrowing', 'error', `values with more than ${p - sc} digits fail (numeric field overflow)`);
  }
  if (s.name === 'numeric' && tInt !== undefined)
    return verdict('narrowing', 'error', 'fractions are rounded away and values beyond the integer range fail');
  if (s.name === 'numeric' && t.name === 'numeric') {
    const [p1, s1 = 0] = s.modifiers;
    const [p2, s2 = 0] = t.modifiers;
    if (p2 === undefined) return widening();
    if (p1 === undefined) return verdict('narrowing', 'error', `values beyond numeric(${p2},${s2}) fail and extra decimals are rounded`);
    if (p2 - s2 < p1 - s1) return verdict('narrowing', 'error', `values with more than ${p2 - s2} integer digits fail (numeric field overflow)`);
    if (s2 < s1) return verdict('narrowing', 'warning', `values are silently rounded to ${s2} decimal places`);
    return widening();
  }
  const sFloat = FLOAT_MANTISSA[s.name];
  const tFloat = FLOAT_MANTISSA[t.name];
  if (tFloat !== undefined && (sFloat !== undefined || sInt !== undefined)) {
    if ((sFloat ?? sInt ?? 64) <= tFloat) return widening();
    return verdict('narrowing', 'warning', `values lose precision: ${t.name} keeps about ${tFloat === 24 ? 6 : 15} significant digits`);
  }
  if (sFloat !== undefined && tInt !== undefined)
    return verdict('narrowing', 'error', 'fractions are rounded away and values beyond the integer range fail');
  if (sFloat !== undefined && t.name === 'numeric')
    return verdict('reinterpreting', 'warning', 'approximate values become exact decimals, rounded to the declared scale');
  if (s.name === 'numeric' && tFloat !== undefined)
    return verdict('reinterpreting', 'warning', 'exact decimals become approximate floating-point values');
  return null;
}

function judgeStrings(s: ParsedType, t: ParsedType): TypeVerdict | null {
  if (!STRINGS.has(s.name) || !STRINGS.has(t.name)) return null;
  if ((s.name === 'citext') !== (t.name === 'citext'))
    return verdict('reinterpreting', 'warning', `comparisons become case-${t.name === 'citext' ? 'in' : ''}sensitive, and so do unique keys on it`);
  const sLength = maxLength(s);
  const tLength = maxLength(t);
  if (tLength < sLength) return verdict('narrowing', 'error', `values longer than ${tLength} characters fail (value too long)`);
  if (s.name === 'bpchar' && t.name !== 'bpchar')
    return verdict('reinterpreting', 'warning', 'trailing blanks were padding and ignored in comparisons; now they are dropped or significant');
  if (t.name === 'bpchar' && s.name !== 'bpchar')
    return verdict('reinterpreting', 'warning', `values are blank-padded to ${tLength} characters and trailing blanks stop mattering`);
  return widening();
}

function judgeDatetimes(s: ParsedType, t: ParsedType): TypeVerdict | null {
  if (!DATETIMES.has(s.name) || !DATETIMES.has(t.name)) return null;
  if (s.name === t.name) {
    const [p1 = 6] = s.modifiers;
    const [p2 = 6] = t.modifiers;
    return p2 >= p1 ? widening() : verdict('narrowing', 'warning', `fractional seconds are rounded to ${p2} digits`);
  }
  const stamps = ['timestamp', 'timestamp with time zone'];
  if (s.name === 'timestamp with time zone' && t.name === 'timestamp')
    return verdict('narrowing', 'warning', 'the time zone is dropped: instants are stored as local time of the session and read back without an offset');
  if (s.name === 'timestamp' && t.name === 'timestamp with time zone')
    return verdict('reinterpreting', 'warning', 'local times are read as instants in the session time zone and come back with an offset');
  if (s.name === 'date' && stamps.includes(t.name))
    return verdict('reinterpreting', 'warning', 'dates gain a time of day (midnight) and read back as timestamps');
  if (stamps.includes(s.name) && t.name === 'date') return verdict('narrowing', 'error', 'the time of day is lost');
  if (s.name.startsWith('time') && t.name.startsWith('time') && !stamps.includes(s.name) && !stamps.includes(t.name))
    return verdict('reinterpreting', 'warning', 'times gain or lose their time zone offset');
  return null;
}

/** A domain's values are its base type's plus constraints: judge the bases, and never call a domain change harmless. */
function judgeDomains(source: TypeInfo, target: TypeInfo): TypeVerdict {
  const base = (info: TypeInfo): TypeInfo => (info.domainBaseType ? { type: info.domainBaseType } : info);
  const judged = judgeTypeChange(base(source), base(target));
  const constraints = !target.domainBaseType
    ? `the domain's constraints (${source.type}) no longer apply`
    : !source.domainBaseType
      ? `values must now satisfy the domain ${target.type}`
      : `another domain (${target.type}) with its own constraints`;
  if (!judged) return verdict('reinterpreting', 'warning', constraints);
  return { ...judged, severity: judged.severity === 'info' ? 'warning' : judged.severity, reason: `${constraints}, and ${judged.reason}` };
}

function judgeScalar(source: TypeInfo, target: TypeInfo, s: ParsedType, t: ParsedType): TypeVerdict {
  if (JSON_TYPES.has(s.name) || JSON_TYPES.has(t.name)) return judgeJson(s, t);
  if (source.domainBaseType || target.domainBaseType) return judgeDomains(source, target);
  const sEnum = source.category === 'enum';
  const tEnum = target.category === 'enum';
  if (sEnum && STRINGS.has(t.name))
    return verdict('reinterpreting', 'warning', 'any string is accepted, and values sort alphabetically instead of in enum order');
  if (tEnum && STRINGS.has(s.name)) return verdict('narrowing', 'error', `values that are not labels of ${target.type} are rejected`);
  if (sEnum && tEnum) return verdict('reinterpreting', 'warning', 'another enum type: casts to the old type fail and labels or order may differ');
  if (s.name === 'uuid' && STRINGS.has(t.name))
    return maxLength(t) < 36
      ? verdict('narrowing', 'error', `UUIDs are 36 characters and do not fit ${t.name}(${maxLength(t)})`)
      : verdict('reinterpreting', 'warning', 'comparisons with uuid values now need casts (operator does not exist: text = uuid)');
  if (STRINGS.has(s.name) && t.name === 'uuid') return verdict('narrowing', 'error', 'strings that are not UUIDs are rejected');
  const judged = judgeNumbers(s, t) ?? judgeStrings(s, t) ?? judgeDatetimes(s, t);
  if (judged) return judged;
  if (s.name === t.name)
    return verdict('reinterpreting', 'warning', `the type modifier changed from (${s.modifiers.join(',')}) to (${t.modifiers.join(',')})`);
  return verdict('incompatible', 'error', `${source.type} values are not ${target.type}: reads, writes and comparisons that rely on the type fail or convert`);
}

/** null when the two types are the same. */
export function judgeTypeChange(source: TypeInfo, target: TypeInfo): TypeVerdict | null {
  const s = parseType(source.type);
  const t = parseType(target.type);
  if (s.name === t.name && s.arrayDimensions === t.arrayDimensions && s.modifiers.join(',') === t.modifiers.join(',')) return null;
  const json = JSON_TYPES.has(s.name) || JSON_TYPES.has(t.name);
  if ((s.arrayDimensions === 0) !== (t.arrayDimensions === 0))
    return verdict(
      'incompatible',
      'error',
      s.arrayDimensions > 0 ? 'arrays become single values: array literals and operators fail' : 'single values become arrays: writes of plain values fail',
      json,
    );
  const element = judgeScalar(
    { ...source, category: s.arrayDimensions > 0 ? undefined : source.category },
    { ...target, category: t.arrayDimensions > 0 ? undefined : target.category },
    { ...s, arrayDimensions: 0 },
    { ...t, arrayDimensions: 0 },
  );
  if (s.arrayDimensions === 0) return element;
  return { ...element, reason: `array elements change: ${element.reason}` };
}
