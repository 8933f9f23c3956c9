/**
 * GET /api/changes/count?since=ISO&<filters>: how many events of the filtered view were recorded
 * after `since`, for "N new since your last visit". Same filter parameters as GET /api/events; a
 * bad parameter is a 400 naming it.
 */
import { NextResponse, type NextRequest } from 'next/server';
import type { ApiError } from '@/db/api-types';
import { getStore } from '@/db/index';
import { FILTER_PARAMS, parseFilters, unknownParams, type FilterIssue } from '@/lib/filters';
import { parseMoment } from '@/lib/history/as-recorded';
import { cacheHeadersFor, readAccess } from '@/server/auth/read-access';

export const dynamic = 'force-dynamic';

export async function GET(request: NextRequest) {
  const access = await readAccess('json');
  if (access.denied) return access.denied;
  const params = request.nextUrl.searchParams;
  const viewer = { includeDrafts: access.includeDrafts };
  const issues: FilterIssue[] = unknownParams(params, ['since']).map((param) => ({
    param,
    message: `Unknown parameter. Known parameters: since, ${FILTER_PARAMS.join(', ')}.`,
  }));
  const filterParams = new URLSearchParams(params);
  filterParams.delete('since');
  const store = getStore();
  const resolved = await store.timeline.resolve(parseFilters(filterParams), viewer);
  issues.push(...resolved.issues);
  const since = parseMoment(params.get('since') ?? '', { name: 'since', endOfDay: false });
  if (!since.ok) issues.push({ param: 'since', message: since.message });
  const cache = cacheHeadersFor(request, access.viewer, { staffView: true });
  if (issues.length > 0 || !since.ok) {
    return NextResponse.json<ApiError>({ error: 'Invalid query parameters.', issues }, { status: 400, headers: { ...cache } });
  }
  const count = await store.timeline.countRecordedSince(since.iso, resolved.filters, viewer);
  return NextResponse.json({ since: since.iso, count }, { headers: { ...cache } });
}
