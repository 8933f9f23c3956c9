/** POST /api/events/:id/restore `{ version }`: brings a deleted event back (editor). */
import { NextResponse } from 'next/server';
import { getStore } from '@/db/index';
import { changeActor } from '@/lib/auth/roles';
import { eventIdParam, jsonBody, RouteError, withStaff } from '@/server/http/staff-route';
import { expectedVersionSchema } from '@/lib/validation/event';

export const dynamic = 'force-dynamic';

export const POST = withStaff<{ id: string }>('records:write', async ({ request, viewer, params }) => {
  const id = eventIdParam(params.id);
  const version = expectedVersionSchema.safeParse(((await jsonBody(request)) as { version?: unknown } | null)?.version);
  if (!version.success) throw new RouteError(400, 'Say which version you are restoring: { "version": N }.');
  return NextResponse.json(await getStore().events.restoreDeleted(id, version.data, changeActor(viewer)));
});
