/**
 * What changed since a date, as the page's query and its Atom feed give it: records created,
 * edited (with the fields), deleted and restored; filters that match a deleted event as it was;
 * drafts hidden from the public; the feed read back by a real feed parser. Only the session is
 * faked.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { XMLValidator } from 'fast-xml-parser';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { deleteEvent, restoreDeletedEvent, updateEvent } from '@/db/mutations/events';
import { updateEntity } from '@/db/mutations/entities';
import { createStandingChange } from '@/db/mutations/standings';
import { changesSince } from '@/db/queries/changes';
import { createTestDb, makeEntity, makeEvent, TEST_ACTOR } from '@/db/testing/test-db';
import { EMPTY_FILTERS, parseFilters } from '@/lib/filters';
import { eventInputSchema } from '@/lib/validation/event';
import { entityInputSchema } from '@/lib/validation/entity';
import type { Viewer } from '@/lib/auth/roles';

const harness = vi.hoisted(() => ({ conn: null as unknown as Connection }));
vi.mock('@/db/index', async () => {
  const { sqliteStore } = await import('@/db/store/sqlite');
  return { getDb: () => harness.conn.db, getConnection: () => harness.conn, getStore: () => sqliteStore(harness.conn), servingEngine: () => 'sqlite' as const, servingPostgres: () => null };
});
vi.mock('@/server/auth/viewer', () => ({
  getViewer: async () => null,
  readAccessIsPublic: () => true,
  canSeeDrafts: (viewer: Viewer | null) => viewer !== null,
}));
const feed = await import('./route');
const count = await import('../api/changes/count/route');

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 2, 1, 9);
const at = (days: number) => vi.setSystemTime(T0 + days * DAY);
const ids: Record<string, number> = {};

function input(title: string, extra: Record<string, unknown> = {}) {
  return eventInputSchema.parse({ type: 'statement', title, summary: `${title}.`, date: '2023-03-28', status: 'published', ...extra });
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  harness.conn = createTestDb();
  const db = harness.conn.db;
  at(0);
  const actor = makeEntity(db, { name: 'Khalid Qaddour' });
  const edited = makeEvent(db, { title: 'Embassy reopened', countries: [{ code: 'AE', role: 'actor' }] });
  const deleted = makeEvent(db, { title: 'Syrian statement', countries: [{ code: 'SY', role: 'actor' }] });
  const restored = makeEvent(db, { title: 'Restored designation', countries: [{ code: 'SY', role: 'target' }] });
  at(1);
  deleteEvent(db, restored.id, restored.version, TEST_ACTOR);
  // The window starts on day 5.
  at(6);
  updateEvent(db, edited.id, input('Embassy reopened in Damascus', { countries: [{ code: 'AE', role: 'actor' }, { code: 'SY', role: 'location' }] }), edited.version, TEST_ACTOR);
  deleteEvent(db, deleted.id, deleted.version, TEST_ACTOR);
  restoreDeletedEvent(db, restored.id, restored.version + 1, TEST_ACTOR);
  const created = makeEvent(db, { title: 'New Caesar Act designation', actors: [{ entityId: actor.id, role: 'target' }] });
  makeEvent(db, { title: 'A draft nobody outside sees', status: 'draft' });
  createStandingChange(
    db,
    { dyad: { subject: 'AE', counterpart: 'SY' }, date: '2018', status: 'in_effect', level: 'unknown', embassy: 'open', ambassadorRecalled: null, evidenceEventIds: [edited.id], note: null },
    TEST_ACTOR,
  );
  updateEntity(db, actor.id, entityInputSchema.parse({ kind: 'person', name: 'Khalid Qaddour', aliases: ['خالد قدور'] }), actor.version, TEST_ACTOR);
  Object.assign(ids, { edited: edited.id, deleted: deleted.id, restored: restored.id, created: created.id, actor: actor.id });
  at(8);
});
afterEach(() => {
  vi.useRealTimers();
  harness.conn.sqlite.close();
});

const since = T0 + 5 * DAY;

describe('what changed since a date', () => {
  it('lists events recorded, edited with their fields, deleted and restored, and actors edited', () => {
    const view = changesSince(harness.conn, since, Date.now(), EMPTY_FILTERS, {});
    const kinds = Object.fromEntries(view.events.map((c) => [c.title, c.kind]));
    expect(kinds).toEqual({
      'Embassy reopened in Damascus': 'edited',
      'Syrian statement': 'deleted',
      'Restored designation': 'restored',
      'New Caesar Act designation': 'created',
    });
    const edit = view.events.find((c) => c.id === ids.edited)!;
    expect(edit.fields.map((f) => f.field).sort()).toEqual(['countries', 'summary', 'title']);
    expect(edit.fields.find((f) => f.field === 'countries')!.added).toEqual([{ code: 'SY', role: 'location' }]);
    expect(view.events.find((c) => c.id === ids.deleted)!.live).toBe(false);
    expect(view.entities.map((e) => [e.name, e.kind, e.fields.map((f) => f.field)])).toEqual([['Khalid Qaddour', 'edited', ['aliases']]]);
    expect(view.standings.map((c) => [c.subject, c.counterpart, c.kind])).toEqual([['AE', 'SY', 'created']]);
    // Staff also see the draft.
    expect(changesSince(harness.conn, since, Date.now(), EMPTY_FILTERS, { includeDrafts: true }).events).toHaveLength(5);
  });

  it('filters with the timeline schema, matching a deleted event as it was', () => {
    const view = changesSince(harness.conn, since, Date.now(), parseFilters({ country: 'SY' }).filters, {});
    expect(view.events.map((c) => c.title).sort()).toEqual(['Embassy reopened in Damascus', 'Restored designation', 'Syrian statement']);
    expect(view.entities).toEqual([]);
    expect(view.standings).toEqual([]);
    const searched = changesSince(harness.conn, since, Date.now(), parseFilters({ q: 'statement' }).filters, {});
    expect(searched.events.map((c) => c.title)).toEqual(['Syrian statement']);
  });

  it('is empty for a window in which nothing changed', () => {
    const view = changesSince(harness.conn, Date.now() - 1000, Date.now(), EMPTY_FILTERS, {});
    expect(view.events).toEqual([]);
    expect(view.entities).toEqual([]);
  });

  it('serves the changes as an Atom feed that a feed parser reads, and refuses a malformed since', async () => {
    const response = await feed.GET(new NextRequest('http://127.0.0.1:3000/changes.xml?since=2024-03-06&country=SY', { headers: { host: '127.0.0.1:3000' } }));
    expect(response.status).toBe(200);
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parseFeed(xml);
    expect(parsed.items.map((i) => i.title).sort()).toEqual(['Deleted: Syrian statement', 'Edited: Embassy reopened in Damascus', 'Restored: Restored designation']);
    expect(parsed.items.find((i) => i.title === 'Edited: Embassy reopened in Damascus')!.url).toBe(`http://127.0.0.1:3000/events/${ids.edited}`);

    const bad = await feed.GET(new NextRequest('http://127.0.0.1:3000/changes.xml?since=last-week', { headers: { host: '127.0.0.1:3000' } }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('since');
  });

  it('counts what is new in a view since a visit, for "N new since your last visit"', async () => {
    const ask = async (query: string) => {
      const response = await count.GET(new NextRequest(`http://127.0.0.1:3000/api/changes/count?${query}`, { headers: { host: '127.0.0.1:3000' } }));
      return { status: response.status, body: (await response.json()) as { count?: number; issues?: { param: string }[] } };
    };
    expect(await ask('since=2024-03-06')).toMatchObject({ status: 200, body: { count: 1 } });
    expect(await ask('since=2024-03-06&country=SY')).toMatchObject({ status: 200, body: { count: 0 } });
    // Live and published now: the edited, the restored and the new one (not the deleted one, not the draft).
    expect(await ask('since=2024-02-01')).toMatchObject({ status: 200, body: { count: 3 } });
    const bad = await ask('since=soon');
    expect(bad.status).toBe(400);
    expect(bad.body.issues?.[0]?.param).toBe('since');
  });
});
