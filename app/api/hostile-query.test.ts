/**
 * Every public read endpoint, fed generated and known-hostile query strings and ids (SQL and FTS5
 * syntax, markup, traversal, invalid UTF-8, huge and fractional numbers, repeated parameters), as
 * each kind of reader. Each answer is a 2xx or a 4xx that says what is wrong, never a 5xx; every
 * byte of a streamed export is read, so a failure mid-stream counts; and reading changes nothing.
 */
import fc from 'fast-check';
import type { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { FILTER_PARAMS } from '@/lib/filters';
import { apiRequest, databaseChecksum, freshDatabase, harness, isAcceptableAnswer, readAnswer, routeParams, signInAs } from '@/testing/harness';
import { hostileId, queryString } from '@/lib/testing/hostile-values';

vi.mock('@/db/index', async () => (await import('@/testing/harness')).dbModule());
vi.mock('@/server/auth/viewer', async () => (await import('@/testing/harness')).viewerModule());

const events = await import('./events/route');
const event = await import('./events/[id]/route');
const entities = await import('./entities/route');
const csv = await import('./events/export/route');
const json = await import('./events/export.json/route');
const feed = await import('../feed.xml/route');
const suggestEntities = await import('./suggest/entities/route');
const suggestEvents = await import('./suggest/events/route');

type Handler = (request: NextRequest) => Promise<Response> | Response;

const READ_ROUTES: { path: string; params: readonly string[]; handler: Handler }[] = [
  { path: '/api/events', params: [...FILTER_PARAMS, 'cursor', 'limit'], handler: events.GET },
  { path: '/api/entities', params: ['q', 'limit'], handler: entities.GET },
  { path: '/api/events/export', params: [...FILTER_PARAMS, 'bom'], handler: csv.GET },
  { path: '/api/events/export.json', params: [...FILTER_PARAMS, 'format'], handler: json.GET },
  { path: '/feed.xml', params: FILTER_PARAMS, handler: feed.GET },
  { path: '/api/suggest/entities', params: ['q'], handler: suggestEntities.GET },
  { path: '/api/suggest/events', params: ['q', 'exclude'], handler: suggestEvents.GET },
];

const reader = fc.record({
  role: fc.constantFrom(null, 'viewer', 'editor', 'admin' as const),
  readAccess: fc.constantFrom('public', 'signed-in' as const),
});

let checksum: string;
beforeAll(() => {
  freshDatabase();
  checksum = databaseChecksum();
});

/** Bounded so the whole file stays a few seconds in CI; a failure prints the seed to replay it. */
const RUNS = 300;

describe('read endpoints under hostile query strings', () => {
  for (const route of READ_ROUTES) {
    it(`GET ${route.path}: 2xx or 4xx with a message, never 5xx; nothing changes`, async () => {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(queryString(route.params), reader, async (query, who) => {
          signInAs(who.role);
          harness.readAccess = who.readAccess;
          const answer = await readAnswer(await route.handler(apiRequest('GET', `${route.path}?${query}`)));
          statuses.add(answer.status);
          expect(isAcceptableAnswer(answer), `${answer.status} ${answer.body.slice(0, 300)}`).toBe(true);
        }),
        { numRuns: RUNS },
      );
      expect(databaseChecksum()).toBe(checksum);
      // The generator reaches both the success path and the refusals.
      expect([...statuses].some((s) => s < 300), `statuses: ${[...statuses]}`).toBe(true);
      expect([...statuses].some((s) => s >= 400), `statuses: ${[...statuses]}`).toBe(true);
    });
  }

  it('GET /api/events/:id with hostile ids: 200 for a real published id, 4xx with a message otherwise', async () => {
    await fc.assert(
      fc.asyncProperty(hostileId, reader, async (id, who) => {
        signInAs(who.role);
        harness.readAccess = who.readAccess;
        const answer = await readAnswer(await event.GET(apiRequest('GET', `/api/events/${encodeURIComponent(id.toWellFormed())}`), routeParams(id)));
        expect(isAcceptableAnswer(answer), `${id.slice(0, 80)}: ${answer.status} ${answer.body.slice(0, 200)}`).toBe(true);
        if (answer.status === 200) expect(JSON.parse(answer.body).id).toBe(Number(id));
      }),
      { numRuns: RUNS * 2 },
    );
    expect(databaseChecksum()).toBe(checksum);
  });

  it('search text is never SQL or raw FTS5: hostile phrases find what they say, or nothing', async () => {
    signInAs(null);
    harness.readAccess = 'public';
    for (const q of ["caesar' OR 1=1 --", 'caesar"; DROP TABLE events; --', 'title:caesar', 'NEAR(caesar act)', '{title}: x']) {
      const res = await events.GET(apiRequest('GET', `/api/events?q=${encodeURIComponent(q)}`));
      expect(res.status, q).toBeLessThan(500);
      if (res.status === 200) {
        const { total } = (await res.json()) as { total: number };
        // Sixteen would mean the OR 1=1 (or a column filter) widened the search to everything.
        expect(total, q).toBeLessThan(16);
      }
    }
    expect(databaseChecksum()).toBe(checksum);
  });
});
