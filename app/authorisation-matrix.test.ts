/**
 * The authorisation matrix: every write endpoint and server action x every role (nobody, viewer,
 * editor, admin) x a browser on the same site or on another site. Each request goes through what
 * the server runs, in order: proxy.ts first (which refuses writes from other sites), then the
 * route handler or the action with its own session and role check. A refused cell must say why and
 * leave the database byte-for-byte as it was; an allowed cell must do the work.
 *
 * Only the session is faked (Next's request context does not exist in Vitest).
 */
import { NextRequest } from 'next/server';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { proxy } from '@/proxy';
import { createWriteFixtures, EVENT_FIELDS, type WriteFixtures } from '@/db/testing/write-fixtures';
import { damageTablePage, seededFile } from '@/db/testing/damaged-file';
import { checkIntegrityNow, resetIntegrityChecks } from '@/db/engine/integrity';
import { apiRequest, databaseChecksum, freshDatabase, readAnswer, routeParams, runAction, signInAs, type Site } from '@/testing/harness';
import type { Role } from '@/lib/auth/roles';

vi.mock('@/db/index', async () => (await import('@/testing/harness')).dbModule());
vi.mock('@/server/auth/viewer', async () => (await import('@/testing/harness')).viewerModule());
vi.mock('@/lib/auth/password', async () => (await import('@/testing/harness')).passwordModule());
vi.mock('next/navigation', async () => (await import('@/testing/harness')).navigationModule());
vi.mock('next/cache', async () => (await import('@/testing/harness')).cacheModule());

const eventsRoute = await import('./api/events/route');
const eventRoute = await import('./api/events/[id]/route');
const restoreRoute = await import('./api/events/[id]/restore/route');
const eventActions = await import('@/server/actions/events');
const entityActions = await import('@/server/actions/entities');
const userActions = await import('@/server/actions/users');
const savedViewActions = await import('@/server/actions/saved-views');
const importRoute = await import('./api/import/route');
const healthRoute = await import('./api/health/route');
const savedRoute = await import('./saved/[id]/route');
const { planImport } = await import('@/db/import/import');
const { readCsvUpload } = await import('@/lib/csv/import');
const { harness } = await import('@/testing/harness');

function form(entries: Record<string, string | number>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(entries)) fd.append(k, String(v));
  return fd;
}

const eventJson = { type: 'statement', title: 'Written through the API', summary: 'Something happened.', date: '2024-05-02', status: 'published' };
const small = { error: null, attempt: 0 };
const row = { status: 'idle' as const, message: null, attempt: 0 };

/** What came back, reduced to: did it do the work, and if not, what did it say. */
interface Outcome {
  allowed: boolean;
  /** HTTP status for route handlers and proxy refusals; absent for an action's own answer. */
  status?: number;
  message: string;
}

interface WriteCase {
  name: string;
  needs: Role;
  /** The request the browser sends (for an action: a POST to the page, with Next-Action). */
  request: (f: WriteFixtures, site: Site) => NextRequest;
  /** Runs the handler or the action (only reached when the proxy lets the request through). */
  run: (f: WriteFixtures, request: NextRequest) => Promise<Outcome>;
}

async function fromResponse(res: Response, okStatus: number): Promise<Outcome> {
  const answer = await readAnswer(res);
  const location = res.headers.get('location');
  return { allowed: answer.status === okStatus, status: answer.status, message: location ? `redirected to ${location}` : answer.message };
}

/** An action's answer: a redirect or a success state did the work; anything else is a refusal. */
function fromAction(result: unknown): Outcome {
  const r = result as Record<string, unknown>;
  if (typeof r.redirect === 'string' || r.ok === true || r.status === 'done') return { allowed: true, message: '' };
  const message = [r.message, r.error].find((m): m is string => typeof m === 'string') ?? '';
  return { allowed: false, message };
}

const actionRequest = (page: string) => (_f: WriteFixtures, site: Site) =>
  apiRequest('POST', page, { site, headers: { 'next-action': '7f00aa', 'content-type': 'multipart/form-data; boundary=x' } });

const IMPORT_CSV = 'date,type,title\r\n2024-05-03,statement,Written through the import\r\n';

