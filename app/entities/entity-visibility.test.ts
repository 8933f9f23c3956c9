/**
 * Actors that only drafts name are not public (issue 10, item 3): the actor page, the actor search,
 * the suggestions, the filter chip and every export and feed treat them as missing for anyone but
 * staff, and an id that exists cannot be told from one that does not. They become public when a
 * published event involves them (or an editor makes them public), and hidden again when the only
 * published event is deleted. The real page, route handlers and database; only the session is faked.
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createEntity, updateEntity } from '@/db/mutations/entities';
import { createEvent, deleteEvent, restoreDeletedEvent, updateEvent } from '@/db/mutations/events';
import { getEntity } from '@/db/queries/entities';
import { resolveFilters } from '@/db/queries/filter-lookups';
import { getEntityHistory } from '@/db/queries/revisions';
import { entities } from '@/db/schema';
import { TEST_ACTOR } from '@/db/testing/test-db';
import { parseFilters } from '@/lib/filters';
import { entityInputSchema } from '@/lib/validation/entity';
import { eventInputSchema } from '@/lib/validation/event';
import { apiRequest, connection, freshDatabase, harness, readAnswer, signInAs } from '@/testing/harness';

vi.mock('@/db/index', async () => (await import('@/testing/harness')).dbModule());
vi.mock('@/server/auth/viewer', async () => {
  const mod = (await import('@/testing/harness')).viewerModule();
  return { ...mod, readerForPage: async () => mod.requireReadAccess() };
});
// The page's list of events is the timeline's, tested on its own; here only whether the page exists.
vi.mock('@/server/views/timeline', () => ({ timelineViewForRequest: async () => ({}) }));

const page = await import('./[id]/page');
const entitiesRoute = await import('@/app/api/entities/route');
const suggestRoute = await import('@/app/api/suggest/entities/route');
const eventsRoute = await import('@/app/api/events/route');
const csvRoute = await import('@/app/api/events/export/route');
const jsonRoute = await import('@/app/api/events/export.json/route');
const feedRoute = await import('@/app/feed.xml/route');

const MISSING = 999_999;
let draftOnly: number;
let draftEvent: number;

beforeEach(() => {
  freshDatabase();
  harness.readAccess = 'public';
  const db = connection().db;
  // As the event form does it: a new actor created inline, then a draft naming it.
  draftOnly = createEntity(db, entityInputSchema.parse({ kind: 'person', name: 'Nour Haddad', aliases: ['Abu Nour'] }), TEST_ACTOR).id;
  draftEvent = createEvent(
    db,
    eventInputSchema.parse({
      type: 'designation',
      title: 'Planned designation of Nour Haddad',
      date: '2024-05-01',
      status: 'draft',
      actors: [{ entityId: draftOnly, role: 'target' }],
    }),
    TEST_ACTOR,
  ).id;
});

/** What the actor page does for this viewer: its title, and whether it answered 404. */
async function openPage(id: number): Promise<{ title: unknown; notFound: boolean }> {
  const params = Promise.resolve({ id: String(id) });
  const { title } = await page.generateMetadata({ params });
  try {
    await page.default({ params });
    return { title, notFound: false };
  } catch (err) {
    if (err instanceof Error && 'digest' in err && String(err.digest).includes('404')) return { title, notFound: true };
    throw err;
  }
}

async function get(handler: (r: never) => Promise<Response> | Response, path: string) {
  return readAnswer(await handler(apiRequest('GET', path) as never));
}

/** An answer with the id written out as N: a hidden actor's must equal a missing one's. */
const withoutId = (body: string, id: number) => body.replaceAll(String(id), 'N');

