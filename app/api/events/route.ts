/**
 * POST /api/events `{ event }`: creates an event (editors; same validation as the form), answering
 * 201 with `{ id, version }`. Cross-site writes get 403 before anything is read.
 *
 * GET /api/events: the filtered timeline as JSON, with the same parameters as the page (see
 * lib/filters.ts and the README), plus `cursor` (from the previous page's `nextCursor`) and `limit`
 * (1-200, default 50). Dates come at their precision ("2011", "2023-03"), each with its precision
 * and `dateSortKey` (decision 0032). Any invalid or unknown parameter is a 400 naming it; the page, by contrast,
 * shows a notice and ignores the bad part. Answers are cached until the next write
 * (db/queries/events-page.ts); a request with `Cache-Control: no-cache` is computed afresh. Nothing
 * in the answer says whether it came from the cache: that would tell a reader whether someone else
 * opened the same view since the last write. Only with SERVER_TIMING=1 (for the benchmark) does
 * `Server-Timing` report the time of all the handler's database work (session, lookups, count, page).
 */
import { NextResponse, type NextRequest } from 'next/server';
import { getStore } from '@/db/index';
import { decodeTimelineCursor, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@/db/queries/timeline';
import type { ApiError } from '@/db/api-types';
import { FILTER_PARAMS, parseFilters, unknownParams, type FilterIssue } from '@/lib/filters';
import { cacheHeadersFor, readAccess } from '@/server/auth/read-access';
import { changeActor } from '@/lib/auth/roles';
import { env } from '@/lib/env';
import { wantsFresh } from '@/lib/http/cache-control';
import { jsonBody, RouteError, withStaff } from '@/server/http/staff-route';
import { readerTurn } from '@/server/http/write-first';
import { eventInputSchema } from '@/lib/validation/event';

export const dynamic = 'force-dynamic';

const PAGING_PARAMS = ['cursor', 'limit'] as const;

export async function GET(request: NextRequest) {
  const started = performance.now();
  const access = await readAccess('json');
  if (access.denied) return access.denied;
  // Behind any staff write under way (server/http/write-first.ts).
  const turn = readerTurn();
  if (turn) await turn;
  const params = request.nextUrl.searchParams;
  const viewer = { includeDrafts: access.includeDrafts };
  const store = getStore();

  const issues: FilterIssue[] = unknownParams(params, PAGING_PARAMS).map((param) => ({
    param,
    message: `Unknown parameter. Known parameters: ${[...FILTER_PARAMS, ...PAGING_PARAMS].join(', ')}.`,
  }));
  const resolved = await store.timeline.resolve(parseFilters(params), viewer);
  issues.push(...resolved.issues);
  // With as_recorded, the record as it stood then (db/derived/as-recorded.ts).
  const record = await store.recordFor(resolved.filters);
  issues.push(...record.issues);

  const cursorParam = params.get('cursor');
  const position = cursorParam ? decodeTimelineCursor(cursorParam, resolved.filters.sort) : null;
  if (cursorParam && !position) {
    issues.push({ param: 'cursor', message: 'Not a cursor this API returned for this sort order.' });
  }

  const limitParam = params.get('limit');
  const limit = limitParam === null ? DEFAULT_PAGE_SIZE : /^\d{1,4}$/.test(limitParam) ? Number(limitParam) : NaN;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    issues.push({ param: 'limit', message: `Must be a whole number from 1 to ${MAX_PAGE_SIZE}.` });
  }

  // Staff views (drafts, status=all) are never stored; nor is anything a session can change.
  const cache = cacheHeadersFor(request, access.viewer, { staffView: resolved.filters.status !== 'published' });
  if (issues.length > 0) {
    return NextResponse.json<ApiError>({ error: 'Invalid query parameters.', issues }, { status: 400, headers: { ...cache } });
  }

  const fresh = wantsFresh(request.headers.get('cache-control'));
  const body = await record.store.timeline.pageJson(resolved.filters, { ...viewer, position, limit, fresh });
  const headers = new Headers({ 'Content-Type': 'application/json', ...cache });
  if (env().SERVER_TIMING) headers.set('Server-Timing', `db;desc="queries";dur=${(performance.now() - started).toFixed(2)}`);
  // A Buffer is a Uint8Array; the DOM typings only want one backed by a plain ArrayBuffer.
  return new NextResponse(body as Uint8Array<ArrayBuffer>, { headers });
}

export const POST = withStaff('records:write', async ({ request, viewer }) => {
  const input = eventInputSchema.safeParse(((await jsonBody(request)) as { event?: unknown } | null)?.event);
  if (!input.success) {
    const issues = input.error.issues.map((i) => ({ param: ['event', ...i.path].join('.'), message: i.message }));
    throw new RouteError(400, 'The event is not valid; nothing was saved.', { issues });
  }
  const created = await getStore().events.create(input.data, changeActor(viewer));
  return NextResponse.json(created, { status: 201, headers: { Location: `/events/${created.id}` } });
});
