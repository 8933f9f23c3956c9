/**
 * The webhook dispatcher on PostgreSQL, as several application servers run it against one database
 * (issue 16's scale-out): alerts queued by event saves on PostgreSQL (db/pg/event-writes.ts) are
 * sent by two dispatchers working at the same time, each with its own connection pool, to a
 * receiver on 127.0.0.1. Every alert must arrive exactly once, and each outcome be recorded.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectPostgres, openPostgres, type PgConnection } from '@/db/pg/connect';
import { pgCreateEvent } from '@/db/pg/event-writes';
import { pgOutbox } from '@/db/pg/outbox';
import { savedViews, user, webhookDestinations, webhookSubscriptions } from '@/db/pg/schema';
import { TEST_ACTOR } from '@/db/testing/test-db';
import { eventInputSchema } from '@/lib/validation/event';
import { createTestPostgres, type TestPostgres } from '@/testing/postgres';
import { runDueDeliveries } from './dispatcher';

let database: TestPostgres;
let serverA: PgConnection;
let serverB: PgConnection;
let receiver: Server;
let received: string[];
let answer: (res: ServerResponse) => void;
let destinationId: number;

const designation = (title: string) =>
  eventInputSchema.parse({ type: 'designation', title, summary: 'Treasury named them.', date: '2024-06-01', status: 'published', countries: [{ code: 'SY', role: 'target' }] });

beforeAll(async () => {
  received = [];
  receiver = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => {
      received.push(String(req.headers['x-tracker-delivery']));
      answer(res);
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  database = await createTestPostgres('tracker_dispatch');
  serverA = await openPostgres(database.url, { migrate: true });
  serverB = await connectPostgres(database.url);
  const db = serverA.db;
  await db.insert(user).values({ id: 'u1', name: 'Analyst', email: 'analyst@example.org', role: 'viewer' });
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  const [destination] = await db.insert(webhookDestinations).values({ url, label: 'Receiver', secret: 'whsec_test', createdBy: 'admin@example.org' }).returning({ id: webhookDestinations.id });
  destinationId = destination!.id;
  const [view] = await db.insert(savedViews).values({ userId: 'u1', name: 'Designations', query: 'type=designation' }).returning({ id: savedViews.id });
  await db.insert(webhookSubscriptions).values({ savedViewId: view!.id, destinationId });
}, 60_000);

afterAll(async () => {
  await serverA?.close();
  await serverB?.close();
  await database?.drop();
  receiver?.closeAllConnections();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  answer = (res) => res.writeHead(204).end();
});

const options = { origin: 'https://tracker.example', random: () => 0.5, timeoutMs: 2_000 };

async function states(): Promise<{ id: number; state: string; attempt: number }[]> {
  return (await serverA.db.execute<{ id: number; state: string; attempt: number }>(sql`SELECT id, state, attempt FROM webhook_deliveries ORDER BY id`)).rows;
}

describe('the webhook dispatcher on PostgreSQL', () => {
  it('sends each of twelve alerts exactly once while two servers dispatch at the same time', async () => {
    for (let i = 0; i < 12; i++) await pgCreateEvent(serverA.db, designation(`Designation ${i}`), TEST_ACTOR);
    const queued = await states();
    expect(queued.map((d) => d.state)).toEqual(Array(12).fill('pending'));

    const [a, b] = await Promise.all([runDueDeliveries(pgOutbox(serverA.db), options), runDueDeliveries(pgOutbox(serverB.db), options)]);
    // Both read the same due rows; the lease gave each row to one of them.
    expect(a + b).toBeGreaterThanOrEqual(12);
    expect([...received].sort()).toEqual(queued.map((d) => String(d.id)).sort());
    expect(new Set(received).size).toBe(12);
    expect((await states()).map((d) => [d.state, d.attempt])).toEqual(Array(12).fill(['delivered', 1]));
    expect(await pgOutbox(serverB.db).nextDueAt()).toBeNull();
  });

  it('records a refused delivery for a retry later, and sends it again once it is due', async () => {
    answer = (res) => res.writeHead(503).end();
    await pgCreateEvent(serverA.db, designation('Retry me'), TEST_ACTOR);
    await runDueDeliveries(pgOutbox(serverA.db), options);
    const [failed] = (await states()).slice(-1);
    expect(failed).toMatchObject({ state: 'failed', attempt: 1 });
    const dueAt = await pgOutbox(serverA.db).nextDueAt();
    expect(dueAt).toBeGreaterThan(Date.now());

    answer = (res) => res.writeHead(204).end();
    expect(await runDueDeliveries(pgOutbox(serverB.db), options)).toBe(0);
    expect(await runDueDeliveries(pgOutbox(serverB.db), { ...options, now: () => dueAt! + 1 })).toBe(1);
    expect((await states()).slice(-1)).toEqual([{ id: failed!.id, state: 'delivered', attempt: 2 }]);
  });

  it('switches off a destination that answers that it is gone, and says why', async () => {
    answer = (res) => res.writeHead(410).end();
    await pgCreateEvent(serverA.db, designation('Gone'), TEST_ACTOR);
    await runDueDeliveries(pgOutbox(serverA.db), options);
    expect((await states()).slice(-1)[0]).toMatchObject({ state: 'gave_up' });
    const [destination] = (await serverA.db.execute<{ enabled: boolean; disabled_reason: string }>(sql`SELECT enabled, disabled_reason FROM webhook_destinations WHERE id = ${destinationId}`)).rows;
    expect(destination!.enabled).toBe(false);
    expect(destination!.disabled_reason).toMatch(/410/);
  });

  it('gives a due delivery to one server only, however many read it at once', async () => {
    await serverA.db.execute(sql`UPDATE webhook_destinations SET enabled = true, disabled_reason = NULL`);
    await pgCreateEvent(serverA.db, designation('Leased once'), TEST_ACTOR);
    const now = new Date().toISOString();
    const [seenByA] = await pgOutbox(serverA.db).due(now, 1);
    const [seenByB] = await pgOutbox(serverB.db).due(now, 1);
    expect(seenByB!.id).toBe(seenByA!.id);
    const until = new Date(Date.now() + 60_000).toISOString();
    const leases = await Promise.all([pgOutbox(serverA.db).lease(seenByA!.id, seenByA!.nextAttemptAt!, until), pgOutbox(serverB.db).lease(seenByB!.id, seenByB!.nextAttemptAt!, until)]);
    expect(leases.filter(Boolean)).toHaveLength(1);
  });
});
