/**
 * What the current request may read, for the timeline's pages and routes: one place that asks the
 * session (lib/auth/viewer.ts), so that the page, the API and the exports agree.
 */
import 'server-only';
import { canSeeDrafts as roleCanSeeDrafts, getViewer, readAccessIsPublic } from '@/lib/auth/viewer';

const SIGN_IN_MESSAGE = 'Sign in to read the tracker (READ_ACCESS=signed-in).';

function signInResponse(format: 'json' | 'text'): Response {
  return format === 'json'
    ? Response.json({ error: SIGN_IN_MESSAGE }, { status: 401, headers: { 'Cache-Control': 'no-store' } })
    : new Response(`${SIGN_IN_MESSAGE}\n`, { status: 401, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}

/**
 * For route handlers that read published content: with READ_ACCESS=signed-in and no session,
 * the 401 to answer (as JSON or plain text); otherwise null.
 */
export async function readAccessDenied(format: 'json' | 'text'): Promise<Response | null> {
  if (readAccessIsPublic() || (await getViewer())) return null;
  return signInResponse(format);
}

/**
 * For route handlers that also show drafts to staff: the 401 to answer, or whether the viewer may
 * see drafts. One session lookup: React's per-request `cache()` of getViewer does not reach into
 * route handlers, so asking twice would look the session up twice.
 */
export async function readAccess(format: 'json' | 'text'): Promise<{ denied: Response } | { denied: null; includeDrafts: boolean }> {
  const viewer = await getViewer();
  if (!viewer && !readAccessIsPublic()) return { denied: signInResponse(format) };
  return { denied: null, includeDrafts: roleCanSeeDrafts(viewer) };
}
