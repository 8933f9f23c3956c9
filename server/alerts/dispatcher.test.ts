import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { createSavedView, subscribeSavedView } from '@/db/mutations/saved-views';
import { createWebhookDestination } from '@/db/mutations/webhooks';
import { user, webhookDeliveries, webhookDestinations } from '@/db/schema';
import { createTestDb, makeEvent } from '@/db/testing/test-db';
import { MAX_ATTEMPTS, RETRY_DELAYS_MS } from '@/lib/alerts/retry';
import { SIGNATURE_HEADER, verifySignature } from '@/lib/alerts/webhook-signing';
import { sqliteOutboxStore } from '@/db/store/outbox-sqlite';
import { runDueDeliveries } from './dispatcher';

interface Received {
  body: string;
  signature: string | undefined;
  delivery: string | undefined;
}

let conn: Connection;
let server: Server;
let received: Received[];
let answer: (n: number, res: ServerResponse) => void;
let url: string;
let clock: number;
const now = () => clock;
const options = () => ({ origin: 'https://tracker.example', now, random: () => 0.5, timeoutMs: 300 });

beforeEach(async () => {
  received = [];
  answer = (_n, res) => res.writeHead(204).end();
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: req.headers[SIGNATURE_HEADER.toLowerCase()] as string, delivery: req.headers['x-tracker-delivery'] as string });
      answer(received.length, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  clock = Date.parse('2026-12-02T08:00:00Z');
  conn = createTestDb();
  conn.db.insert(user).values({ id: 'u1', name: 'Analyst', email: 'analyst@example.org', role: 'viewer' }).run();
});

afterEach(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function subscribe() {
  const destination = createWebhookDestination(conn.db, { url, label: 'Receiver' }, 'admin@example.org');
  const view = createSavedView(conn.db, 'u1', 'Designations', 'type=designation');
  subscribeSavedView(conn.db, 'u1', view.id, destination.id);
  // Deliveries are due at their write time; the test clock starts after that.
  clock = Date.now() + 1000;
  return destination;
}

const rows = () => conn.db.select().from(webhookDeliveries).all();

describe('the webhook dispatcher', () => {
  it('POSTs the signed JSON payload to the receiver and records the delivery', async () => {
    const { secret } = subscribe();
    const event = makeEvent(conn.db, { type: 'designation', title: 'Caesar Act designations', date: '2023', datePrecision: 'year' });
    clock = Date.now() + 1000;
    expect(await runDueDeliveries(sqliteOutboxStore(conn.db), options())).toBe(1);
    expect(received).toHaveLength(1);
    const got = received[0]!;
    expect(verifySignature(secret, got.body, got.signature, { now: clock })).toEqual({ ok: true, timestamp: Math.floor(clock / 1000) });
    expect(verifySignature('whsec_wrong', got.body, got.signature, { now: clock }).ok).toBe(false);
    expect(JSON.parse(got.body)).toEqual({
      trigger: 'recorded',
      event: { id: event.id, title: 'Caesar Act designations', date: '2023', datePrecision: 'year', type: 'designation', permalink: `https://tracker.example/events/${event.id}` },
      view: { id: expect.any(Number), name: 'Designations', url: 'https://tracker.example/?type=designation' },
    });
    expect(got.delivery).toBe(String(rows()[0]!.id));
    expect(rows()[0]).toMatchObject({ state: 'delivered', attempt: 1, statusCode: 204, error: null, nextAttemptAt: null });
    expect(await sqliteOutboxStore(conn.db).nextDueAt()).toBeNull();
    // Nothing is sent twice.
    expect(await runDueDeliveries(sqliteOutboxStore(conn.db), options())).toBe(0);
    expect(received).toHaveLength(1);
  });

  it('retries after a 500 on the schedule, then delivers the same bytes on a 200', async () => {
    subscribe();
    answer = (n, res) => res.writeHead(n === 1 ? 500 : 200).end('ok');
    makeEvent(conn.db, { type: 'designation' });
    clock = Date.now() + 1000;
    await runDueDeliveries(sqliteOutboxStore(conn.db), options());
    expect(rows()[0]).toMatchObject({ state: 'failed', attempt: 1, statusCode: 500 });
    expect(Date.parse(rows()[0]!.nextAttemptAt!)).toBe(clock + RETRY_DELAYS_MS[0]);
    // Not yet due: nothing is sent.
    expect(await runDueDeliveries(sqliteOutboxStore(conn.db), options())).toBe(0);
    clock += RETRY_DELAYS_MS[0];
    expect(await runDueDeliveries(sqliteOutboxStore(conn.db), options())).toBe(1);
    expect(rows()[0]).toMatchObject({ state: 'delivered', attempt: 2, statusCode: 200 });
    expect(received[1]!.body).toBe(received[0]!.body);
  });

  it('counts a receiver that does not answer in time as a timeout, and the step still ends', async () => {
    subscribe();
    answer = () => undefined; // never answers
    makeEvent(conn.db, { type: 'designation' });
    clock = Date.now() + 1000;
    const started = performance.now();
    await runDueDeliveries(sqliteOutboxStore(conn.db), options());
    expect(performance.now() - started).toBeLessThan(3000);
    expect(rows()[0]).toMatchObject({ state: 'failed', attempt: 1, statusCode: null, error: 'No answer within 0.3 seconds.' });
    expect(rows()[0]!.durationMs).toBeGreaterThanOrEqual(250);
  });

  it(`gives up after ${MAX_ATTEMPTS} failed attempts`, async () => {
    subscribe();
    answer = (_n, res) => res.writeHead(503).end();
    makeEvent(conn.db, { type: 'designation' });
    clock = Date.now() + 1000;
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await runDueDeliveries(sqliteOutboxStore(conn.db), options());
      clock += 3 * 3_600_000;
    }
    expect(received).toHaveLength(MAX_ATTEMPTS);
    expect(rows()[0]).toMatchObject({ state: 'gave_up', attempt: MAX_ATTEMPTS, statusCode: 503, nextAttemptAt: null });
    expect(rows()[0]!.error).toMatch(`Gave up after ${MAX_ATTEMPTS} attempts`);
  });

  it('gives up on a refused payload (400) at once, and a 410 switches the destination off', async () => {
    const destination = subscribe();
    answer = (n, res) => res.writeHead(n === 1 ? 400 : 410).end();
    makeEvent(conn.db, { type: 'designation' });
    makeEvent(conn.db, { type: 'designation' });
    clock = Date.now() + 1000;
    await runDueDeliveries(sqliteOutboxStore(conn.db), options());
    expect(rows().map((r) => [r.state, r.statusCode])).toEqual([['gave_up', 400], ['gave_up', 410]]);
    expect(conn.db.select().from(webhookDestinations).get()).toMatchObject({ id: destination.id, enabled: false });
  });

  it('records an unreachable receiver as a network error and retries', async () => {
    subscribe();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server = createServer();
    server.listen(0, '127.0.0.1');
    makeEvent(conn.db, { type: 'designation' });
    clock = Date.now() + 1000;
    await runDueDeliveries(sqliteOutboxStore(conn.db), options());
    expect(rows()[0]).toMatchObject({ state: 'failed', attempt: 1, statusCode: null });
    expect(rows()[0]!.error).toMatch(/fetch failed|ECONNREFUSED/);
  });
});
