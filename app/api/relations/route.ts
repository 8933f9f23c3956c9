/**
 * GET /api/relations?with=SY&as_of=2019-06-01: every recorded standing with the counterpart as
 * of the end of that day (lib/relations/standing.ts), with the board's one-sentence summary.
 * `with` defaults to SY and `as_of` to today. Dates are written at their precision ("2018",
 * "2018-12", "2018-12-27") with the precision beside them (lib/relations/json.ts). An unknown
 * country, a malformed date or an unknown parameter is a 400 `{ error, issues }`. Same read access
 * and cache headers as GET /api/events; with SERVER_TIMING=1, `Server-Timing` reports the database work.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { getStore } from '@/db/index';
import { storeForParam } from '@/server/views/record';
import type { ApiError } from '@/db/api-types';
import { env } from '@/lib/env';
import { wantsFresh } from '@/lib/http/cache-control';
import { relationsJson } from '@/lib/relations/json';
import { parseRelationsParams, unknownRelationsParams } from '@/lib/relations/params';
import { cacheHeadersFor, readAccess } from '@/server/auth/read-access';

export const dynamic = 'force-dynamic';

const KNOWN = ['with', 'as_of', 'as_recorded'] as const;

export async function GET(request: NextRequest) {
  const started = performance.now();
  const access = await readAccess('json');
  if (access.denied) return access.denied;
  const params = request.nextUrl.searchParams;
  const parsed = parseRelationsParams(params);
  // `as_recorded`: the standings as the record held them then (decision 0034).
  const record = await storeForParam(params.get('as_recorded'));
  const issues = [...unknownRelationsParams(params, KNOWN), ...parsed.issues, ...(record?.issues ?? [])];
  // Staff see standings whose only evidence is a draft: such an answer is never shared.
  const cache = cacheHeadersFor(request, access.viewer, { staffView: access.includeDrafts });
  if (issues.length > 0) {
    return NextResponse.json<ApiError>({ error: 'Invalid query parameters.', issues }, { status: 400, headers: { ...cache } });
  }
  // Cached until the next write, as GET /api/events (decision 0012); `Cache-Control: no-cache` computes afresh.
  const fresh = wantsFresh(request.headers.get('cache-control'));
  const answer = await (record?.asRecorded ? record.store : getStore()).relations.asOf({ counterpart: parsed.counterpart, asOf: parsed.asOf, includeDrafts: access.includeDrafts }, { fresh });
  const headers = new Headers({ ...cache });
  if (env().SERVER_TIMING) headers.set('Server-Timing', `db;desc="queries";dur=${(performance.now() - started).toFixed(2)}`);
  return NextResponse.json(relationsJson(answer), { headers });
}