/** The import's commit as the page sends it: the file and the digest of its dry run. */
function importRequest(site: Site): NextRequest {
  const read = readCsvUpload(new TextEncoder().encode(IMPORT_CSV));
  if (!read.ok) throw new Error(read.error);
  const form = new FormData();
  form.set('file', new File([IMPORT_CSV], 'matrix.csv', { type: 'text/csv' }));
  form.set('mode', 'commit');
  form.set('digest', planImport(harness.conn!.db, read.rows, 'matrix.csv').digest);
  const base = apiRequest('POST', '/api/import', { site });
  const headers = new Headers(base.headers);
  headers.delete('content-type');
  return new NextRequest(base.url, { method: 'POST', headers, body: form });
}

const CASES: WriteCase[] = [
  {
    name: 'POST /api/import',
    needs: 'editor',
    request: (_f, site) => importRequest(site),
    run: async (_f, req) => fromResponse(await importRoute.POST(req), 200),
  },
  {
    name: 'POST /api/events',
    needs: 'editor',
    request: (_f, site) => apiRequest('POST', '/api/events', { site, body: { event: eventJson } }),
    run: async (_f, req) => fromResponse(await eventsRoute.POST(req), 201),
  },
  {
    name: 'PUT /api/events/:id',
    needs: 'editor',
    request: (f, site) => apiRequest('PUT', `/api/events/${f.eventId}`, { site, body: { version: 2, event: eventJson } }),
    run: async (f, req) => fromResponse(await eventRoute.PUT(req, routeParams(String(f.eventId))), 200),
  },
  {
    name: 'DELETE /api/events/:id',
    needs: 'editor',
    request: (f, site) => apiRequest('DELETE', `/api/events/${f.eventId}?version=2`, { site }),
    run: async (f, req) => fromResponse(await eventRoute.DELETE(req, routeParams(String(f.eventId))), 200),
  },
  {
    name: 'POST /api/events/:id/restore',
    needs: 'editor',
    request: (f, site) => apiRequest('POST', `/api/events/${f.deletedId}/restore`, { site, body: { version: 2 } }),
    run: async (f, req) => fromResponse(await restoreRoute.POST(req, routeParams(String(f.deletedId))), 200),
  },
  {
    name: 'saveEvent (create)',
    needs: 'editor',
    request: actionRequest('/events/new'),
    run: async () => fromAction(await runAction(() => eventActions.saveEvent({ status: 'idle' }, form(EVENT_FIELDS)))),
  },
  {
    name: 'saveEvent (edit)',
    needs: 'editor',
    request: actionRequest('/events/1/edit'),
    run: async (f) => fromAction(await runAction(() => eventActions.saveEvent({ status: 'idle' }, form({ ...EVENT_FIELDS, id: f.eventId, version: 2 })))),
  },
  {
    name: 'createActorInline',
    needs: 'editor',
    request: actionRequest('/events/new'),
    run: async () => fromAction(await runAction(() => eventActions.createActorInline({ kind: 'person', name: 'Wassim al-Qattan', countryCode: 'SY' }))),
  },
  {
    name: 'deleteEventAction',
    needs: 'editor',
    request: actionRequest('/events/1'),
    run: async (f) => fromAction(await runAction(() => eventActions.deleteEventAction(small, form({ id: f.eventId, version: 2 })))),
  },
  {
    name: 'restoreDeletedEventAction',
    needs: 'editor',
    request: actionRequest('/events/deleted'),
    run: async (f) => fromAction(await runAction(() => eventActions.restoreDeletedEventAction(small, form({ id: f.deletedId, version: 2 })))),
  },
  {
    name: 'restoreVersionAction',
    needs: 'editor',
    request: actionRequest('/events/1'),
    run: async (f) => fromAction(await runAction(() => eventActions.restoreVersionAction(small, form({ id: f.eventId, version: 2, revisionId: f.firstRevisionId })))),
  },
  {
    name: 'saveEntity',
    needs: 'editor',
    request: actionRequest('/entities/1/edit'),
    run: async (f) => fromAction(await runAction(() => entityActions.saveEntity({ status: 'idle' }, form({ id: f.survivorId, version: 1, kind: 'person', name: 'Khalid Qaddour', aliases: 'Abu Ali' })))),
  },
  {
    name: 'mergeEntitiesAction',
    needs: 'editor',
    request: actionRequest('/entities/1/merge'),
    run: async (f) =>
      fromAction(await runAction(() => entityActions.mergeEntitiesAction(small, form({ survivorId: f.survivorId, survivorVersion: 1, mergedId: f.mergedId, mergedVersion: 1 })))),
  },
  {
    name: 'undoMergeAction',
    needs: 'editor',
    request: actionRequest('/entities/1/history'),
    run: async (f) => fromAction(await runAction(() => entityActions.undoMergeAction(small, form({ mergeId: f.mergeId })))),
  },
  {
    name: 'createUserAction',
    needs: 'admin',
    request: actionRequest('/admin/users'),
    run: async () =>
      fromAction(
        await runAction(() =>
          userActions.createUserAction({ ...row, errors: {}, values: { email: '', name: '', role: '' } }, form({ email: 'new@example.org', name: 'New', role: 'editor', password: 'a long enough password' })),
        ),
      ),
  },
  {
    name: 'setRoleAction',
    needs: 'admin',
    request: actionRequest('/admin/users'),
    run: async (f) => fromAction(await runAction(() => userActions.setRoleAction(row, form({ userId: f.otherUserId, role: 'editor' })))),
  },
  {
    name: 'setPasswordAction',
    needs: 'admin',
    request: actionRequest('/admin/users'),
    run: async (f) => fromAction(await runAction(() => userActions.setPasswordAction(row, form({ userId: f.otherUserId, password: 'another long password' })))),
  },
  {
    name: 'deleteUserAction',
    needs: 'admin',
    request: actionRequest('/admin/users'),
    run: async (f) => fromAction(await runAction(() => userActions.deleteUserAction(row, form({ userId: f.otherUserId })))),
  },
  {
    name: 'saveViewAction',
    needs: 'viewer',
    request: actionRequest('/'),
    run: async () => fromAction(await runAction(() => savedViewActions.saveViewAction({ ...row, errors: {}, values: { name: '' }, savedId: null }, form({ name: 'Caesar designations', query: 'type=designation' })))),
  },
  {
    name: 'createDestinationAction',
    needs: 'admin',
    request: actionRequest('/admin/webhooks'),
    run: async () =>
      fromAction(await runAction(() => savedViewActions.createDestinationAction({ ...row, errors: {}, values: { url: '', label: '' }, secret: null }, form({ url: 'https://hooks.example.org/x', label: 'Analysts' })))),
  },
];

