/**
 * POST /api/events as another site, an anonymous client, a viewer and an editor would call it, and
 * GET /api/events with reading open to all or to accounts only. Only the session is faked; the
 * handler, checks and database are real.
 */
import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { createEvent } from '@/db/mutations/events';
import { getEvent, listRevisions } from '@/db/queries/events';
import { createTestDb } from '@/db/testing/test-db';
import { eventInputSchema } from '@/lib/validation/event';
import { env, resetEnvCache } from '@/lib/env';
import { resolveAuthSecret } from '@/server/auth/secret';
import { createHmac } from 'node:crypto';
import { authorize, changeActor, type Permission, type Role, type Viewer } from '@/lib/auth/roles';
import { writeFirstState } from '@/server/http/write-first';

const harness = vi.hoisted(() => ({
  conn: null as unknown as Connection,
  viewer: null as Viewer | null,
  publicReading: true,
  sessionLookups: 0,
  /** When set, a staff request's permission check waits for it (a save still under way). */
  permissionCheck: null as Promise<void> | null,
}));

vi.mock('@/db/index', async () => {
  const { sqliteStore } = await import('@/db/store/sqlite');
  return { getDb: () => harness.conn.db, getConnection: () => harness.conn, getStore: () => sqliteStore(harness.conn), servingEngine: () => 'sqlite' as const, servingPostgres: () => null };
});
vi.mock('@/server/auth/viewer', () => ({
  requirePermission: async (permission: Permission) => {
    await harness.permissionCheck;
    return authorize(harness.viewer, permission);
  },
  getViewer: async () => {
    harness.sessionLookups++;
    return harness.viewer;
  },
  readAccessIsPublic: () => harness.publicReading,
  canSeeDrafts: (viewer: Viewer | null) => viewer !== null,
}));

const route = await import('./route');
const exportJson = await import('./export.json/route');

function as(role: Role | null) {
  harness.viewer = role ? { id: `user-${role}`, email: `${role}@example.org`, name: role, role } : null;
}

