/**
 * One set of behaviour tests for the data-access interface, run on each engine (issue 16: "the
 * database tests of the unit suite run against both engines"): the seed in a SQLite file, and the
 * same seed copied into a PostgreSQL database of this file's own, each behind its store. What is
 * asserted is what a person would notice: who sees a draft, what the timeline and its total show,
 * what a stale save is told, what search finds, what delete and restore do.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDatabase } from '@/db/copy/copy';
import { bootstrapDatabase } from '@/db/engine/bootstrap';
import type { Connection } from '@/db/engine/client';
import { MutationError, VersionConflictError } from '@/db/mutations/errors';
import { inputFromSnapshot } from '@/db/mutations/events';
import { ImportRefusedError } from '@/db/import/import';
import { readCsvUpload } from '@/lib/csv/import';
import { toPartialIso } from '@/lib/dates';
import { proposalEntry as proposalEntryOf } from '@/db/lists/review';
import type { ListSource } from '@/lib/lists';
import { pgExportRows } from '@/db/pg/exports';
import { openReplicaSet, type ReplicaSet } from '@/db/pg/replicas';
import { createEventCsvStream } from '@/db/exports/csv';
import { decodeTimelineCursor } from '@/db/queries/timeline';
import { TEST_ACTOR } from '@/db/testing/test-db';
import { parseFilters } from '@/lib/filters';
import { eventInputSchema, type EventInput, type EventInputRaw } from '@/lib/validation/event';
import { entityInputSchema, type EntityInput, type EntityInputRaw } from '@/lib/validation/entity';
import { createTestPostgres, type TestPostgres } from '@/testing/postgres';
import { laterMark, postgresStore } from './postgres';
import { sqliteStore } from './sqlite';
import type { TrackerStore } from './store';

let dir: string;
let sqlite: Connection;
let database: TestPostgres;
let set: ReplicaSet;
const stores: Partial<Record<'sqlite' | 'postgres', TrackerStore>> = {};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-store-'));
  const file = path.join(dir, 'tracker.db');
  bootstrapDatabase({ path: file, seedOnEmpty: true, check: 'schema' }).sqlite.close();
  // Ordered as a managed server in the United States would order text, not byte by byte.
  database = await createTestPostgres('tracker_store', { icuLocale: 'en-US' });
  await copyDatabase(file, database.url);
  sqlite = bootstrapDatabase({ path: file, seedOnEmpty: false, check: 'schema' });
  set = await openReplicaSet(database.url, []);
  stores.sqlite = sqliteStore(sqlite);
  stores.postgres = postgresStore(set);
}, 120_000);

afterAll(async () => {
  sqlite?.sqlite.close();
  await set?.close();
  await database?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const RUN = String(Date.now());
const filters = (query = '') => parseFilters(new URLSearchParams(query)).filters;

const input = (raw: Partial<EventInputRaw> = {}): EventInput =>
  eventInputSchema.parse({ type: 'statement', title: 'A statement', summary: 'Something was said.', date: '2024-02-01', status: 'published', ...raw });

async function refusal(promise: Promise<unknown>): Promise<MutationError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MutationError);
  return err as MutationError;
}

describe.each(['sqlite', 'postgres'] as const)('the events store on %s', (engine) => {
  const store = () => stores[engine]!;

  it('says which engine it is', () => {
    expect(store().engine).toBe(engine);
  });

  it('shows a draft to staff only, and to everyone once published, first on the timeline with the total one higher', async () => {
    const before = await store().events.count(filters());
    const { id, version } = await store().events.create(input({ status: 'draft', title: 'Embassy to reopen in Damascus', date: '2030-01-15' }), TEST_ACTOR);
    expect(await store().events.get(id)).toBeNull();
    expect((await store().events.get(id, { includeDrafts: true }))?.title).toBe('Embassy to reopen in Damascus');
    expect(await store().events.count(filters())).toBe(before);

    const saved = await store().events.update(id, input({ title: 'Embassy to reopen in Damascus', date: '2030-01-15' }), version, TEST_ACTOR);
    expect(saved).toEqual({ id, version: 2, changed: true });
    expect(await store().events.count(filters())).toBe(before + 1);
    const page = await store().events.list(filters(), { limit: 3 });
    expect(page.items[0]).toMatchObject({ id, title: 'Embassy to reopen in Damascus', date: '2030-01-15' });
  });

  it('refuses a save from a stale version, says which is current, and keeps the first save', async () => {
    const { id } = await store().events.create(input({ title: 'Letter to the Secretary' }), TEST_ACTOR);
    await store().events.update(id, input({ title: 'Letter to the Secretary of State' }), 1, TEST_ACTOR);
    const err = await refusal(store().events.update(id, input({ title: 'Letter, second editor' }), 1, TEST_ACTOR));
    expect(err).toBeInstanceOf(VersionConflictError);
    expect(err).toMatchObject({ status: 409, currentVersion: 2, deleted: false });
    expect((await store().events.get(id))?.title).toBe('Letter to the Secretary of State');
  });

  it('writes nothing for a save that changes nothing', async () => {
    const { id } = await store().events.create(input({ title: 'Unchanged remarks' }), TEST_ACTOR);
    expect(await store().events.update(id, input({ title: 'Unchanged remarks' }), 1, TEST_ACTOR)).toEqual({ id, version: 1, changed: false });
    expect((await store().events.get(id))?.version).toBe(1);
  });

  it('refuses an actor that does not exist, names the field, and creates nothing', async () => {
    const before = await store().events.count(filters('status=all'), { includeDrafts: true });
    const err = await refusal(store().events.create(input({ actors: [{ entityId: 987_654, role: 'target' }] }), TEST_ACTOR));
    expect(err.status).toBe(400);
    expect(err.fieldErrors).toEqual({ 'actors.0.entityId': 'Actor #987654 does not exist.' });
    expect(await store().events.count(filters('status=all'), { includeDrafts: true })).toBe(before);
  });

  it('finds a new event by a word of its title, in either spelling', async () => {
    const { id } = await store().events.create(input({ title: 'Talks on normalisation with Damascus resume' }), TEST_ACTOR);
    for (const q of ['normalisation damascus', 'normalization', 'NORMALIS']) {
      const page = await store().events.list(filters(`q=${encodeURIComponent(q)}`));
      expect(page.items.map((e) => e.id), q).toContain(id);
    }
  });

  it('takes a deleted event off the timeline and brings it back on restore; a second restore is refused', async () => {
    const { id } = await store().events.create(input({ title: 'Withdrawn designation notice', date: '2030-02-01' }), TEST_ACTOR);
    expect(await store().events.delete(id, 1, TEST_ACTOR, 'Duplicate')).toEqual({ id, version: 2 });
    expect(await store().events.get(id)).toBeNull();
    expect((await store().events.get(id, { includeDeleted: true }))?.deletedAt).not.toBeNull();
    expect((await store().events.list(filters('q=withdrawn'))).items.map((e) => e.id)).not.toContain(id);
    const stale = await refusal(store().events.update(id, input(), 2, TEST_ACTOR));
    expect(stale.message).toMatch(/deleted: restore it/);

    expect(await store().events.restoreDeleted(id, 2, TEST_ACTOR)).toEqual({ id, version: 3 });
    expect((await store().events.get(id))?.title).toBe('Withdrawn designation notice');
    expect((await store().events.list(filters('q=withdrawn'))).items.map((e) => e.id)).toContain(id);
    expect((await refusal(store().events.restoreDeleted(id, 3, TEST_ACTOR))).message).toBe('This event is not deleted.');
  });

  it('restores an earlier version as a new one', async () => {
    const { id } = await store().events.create(input({ title: 'Arab League vote' }), TEST_ACTOR);
    await store().events.update(id, input({ title: 'Arab League vote on readmission' }), 1, TEST_ACTOR);
    const first = await firstRevisionId(engine, id);
    expect(await store().events.restoreRevision(id, first, 2, TEST_ACTOR)).toEqual({ id, version: 3, changed: true });
    expect((await store().events.get(id))?.title).toBe('Arab League vote');
    expect((await refusal(store().events.restoreRevision(id + 10_000, first, 1, TEST_ACTOR))).status).toBe(404);
  });

  it('keeps the history a person reads: each version with what it changed, newest first', async () => {
    const { id } = await store().events.create(input({ title: 'Joint statement on Damascus', links: [{ toEventId: 1, kind: 'related' }] }), TEST_ACTOR);
    await store().events.update(id, input({ title: 'Joint statement on Damascus, revised', links: [{ toEventId: 1, kind: 'related' }] }), 1, TEST_ACTOR);
    const history = await store().events.history(id);
    expect(history.map((h) => [h.version, h.action, h.actor, h.restorable])).toEqual([
      [2, 'update', TEST_ACTOR.label, false],
      [1, 'create', TEST_ACTOR.label, true],
    ]);
    expect(history[0]!.changes).toEqual([expect.objectContaining({ key: 'title', before: 'Joint statement on Damascus', after: 'Joint statement on Damascus, revised' })]);
    const linked = (await store().events.get(1))!.title;
    expect(history[1]!.changes).toContainEqual(expect.objectContaining({ kind: 'items', added: [expect.stringContaining(linked)] }));
    expect((await store().events.revisions(id)).map((r) => [r.version, r.action])).toEqual([
      [2, 'update'],
      [1, 'create'],
    ]);
  });

  it('gives the conflict view what it shows after a stale save: the stored version, the starting one, who changed it, names and titles', async () => {
    const { id } = await store().events.create(input({ title: 'Congressional letter' }), TEST_ACTOR);
    await store().events.update(id, input({ title: 'Congressional letter to State' }), 1, TEST_ACTOR);
    await refusal(store().events.update(id, input({ title: 'Mine' }), 1, TEST_ACTOR));
    const context = await store().events.conflictContext(id, 1, { actorIds: [987_654], linkIds: [1, 987_654] });
    expect(context.theirs).toMatchObject({ id, version: 2, title: 'Congressional letter to State' });
    expect(context.base).toMatchObject({ id, version: 1, title: 'Congressional letter' });
    expect(context.latest).toMatchObject({ actor: TEST_ACTOR.label });
    expect(context.actorNames).toEqual(new Map());
    expect(context.eventTitle(1)).toBe((await store().events.get(1))!.title);
    expect(context.eventTitle(987_654)).toBe('Event #987654');
  });

  it('pages through the timeline with its cursor, newest first, without repeating an event', async () => {
    const first = await store().events.list(filters(), { limit: 4 });
    expect(first.nextCursor).not.toBeNull();
    const second = await store().events.list(filters(), { limit: 4, position: decodeTimelineCursor(first.nextCursor!, 'date') });
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((e) => e.id)).size).toBe(8);
    const dates = all.map((e) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
  });
});

describe.each(['sqlite', 'postgres'] as const)('the timeline store on %s', (engine) => {
  const store = () => stores[engine]!;

  it('reports an actor or a tag that does not exist, and names the ones that do', async () => {
    const resolved = await store().timeline.resolve(parseFilters(new URLSearchParams('actor=987654&tag=no-such-tag&tag=caesar-act')), {});
    expect(resolved.issues).toEqual([
      { param: 'actor', message: 'There is no actor #987654.' },
      { param: 'tag', message: 'There is no tag “no-such-tag”.' },
    ]);
    expect(resolved.filters.actors).toEqual([]);
    expect([...resolved.lookups.tags.keys()]).toEqual(resolved.filters.tags);
  });

  it('offers the search that finds something when a misspelt one finds nothing', async () => {
    const view = await store().timeline.view(filters('q=qadour'), {});
    expect(view.total).toBe(0);
    expect(view.suggestion?.text).toMatch(/^qaddour$/i);
    expect((await store().timeline.view(filters(`q=${encodeURIComponent(view.suggestion!.text)}`), {})).total).toBeGreaterThan(0);
  });
});

describe.each(['sqlite', 'postgres'] as const)('saved views and webhooks on %s', (engine) => {
  const store = () => stores[engine]!;
  let owner: string;
  let other: string;

  beforeAll(async () => {
    owner = (await store().auth.createUser({ email: `owner-${engine}@example.org`, name: 'Owner', role: 'editor', password: 'correct horse battery' }, { hash: async () => 'x' })).id;
    other = (await store().auth.createUser({ email: `other-${engine}@example.org`, name: 'Other', role: 'editor', password: 'correct horse battery' }, { hash: async () => 'x' })).id;
  });

  it('counts what is new in a saved view since it was last opened, and starts again when it is opened', async () => {
    const { id } = await store().savedViews.create(owner, 'Captagon designations', 'q=captagon&type=designation');
    expect((await store().savedViews.list(owner, {})).map((v) => [v.name, v.newCount])).toEqual([['Captagon designations', 0]]);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store().events.create(input({ type: 'designation', title: 'Captagon network designated' }), TEST_ACTOR);
    await store().events.create(input({ type: 'statement', title: 'Captagon remarks' }), TEST_ACTOR);
    expect((await store().savedViews.list(owner, {}))[0]!.newCount).toBe(1);
    expect(await store().savedViews.markSeen(owner, id)).toBe('q=captagon&type=designation');
    expect((await store().savedViews.list(owner, {}))[0]!.newCount).toBe(0);
    await store().savedViews.rename(owner, id, 'Captagon');
    expect((await store().savedViews.list(owner, {}))[0]!.name).toBe('Captagon');
  });

  it("treats another person's view as missing", async () => {
    const { id } = await store().savedViews.create(owner, 'Mine', 'type=statement');
    const views = store().savedViews;
    for (const attempt of [() => views.rename(other, id, 'Theirs'), () => views.delete(other, id), () => views.markSeen(other, id), () => views.regenerateFeedToken(other, id)]) {
      expect(await refusal(attempt())).toMatchObject({ status: 404, message: 'This saved view does not exist (it may have been deleted).' });
    }
    expect(await store().savedViews.query(other, id)).toBeNull();
    expect(await store().savedViews.query(owner, id)).toBe('type=statement');
    expect(await store().savedViews.delete(owner, id)).toEqual({ name: 'Mine' });
    expect(await store().savedViews.query(owner, id)).toBeNull();
  });

  it('opens a private feed with its token until the token is revoked', async () => {
    const { id } = await store().savedViews.create(owner, 'Feed', 'country=SY');
    const token = await store().savedViews.regenerateFeedToken(owner, id);
    expect((await store().savedViews.byFeedToken(id, token))?.name).toBe('Feed');
    expect(await store().savedViews.byFeedToken(id, `${token.slice(0, -1)}x`)).toBeNull();
    const listed = (await store().savedViews.list(owner, {})).find((v) => v.id === id)!;
    expect(token.startsWith(listed.feedTokenPrefix!)).toBe(true);
    await store().savedViews.revokeFeedToken(owner, id);
    expect(await store().savedViews.byFeedToken(id, token)).toBeNull();
    expect((await store().savedViews.list(owner, {})).find((v) => v.id === id)).toMatchObject({ feedTokenPrefix: null, feedTokenRevokedAt: expect.any(String) });
  });

  it('subscribes a view to an enabled destination only, and logs what was queued for it', async () => {
    const hook = await store().webhooks.createDestination({ url: 'http://127.0.0.1:9/hook', label: `Team chat ${engine}` }, 'admin@example.org');
    expect(hook.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const off = await store().webhooks.createDestination({ url: 'http://127.0.0.1:9/off', label: `Off ${engine}` }, 'admin@example.org');
    await store().webhooks.setDestinationEnabled(off.id, false, 'Not used');
    expect((await store().webhooks.enabledDestinations()).map((d) => d.id)).toEqual(expect.arrayContaining([hook.id]));
    expect((await store().webhooks.enabledDestinations()).map((d) => d.id)).not.toContain(off.id);
    expect((await store().webhooks.destinations()).find((d) => d.id === off.id)).toMatchObject({ enabled: false, disabledReason: 'Not used' });
    expect((await refusal(store().webhooks.setDestinationEnabled(987_654, true))).status).toBe(404);

    const { id } = await store().savedViews.create(owner, 'Designations in Syria', 'type=designation&country=SY');
    expect((await refusal(store().savedViews.subscribe(owner, id, off.id))).fieldErrors).toEqual({ destinationId: 'Choose an available destination.' });
    await store().savedViews.subscribe(owner, id, hook.id);
    await store().savedViews.subscribe(owner, id, hook.id);
    expect((await store().savedViews.list(owner, {})).find((v) => v.id === id)!.subscriptions).toEqual([{ destinationId: hook.id, label: `Team chat ${engine}`, enabled: true }]);

    const { id: eventId } = await store().events.create(input({ type: 'designation', title: 'Officials designated', countries: [{ code: 'SY', role: 'target' }] }), TEST_ACTOR);
    expect((await store().savedViews.deliveriesOfOwner(owner, 50)).map((d) => [d.eventId, d.viewName, d.destinationLabel, d.state])).toEqual([[eventId, 'Designations in Syria', `Team chat ${engine}`, 'pending']]);
    expect((await store().webhooks.deliveriesTo(hook.id, 50)).map((d) => d.eventId)).toEqual([eventId]);
    await store().savedViews.unsubscribe(owner, id, hook.id);
    expect((await store().savedViews.list(owner, {})).find((v) => v.id === id)!.subscriptions).toEqual([]);
  });
});

describe.each(['sqlite', 'postgres'] as const)('accounts on %s', (engine) => {
  const auth = () => stores[engine]!.auth;
  const cheap = { hash: async () => 'not-a-real-hash' };

  it('never leaves the tracker without an admin, and never lets an admin remove themself', async () => {
    const first = await auth().createUser({ email: `first-admin-${engine}@example.org`, name: '', role: 'admin', password: 'correct horse battery' }, cheap);
    expect(await auth().countAdmins()).toBe(1);
    expect(await refusal(auth().setRole(first.id, 'editor'))).toMatchObject({ status: 409, message: 'This is the only admin: make someone else an admin first.' });
    expect(await refusal(auth().deleteUser(first.id, 'someone-else'))).toMatchObject({ status: 409, message: 'This is the only admin and cannot be removed.' });
    expect(await refusal(auth().deleteUser(first.id, first.id))).toMatchObject({ status: 409, message: 'You cannot remove your own account.' });

    const second = await auth().createUser({ email: `second-admin-${engine}@example.org`, name: 'Second', role: 'editor', password: 'correct horse battery' }, cheap);
    await auth().setRole(second.id, 'admin');
    expect(await auth().countAdmins()).toBe(2);
    await auth().setRole(first.id, 'viewer');
    expect((await auth().listUsers()).filter((u) => u.email.endsWith(`-admin-${engine}@example.org`)).map((u) => [u.email, u.role, u.lastSeenAt])).toEqual([
      [`first-admin-${engine}@example.org`, 'viewer', null],
      [`second-admin-${engine}@example.org`, 'admin', null],
    ]);
    await auth().deleteUser(first.id, second.id);
    expect((await auth().listUsers()).map((u) => u.email)).not.toContain(`first-admin-${engine}@example.org`);
    expect((await refusal(auth().setPassword(first.id, 'another long password', cheap))).status).toBe(404);
    await auth().setPassword(second.id, 'another long password', cheap);
  });
});

describe('both engines, side by side', () => {
  const VIEWS = ['', 'type=designation', 'country=SY', 'q=caesar', 'q=caesar&type=designation', 'from=2020&to=2023-06', 'status=all', 'sort=relevance&q=assad'];

  it.each(VIEWS)('show the same timeline view for "%s": page, total, chart, facets', async (query) => {
    const staff = query.includes('status=') ? { includeDrafts: true } : {};
    const options = { ...staff, withFacets: true, limit: 20 };
    const [a, b] = await Promise.all([stores.sqlite!.timeline.view(filters(query), options), stores.postgres!.timeline.view(filters(query), options)]);
    expect(a.total).toBeGreaterThan(0);
    expect(b.total).toBe(a.total);
    // Best match first ranks by bm25 on SQLite and ts_rank on PostgreSQL (decision 0043): the same events, not always in one order.
    const ids = (view: typeof a) => view.page.items.map((e) => e.id);
    const order = (list: number[]) => (query.includes('relevance') ? [...list].sort((x, y) => x - y) : list);
    expect(order(ids(b))).toEqual(order(ids(a)));
    expect(b.chart).toEqual(a.chart);
    expect(b.facets).toEqual(a.facets);
  });

  it.each(VIEWS)('answer GET /api/events for "%s" with the same JSON', async (query) => {
    const staff = query.includes('status=') ? { includeDrafts: true } : {};
    // Best match first: the whole set on one page, since the engines may rank its tail differently.
    const options = { ...staff, position: null, limit: query.includes('relevance') ? 50 : 10 };
    const [a, b] = await Promise.all([stores.sqlite!.timeline.pageJson(filters(query), options), stores.postgres!.timeline.pageJson(filters(query), options)]);
    // The events these tests wrote were written a moment apart on each engine.
    const answer = (body: Buffer) => JSON.parse(body.toString('utf8'), (key, value) => (/^(created|updated)At$/.test(key) ? 'time' : value));
    const order = (json: { items: { id: number }[] }) => (query.includes('relevance') ? { ...json, items: [...json.items].sort((x, y) => x.id - y.id) } : json);
    expect(order(answer(b))).toEqual(order(answer(a)));
  });

  it('show the same record as it stood before these tests wrote anything, rebuilt from either history', async () => {
    // The seed's last revision: everything after it was written by the tests above.
    const seeded = sqlite.sqlite.prepare(`SELECT max(created_at) FROM revisions WHERE user_id IS NULL OR actor = 'seed script'`).pluck().get() as string;
    const asOf = filters(`as_recorded=${encodeURIComponent(seeded)}`);
    const [pastA, pastB] = await Promise.all([stores.sqlite!.recordFor(asOf), stores.postgres!.recordFor(asOf)]);
    expect(pastA.issues).toEqual([]);
    expect(pastB.issues).toEqual([]);
    expect(pastB.asRecorded).toEqual(pastA.asRecorded);
    expect(pastB.store).not.toBe(stores.postgres);
    const [viewA, viewB] = await Promise.all([pastA.store.timeline.view(pastA.filters, { withFacets: true, limit: 20 }), pastB.store.timeline.view(pastB.filters, { withFacets: true, limit: 20 })]);
    expect(viewB).toEqual(viewA);
    expect(viewA.total).toBeLessThan(await stores.sqlite!.events.count(filters()));
    // The first test's event, dated January 2030, is on today's record and not on the past one.
    const january2030 = { ...filters('from=2030-01&to=2030-01'), asRecorded: pastB.filters.asRecorded };
    expect(await stores.postgres!.events.count({ ...january2030, asRecorded: null })).toBeGreaterThan(0);
    expect(await pastB.store.events.count(january2030)).toBe(0);
    const board = { counterpart: 'SY', asOf: '2023-06-01', from: '2011-01-01', to: '2024-12-31', includeDrafts: false };
    expect(await pastB.store.relations.board(board)).toEqual(await pastA.store.relations.board(board));

    const before = await stores.postgres!.recordFor(filters('as_recorded=2001-01-01'));
    expect(before.store).toBe(stores.postgres);
    expect(before.filters.asRecorded).toBeNull();
    expect(before.issues[0]).toMatchObject({ param: 'as_recorded', message: (await stores.sqlite!.recordFor(filters('as_recorded=2001-01-01'))).issues[0]!.message });
    expect((await stores.postgres!.recordFor(filters())).issues).toEqual([]);
  });

  it('list the same changes since the seed, unfiltered and filtered, with the same differences', async () => {
    const seeded = sqlite.sqlite.prepare(`SELECT max(created_at) FROM revisions`).pluck().get() as string;
    const since = Date.parse(seeded) - 1;
    const until = Date.now() + 1000;
    // The seed's own revisions and the tests' writes, moments apart on each engine.
    const times = <T>(value: T): T => JSON.parse(JSON.stringify(value), (key, v) => (/^(at|since)$/.test(key) ? 'time' : v));
    for (const query of ['', 'type=statement', 'q=embassy']) {
      const [a, b] = await Promise.all([stores.sqlite!.timeline.changes(since - 3_600_000, until, filters(query), {}), stores.postgres!.timeline.changes(since - 3_600_000, until, filters(query), { })]);
      expect(a.events.length).toBeGreaterThan(0);
      expect(times(b)).toEqual(times(a));
    }
    const staff = await stores.postgres!.timeline.changes(since - 3_600_000, until, filters(), { includeDrafts: true });
    expect(times(staff)).toEqual(times(await stores.sqlite!.timeline.changes(since - 3_600_000, until, filters(), { includeDrafts: true })));
    expect(await stores.postgres!.timeline.firstRecordedAt()).toBe(await stores.sqlite!.timeline.firstRecordedAt());
  });

  it('list an event edited out of a filtered view, found as it stood when the window opened', async () => {
    const seedEvent = sqlite.sqlite.prepare(`SELECT min(id) FROM events WHERE type = 'designation' AND deleted_at IS NULL AND status = 'published'`).pluck().get() as number;
    const since = Date.now() - 1;
    for (const store of [stores.sqlite!, stores.postgres!]) {
      const current = (await store.events.get(seedEvent))!;
      const { theirs } = await store.events.conflictContext(seedEvent, current.version, { actorIds: [], linkIds: [] });
      await store.events.update(seedEvent, { ...inputFromSnapshot(theirs, (id) => id), type: 'statement', title: 'Recast as a statement while the window was open' }, current.version, TEST_ACTOR);
    }
    const until = Date.now() + 1000;
    const view = filters('type=designation');
    for (const store of [stores.sqlite!, stores.postgres!]) {
      expect((await store.events.list(view, { limit: 200 })).items.map((e) => e.id)).not.toContain(seedEvent);
      const changed = await store.timeline.changes(since, until, view, {});
      expect(changed.events.map((e) => [e.id, e.kind, e.title])).toEqual([[seedEvent, 'edited', 'Recast as a statement while the window was open']]);
    }
  });

  it('plan the same import of the whole exported timeline, and of it with one row retitled and one repeated as new', async () => {
    const exported = await new Response(createEventCsvStream(stores.sqlite!.exports.rows(filters(), {}), { bom: true, origin: 'https://t.example' })).text();
    const rows = csvRows(exported);
    const [a, b] = await Promise.all([stores.sqlite!.imports.plan(rows, 'all.csv', []), stores.postgres!.imports.plan(rows, 'all.csv', [])]);
    expect(a.counts).toMatchObject({ create: 0, update: 0, error: 0 });
    expect(a.counts.unchanged).toBe(rows.length);
    expect({ ...b, digest: 'x' }).toEqual({ ...a, digest: 'x' });

    const edited = [{ ...rows[0]!, cells: { ...rows[0]!.cells, title: 'Retitled by the import' } }, ...rows.slice(1), { line: rows.length + 2, cells: { ...rows[1]!.cells, id: '' } }];
    const [c, d] = await Promise.all([stores.sqlite!.imports.plan(edited, 'all.csv', []), stores.postgres!.imports.plan(edited, 'all.csv', [])]);
    expect(c.counts).toMatchObject({ create: 1, update: 1, error: 0 });
    expect(c.rows.at(-1)!.warnings[0]?.message).toMatch(/^Looks like event #/);
    expect({ ...d, digest: 'x' }).toEqual({ ...c, digest: 'x' });
  });

  it('hold the same timeline after the same writes', async () => {
    const [a, b] = await Promise.all([stores.sqlite!.events.list(filters(), { limit: 50 }), stores.postgres!.events.list(filters(), { limit: 50 })]);
    const strip = (page: typeof a) => page.items.map(({ id, title, date, countries, actors, tags }) => ({ id, title, date, countries, actors, tags }));
    expect(strip(b)).toEqual(strip(a));
    expect(await stores.postgres!.events.count(filters())).toBe(await stores.sqlite!.events.count(filters()));
  });
});

describe('exports, feeds and suggestions on both engines', () => {
  const EXPORT_VIEWS = ['', 'type=designation', 'country=SY&role=target', 'q=caesar', 'from=2020&to=2023-06', 'tag=caesar-act'];
  const masked = (rows: { createdAt: string; updatedAt: string }[]) => rows.map((r) => ({ ...r, createdAt: 'time', updatedAt: 'time' }));
  const all = async <T>(batches: AsyncIterable<T[]>) => {
    const out: T[] = [];
    for await (const batch of batches) out.push(...batch);
    return out;
  };

  beforeAll(async () => {
    // A tag and a source title with the cells' separator in them, on both engines alike.
    for (const store of [stores.sqlite!, stores.postgres!]) {
      await store.events.create(
        input({ title: 'Caesar Act designations; second round', tags: ['caesar-act', 'Assets; frozen', 'aid convoy'], date: '2021-07-28', sources: [{ url: 'https://example.org/a;b', title: 'Notice; part 1' }] }),
        TEST_ACTOR,
      );
    }
  });

  it.each(EXPORT_VIEWS)('export the same rows and the same CSV for "%s"', async (query) => {
    const [a, b] = await Promise.all([all(stores.sqlite!.exports.rows(filters(query), {})), all(stores.postgres!.exports.rows(filters(query), {}))]);
    expect(a.length).toBeGreaterThan(0);
    expect(masked(b)).toEqual(masked(a));
    expect(a.every((r) => r.status === 'published')).toBe(true);
    const csv = async (store: TrackerStore) =>
      (await new Response(createEventCsvStream(store.exports.rows(filters(query), {}), { bom: false, origin: 'https://t.example' })).text()).replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'time');
    expect(await csv(stores.postgres!)).toBe(await csv(stores.sqlite!));
  });

  it('escapes the separator inside a cell and orders values byte by byte, the same way on both', async () => {
    for (const store of [stores.sqlite!, stores.postgres!]) {
      const [row] = await all(store.exports.rows(filters('q=second round'), {}));
      expect(row).toMatchObject({ tags: 'Assets\\; frozen; Caesar Act; aid convoy', sourceUrls: 'https://example.org/a\\;b', sourceTitles: 'Notice\\; part 1' });
    }
  });

  it('reads PostgreSQL\'s export in batches that join up without a gap or a repeat', async () => {
    const whole = await all(stores.postgres!.exports.rows(filters(), {}));
    const inSevens = await all(pgExportRows(set.primary.db, filters(), {}, 7));
    expect(inSevens.map((r) => r.id)).toEqual(whole.map((r) => r.id));
    expect(new Set(whole.map((r) => r.id)).size).toBe(whole.length);
  });

  it('give the JSON export every event of the view as the API shows it, and the feed its newest', async () => {
    for (const query of ['', 'type=designation']) {
      const [a, b] = await Promise.all([all(stores.sqlite!.exports.summaries(filters(query), {})), all(stores.postgres!.exports.summaries(filters(query), {}))]);
      expect(b.map((e) => e.id)).toEqual(a.map((e) => e.id));
      expect(a.length).toBe(await stores.sqlite!.events.count(filters(query)));
      const [newestA, newestB] = await Promise.all([stores.sqlite!.exports.newest(filters(query), {}, 5), stores.postgres!.exports.newest(filters(query), {}, 5)]);
      expect(newestA.map((e) => e.id)).toEqual(a.slice(0, 5).map((e) => e.id));
      expect(newestB.map((e) => e.id)).toEqual(newestA.map((e) => e.id));
    }
  });

  it('count what was recorded since a moment, for "N new since your last visit"', async () => {
    const since = new Date(Date.now() - 3_600_000).toISOString();
    for (const store of [stores.sqlite!, stores.postgres!]) {
      const recent = await store.timeline.countRecordedSince(since, filters(), {});
      expect(recent).toBeGreaterThan(0);
      expect(await store.timeline.countRecordedSince(since, filters('q=second round'), {})).toBe(1);
      expect(await store.timeline.countRecordedSince(new Date(Date.now() + 60_000).toISOString(), filters(), {})).toBe(0);
    }
  });

  it('find an actor as a person types, by a word of the name, without its accents, or by an alias', async () => {
    for (const typed of ['erdo', 'khaled', 'assad', 'bashar al']) {
      const [a, b] = await Promise.all([stores.sqlite!.suggest.entities(typed, 10, {}), stores.postgres!.suggest.entities(typed, 10, {})]);
      expect(a.length).toBeGreaterThan(0);
      expect(b).toEqual(a);
    }
    expect((await stores.postgres!.suggest.entities('erdo', 10, {}))[0]?.name).toMatch(/Erdoğan/);
    expect(await stores.postgres!.suggest.entities('   ', 10, {})).toEqual([]);
  });

  it('offer events to link to by a word of the title in any case, or by number, leaving one out', async () => {
    const [a, b] = await Promise.all([stores.sqlite!.suggest.events('CAESAR'), stores.postgres!.suggest.events('CAESAR')]);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    const first = a[0]!;
    expect((await stores.postgres!.suggest.events(`#${first.id}`)).map((e) => e.id)).toContain(first.id);
    expect((await stores.postgres!.suggest.events('caesar', { exclude: first.id })).map((e) => e.id)).not.toContain(first.id);
    expect(await stores.postgres!.suggest.events('100%_')).toEqual(await stores.sqlite!.suggest.events('100%_'));
  });
});

describe.each(['sqlite', 'postgres'] as const)('actors on %s', (engine) => {
  const store = () => stores[engine]!;
  const actorInput = (raw: Partial<EntityInputRaw> = {}): EntityInput => entityInputSchema.parse({ kind: 'person', name: 'Someone', aliases: [], ...raw });
  // The same on both engines: the side-by-side tests below compare what both hold after the same writes.
  const unique = RUN;

  it('refuses a second actor whose name reads the same, naming the first, unless told it is someone else', async () => {
    const { id } = await store().entities.create(actorInput({ name: `Rami Makhlouf ${unique}` }), TEST_ACTOR);
    const err = await refusal(store().entities.create(actorInput({ name: `RAMI MAKHLÔUF ${unique}` }), TEST_ACTOR));
    expect(err.status).toBe(409);
    expect(err.message).toContain(`(#${id})`);
    const other = await store().entities.create(actorInput({ name: `RAMI MAKHLÔUF ${unique}` }), TEST_ACTOR, { allowNamesake: true });
    expect(other.id).not.toBe(id);
  });

  it('refuses an edit from a stale version and keeps the first; a new alias makes its events findable by it', async () => {
    const { id } = await store().entities.create(actorInput({ name: `Samer Foz ${unique}`, kind: 'person' }), TEST_ACTOR);
    const event = await store().events.create(input({ title: `Designation of a businessman ${unique}`, actors: [{ entityId: id, role: 'target' }] }), TEST_ACTOR);
    expect((await store().events.list(filters(`q=zzfozalias${engine}`))).items).toEqual([]);
    const saved = await store().entities.update(id, actorInput({ name: `Samer Foz ${unique}`, aliases: [`zzfozalias${engine}`] }), 1, TEST_ACTOR);
    expect(saved).toEqual({ id, version: 2, changed: true });
    expect((await store().events.list(filters(`q=zzfozalias${engine}`))).items.map((e) => e.id)).toEqual([event.id]);
    const stale = await refusal(store().entities.update(id, actorInput({ name: `Samer Foz, second editor ${unique}` }), 1, TEST_ACTOR));
    expect(stale).toBeInstanceOf(VersionConflictError);
    expect((await store().entities.get(id))?.name).toBe(`Samer Foz ${unique}`);
    expect(await store().entities.latestChange(id)).toMatchObject({ actor: expect.any(String) });
    expect(await store().entities.update(id, actorInput({ name: `Samer Foz ${unique}`, aliases: [`zzfozalias${engine}`] }), 2, TEST_ACTOR)).toEqual({ id, version: 2, changed: false });
  });

  it('merges two records of one person, moving their events, and undoes the merge', async () => {
    const survivor = await store().entities.create(actorInput({ name: `Maher al-Assad ${unique}`, ofacUid: null }), TEST_ACTOR);
    const merged = await store().entities.create(actorInput({ name: `Maher Assad ${unique}`, ofacUid: '36270', aliases: [`Maher al-Asad ${unique}`] }), TEST_ACTOR);
    const event = await store().events.create(input({ title: `Fourth Division designated ${unique}`, actors: [{ entityId: merged.id, role: 'target' }] }), TEST_ACTOR);
    const refusedKind = await store().entities.create(actorInput({ name: `Fourth Division ${unique}`, kind: 'organisation' }), TEST_ACTOR);
    expect((await refusal(store().entities.merge({ survivorId: survivor.id, survivorVersion: 1, mergedId: refusedKind.id, mergedVersion: 1 }, TEST_ACTOR))).message).toMatch(/same kind/);

    const { mergeId, eventIds } = await store().entities.merge({ survivorId: survivor.id, survivorVersion: 1, mergedId: merged.id, mergedVersion: 1 }, TEST_ACTOR);
    expect(eventIds).toEqual([event.id]);
    expect((await store().events.get(event.id))?.actors.map((a) => a.id)).toEqual([survivor.id]);
    const after = await store().entities.get(survivor.id);
    expect(after).toMatchObject({ ofacUid: '36270', aliases: [`Maher Assad ${unique}`, `Maher al-Asad ${unique}`] });
    expect((await store().entities.get(merged.id))?.mergedIntoId).toBe(survivor.id);
    expect(await store().entities.merges(merged.id)).toMatchObject([{ id: mergeId, survivorName: `Maher al-Assad ${unique}`, undoable: true, movedCount: 1 }]);
    expect((await store().entities.history(survivor.id))[0]).toMatchObject({ action: 'merge', note: expect.stringContaining(`merge #${mergeId}`) });
    expect((await store().events.history(event.id))[0]).toMatchObject({ action: 'merge' });
    expect((await refusal(store().entities.update(merged.id, actorInput({ name: 'x' }), 2, TEST_ACTOR))).message).toMatch(/merged into another/);

    await store().entities.undoMerge(mergeId, TEST_ACTOR);
    expect((await store().events.get(event.id))?.actors.map((a) => a.id)).toEqual([merged.id]);
    expect(await store().entities.get(survivor.id)).toMatchObject({ ofacUid: null, aliases: [] });
    expect((await store().entities.get(merged.id))?.mergedIntoId).toBeNull();
    expect((await refusal(store().entities.undoMerge(mergeId, TEST_ACTOR))).status).toBe(409);
    expect((await refusal(store().entities.undoMerge(987654, TEST_ACTOR))).status).toBe(404);
    expect(await store().entities.eventCount(merged.id)).toBe(1);
  });

  it('shows the public an actor only once a published event names it', async () => {
    const { id } = await store().entities.create(actorInput({ name: `Draft-only actor ${unique}` }), TEST_ACTOR);
    const draft = await store().events.create(input({ status: 'draft', title: `Draft naming an actor ${unique}`, actors: [{ entityId: id, role: 'subject' }] }), TEST_ACTOR);
    expect(await store().entities.getFor(id, {})).toBeNull();
    expect((await store().entities.getFor(id, { includeDrafts: true }))?.isPublic).toBe(false);
    await store().events.update(draft.id, input({ title: `Draft naming an actor ${unique}`, actors: [{ entityId: id, role: 'subject' }] }), 1, TEST_ACTOR);
    expect((await store().entities.getFor(id, {}))?.isPublic).toBe(true);
  });
});

describe('actors side by side', () => {

  it('list the same countries and the same page of actors, by name', async () => {
    const [a, b] = await Promise.all([stores.sqlite!.entities.countries(), stores.postgres!.entities.countries()]);
    expect(a.length).toBeGreaterThan(3);
    expect(b).toEqual(a);
    const [actorsA, actorsB] = await Promise.all([stores.sqlite!.entities.actors(1), stores.postgres!.entities.actors(1)]);
    expect(actorsA.total).toBeGreaterThan(3);
    expect(actorsB).toEqual(actorsA);
  });

  it('lets one of two people creating the same actor at once on PostgreSQL save it; the other is told it exists', async () => {
    const name = `Concurrent Namesake ${Date.now()}`;
    const results = await Promise.allSettled([
      stores.postgres!.entities.create(entityInputSchema.parse({ kind: 'person', name, aliases: [] }), TEST_ACTOR),
      stores.postgres!.entities.create(entityInputSchema.parse({ kind: 'person', name: name.toUpperCase(), aliases: [] }), TEST_ACTOR),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(MutationError);
    expect((rejected.reason as MutationError).status).toBe(409);
  });
});

describe.each(['sqlite', 'postgres'] as const)('standings on %s', (engine) => {
  const store = () => stores[engine]!;
  let evidence: number;
  const change = (over: Record<string, unknown> = {}) => ({
    dyad: { subject: 'OM', counterpart: 'SY' },
    date: '2020-10',
    status: 'in_effect',
    level: 'ambassador',
    embassy: 'open',
    ambassadorRecalled: null,
    evidenceEventIds: [evidence],
    note: null,
    ...over,
  });

  beforeAll(async () => {
    evidence = (await store().events.create(input({ title: 'Oman returns its ambassador to Damascus', date: '2020-10-05', countries: [{ code: 'OM', role: 'actor' }, { code: 'SY', role: 'target' }] }), TEST_ACTOR)).id;
  });

  it('records a change that the board then shows, and refuses one citing an event that does not exist', async () => {
    const created = await store().relations.create(change(), TEST_ACTOR);
    expect(created).toMatchObject({ version: 1, changed: true, subject: 'OM', counterpart: 'SY' });
    const board = await store().relations.board({ counterpart: 'SY', asOf: '2021-01-01', from: '2011-01-01', to: '2021-01-01', includeDrafts: false });
    expect(board.rows.find((r) => r.dyad.subject === 'OM')?.events.map((e) => e.id)).toContain(evidence);
    const missing = await refusal(store().relations.create(change({ date: '2021-02', evidenceEventIds: [987654] }), TEST_ACTOR));
    expect(missing.fieldErrors.evidenceEventIds).toMatch(/There is no event #987654/);
    const same = await refusal(store().relations.create(change(), TEST_ACTOR));
    expect(same.fieldErrors.form).toMatch(new RegExp(`Change #${created.id}`));
    expect((await store().relations.citing(evidence, { includeDrafts: false })).map((c) => c.id)).toEqual([created.id]);
  });

  it('refuses a stale edit, deletes and restores, and brings back an earlier version', async () => {
    const { id } = await store().relations.create(change({ date: '2019-03', level: 'charge_d_affaires' }), TEST_ACTOR);
    expect(await store().relations.update(id, change({ date: '2019-03', level: 'ambassador' }), 1, TEST_ACTOR)).toMatchObject({ version: 2, changed: true });
    expect(await refusal(store().relations.update(id, change({ date: '2019-03', level: 'severed' }), 1, TEST_ACTOR))).toBeInstanceOf(VersionConflictError);
    expect(await store().relations.update(id, change({ date: '2019-03', level: 'ambassador' }), 2, TEST_ACTOR)).toMatchObject({ version: 2, changed: false });
    await store().relations.delete(id, 2, TEST_ACTOR, 'Duplicate');
    expect((await store().relations.dyad({ subject: 'OM', counterpart: 'SY', asOf: '2021-01-01', from: '2011-01-01', to: '2021-01-01', includeDrafts: true })).deleted.map((c) => c.id)).toContain(id);
    await store().relations.restoreDeleted(id, 3, TEST_ACTOR);
    const found = await store().relations.withHistory(id);
    expect(found?.history.map((h) => h.action)).toEqual(['restore', 'delete', 'update', 'create']);
    const first = found!.history.at(-1)!;
    expect(await store().relations.restoreRevision(id, first.revisionId, 4, TEST_ACTOR)).toMatchObject({ version: 5, changed: true });
    expect((await refusal(store().relations.restoreRevision(id, first.revisionId, 5, TEST_ACTOR))).status).toBe(409);
    expect(await store().relations.withHistory(987654)).toBeNull();
    expect(await store().relations.latestChange(id)).toMatchObject({ actor: expect.any(String), createdAt: expect.any(String) });
    const title = await store().events.titles([evidence, 987654]);
    expect([title(evidence), title(987654)]).toEqual(['Oman returns its ambassador to Damascus', 'Event #987654']);
  });
});

describe('standings side by side', () => {
  const strip = <T>(value: T): T => JSON.parse(JSON.stringify(value), (key, v) => (/^(createdAt|updatedAt|recordedBy)$/.test(key) ? 'x' : v));

  it('show the same board, as-of answer, country page, dyad page and export', async () => {
    const [a, b] = [stores.sqlite!.relations, stores.postgres!.relations];
    const board = { counterpart: 'SY', asOf: '2023-06-01', from: '2011-01-01', to: '2024-12-31', includeDrafts: false };
    const boardA = await a.board(board);
    expect(boardA.rows.length).toBeGreaterThan(3);
    expect(boardA.rows.some((r) => r.dyad.subject === 'arab-league')).toBe(true);
    expect(strip(await b.board(board))).toEqual(strip(boardA));
    expect(await b.asOf({ counterpart: 'SY', asOf: '2019-01-01', includeDrafts: false })).toEqual(await a.asOf({ counterpart: 'SY', asOf: '2019-01-01', includeDrafts: false }));
    expect(strip(await b.forCountry('SY', '2023-06-01'))).toEqual(strip(await a.forCountry('SY', '2023-06-01')));
    expect(strip(await b.forCountry('AE', '2023-06-01', { includeDrafts: true }))).toEqual(strip(await a.forCountry('AE', '2023-06-01', { includeDrafts: true })));
    expect(await b.exportRows({ counterpart: 'SY', fromYear: 2010, toYear: 2024 })).toEqual(await a.exportRows({ counterpart: 'SY', fromYear: 2010, toYear: 2024 }));
    const dyad = { subject: 'AE', counterpart: 'SY', asOf: '2023-06-01', from: '2011-01-01', to: '2024-12-31', includeDrafts: true };
    expect(strip(await b.dyad(dyad))).toEqual(strip(await a.dyad(dyad)));
  });

  it('lets one of two people recording the same change at once on PostgreSQL save it; the other is told it is recorded', async () => {
    const ev = (await stores.postgres!.events.create(input({ title: 'Jordan reopens its border crossing', date: '2018-10-15' }), TEST_ACTOR)).id;
    const raw = { dyad: { subject: 'JO', counterpart: 'SY' }, date: '2018-10-15', status: 'in_effect', level: null, embassy: 'open', ambassadorRecalled: null, evidenceEventIds: [ev], note: null };
    const results = await Promise.allSettled([stores.postgres!.relations.create(raw, TEST_ACTOR), stores.postgres!.relations.create(raw, TEST_ACTOR)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((rejected.reason as MutationError).fieldErrors.form).toMatch(/already records this/);
  });
});

describe('staff lists and the event form side by side', () => {
  // Ids too: the concurrency tests above wrote to PostgreSQL only, so later rows are numbered apart.
  const masked = <T>(value: T): T => JSON.parse(JSON.stringify(value), (key, v) => (/^(updatedAt|deletedAt|id)$/.test(key) ? 'x' : v));

  it('list the same drafts and deleted events, and offer the same form and vocabulary', async () => {
    const [a, b] = [stores.sqlite!.events, stores.postgres!.events];
    for (const store of [stores.sqlite!, stores.postgres!]) await store.events.create(input({ status: 'draft', title: 'A statement still in draft' }), TEST_ACTOR);
    const draftsA = await a.drafts();
    expect(draftsA.length).toBeGreaterThan(0);
    expect(masked(await b.drafts())).toEqual(masked(draftsA));
    for (const store of [stores.sqlite!, stores.postgres!]) {
      const gone = await store.events.create(input({ title: 'Recorded twice by mistake' }), TEST_ACTOR);
      await store.events.delete(gone.id, 1, TEST_ACTOR, 'Duplicate');
    }
    const deletedA = await a.deleted();
    expect(deletedA.total).toBeGreaterThan(0);
    expect(masked(await b.deleted())).toEqual(masked(deletedA));
    const vocabulary = await a.vocabulary();
    expect(vocabulary.tags).toContain('Assets; frozen');
    expect(vocabulary.legalAuthorities.length).toBeGreaterThan(0);
    expect(await b.vocabulary()).toEqual(vocabulary);
    // A seed event that links to others (the seed has the same ids on both).
    const linked = sqlite.sqlite.prepare('SELECT min(from_event_id) FROM event_links').pluck().get() as number;
    const formA = await a.forEditing(linked);
    expect(formA?.values.links.length).toBeGreaterThan(0);
    expect(await b.forEditing(linked)).toEqual(formA);
    expect(await b.forEditing(987654)).toBeNull();
  });
});

const listFixture = (name: string) => path.join(import.meta.dirname, '..', '..', 'lib', 'lists', 'fixtures', name);

describe.each(['sqlite', 'postgres'] as const)('official lists on %s', (engine) => {
  const store = () => stores[engine]!;
  const twoVersions = async (source: ListSource, v1: string, v2: string) => {
    const first = await store().lists.import({ source, path: listFixture(v1), importedBy: TEST_ACTOR });
    const second = await store().lists.import({ source, path: listFixture(v2), importedBy: TEST_ACTOR });
    const version = (await store().lists.version(second.versionId!))!;
    const proposals = await store().lists.proposals(version);
    return { first, second, version, proposals, byKind: (kind: string) => proposals.find((p) => p.kind === kind)! };
  };

  it('imports two versions of the OFAC list, proposes what changed, and knows a file it has seen', async () => {
    const bank = await store().entities.create(entityInputSchema.parse({ kind: 'company', name: `Bank of Testing ${RUN}`, ofacUid: '90002', aliases: [] }), TEST_ACTOR);
    const { first, second, proposals, byKind } = await twoVersions('ofac-sdn', 'ofac-sdn-v1.xml', 'ofac-sdn-v2.xml');
    expect(first.status).toBe('imported');
    expect(second).toMatchObject({ status: 'imported', previous: { id: first.versionId } });
    expect(second.designations + second.amendments + second.removals).toBe(proposals.length);
    expect((await store().lists.versions())[0]).toMatchObject({ id: second.versionId, open: proposals.length, accepted: 0 });
    const again = await store().lists.import({ source: 'ofac-sdn', path: listFixture('ofac-sdn-v2.xml'), importedBy: TEST_ACTOR });
    expect(again).toMatchObject({ status: 'unchanged', versionId: second.versionId });

    // The party sharing the OFAC UID with an actor is suggested first, certain; accepting matches it and publishes the event.
    const amendment = byKind('amendment');
    expect(amendment.suggestions[0]).toMatchObject({ candidateId: String(bank.id), certain: true });
    const eventId = await store().lists.accept(amendment.id, TEST_ACTOR, { status: 'published' });
    expect(await store().events.get(eventId)).toMatchObject({ type: 'designation', status: 'published', tags: [{ label: 'List amendment' }] });
    expect((await refusal(store().lists.accept(amendment.id, TEST_ACTOR, { status: 'published' }))).message).toMatch(/accepted already/);
    expect((await store().lists.entriesOfActor(bank.id)).map((e) => e.entryKey)).toEqual(['90002']);

    await store().lists.reject(byKind('removal').id, TEST_ACTOR);
    expect((await refusal(store().lists.reject(byKind('removal').id, TEST_ACTOR))).message).toMatch(/rejected already/);
    expect((await refusal(store().lists.proposal(987654))).status).toBe(404);
  });

  it('confirms, undoes and creates matches for listed parties, and accepts all that needs no judgement', async () => {
    const { version, byKind } = await twoVersions('un-sc', 'un-sc-v1.xml', 'un-sc-v2.xml');
    const amendment = byKind('amendment');
    const entry = proposalEntryOf(amendment);
    expect((await refusal(store().lists.accept(amendment.id, TEST_ACTOR, { status: 'published' }))).message).toMatch(/Match the listed party to an actor first/);
    const actorId = await store().lists.createActorForEntry('un-sc', entry, TEST_ACTOR);
    expect((await store().entities.get(actorId))?.name).toBe(entry.name);
    expect((await refusal(store().lists.createActorForEntry('un-sc', entry, TEST_ACTOR))).status).toBe(409);
    const [entryOfActor] = await store().lists.entriesOfActor(actorId);
    await store().lists.undoMatch(entryOfActor!.matchId, TEST_ACTOR);
    expect((await refusal(store().lists.undoMatch(entryOfActor!.matchId, TEST_ACTOR))).status).toBe(409);
    expect(await store().lists.entriesOfActor(actorId)).toEqual([]);
    const matchId = await store().lists.confirmMatch({ source: 'un-sc', entry, entityId: actorId, method: 'picked' }, TEST_ACTOR);
    expect(matchId).toBeGreaterThan(0);
    expect((await store().entities.history(actorId))[0]?.note).toMatch(/^Matched to UN Security Council consolidated list entry/);

    const result = await store().lists.acceptAll(version.id, TEST_ACTOR);
    expect(result.accepted).toBeGreaterThan(0);
    const after = await store().lists.proposals(version);
    expect(after.filter((p) => p.status === 'accepted')).toHaveLength(result.accepted);
  });
});

describe('official lists side by side', () => {
  it('hold the same versions and proposals after the same imports and decisions', async () => {
    const strip = <T>(value: T): T =>
      JSON.parse(JSON.stringify(value), (key, v) => (/^(id|versionId|previousVersionId|eventId|entityId|candidateId|matchId|importedAt|decidedAt|confirmedAt|undoneAt)$/.test(key) ? 'x' : v));
    const [a, b] = [stores.sqlite!.lists, stores.postgres!.lists];
    const versionsA = await a.versions();
    expect(versionsA.length).toBe(4);
    expect(strip(await b.versions())).toEqual(strip(versionsA));
    const versionsB = await b.versions();
    for (const [i, va] of versionsA.entries()) expect(strip(await b.proposals(versionsB[i]!))).toEqual(strip(await a.proposals(va)));
  });

  it('imports one of two uploads of the same list file at once on PostgreSQL; the other is told it is there', async () => {
    const results = await Promise.all([0, 1].map(() => stores.postgres!.lists.import({ source: 'eu-fsf', path: listFixture('eu-fsf-v1.xml'), importedBy: TEST_ACTOR })));
    expect(results.map((r) => r.status).sort()).toEqual(['imported', 'unchanged']);
    const [x, y] = await Promise.all([0, 1].map(() => stores.postgres!.lists.import({ source: 'eu-fsf', path: listFixture('eu-fsf-v2.xml'), importedBy: TEST_ACTOR })));
    expect([x!.status, y!.status].sort()).toEqual(['imported', 'unchanged']);
    const versions = (await stores.postgres!.lists.versions()).filter((v) => v.source === 'eu-fsf');
    expect(versions).toHaveLength(2);
    expect(versions[0]!.previousVersionId).toBe(versions[1]!.id);
  });

  it('lets one of two people matching one listed party at once on PostgreSQL match it; the other is told it is matched', async () => {
    const version = (await stores.postgres!.lists.versions()).find((v) => v.source === 'ofac-sdn' && v.previousVersionId !== null)!;
    const open = (await stores.postgres!.lists.proposals(version)).find((p) => p.status === 'proposed' && !p.match)!;
    const entry = proposalEntryOf(open);
    const [x, y] = await Promise.all(['One', 'Two'].map((n) => stores.postgres!.entities.create(entityInputSchema.parse({ kind: 'person', name: `Claimant ${n} ${RUN}`, aliases: [] }), TEST_ACTOR)));
    const results = await Promise.allSettled([x!, y!].map((actor) => stores.postgres!.lists.confirmMatch({ source: 'ofac-sdn', entry, entityId: actor.id, method: 'picked' }, TEST_ACTOR)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason as MutationError).message).toMatch(/already matched/);
  });
});

async function importRefusal(promise: Promise<unknown>): Promise<ImportRefusedError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ImportRefusedError);
  return err as ImportRefusedError;
}

const csvRows = (text: string) => {
  const read = readCsvUpload(new TextEncoder().encode(text));
  if (!read.ok) throw new Error(read.error);
  return read.rows;
};

describe.each(['sqlite', 'postgres'] as const)('the CSV import on %s', (engine) => {
  const store = () => stores[engine]!;
  const seedId = () => sqlite.sqlite.prepare(`SELECT min(id) FROM events WHERE external_id IS NOT NULL AND deleted_at IS NULL AND type = 'statement'`).pluck().get() as number;

  it('plans a file with its problems, imports it once fixed, refuses to import it twice, and refuses a stale dry run', async () => {
    const id = seedId();
    const bad = [
      'id,date,type,title,actors,tags,status',
      `${id},2023-03-28,statement,Remarks retitled by the import ${RUN},,,published`,
      `,2024-05-01,designation,Designation imported ${RUN},"Khaled Qaddour (target); Imported Trading ${RUN} LLC (target)","caesar act; Imported tag ${RUN}",published`,
      `,2024-05-02,rumour,Not a type,,,published`,
    ].join('\r\n');
    const plan = await store().imports.plan(csvRows(bad), 'list.csv', []);
    expect(plan.counts).toEqual({ create: 1, update: 1, unchanged: 0, error: 1 });
    expect(plan.rows[2]!.errors[0]).toMatchObject({ column: 'type' });
    expect(plan.newActors).toEqual([`Imported Trading ${RUN} LLC`]);
    expect((await importRefusal(store().imports.commit(csvRows(bad), 'list.csv', plan.digest, TEST_ACTOR, []))).reason).toBe('problems');

    const good = bad.split('\r\n').slice(0, 3).join('\r\n');
    const fixed = await store().imports.plan(csvRows(good), 'list.csv', []);
    const { result } = await store().imports.commit(csvRows(good), 'list.csv', fixed.digest, TEST_ACTOR, []);
    expect(result.created).toHaveLength(1);
    expect(result.updated).toEqual([{ line: 2, id }]);
    expect(result.actorsCreated.map((a) => a.name)).toEqual([`Imported Trading ${RUN} LLC`]);
    const created = (await store().events.get(result.created[0]!.id))!;
    expect(created.actors.map((a) => a.name).sort()).toEqual([`Imported Trading ${RUN} LLC`, 'Khalid Qaddour']);
    expect(created.tags.map((t) => t.label)).toEqual(['Caesar Act', `Imported tag ${RUN}`]);
    expect((await store().events.history(result.created[0]!.id))[0]).toMatchObject({ action: 'import', note: 'Imported from list.csv, line 3' });
    expect((await store().events.get(id))?.title).toBe(`Remarks retitled by the import ${RUN}`);

    expect((await importRefusal(store().imports.commit(csvRows(good), 'list.csv', fixed.digest, TEST_ACTOR, []))).reason).toBe('replayed');

    const next = `date,type,title\r\n2024-06-01,statement,Another imported statement ${RUN}\r\n`;
    const dry = await store().imports.plan(csvRows(next), 'next.csv', []);
    await store().events.create(input({ title: 'Written between the dry run and the commit' }), TEST_ACTOR);
    expect((await importRefusal(store().imports.commit(csvRows(next), 'next.csv', dry.digest, TEST_ACTOR, []))).reason).toBe('changed');
    expect((await store().events.list(filters(`q=${encodeURIComponent(`Another imported statement ${RUN}`)}`))).items).toEqual([]);
  });

  it('warns about a new row that looks like an event already recorded', async () => {
    const existing = (await store().events.get(seedId()))!;
    const file = `date,type,title\r\n${toPartialIso(existing.date, existing.datePrecision)},${existing.type},"${existing.title.replace(/"/g, '""')}"\r\n`;
    const plan = await store().imports.plan(csvRows(file), 'twice.csv', []);
    expect(plan.rows[0]!.action).toBe('create');
    expect(plan.rows[0]!.warnings.map((w) => w.message).join(' ')).toContain(`Looks like event #${existing.id}`);
  });
});

describe('the write marks a PostgreSQL store reads after', () => {
  it('takes the later of two WAL positions, by their numbers, not their text', () => {
    expect(laterMark({ lsn: '0/9' }, { lsn: '0/10' })).toEqual({ lsn: '0/10' });
    expect(laterMark({ lsn: '1/0' }, { lsn: '0/FFFFFFFF' })).toEqual({ lsn: '1/0' });
    expect(laterMark(undefined, { lsn: '0/1' })).toEqual({ lsn: '0/1' });
    expect(laterMark({ lsn: '0/1' }, undefined)).toEqual({ lsn: '0/1' });
    expect(laterMark(undefined, undefined)).toBeUndefined();
  });

  it("reads after the request's mark as well as its own (a save made on another server)", async () => {
    const elsewhere = postgresStore(set);
    const { id } = await elsewhere.events.create(input({ title: 'Saved on another server' }), TEST_ACTOR);
    let asked = 0;
    const here = postgresStore(set, {
      readAfter: async () => {
        asked++;
        return elsewhere.lastWrite;
      },
    });
    expect((await here.events.get(id))?.title).toBe('Saved on another server');
    expect(asked).toBe(1);
  });
});

// Last: it writes to PostgreSQL only, and the comparisons above expect both engines to hold the same.
describe('merges and saves at once on PostgreSQL', () => {
  it('never leaves an event naming an actor merged away while the event was being saved, on PostgreSQL', async () => {
    const pg_ = stores.postgres!;
    const person = (name: string) => entityInputSchema.parse({ kind: 'person', name: `${name} ${RUN}`, aliases: [] });
    for (let round = 0; round < 5; round++) {
      const survivor = await pg_.entities.create(person(`Merge survivor ${round}`), TEST_ACTOR);
      const merged = await pg_.entities.create(person(`Merge duplicate ${round}`), TEST_ACTOR);
      const [saved] = await Promise.all([
        pg_.events.create(input({ title: `Saved during a merge ${round}`, actors: [{ entityId: merged.id, role: 'target' }] }), TEST_ACTOR),
        pg_.entities.merge({ survivorId: survivor.id, survivorVersion: 1, mergedId: merged.id, mergedVersion: 1 }, TEST_ACTOR),
      ]);
      expect((await pg_.events.get(saved.id))?.actors.map((a) => a.id)).toEqual([survivor.id]);
    }
  });
});

async function firstRevisionId(engine: 'sqlite' | 'postgres', id: number): Promise<number> {
  if (engine === 'sqlite') return sqlite.sqlite.prepare(`SELECT min(id) FROM revisions WHERE record_type = 'event' AND record_id = ?`).pluck().get(id) as number;
  const { rows } = await set.primary.pool.query<{ id: number }>(`SELECT min(id) AS id FROM revisions WHERE record_type = 'event' AND record_id = $1`, [id]);
  return rows[0]!.id;
}
