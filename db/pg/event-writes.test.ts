/**
 * Event writes on PostgreSQL do what they do on SQLite (issue 16, "same behaviour on both"): the
 * seed, an actor merged into another, a saved view with a webhook subscription, copied into
 * PostgreSQL with db:copy; then one script of staff actions (create a draft, publish it, save
 * nothing new, save from a stale version, refer to missing records, delete, edit the deleted event,
 * restore it, restore an earlier version, name the merged actor) runs on both engines. Every
 * answer, refusals included, must be the same, and afterwards the events, their children, the
 * revisions (snapshots included), the webhook outbox and what search finds must be equal too, and
 * PostgreSQL's derived counts in step. Then what only PostgreSQL can do: saves that really run at
 * the same time.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDatabase } from '@/db/copy/copy';
import { bootstrapDatabase } from '@/db/engine/bootstrap';
import type { Connection } from '@/db/engine/client';
import { mergeEntities } from '@/db/mutations/entities';
import { createEvent, deleteEvent, restoreDeletedEvent, restoreEventRevision, updateEvent } from '@/db/mutations/events';
import { createSavedView, subscribeSavedView } from '@/db/mutations/saved-views';
import { createWebhookDestination } from '@/db/mutations/webhooks';
import { matchingIdsSql } from '@/db/queries/search';
import * as lite from '@/db/schema';
import { makeEntity, TEST_ACTOR } from '@/db/testing/test-db';
import { analyseQuery } from '@/lib/search/query';
import { eventInputSchema, type EventInput, type EventInputRaw } from '@/lib/validation/event';
import { createTestPostgres, type TestPostgres } from '@/testing/postgres';
import { connectPostgres, type PgConnection } from './connect';
import { pgDerivedMismatches } from './derived';
import { pgCreateEvent, pgDeleteEvent, pgRestoreDeletedEvent, pgRestoreEventRevision, pgUpdateEvent } from './event-writes';
import * as pgs from './schema';
import { pgMatchingIdsSql } from './search';
import { VersionConflictError } from '@/db/mutations/errors';

let dir: string;
let sqlite: Connection;
let database: TestPostgres;
let pg: PgConnection;
let survivorId: number;
let mergedId: number;

const input = (raw: Partial<EventInputRaw> = {}): EventInput =>
  eventInputSchema.parse({ type: 'statement', title: 'A test event', summary: 'Something happened.', date: '2023-03-28', status: 'published', ...raw });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-pg-writes-'));
  const file = path.join(dir, 'source.db');
  const source = bootstrapDatabase({ path: file, seedOnEmpty: true, check: 'schema' });
  const { db } = source;
  const survivor = makeEntity(db, { name: 'Maher al-Assad' });
  const merged = makeEntity(db, { name: 'Maher Assad' });
  mergeEntities(db, { survivorId: survivor.id, survivorVersion: survivor.version, mergedId: merged.id, mergedVersion: merged.version }, TEST_ACTOR);
  survivorId = survivor.id;
  mergedId = merged.id;
  db.insert(lite.user).values({ id: 'u1', name: 'Analyst', email: 'analyst@example.org', role: 'viewer' }).run();
  const destination = createWebhookDestination(db, { url: 'http://127.0.0.1:9/hook', label: 'Team chat' }, 'admin@example.org');
  subscribeSavedView(db, 'u1', createSavedView(db, 'u1', 'Captagon in Syria', 'q=captagon&country=SY').id, destination.id);
  subscribeSavedView(db, 'u1', createSavedView(db, 'u1', 'Designations', 'type=designation').id, destination.id);
  source.sqlite.close();

  database = await createTestPostgres('tracker_writes', { icuLocale: 'en-US' });
  await copyDatabase(file, database.url);
  sqlite = bootstrapDatabase({ path: file, seedOnEmpty: false, check: 'schema' });
  pg = await connectPostgres(database.url);
}, 120_000);

afterAll(async () => {
  sqlite?.sqlite.close();
  await pg?.close();
  await database?.drop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** What a caller sees of an answer: the value, or the refusal with everything the UI shows of it. */
