/**
 * GET /saved/<id>: opens a saved view. Marks it seen ("N new" counts from now) and goes to the
 * timeline with its filters. Another person's view, or one deleted, is a 404. While writes are
 * paused (a damaged file, decision 0037) it opens the view without marking it: nothing is written.
 */
import { redirect } from 'next/navigation';
import type { NextRequest } from 'next/server';
import { getStore } from '@/db/index';
import { MutationError } from '@/db/mutations/errors';
import { parseId } from '@/db/queries/events';
import { writeRefusal } from '@/db/engine/integrity';
import { getViewer, signInPath } from '@/server/auth/viewer';

export const dynamic = 'force-dynamic';

export async function GET(_request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const raw = (await params).id;
  const viewer = await getViewer();
  if (!viewer) redirect(signInPath(`/saved/${encodeURIComponent(raw)}`));
  const id = parseId(raw);
  let query: string | null = null;
  try {
    if (id !== null) query = writeRefusal() ? await getStore().savedViews.query(viewer.id, id) : await getStore().savedViews.markSeen(viewer.id, id);
  } catch (err) {
    if (!(err instanceof MutationError)) throw err;
  }
  if (query === null) return new Response('This saved view does not exist (it may have been deleted).\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  redirect(query ? `/?${query}` : '/');
}
