/**
 * GET /feed.xml?<filters>: an Atom feed of the newest events of any filtered view (the same
 * parameters as the timeline), for feed readers. A bad parameter gets a 400 with a plain-text reason.
 */
import type { NextRequest } from 'next/server';
import { getStore } from '@/db/index';
import { requestSite } from '@/lib/http/request-site';
import { renderAtomFeed } from '@/server/feeds/atom';
import { EXPORT_VISIBILITY, issuesAsText, parseExportRequest } from '@/server/http/export-request';
import { cacheHeadersFor, readAccess } from '@/server/auth/read-access';
import { describeFiltersText, filtersQueryString, isFiltered } from '@/lib/filters';

export const dynamic = 'force-dynamic';

const FEED_SIZE = 50;
/** Feed readers poll; a shared cache may answer them for this long, when the feed is public. */
const FEED_MAX_AGE = 300;

export async function GET(request: NextRequest) {
  const access = await readAccess('text');
  if (access.denied) return access.denied;
  const parsed = await parseExportRequest(getStore(), request.nextUrl.searchParams, []);
  if (!parsed.ok) {
    return new Response(issuesAsText(parsed.issues), { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...cacheHeadersFor(request, access.viewer) } });
  }
  const filters = { ...parsed.filters, sort: 'date' as const };
  const query = filtersQueryString(filters);
  const origin = requestSite(request.headers).origin;
  const items = await parsed.store.exports.newest(filters, EXPORT_VISIBILITY, FEED_SIZE);
  const view = isFiltered(filters) ? describeFiltersText(filters, parsed.lookups) : 'All events';
  const xml = renderAtomFeed({
    selfUrl: `${origin}/feed.xml${query ? `?${query}` : ''}`,
    viewUrl: `${origin}/${query ? `?${query}` : ''}`,
    origin,
    title: `Sanctions & Policy Tracker: ${view}`,
    subtitle: `The ${FEED_SIZE} newest events of this view, newest first.`,
    events: items,
  });
  return new Response(xml, {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', ...cacheHeadersFor(request, access.viewer, { sharedMaxAge: FEED_MAX_AGE }) },
  });
}
