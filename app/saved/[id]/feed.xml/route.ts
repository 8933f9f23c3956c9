/**
 * GET /saved/<id>/feed.xml?token=…: a saved view's private Atom feed, for feed readers (no session).
 * Anything but the view's current token is a 404, never a 401: the answer must not say that the
 * view exists (decision 0035).
 */
import type { NextRequest } from 'next/server';
import { getStore } from '@/db/index';
import { parseId } from '@/db/queries/events';
import { requestSite } from '@/lib/http/request-site';
import { savedViewFeed } from '@/server/feeds/saved-view-feed';

export const dynamic = 'force-dynamic';

const NOT_FOUND = 'No such feed. If you had this address, its token may have been replaced: copy the new address from your saved views.\n';

export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const id = parseId((await params).id);
  const token = request.nextUrl.searchParams.get('token');
  const xml = id === null ? null : await savedViewFeed(getStore(), id, token, requestSite(request.headers).origin);
  // The token is in the URL: no shared cache may keep the answer, and no referrer carries it on.
  const privateHeaders = { 'Cache-Control': 'private, no-store', 'Referrer-Policy': 'no-referrer', 'X-Robots-Tag': 'noindex' };
  if (xml === null) return new Response(NOT_FOUND, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...privateHeaders } });
  return new Response(xml, { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', ...privateHeaders } });
}
