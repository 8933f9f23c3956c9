/**
 * What the current request may read, for the timeline's pages and routes: one place that asks the
 * session (lib/auth/viewer.ts), so that the page, the API and the exports agree.
 */
import 'server-only';
import { canSeeDrafts as roleCanSeeDrafts, getViewer, readAccessIsPublic } from '@/lib/auth/viewer';

/** Whether the viewer may see drafts (and filter by status): signed-in staff of any role. */
export async function canSeeDrafts(): Promise<boolean> {
  return roleCanSeeDrafts(await getViewer());
}

const SIGN_IN_MESSAGE = 'Sign in to read the tracker (READ_ACCESS=signed-in).';

/**
 * For route handlers that read published content: with READ_ACCESS=signed-in and no session,
 * the 401 to answer (as JSON or plain text); otherwise null.
 */
export async function readAccessDenied(format: 'json' | 'text'): Promise<Response | null> {
  if (readAccessIsPublic() || (await getViewer())) return null;
  return format === 'json'
    ? Response.json({ error: SIGN_IN_MESSAGE }, { status: 401, headers: { 'Cache-Control': 'no-store' } })
    : new Response(`${SIGN_IN_MESSAGE}\n`, { status: 401, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
