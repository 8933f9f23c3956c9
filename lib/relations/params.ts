/**
 * The relations board's URL (`/relations?with=SY&as_of=2019-06-01&from=2010&to=2023`), read
 * once for the page, `GET /api/relations` and the export: the page shows each issue as a notice
 * and uses the default instead; the API answers 400 with them.
 */
import { countryName, isCountryCode } from '@/lib/countries';
import { endOfPeriod, isIsoDay, isPlausibleDate, parsePartialDate, todayIso } from '@/lib/dates';

/** The seed is about Syria, so the board opens on it. */
export const DEFAULT_COUNTERPART = 'SY';
/** The band's default start: the Arab Spring and the isolation of Damascus. */
export const DEFAULT_FROM_YEAR = 2010;

export interface RelationsIssue {
  param: string;
  message: string;
}

export interface RelationsParams {
  counterpart: string;
  /** YYYY-MM-DD, the end of that day. */
  asOf: string;
  /** The band's first and last day. */
  from: string;
  to: string;
  issues: RelationsIssue[];
}

export const RELATIONS_PARAMS = ['with', 'as_of', 'from', 'to'] as const;

export function parseCounterpart(value: string | null, issues: RelationsIssue[]): string {
  if (value === null || value.trim() === '') return DEFAULT_COUNTERPART;
  const code = value.trim().toUpperCase();
  if (isCountryCode(code)) return code;
  issues.push({ param: 'with', message: `"${value.slice(0, 20)}" is not a country code (ISO 3166-1 alpha-2, e.g. SY for ${countryName('SY')}).` });
  return DEFAULT_COUNTERPART;
}

function parseAsOf(value: string | null, today: string, issues: RelationsIssue[]): string {
  if (value === null || value.trim() === '') return today;
  const v = value.trim();
  if (isIsoDay(v) && isPlausibleDate({ date: v, precision: 'day' })) return v;
  issues.push({ param: 'as_of', message: `"${value.slice(0, 20)}" is not a date: write it as YYYY-MM-DD, e.g. 2019-06-01.` });
  return today;
}

function parseBound(param: 'from' | 'to', value: string | null, issues: RelationsIssue[]): string | null {
  if (value === null || value.trim() === '') return null;
  const p = parsePartialDate(value);
  if (p && isPlausibleDate(p)) return param === 'from' ? p.date : endOfPeriod(p);
  issues.push({ param, message: `"${value.slice(0, 20)}" is not a date: write YYYY, YYYY-MM or YYYY-MM-DD.` });
  return null;
}

/** Reads the board's parameters; unknown parameters are reported too. */
export function parseRelationsParams(params: URLSearchParams, today: string = todayIso()): RelationsParams {
  const issues: RelationsIssue[] = [];
  const counterpart = parseCounterpart(params.get('with'), issues);
  const asOf = parseAsOf(params.get('as_of'), today, issues);
  let from = parseBound('from', params.get('from'), issues) ?? `${DEFAULT_FROM_YEAR}-01-01`;
  let to = parseBound('to', params.get('to'), issues) ?? `${today.slice(0, 4)}-12-31`;
  if (from > to) {
    issues.push({ param: 'to', message: 'The end of the period is before its start; both were reset.' });
    from = `${DEFAULT_FROM_YEAR}-01-01`;
    to = `${today.slice(0, 4)}-12-31`;
  }
  return { counterpart, asOf, from, to, issues };
}

/** Parameters the board does not know, as issues (the API refuses them; the page ignores them). */
export function unknownRelationsParams(params: URLSearchParams, known: readonly string[] = RELATIONS_PARAMS): RelationsIssue[] {
  const seen = new Set<string>();
  const issues: RelationsIssue[] = [];
  for (const key of params.keys()) {
    if (known.includes(key) || seen.has(key)) continue;
    seen.add(key);
    issues.push({ param: key.slice(0, 40), message: `Unknown parameter. Known parameters: ${known.join(', ')}.` });
  }
  return issues;
}