async function outcome(run: () => unknown): Promise<unknown> {
  try {
    return { ok: await run() };
  } catch (err) {
    const e = err as VersionConflictError;
    return { refused: e.name, message: e.message, status: e.status, fieldErrors: e.fieldErrors, currentVersion: e.currentVersion, deleted: e.deleted };
  }
}

async function both(onSqlite: () => unknown, onPg: () => Promise<unknown>): Promise<unknown> {
  const a = await outcome(onSqlite);
  const b = await outcome(onPg);
  expect(b).toEqual(a);
  return a;
}

const okValue = <T,>(o: unknown) => (o as { ok: T }).ok;

/** Timestamps differ between the two runs by design; everything else must not. */
function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalise);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, /At$/.test(k) && typeof v === 'string' ? 'time' : normalise(v)]),
    );
  }
  return value;
}

/** Each compared table with the columns that order it (a key), by name on both schemas. */
const TABLES = {
  events: ['id'],
  eventCountries: ['eventId', 'countryCode', 'role'],
  eventEntities: ['eventId', 'entityId', 'role'],
  eventTags: ['eventId', 'tagId'],
  tags: ['id'],
  // A source's id is the engine's: a save that changed nothing is rolled back, and SQLite's
  // sqlite_sequence rolls back with it where PostgreSQL's sequence does not (ids stay unique, not gapless).
  sources: ['eventId', 'position'],
  eventLinks: ['fromEventId', 'toEventId', 'kind'],
  revisions: ['id'],
  webhookDeliveries: ['id'],
} as const;

type Compared = keyof typeof TABLES;

async function tableRows(name: Compared): Promise<[unknown, unknown]> {
  const liteTable = lite[name] as unknown as Record<string, never> & typeof lite.events;
  const pgTable = pgs[name] as unknown as Record<string, never> & typeof pgs.events;
  const a = sqlite.db.select().from(liteTable).orderBy(...TABLES[name].map((k) => asc(liteTable[k]!))).all();
  const b = await pg.db.select().from(pgTable).orderBy(...TABLES[name].map((k) => asc(pgTable[k]!)));
  const withoutSourceIds = (rows: unknown[]) => (name === 'sources' ? rows.map((r) => ({ ...(r as object), id: 'engine' })) : rows);
  return [normalise(withoutSourceIds(a)), normalise(withoutSourceIds(b))];
}

