/** POST /api/events/:id/restore `{ version }`: brings a deleted event back (editor). */
import { NextResponse, type NextRequest } from 'next/server';
import { getDb } from '@/db/index';
import { restoreDeletedEvent } from '@/db/mutations/events';
import { parseId } from '@/db/queries/events';
import { changeActor } from '@/lib/auth/roles';
import { authorizeRequest, jsonError, mutationErrorResponse, readJson } from '@/server/http/staff-route';
import { expectedVersionSchema } from '@/lib/validation/event';

export const dynamic = 'force-dynamic';

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const viewer = await authorizeRequest(request, 'records:write');
  if (viewer instanceof NextResponse) return viewer;
  const id = parseId((await params).id);
  if (id === null) return jsonError(404, 'No event with this id.');
  const body = await readJson(request);
  if (!body.ok) return body.response;
  const version = expectedVersionSchema.safeParse((body.body as { version?: unknown } | null)?.version);
  if (!version.success) return jsonError(400, 'Say which version you are restoring: { "version": N }.');
  try {
    return NextResponse.json(restoreDeletedEvent(getDb(), id, version.data, changeActor(viewer)));
  } catch (err) {
    const response = mutationErrorResponse(err);
    if (response) return response;
    throw err;
  }
}