const ROLES: (Role | null)[] = [null, 'viewer', 'editor', 'admin'];
const SITES: Site[] = ['same-site', 'cross-site'];
const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2 };

/** What the server does with the request: the proxy, then (if it lets it through) the route. */
async function serve(c: WriteCase, f: WriteFixtures, site: Site, role: Role | null): Promise<Outcome & { stoppedByProxy: boolean }> {
  const request = c.request(f, site);
  // A signed-in browser sends its session cookie (the proxy only looks at whether there is one).
  if (role) request.headers.set('cookie', 'tracker.session_token=signed.in');
  const early = proxy(request);
  if (early.headers.get('x-middleware-next') !== '1') {
    return { ...(await fromResponse(early, -1)), stoppedByProxy: true };
  }
  return { ...(await c.run(f, request)), stoppedByProxy: false };
}

function expected(c: WriteCase, role: Role | null, site: Site): { allowed: boolean; status?: number; message?: RegExp } {
  if (site === 'cross-site') return { allowed: false, status: 403, message: /another site/ };
  // Staff pages send a browser without a session cookie to the sign-in page before the action runs.
  if (role === null) return { allowed: false, message: /sign in|sign-in/i };
  if (RANK[role] < RANK[c.needs]) return { allowed: false, message: new RegExp(`needs the ${c.needs} role`) };
  return { allowed: true };
}

let fixtures: WriteFixtures;
beforeEach(async () => {
  fixtures = await createWriteFixtures(freshDatabase({ seed: false }));
});