describe('an actor that only a draft names', () => {
  it('is a 404 for the public, exactly like an id that does not exist, and a page for staff', async () => {
    signInAs(null);
    expect(await openPage(draftOnly)).toEqual({ title: 'Actor not found', notFound: true });
    expect(await openPage(MISSING)).toEqual({ title: 'Actor not found', notFound: true });
    signInAs('viewer');
    expect(await openPage(draftOnly)).toEqual({ title: 'Nour Haddad', notFound: false });
  });

  it('is not found by the actor search for the public, by name or alias; staff find it', async () => {
    signInAs(null);
    for (const q of ['nour', 'haddad', 'abu nour']) {
      expect(JSON.parse((await get(entitiesRoute.GET, `/api/entities?q=${encodeURIComponent(q)}`)).body)).toEqual({ items: [] });
    }
    signInAs('viewer');
    const staff = JSON.parse((await get(entitiesRoute.GET, '/api/entities?q=nour')).body) as { items: { id: number; eventCount: number }[] };
    expect(staff.items).toEqual([expect.objectContaining({ id: draftOnly, eventCount: 1 })]);
  });

  it('is never suggested to the public, which the suggestions refuse outright; staff get it', async () => {
    signInAs(null);
    const anonymous = await get(suggestRoute.GET, '/api/suggest/entities?q=nour');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).not.toMatch(/Haddad/);
    signInAs('viewer');
    expect(JSON.parse((await get(suggestRoute.GET, '/api/suggest/entities?q=nour')).body).items).toEqual([expect.objectContaining({ id: draftOnly })]);
  });

  it('gives the public no filter chip, and the same refusal as a missing id in the API, exports and feed', async () => {
    signInAs(null);
    const lookups = resolveFilters(connection().db, parseFilters(new URLSearchParams({ actor: String(draftOnly) })), { includeDrafts: false });
    expect(lookups.lookups.actors.size).toBe(0);
    expect(lookups.issues).toEqual([{ param: 'actor', message: `There is no actor #${draftOnly}.` }]);
    for (const [label, handler, path] of [
      ['the JSON API', eventsRoute.GET, '/api/events'],
      ['the CSV export', csvRoute.GET, '/api/events/export'],
      ['the JSON export', jsonRoute.GET, '/api/events/export.json'],
      ['the feed', feedRoute.GET, '/feed.xml'],
    ] as const) {
      const hidden = await get(handler as never, `${path}?actor=${draftOnly}`);
      const missing = await get(handler as never, `${path}?actor=${MISSING}`);
      expect(hidden.status, label).toBe(400);
      expect(withoutId(hidden.body, draftOnly), label).toBe(withoutId(missing.body, MISSING));
      expect(hidden.body, label).not.toMatch(/Haddad/);
    }
    const staff = resolveFilters(connection().db, parseFilters(new URLSearchParams({ actor: String(draftOnly) })), { includeDrafts: true });
    expect(staff.lookups.actors.get(draftOnly)).toBe('Nour Haddad');
    signInAs('viewer');
    expect((await get(eventsRoute.GET, `/api/events?actor=${draftOnly}&status=all`)).status).toBe(200);
  });

  it('becomes public when its draft is published, and hidden again when that event is deleted', async () => {
    const db = connection().db;
    signInAs(null);
    const published = updateEvent(
      db,
      draftEvent,
      eventInputSchema.parse({ type: 'designation', title: 'Designation of Nour Haddad', date: '2024-05-01', status: 'published', actors: [{ entityId: draftOnly, role: 'target' }] }),
      1,
      TEST_ACTOR,
    );
    expect(await openPage(draftOnly)).toEqual({ title: 'Nour Haddad', notFound: false });
    expect(JSON.parse((await get(entitiesRoute.GET, '/api/entities?q=nour')).body).items).toEqual([expect.objectContaining({ id: draftOnly, eventCount: 1 })]);
    expect((await get(csvRoute.GET, `/api/events/export?actor=${draftOnly}`)).status).toBe(200);

    const deleted = deleteEvent(db, draftEvent, published.version, TEST_ACTOR);
    expect(await openPage(draftOnly)).toEqual({ title: 'Actor not found', notFound: true });
    expect(JSON.parse((await get(entitiesRoute.GET, '/api/entities?q=nour')).body).items).toEqual([]);

    restoreDeletedEvent(db, draftEvent, deleted.version, TEST_ACTOR);
    expect((await openPage(draftOnly)).notFound).toBe(false);
  });

  it('is public when an editor makes it so, which its history records', async () => {
    const db = connection().db;
    const idle = createEntity(db, entityInputSchema.parse({ kind: 'organisation', name: 'Levant Shipping Co' }), TEST_ACTOR).id;
    signInAs(null);
    expect((await openPage(idle)).notFound).toBe(true);
    const current = getEntity(db, idle)!;
    updateEntity(db, idle, entityInputSchema.parse({ kind: current.kind, name: current.name, madePublic: true }), current.version, TEST_ACTOR);
    expect(await openPage(idle)).toEqual({ title: 'Levant Shipping Co', notFound: false });
    expect(JSON.parse((await get(entitiesRoute.GET, '/api/entities?q=levant')).body).items).toEqual([expect.objectContaining({ id: idle, eventCount: 0 })]);
    const history = getEntityHistory(db, idle);
    expect(history[0]).toMatchObject({ action: 'update', changes: [expect.objectContaining({ label: 'Made public by staff', before: null, after: 'Yes' })] });
  });

  it('follows a merged actor to the one it was merged into', async () => {
    const db = connection().db;
    signInAs(null);
    const qaddour = db.select({ id: entities.id }).from(entities).where(eq(entities.name, 'Khalid Qaddour')).get()!.id;
    db.update(entities).set({ mergedIntoId: qaddour }).where(eq(entities.id, draftOnly)).run();
    // The page redirects to the survivor, which is public; the merged record itself exists for the public.
    await expect(page.default({ params: Promise.resolve({ id: String(draftOnly) }) })).rejects.toThrow(/NEXT_REDIRECT/);
    expect(resolveFilters(db, parseFilters(new URLSearchParams({ actor: String(draftOnly) })), { includeDrafts: false }).filters.actors).toEqual([qaddour]);
  });

  it('costs one index seek per actor', () => {
    const plan = connection()
      .sqlite.prepare(
        `EXPLAIN QUERY PLAN SELECT id FROM entities WHERE made_public = 1 OR EXISTS (SELECT 1 FROM event_entities pe WHERE pe.entity_id = entities.id AND pe.event_visibility = 'published')`,
      )
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join('\n');
    expect(plan).toMatch(/SEARCH pe USING COVERING INDEX event_entities_lookup_idx \(entity_id=\? AND event_visibility=\?\)/);
  });
});