const ORIGIN = 'http://127.0.0.1:3000';
function post(body: unknown, headers: Record<string, string> = {}) {
  return new NextRequest(`${ORIGIN}/api/events`, {
    method: 'POST',
    headers: { host: '127.0.0.1:3000', origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const count = () => harness.conn.db.get<{ n: number }>(sql`SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM revisions) AS n`).n;
const event = { type: 'designation', title: 'Created through the API', summary: 'Two designations.', date: '2024-05', status: 'published' };

beforeEach(() => {
  harness.permissionCheck = null;
  harness.conn = createTestDb();
  harness.publicReading = true;
  harness.sessionLookups = 0;
});
afterEach(() => harness.conn.sqlite.close());

describe('POST /api/events', () => {
  it.each([
    ['another site', 'editor', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, 403],
    ['nobody signed in', null, {}, 401],
    ['a viewer', 'viewer', {}, 403],
  ] as const)('refuses %s and writes nothing', async (_label, role, headers, status) => {
    as(role);
    const res = await route.POST(post({ event }, headers));
    expect(res.status).toBe(status);
    expect(count()).toBe(0);
  });

  it('creates the event for an editor, with its revision, and says where it is', async () => {
    as('editor');
    const res = await route.POST(post({ event }));
    expect(res.status).toBe(201);
    const { id, version } = (await res.json()) as { id: number; version: number };
    expect(version).toBe(1);
    expect(res.headers.get('location')).toBe(`/events/${id}`);
    expect(getEvent(harness.conn.db, id)).toMatchObject({ title: 'Created through the API', date: '2024-05-01', datePrecision: 'month' });
    expect(listRevisions(harness.conn.db, 'event', id)).toMatchObject([{ action: 'create', actor: 'editor@example.org' }]);
  });

  it.each([
    ['not JSON', '{"event": ', /must be JSON/],
    ['an invalid event', { event: { ...event, type: 'rumour', date: '2024-02-30' } }, /not valid/],
    ['no event at all', {}, /not valid/],
  ])('answers 400 for %s and writes nothing', async (_label, body, message) => {
    as('editor');
    const res = await route.POST(post(body));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(message);
    expect(count()).toBe(0);
  });
});

describe('POST /api/events with source URLs a browser reads differently from how they are written (issue 10, item 6)', () => {
  it.each([
    ['https:evil.test', 'https://evil.test/'],
    ['http:evil.test', 'http://evil.test/'],
    ['https:/evil.test', 'https://evil.test/'],
    ['http:/\\evil.test', 'http://evil.test/'],
    ['HTTPS://Example.ORG:443/a b', 'https://example.org/a%20b'],
  ])('stores %j as the address a browser follows, %j', async (url, stored) => {
    as('editor');
    const res = await route.POST(post({ event: { ...event, sources: [{ title: 'A source', url }] } }));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: number };
    expect(getEvent(harness.conn.db, id)!.sources.map((s) => s.url)).toEqual([stored]);
  });

  it('refuses a URL with a user name before an "@", saying why, and writes nothing', async () => {
    as('editor');
    const res = await route.POST(post({ event: { ...event, sources: [{ title: 'A source', url: 'https://state.gov@evil.test/' }] } }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { issues: { param: string; message: string }[] };
    expect(body.issues).toEqual([{ param: 'event.sources.0.url', message: expect.stringMatching(/user name or password .* lead to the address after the “@”/) }]);
    expect(count()).toBe(0);
  });
});

describe('GET /api/events', () => {
  const get = (query = '') => route.GET(new NextRequest(`${ORIGIN}/api/events${query}`, { headers: { host: '127.0.0.1:3000' } }));
  const titles = async (res: Response) => ((await res.json()) as { items: { title: string }[] }).items.map((e) => e.title);

  beforeEach(() => {
    const editor: Viewer = { id: 'user-editor', email: 'editor@example.org', name: 'editor', role: 'editor' };
    createEvent(harness.conn.db, eventInputSchema.parse({ ...event, title: 'A published designation' }), changeActor(editor));
    createEvent(harness.conn.db, eventInputSchema.parse({ ...event, title: 'A draft designation', status: 'draft' }), changeActor(editor));
  });

  /** A session cookie as Better Auth signs it, with this database's secret (server/auth/signed-session.ts). */
  function signedSessionCookie(token = 'a-session-token') {
    const secret = resolveAuthSecret(harness.conn.db, env().BETTER_AUTH_SECRET).secret;
    return `tracker.session_token=${encodeURIComponent(`${token}.${createHmac('sha256', secret).update(token).digest('base64')}`)}`;
  }

  /** A save whose body is still arriving: it is sent when `finish` is called. */
  function slowPost(body: unknown) {
    let finish!: () => void;
    const sent = new Promise<void>((resolve) => (finish = resolve));
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        await sent;
        controller.enqueue(new TextEncoder().encode(JSON.stringify(body)));
        controller.close();
      },
    });
    const init = {
      method: 'POST',
      headers: { host: '127.0.0.1:3000', origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', cookie: signedSessionCookie() },
      body: stream,
      duplex: 'half' as const,
    };
    const request = new NextRequest(`${ORIGIN}/api/events`, init);
    return { request, finish };
  }

  it('answers a reader who asks while an editor is saving after the save, with the saved event (writes go first)', async () => {
    as('editor');
    const { request, finish } = slowPost({ event: { ...event, title: 'Saved while a reader asked' } });
    const settled: string[] = [];
    const saved = route.POST(request).then((res) => (settled.push('save'), res));
    await new Promise((r) => setTimeout(r, 10));
    const reading = get().then((res) => (settled.push('read'), res));
    await new Promise((r) => setTimeout(r, 30));
    expect(settled).toEqual([]);
    finish();
    const [save, read] = await Promise.all([saved, reading]);
    expect(save.status).toBe(201);
    expect(settled).toEqual(['save', 'read']);
    expect(await titles(read)).toContain('Saved while a reader asked');
  });

  it.each([
    ['no session cookie', {}],
    ['a forged session cookie', { cookie: `tracker.session_token=forged.${'A'.repeat(43)}=` }],
    ['a session cookie from another site', { cookie: 'x', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
  ])('does not hold readers back for a POST with %s while it is checked', async (_what, headers) => {
    if ('origin' in headers) headers.cookie = signedSessionCookie();
    let finishCheck!: () => void;
    harness.permissionCheck = new Promise<void>((resolve) => (finishCheck = resolve));
    as(null);
    const settled: string[] = [];
    const refused = route.POST(post({ event }, headers)).then((res) => (settled.push('refused'), res));
    await new Promise((r) => setTimeout(r, 10));
    expect(writeFirstState().writes).toBe(0);
    harness.permissionCheck = null;
    const read = await get();
    settled.push('read');
    expect(read.status).toBe(200);
    finishCheck();
    expect((await refused).status).toBe('origin' in headers ? 403 : 401);
    // Another site is refused before any lookup; the others wait for theirs, after the reader.
    if (!('origin' in headers)) expect(settled).toEqual(['read', 'refused']);
  });

  it('holds readers back from the session lookup on for a POST with a session cookie this server signed', async () => {
    let finishCheck!: () => void;
    harness.permissionCheck = new Promise<void>((resolve) => (finishCheck = resolve));
    as('editor');
    const saving = route.POST(post({ event: { ...event, title: 'Saved by a signed-in editor' } }, { cookie: signedSessionCookie() }));
    await new Promise((r) => setTimeout(r, 10));
    expect(writeFirstState().writes).toBe(1);
    finishCheck();
    expect((await saving).status).toBe(201);
  });

  it('shows readers the published events, and staff the drafts too', async () => {
    as(null);
    expect(await titles(await get())).toEqual(['A published designation']);
    as('viewer');
    expect((await titles(await get('?status=all'))).sort()).toEqual(['A draft designation', 'A published designation']);
  });

  it('gives each event\'s date at its precision ("2024-05", "2011"), never a padded day, in the list and the JSON export', async () => {
    as(null);
    const editor: Viewer = { id: 'user-editor', email: 'editor@example.org', name: 'editor', role: 'editor' };
    createEvent(harness.conn.db, eventInputSchema.parse({ ...event, title: 'Known to the year', date: '2011', endDate: '2012-03' }), changeActor(editor));
    const list = (await (await get()).json()) as { items: Record<string, unknown>[] };
    const exported = (await (
      await exportJson.GET(new NextRequest(`${ORIGIN}/api/events/export.json`, { headers: { host: '127.0.0.1:3000' } }))
    ).json()) as Record<string, unknown>[];
    for (const items of [list.items, exported]) {
      expect(items.map(({ title, date, datePrecision, dateSortKey, endDate, endDatePrecision }) => ({ title, date, datePrecision, dateSortKey, endDate, endDatePrecision }))).toEqual([
        { title: 'A published designation', date: '2024-05', datePrecision: 'month', dateSortKey: '2024-05-01', endDate: null, endDatePrecision: null },
        { title: 'Known to the year', date: '2011', datePrecision: 'year', dateSortKey: '2011-01-01', endDate: '2012-03', endDatePrecision: 'month' },
      ]);
    }
    expect(exported[0]).toMatchObject({ permalink: `${ORIGIN}/events/1` });
  });

  it('answers 401 with a reason when reading needs an account (READ_ACCESS=signed-in), and serves a signed-in viewer', async () => {
    harness.publicReading = false;
    as(null);
    const refused = await get();
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: string }).error).toMatch(/Sign in/);

    as('viewer');
    harness.sessionLookups = 0;
    const served = await get();
    expect(served.status).toBe(200);
    expect(await titles(served)).toContain('A published designation');
    // Access and drafts are decided from one look at the session, not one each.
    expect(harness.sessionLookups).toBe(1);
  });

  it('does not tell a reader whether someone else asked for the same view since the last write', async () => {
    // Issue 10, item 14: `X-Cache: hit` on the first request of a reader meant another reader had
    // just opened the same view. The read-through cache stays; the header is gone.
    as(null);
    const first = await get('?type=designation');
    const second = await get('?type=designation');
    expect(await second.text()).toBe(await first.text());
    for (const res of [first, second]) {
      expect(res.headers.get('x-cache')).toBeNull();
      // The handler's time would tell the same (near zero from the cache).
      expect(res.headers.get('server-timing')).toBeNull();
    }
  });

  it('reports the handler\'s time only when the server is told to (SERVER_TIMING=1, for the benchmark)', async () => {
    process.env.SERVER_TIMING = '1';
    resetEnvCache();
    try {
      expect((await get()).headers.get('server-timing')).toMatch(/^db;desc="queries";dur=\d+\.\d\d$/);
    } finally {
      delete process.env.SERVER_TIMING;
      resetEnvCache();
    }
  });
});