describe('authorisation matrix: write x role x site', () => {
  for (const c of CASES) {
    for (const role of ROLES) {
      for (const site of SITES) {
        const want = expected(c, role, site);
        it(`${c.name} as ${role ?? 'nobody'} from ${site}: ${want.allowed ? 'allowed' : 'refused'}`, async () => {
          signInAs(role);
          const before = databaseChecksum();
          const got = await serve(c, fixtures, site, role);
          expect(got.allowed, JSON.stringify(got)).toBe(want.allowed);
          if (want.allowed) {
            expect(databaseChecksum()).not.toBe(before);
            return;
          }
          expect(got.message).toMatch(want.message!);
          if (want.status) expect(got.status).toBe(want.status);
          if (site === 'cross-site') expect(got.stoppedByProxy).toBe(true);
          // Route handlers answer 401 without a session and 403 without the role; the proxy sends a
          // browser without a session from a staff page to sign in.
          if (site === 'same-site' && got.status !== undefined) expect(got.status).toBe(role !== null ? 403 : got.stoppedByProxy ? 307 : 401);
          expect(databaseChecksum()).toBe(before);
        });
      }
    }
  }
});

describe('route handlers refuse other sites themselves too (if the proxy were bypassed)', () => {
  for (const c of CASES.filter((x) => x.name.includes('/api/'))) {
    it(`${c.name} from another site, even as an admin`, async () => {
      signInAs('admin');
      const before = databaseChecksum();
      const got = await c.run(fixtures, c.request(fixtures, 'cross-site'));
      expect(got).toMatchObject({ allowed: false, status: 403, message: expect.stringMatching(/another site/) });
      expect(databaseChecksum()).toBe(before);
    });
  }

  it('a request with neither Origin nor Sec-Fetch-Site (a script, not a browser) is judged by its session alone', async () => {
    signInAs('viewer');
    const req = apiRequest('POST', '/api/events', { site: 'no-origin', body: { event: eventJson } });
    expect(proxy(req).headers.get('x-middleware-next')).toBe('1');
    const res = await eventsRoute.POST(req);
    expect(res.status).toBe(403);
  });
});

describe('while the integrity check has found the database file damaged (decision 0037)', () => {
  let dir: string;
  beforeAll(async () => {
    // The outcome the server's background check records; the writes below go to the test's own database.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-matrix-damaged-'));
    const file = seededFile(dir);
    damageTablePage(file, 'events');
    expect(await checkIntegrityNow(file)).toMatchObject({ state: 'failed' });
  });
  afterAll(() => {
    resetIntegrityChecks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const c of CASES) {
    it(`${c.name} as ${c.needs} is refused, saying why, and nothing is written`, async () => {
      signInAs(c.needs);
      const before = databaseChecksum();
      const got = await serve(c, fixtures, 'same-site', c.needs);
      expect(got.allowed, JSON.stringify(got)).toBe(false);
      expect(got.message).toMatch(/Changes are paused: the integrity check found the database file damaged/);
      if (got.status !== undefined) expect(got.status).toBe(503);
      expect(databaseChecksum()).toBe(before);
    });
  }

  it('the event form keeps what was typed', async () => {
    signInAs('editor');
    const typed = { ...EVENT_FIELDS, title: 'Typed before the refusal' };
    const state = (await runAction(() => eventActions.saveEvent({ status: 'idle' }, form(typed)))) as { status: string; values: { title: string }; message: string };
    expect(state).toMatchObject({ status: 'refused', values: { title: 'Typed before the refusal' } });
    expect(state.message).toMatch(/^Nothing was saved\. Changes are paused/);
  });

  it('opening a saved view still goes to its timeline, and writes nothing (not even "last opened")', async () => {
    signInAs('editor');
    const { createSavedView } = await import('@/db/mutations/saved-views');
    const { id } = createSavedView(harness.conn!.db, 'user-editor', 'Syria designations', 'country=SY&type=designation');
    const before = databaseChecksum();
    const opened = await savedRoute.GET(apiRequest('GET', `/saved/${id}`, { site: 'same-site' }), routeParams(String(id))).catch((err: unknown) => err);
    expect(opened).toMatchObject({ url: '/?country=SY&type=designation' });
    expect(databaseChecksum()).toBe(before);
  });

  it('reads go on, and /api/health says writes are refused and why', async () => {
    signInAs('editor');
    expect((await eventsRoute.GET(apiRequest('GET', '/api/events', { site: 'same-site' }))).status).toBe(200);
    const health = (await (await healthRoute.GET()).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'degraded', writes: 'refused', integrity: { check: 'quick_check', state: 'failed' } });
    expect((health.integrity as { message: string }).message).toMatch(/page \d+|malformed/);
  });
});
