/**
 * GET /api/relations/export?with=SY&rows=years|changes&from=2010&to=2023: the standings with one
 * counterpart as CSV (lib/csv/relations.ts; RFC 4180, formula-safe, UTF-8 with a byte-order mark
 * unless `bom=0`). `rows=years` (the default) gives one row per subject and year, as of 31
 * December, with the COW-style code; `rows=changes` the recorded changes dated in those years.
 * `from` defaults to 2010 and `to` to this year. A bad parameter is a 400 with a plain-text
 * reason, never a file.
 */
import type { NextRequest } from 'next/server';
import { getStore } from '@/db/index';
import { todayIso } from '@/lib/dates';
import { encodeCsv, UTF8_BOM } from '@/lib/csv/encode';
import { CHANGE_COLUMNS, changeRecord, DYAD_YEAR_COLUMNS, dyadYearRecord } from '@/lib/csv/relations';
import { DEFAULT_FROM_YEAR, parseCounterpart, unknownRelationsParams, type RelationsIssue } from '@/lib/relations/params';
import { cacheHeadersFor, readAccess } from '@/server/auth/read-access';

export const dynamic = 'force-dynamic';

const KNOWN = ['with', 'rows', 'from', 'to', 'bom'] as const;
const MAX_YEARS = 200;

function year(param: 'from' | 'to', value: string | null, fallback: number, issues: RelationsIssue[]): number {
  if (value === null || value === '') return fallback;
  if (/^\d{4}$/.test(value) && Number(value) >= 1900 && Number(value) <= 2100) return Number(value);
  issues.push({ param, message: `"${value.slice(0, 20)}" is not a year (YYYY, 1900 to 2100).` });
  return fallback;
}

export async function GET(request: NextRequest) {
  const access = await readAccess('text');
  if (access.denied) return access.denied;
  const cache = cacheHeadersFor(request, access.viewer, { staffView: access.includeDrafts });
  const params = request.nextUrl.searchParams;
  const issues = unknownRelationsParams(params, KNOWN);
  const counterpart = params.get('with') === null ? null : parseCounterpart(params.get('with'), issues);
  if (counterpart === null) issues.push({ param: 'with', message: 'Say which country the standings are with, e.g. with=SY.' });
  const rows = params.get('rows') ?? 'years';
  if (rows !== 'years' && rows !== 'changes') issues.push({ param: 'rows', message: 'Must be "years" (dyad-year rows) or "changes".' });
  const thisYear = Number(todayIso().slice(0, 4));
  const fromYear = year('from', params.get('from'), DEFAULT_FROM_YEAR, issues);
  const toYear = year('to', params.get('to'), thisYear, issues);
  if (fromYear > toYear) issues.push({ param: 'to', message: 'The last year is before the first.' });
  else if (toYear - fromYear >= MAX_YEARS) issues.push({ param: 'from', message: `At most ${MAX_YEARS} years in one file.` });
  const bom = params.get('bom');
  if (bom !== null && bom !== '0' && bom !== '1') issues.push({ param: 'bom', message: 'Must be 0 or 1.' });
  if (issues.length > 0 || counterpart === null) {
    const body = issues.map((i) => `${i.param}: ${i.message}`).join('\n');
    return new Response(`${body}\n`, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...cache } });
  }

  const data = await getStore().relations.exportRows({ counterpart, fromYear, toYear, includeDrafts: access.includeDrafts });
  const csv =
    rows === 'years'
      ? encodeCsv(DYAD_YEAR_COLUMNS, data.dyadYears.map(dyadYearRecord), { header: true })
      : encodeCsv(CHANGE_COLUMNS, data.changes.map(changeRecord), { header: true });
  const name = `standings-with-${counterpart}-${rows}-${fromYear}-${toYear}.csv`;
  return new Response((bom === '0' ? '' : UTF8_BOM) + csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      ...cache,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
