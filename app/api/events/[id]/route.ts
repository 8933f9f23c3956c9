/**
 * One event as JSON, and the staff write API for it:
 * - GET: published events for everyone (unless READ_ACCESS=signed-in); drafts for staff.
 * - PUT `{ version, event }`: replaces the event's content (editor). `version` is the one the edit
 *   started from; a newer stored version answers 409 with `currentVersion`, and nothing changes.
 * - DELETE `?version=N`: soft delete (editor).
 * Writes from another site get 403 before anything is read.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { getStore } from '@/db/index';
import { parseId, type EventDetail } from '@/db/queries/events';
import type { EventDetailJson } from '@/db/api-types';
import { eventDatesToJson, toPartialIso } from '@/lib/dates';
import { AuthorizationError, canSeeDrafts, changeActor } from '@/lib/auth/roles';
import { requireReadAccess } from '@/server/auth/viewer';
import { eventIdParam, jsonBody, jsonError, RouteError, withStaff } from '@/server/http/staff-route';
import { eventInputSchema, expectedVersionSchema } from '@/lib/validation/event';
import { cacheHeadersFor } from '@/server/auth/read-access';

export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** Dates at their precision, the event's and its linked events' (db/api-types.ts). */
function eventDetailJson(event: EventDetail): EventDetailJson {
  return {
    ...eventDatesToJson(event),
    links: event.links.map((link) => ({
      ...link,
      event: { ...link.event, date: toPartialIso(link.event.date, link.event.datePrecision), dateSortKey: link.event.date },
    })),
  };
}

const NOT_FOUND = 'No event with this id (or it is not published).';

export async function GET(request: NextRequest, { params }: Context) {
  let viewer;
  try {
    viewer = await requireReadAccess();
  } catch (err) {
    if (err instanceof AuthorizationError) return jsonError(err.status, err.message);
    throw err;
  }
  const id = parseId((await params).id);
  const event = id === null ? null : await getStore().events.get(id, { includeDrafts: canSeeDrafts(viewer) });
  if (!event) return jsonError(404, NOT_FOUND);
  const json = eventDetailJson(event);
  const { createdBy: _c, updatedBy: _u, deletedAt: _d, ...rest } = json;
  const staffView = canSeeDrafts(viewer);
  return NextResponse.json(staffView ? json : rest, { headers: { ...cacheHeadersFor(request, viewer, { staffView }) } });
}

export const PUT = withStaff<{ id: string }>('records:write', async ({ request, viewer, params }) => {
  const id = eventIdParam(params.id);
  const raw = ((await jsonBody(request)) ?? {}) as { version?: unknown; event?: unknown };
  const version = expectedVersionSchema.safeParse(raw.version);
  const input = eventInputSchema.safeParse(raw.event);
  if (!version.success || !input.success) {
    const issues = [
      ...(version.success ? [] : version.error.issues.map((i) => ({ param: 'version', message: i.message }))),
      ...(input.success ? [] : input.error.issues.map((i) => ({ param: ['event', ...i.path].join('.'), message: i.message }))),
    ];
    throw new RouteError(400, 'The event is not valid; nothing was saved.', { issues });
  }
  return NextResponse.json(await getStore().events.update(id, input.data, version.data, changeActor(viewer)));
});

export const DELETE = withStaff<{ id: string }>('records:write', async ({ request, viewer, params }) => {
  const id = eventIdParam(params.id);
  const version = expectedVersionSchema.safeParse(request.nextUrl.searchParams.get('version'));
  if (!version.success) throw new RouteError(400, 'Say which version you are deleting: ?version=N.', { issues: [{ param: 'version', message: version.error.issues[0]!.message }] });
  return NextResponse.json(await getStore().events.delete(id, version.data, changeActor(viewer)));
});
