/**
 * Cache headers on every read route (issue 10, item 5): with READ_ACCESS=signed-in the feed said
 * `Cache-Control: public, max-age=300` with no `Vary: Cookie`, so a shared cache in front could hand
 * one member's feed to anybody. Every read route x both READ_ACCESS settings x nobody / a reader's
 * session / staff, good and bad requests: an answer is public only when reading is public and the
 * request has no session, and then only the feed may be kept; everything else is never stored.
 */
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { apiRequest, freshDatabase, routeParams, signInAs } from '@/testing/harness';
import type { Role } from '@/lib/auth/roles';

vi.mock('@/db/index', async () => (await import('@/testing/harness')).dbModule());
vi.mock('@/server/auth/viewer', async () => (await import('@/testing/harness')).viewerModule());

const { harness } = await import('@/testing/harness');
const feed = await import('./feed.xml/route');
const csv = await import('./api/events/export/route');
const json = await import('./api/events/export.json/route');
const xlsx = await import('./api/events/export.xlsx/route');
const events = await import('./api/events/route');
const event = await import('./api/events/[id]/route');
const entities = await import('./api/entities/route');
const suggestEntities = await import('./api/suggest/entities/route');
const suggestEvents = await import('./api/suggest/events/route');
const template = await import('./import/template.csv/route');
const health = await import('./api/health/route');

const get = (path: string, cookie?: string) => apiRequest('GET', path, { site: 'no-origin', headers: cookie ? { cookie } : {} });

interface ReadCase {
  name: string;
  run: (cookie?: string) => Promise<Response>;
  /** The one answer a shared cache may keep (public reading, nobody signed in), or null for none. */
  sharedMaxAge: number | null;
  /** Staff data: never public, whoever asks. */
  staff?: boolean;
}

const CASES: ReadCase[] = [
  { name: 'GET /feed.xml', run: (c) => feed.GET(get('/feed.xml?type=designation', c)), sharedMaxAge: 300 },
  { name: 'GET /feed.xml with a bad parameter', run: (c) => feed.GET(get('/feed.xml?country=XX', c)), sharedMaxAge: null },
  { name: 'GET /api/events/export', run: (c) => csv.GET(get('/api/events/export', c)), sharedMaxAge: null },
  { name: 'GET /api/events/export with a bad parameter', run: (c) => csv.GET(get('/api/events/export?from=nope', c)), sharedMaxAge: null },
  { name: 'GET /api/events/export.xlsx', run: (c) => xlsx.GET(get('/api/events/export.xlsx', c)), sharedMaxAge: null },
  { name: 'GET /api/events/export.xlsx with a bad parameter', run: (c) => xlsx.GET(get('/api/events/export.xlsx?from=nope', c)), sharedMaxAge: null },
  { name: 'GET /api/events/export.json', run: (c) => json.GET(get('/api/events/export.json', c)), sharedMaxAge: null },
  { name: 'GET /api/events/export.json with a bad parameter', run: (c) => json.GET(get('/api/events/export.json?format=xml', c)), sharedMaxAge: null },
  { name: 'GET /api/events', run: (c) => events.GET(get('/api/events', c)), sharedMaxAge: null },
  { name: 'GET /api/events?status=all', run: (c) => events.GET(get('/api/events?status=all', c)), sharedMaxAge: null, staff: true },
  { name: 'GET /api/events with a bad parameter', run: (c) => events.GET(get('/api/events?limit=-1', c)), sharedMaxAge: null },
  { name: 'GET /api/events/1', run: (c) => event.GET(get('/api/events/1', c), routeParams('1')), sharedMaxAge: null },
  { name: 'GET /api/events/999999', run: (c) => event.GET(get('/api/events/999999', c), routeParams('999999')), sharedMaxAge: null },
  { name: 'GET /api/entities?q=assad', run: (c) => entities.GET(get('/api/entities?q=assad', c)), sharedMaxAge: null },
  { name: 'GET /api/entities with a bad parameter', run: (c) => entities.GET(get('/api/entities?limit=99', c)), sharedMaxAge: null },
  { name: 'GET /api/suggest/entities', run: (c) => suggestEntities.GET(get('/api/suggest/entities?q=as', c)), sharedMaxAge: null, staff: true },
  { name: 'GET /api/suggest/events', run: (c) => suggestEvents.GET(get('/api/suggest/events?q=caesar', c)), sharedMaxAge: null, staff: true },
  { name: 'GET /import/template.csv', run: (c) => Promise.resolve(template.GET(get('/import/template.csv', c))), sharedMaxAge: null },
  { name: 'GET /api/health', run: () => Promise.resolve(health.GET()), sharedMaxAge: null },
];

const WHO: { label: string; role: Role | null; cookie?: string }[] = [
  { label: 'nobody', role: null },
  { label: 'nobody, with a stale session cookie', role: null, cookie: 'tracker.session_token=expired.value' },
  { label: 'a viewer (staff)', role: 'viewer', cookie: 'tracker.session_token=abc.def' },
  { label: 'an editor', role: 'editor', cookie: 'tracker.session_token=abc.def' },
];

// Reads only: one database for the whole matrix.
beforeAll(() => {
  freshDatabase();
});

describe.each(['public', 'signed-in'] as const)('READ_ACCESS=%s', (readAccess) => {
  describe.each(WHO)('$label', ({ role, cookie }) => {
    it.each(CASES)('$name', async ({ run, sharedMaxAge, staff }) => {
      harness.readAccess = readAccess;
      signInAs(role);
      const res = await run(cookie);
      await res.arrayBuffer();
      const cacheControl = res.headers.get('cache-control') ?? '';
      const shareable = readAccess === 'public' && role === null && !cookie && sharedMaxAge !== null && !staff;
      if (shareable) {
        expect(cacheControl).toBe(`public, max-age=${sharedMaxAge}`);
      } else {
        expect(cacheControl, `${res.status}`).toMatch(/\bno-store\b/);
        expect(cacheControl).not.toMatch(/\bpublic\b|max-age=[1-9]|s-maxage/);
        if (role !== null || cookie || readAccess === 'signed-in') expect(cacheControl).toMatch(/\bprivate\b/);
      }
      // Whatever a session could change, caches must keep apart.
      expect(res.headers.get('vary') ?? '').toMatch(/\bCookie\b/i);
    });
  });
});

describe('the feed, in the setting the probe found', () => {
  it('is private for a signed-in reader when reading needs an account', async () => {
    harness.readAccess = 'signed-in';
    signInAs('viewer');
    const res = await feed.GET(new NextRequest('http://127.0.0.1:3000/feed.xml', { headers: { host: '127.0.0.1:3000', cookie: 'tracker.session_token=abc.def' } }));
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    expect(res.headers.get('vary')).toMatch(/Cookie/);
  });
});