describe('event writes on PostgreSQL, step for step beside SQLite', () => {
  const ids: Record<string, number> = {};

  it('answers every staff action as SQLite does, refusals included', async () => {
    const draft = input({
      status: 'draft',
      type: 'designation',
      title: 'Captagon traffickers designated',
      summary: 'Treasury named a captagon network.',
      countries: [{ code: 'SY', role: 'target' }, { code: 'US', role: 'actor' }],
      actors: [{ entityId: survivorId, role: 'target' }, { entityId: mergedId, role: 'target' }],
      tags: ['Captagon', 'captagon', 'Narcotics'],
      sources: [{ url: 'https://example.org/a', title: 'Press release', publisher: 'Treasury' }],
      legalAuthority: 'Caesar Act',
    });
    const created = okValue<{ id: number; version: number }>(await both(() => createEvent(sqlite.db, draft, TEST_ACTOR), () => pgCreateEvent(pg.db, draft, TEST_ACTOR)));
    ids.event = created.id;
    const published = { ...draft, status: 'published' as const, links: [{ toEventId: 1, kind: 'follows_up' as const }] };
    await both(() => updateEvent(sqlite.db, created.id, published, 1, TEST_ACTOR), () => pgUpdateEvent(pg.db, created.id, published, 1, TEST_ACTOR));
    // The same content again: nothing written, no revision, the version stays.
    await both(() => updateEvent(sqlite.db, created.id, published, 2, TEST_ACTOR), () => pgUpdateEvent(pg.db, created.id, published, 2, TEST_ACTOR));
    const edit = { ...published, title: 'Captagon traffickers designated again' };
    await both(() => updateEvent(sqlite.db, created.id, edit, 1, TEST_ACTOR), () => pgUpdateEvent(pg.db, created.id, edit, 1, TEST_ACTOR));
    const missing = { ...edit, actors: [{ entityId: 999_999, role: 'target' as const }], links: [{ toEventId: created.id, kind: 'follows_up' as const }] };
    await both(() => updateEvent(sqlite.db, created.id, missing, 2, TEST_ACTOR), () => pgUpdateEvent(pg.db, created.id, missing, 2, TEST_ACTOR));
    await both(() => createEvent(sqlite.db, missing, TEST_ACTOR), () => pgCreateEvent(pg.db, missing, TEST_ACTOR));
    await both(() => updateEvent(sqlite.db, created.id, edit, 2, TEST_ACTOR), () => pgUpdateEvent(pg.db, created.id, edit, 2, TEST_ACTOR));
    await both(() => updateEvent(sqlite.db, 999_999, edit, 1, TEST_ACTOR), () => pgUpdateEvent(pg.db, 999_999, edit, 1, TEST_ACTOR));
    await both(() => deleteEvent(sqlite.db, created.id, 3, TEST_ACTOR, 'Duplicate'), () => pgDeleteEvent(pg.db, created.id, 3, TEST_ACTOR, 'Duplicate'));
    await both(() => updateEvent(sqlite.db, created.id, edit, 4, TEST_ACTOR), () => pgUpdateEvent(pg.db, created.id, edit, 4, TEST_ACTOR));
    await both(() => deleteEvent(sqlite.db, created.id, 4, TEST_ACTOR), () => pgDeleteEvent(pg.db, created.id, 4, TEST_ACTOR));
    await both(() => restoreDeletedEvent(sqlite.db, created.id, 4, TEST_ACTOR), () => pgRestoreDeletedEvent(pg.db, created.id, 4, TEST_ACTOR));
    await both(() => restoreDeletedEvent(sqlite.db, created.id, 5, TEST_ACTOR), () => pgRestoreDeletedEvent(pg.db, created.id, 5, TEST_ACTOR));
    const firstRevision = sqlite.sqlite.prepare(`SELECT id FROM revisions WHERE record_type = 'event' AND record_id = ? ORDER BY id LIMIT 1`).pluck().get(created.id) as number;
    await both(() => restoreEventRevision(sqlite.db, created.id, firstRevision, 5, TEST_ACTOR), () => pgRestoreEventRevision(pg.db, created.id, firstRevision, 5, TEST_ACTOR));
    await both(() => restoreEventRevision(sqlite.db, 1, firstRevision, 1, TEST_ACTOR), () => pgRestoreEventRevision(pg.db, 1, firstRevision, 1, TEST_ACTOR));
    const designation = input({ type: 'designation', title: 'Embassy staff designated', summary: 'Designations under the Caesar Act.', countries: [{ code: 'SY', role: 'target' }] });
    ids.designation = okValue<{ id: number }>(await both(() => createEvent(sqlite.db, designation, TEST_ACTOR), () => pgCreateEvent(pg.db, designation, TEST_ACTOR))).id;
  });

  it.each(Object.keys(TABLES) as Compared[])('leaves %s equal on both engines', async (name) => {
    const [a, b] = await tableRows(name);
    expect((a as unknown[]).length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('queued the same alerts: the published event for the saved views that show it', async () => {
    const rows = await pg.db.select({ eventId: pgs.webhookDeliveries.eventId, trigger: pgs.webhookDeliveries.trigger, payload: pgs.webhookDeliveries.payload }).from(pgs.webhookDeliveries).orderBy(asc(pgs.webhookDeliveries.id));
    expect(rows.map((r) => [r.eventId, r.trigger, JSON.parse(r.payload).view.name])).toEqual([
      [ids.event, 'published', 'Captagon in Syria'],
      [ids.event, 'published', 'Designations'],
      [ids.designation, 'recorded', 'Designations'],
    ]);
  });

  it('keeps search in step: the edited title is found, the replaced one is not, on both engines', async () => {
    const liteIds = (q: string) => sqlite.db.all<{ id: number }>(sql`SELECT id FROM (${matchingIdsSql(analyseQuery(q).groups)}) ORDER BY id`).map((r) => r.id);
    const pgIds = async (q: string) =>
      (await pg.db.execute<{ id: number }>(sql`SELECT id FROM (${pgMatchingIdsSql(analyseQuery(q).groups)}) AS m ORDER BY id`)).rows.map((r) => Number(r.id));
    for (const q of ['captagon traffickers', '"designated again"', 'embassy staff', 'maher', 'narcotics', 'race']) {
      expect(await pgIds(q)).toEqual(liteIds(q));
    }
    // The restore brought back the first title, so the edit's words are gone from the index.
    expect(await pgIds('"designated again"')).toEqual([]);
    expect(await pgIds('captagon traffickers')).toContain(ids.event);
  });

  it('keeps the derived counts in step (the triggers did their part)', async () => {
    expect(await pgDerivedMismatches(pg.pool)).toEqual([]);
  });
});

describe('saves at the same moment, which only PostgreSQL runs side by side', () => {
  it('lets one of two saves from the same version win; the other is told someone saved first', async () => {
    const { id } = await pgCreateEvent(pg.db, input({ title: 'Race' }), TEST_ACTOR);
    const results = await Promise.allSettled([
      pgUpdateEvent(pg.db, id, input({ title: 'Race: first editor' }), 1, TEST_ACTOR),
      pgUpdateEvent(pg.db, id, input({ title: 'Race: second editor' }), 1, TEST_ACTOR),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(VersionConflictError);
    expect(refused.reason.currentVersion).toBe(2);
    const revisions = (await pg.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM revisions WHERE record_type = 'event' AND record_id = ${id}`)).rows[0]!.n;
    expect(Number(revisions)).toBe(2);
  });

  it('creates ten events at once that share a new tag: all saved, one tag, counts in step', async () => {
    const made = await Promise.all(
      Array.from({ length: 10 }, (_, i) => pgCreateEvent(pg.db, input({ title: `Parallel ${i}`, tags: ['Parallel saves'], countries: [{ code: 'JO', role: 'actor' }] }), TEST_ACTOR)),
    );
    expect(new Set(made.map((m) => m.id)).size).toBe(10);
    const tagged = await pg.db.execute<{ n: string }>(sql`SELECT count(*) AS n FROM event_tags et JOIN tags t ON t.id = et.tag_id WHERE t.slug = 'parallel-saves'`);
    expect(Number(tagged.rows[0]!.n)).toBe(10);
    expect(await pgDerivedMismatches(pg.pool)).toEqual([]);
  });

  it('edits ten different events at once without losing any', async () => {
    const made = await Promise.all(Array.from({ length: 10 }, (_, i) => pgCreateEvent(pg.db, input({ title: `Edit me ${i}`, countries: [{ code: 'AE', role: 'actor' }] }), TEST_ACTOR)));
    await Promise.all(made.map((m, i) => pgUpdateEvent(pg.db, m.id, input({ title: `Edited ${i}`, countries: [{ code: 'SA', role: 'actor' }] }), 1, TEST_ACTOR)));
    const titles = await pg.db.execute<{ title: string }>(sql`SELECT title FROM events WHERE title LIKE 'Edited %' ORDER BY title`);
    expect(titles.rows.map((r) => r.title)).toEqual(Array.from({ length: 10 }, (_, i) => `Edited ${i}`));
    expect(await pgDerivedMismatches(pg.pool)).toEqual([]);
  });
});
