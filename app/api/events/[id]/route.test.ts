/**
 * The JSON write API, as a browser on another site, an anonymous client, a viewer and an editor
 * would call it. Only the session is faked; the handlers, checks and database are real.
 */
import { sql } from 'drizzle-orm';
import { NextRequest } from 'next/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { getEvent } from '@/db/queries/events';
import { createTestDb, makeEvent } from '@/db/testing/test-db';
import { AuthorizationError, authorize, type Permission, type Role, type Viewer } from '@/lib/auth/roles';

const harness = vi.hoisted(() => ({ conn: null as unknown as Connection, viewer: null as Viewer | null, signedInOnly: false }));

vi.mock('@/db/index', async () => {
  const { sqliteStore } = await import('@/db/store/sqlite');
  return { getDb: () => harness.conn.db, getStore: () => sqliteStore(harness.conn), servingEngine: () => 'sqlite' as const, servingPostgres: () => null };
});
vi.mock('@/server/auth/viewer', () => ({
  requirePermission: async (permission: Permission) => authorize(harness.viewer, permission),
  requireReadAccess: async () => {
    if (harness.signedInOnly && !harness.viewer) throw new AuthorizationError(401, 'Sign in to read the tracker.');
    return harness.viewer;
  },
  getViewer: async () => harness.viewer,
  readAccessIsPublic: () => !harness.signedInOnly,
  canSeeDrafts: (viewer: Viewer | null) => viewer !== null,
}));

const route = await import('./route');
const restore = await import('./restore/route');

function as(role: Role | null) {
  harness.viewer = role ? { id: `user-${role}`, email: `${role}@example.org`, name: role, role } : null;
}

const ORIGIN = 'http://127.0.0.1:3000';
function request(method: string, path: string, { body, headers = {} }: { body?: unknown; headers?: Record<string, string> } = {}) {
  return new NextRequest(`${ORIGIN}${path}`, {
    method,
    headers: { host: '127.0.0.1:3000', origin: ORIGIN, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const params = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const dump = () => JSON.stringify(harness.conn.db.all(sql`SELECT * FROM events`)) + JSON.stringify(harness.conn.db.all(sql`SELECT id FROM revisions`));

const edit = (version: number, title = 'Renamed by the API') => ({
  version,
  event: { type: 'statement', title, summary: 'Something happened.', date: '2023-03-28', status: 'published' },
});

let id: number;
let draftId: number;
beforeEach(() => {
  harness.conn = createTestDb();
  id = makeEvent(harness.conn.db).id;
  draftId = makeEvent(harness.conn.db, { title: 'Secret draft', status: 'draft' }).id;
});
afterEach(() => harness.conn.sqlite.close());

describe('PUT /api/events/:id', () => {
  it.each([
    ['another site (Origin)', null, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, 403],
    ['another site, even as an editor', 'editor', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, 403],
    ['nobody signed in', null, {}, 401],
    ['a viewer', 'viewer', {}, 403],
  ] as const)('refuses %s and changes nothing', async (_label, role, headers, status) => {
    as(role);
    const before = dump();
    const res = await route.PUT(request('PUT', `/api/events/${id}`, { body: edit(1), headers }), params(id));
    expect(res.status).toBe(status);
    expect((await res.json()).error).toEqual(expect.any(String));
    expect(dump()).toBe(before);
  });

  it('saves as an editor, then refuses the same stale version with 409 and the current version', async () => {
    as('editor');
    const ok = await route.PUT(request('PUT', `/api/events/${id}`, { body: edit(1) }), params(id));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ id, version: 2, changed: true });
    const before = dump();
    const stale = await route.PUT(request('PUT', `/api/events/${id}`, { body: edit(1, 'Someone else') }), params(id));
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ currentVersion: 2, deleted: false });
    expect(dump()).toBe(before);
  });

  it('explains invalid input per field, and bad bodies and ids, without a 500', async () => {
    as('editor');
    const invalid = await route.PUT(
      request('PUT', `/api/events/${id}`, { body: { version: 'x', event: { ...edit(1).event, sources: [{ title: 's', url: 'javascript:alert(1)' }] } } }),
      params(id),
    );
    expect(invalid.status).toBe(400);
    expect((await invalid.json()).issues).toEqual(
      expect.arrayContaining([
        { param: 'version', message: expect.any(String) },
        { param: 'event.sources.0.url', message: expect.stringMatching(/http/) },
      ]),
    );
    expect((await route.PUT(request('PUT', `/api/events/${id}`, { body: '{not json' }), params(id))).status).toBe(400);
    expect((await route.PUT(request('PUT', '/api/events/abc', { body: edit(1) }), params('abc'))).status).toBe(404);
    expect((await route.PUT(request('PUT', '/api/events/9999', { body: edit(1) }), params(9999))).status).toBe(404);
  });
});

describe('DELETE and restore', () => {
  it('needs the editor role and the version, deletes softly, and restores', async () => {
    as('viewer');
    expect((await route.DELETE(request('DELETE', `/api/events/${id}?version=1`), params(id))).status).toBe(403);
    as('editor');
    expect((await route.DELETE(request('DELETE', `/api/events/${id}`), params(id))).status).toBe(400);
    const res = await route.DELETE(request('DELETE', `/api/events/${id}?version=1`), params(id));
    expect(res.status).toBe(200);
    expect(getEvent(harness.conn.db, id)).toBeNull();
    const back = await restore.POST(request('POST', `/api/events/${id}/restore`, { body: { version: 2 } }), params(id));
    expect(back.status).toBe(200);
    expect(getEvent(harness.conn.db, id)?.deletedAt).toBeNull();
  });
});

describe('GET /api/events/:id', () => {
  it('hides drafts from the public and shows them to staff', async () => {
    as(null);
    expect((await route.GET(request('GET', `/api/events/${draftId}`), params(draftId))).status).toBe(404);
    const pub = await route.GET(request('GET', `/api/events/${id}`), params(id));
    expect(pub.status).toBe(200);
    expect(await pub.json()).not.toHaveProperty('createdBy');
    as('viewer');
    const draft = await route.GET(request('GET', `/api/events/${draftId}`), params(draftId));
    expect(draft.status).toBe(200);
    expect((await draft.json()).title).toBe('Secret draft');
  });

  it('gives dates at their precision, never a padded day, with the precision beside each', async () => {
    as(null);
    const yearOnly = makeEvent(harness.conn.db, { title: 'Known to the year', date: '2011', effectiveDate: '2012-06' }).id;
    const body = await (await route.GET(request('GET', `/api/events/${yearOnly}`), params(yearOnly))).json();
    expect(body).toMatchObject({ date: '2011', datePrecision: 'year', dateSortKey: '2011-01-01', effectiveDate: '2012-06', effectiveDatePrecision: 'month', endDate: null });
    const day = await (await route.GET(request('GET', `/api/events/${id}`), params(id))).json();
    expect(day).toMatchObject({ date: '2023-03-28', datePrecision: 'day' });
  });

  it('answers 401 when reading requires an account (READ_ACCESS=signed-in)', async () => {
    as(null);
    harness.signedInOnly = true;
    try {
      const res = await route.GET(request('GET', `/api/events/${id}`), params(id));
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: 'Sign in to read the tracker.' });
    } finally {
      harness.signedInOnly = false;
    }
  });
});
