/**
 * What the current request may read, for the timeline's pages and routes: one place that asks the
 * session (lib/auth/viewer.ts), so that the page, the API and the exports agree; and the cache
 * headers of their answers, from lib/http/cache-policy.ts.
 */
import 'server-only';
import { getSessionCookie } from 'better-auth/cookies';
import type { Viewer } from '@/lib/auth/roles';
import { canSeeDrafts as roleCanSeeDrafts, getViewer, readAccessIsPublic } from '@/server/auth/viewer';
import { readCacheHeaders, type CacheHeaders } from '@/lib/http/cache-policy';

const SIGN_IN_MESSAGE = 'Sign in to read the tracker (READ_ACCESS=signed-in).';

/**
 * The cache headers for a read route's answer to this request: shareable only when reading is
 * public and the request carries no session (the same cookie test as proxy.ts), and the route allows it.
 */
export function cacheHeadersFor(
  request: Request | null,
  viewer: Viewer | null,
  answer: { staffView?: boolean; sharedMaxAge?: number } = {},
): CacheHeaders {
  const cookie = request !== null && getSessionCookie(request.headers, { cookiePrefix: 'tracker' }) !== null;
  return readCacheHeaders({ readIsPublic: readAccessIsPublic(), session: viewer !== null || cookie, ...answer });
}

function signInResponse(format: 'json' | 'text'): Response {
  const headers = cacheHeadersFor(null, null);
  return format === 'json'
    ? Response.json({ error: SIGN_IN_MESSAGE }, { status: 401, headers: { ...headers } })
    : new Response(`${SIGN_IN_MESSAGE}\n`, { status: 401, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers } });
}

/**
 * For route handlers that read: the 401 to answer when READ_ACCESS=signed-in and nobody is signed
 * in; otherwise the viewer (null when reading is public and nobody is signed in) and whether they
 * may see drafts. One session lookup: React's per-request `cache()` of getViewer does not reach into
 * route handlers, so asking twice would look the session up twice.
 */
export async function readAccess(
  format: 'json' | 'text',
): Promise<{ denied: Response } | { denied: null; viewer: Viewer | null; includeDrafts: boolean }> {
  const viewer = await getViewer();
  if (!viewer && !readAccessIsPublic()) return { denied: signInResponse(format) };
  return { denied: null, viewer, includeDrafts: roleCanSeeDrafts(viewer) };
}
