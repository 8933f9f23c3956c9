/**
 * The JSON write API as an editor's script gone wrong (or an attacker with an editor's cookie)
 * would call it: bodies that are not JSON, JSON of the wrong shape, a valid event with fields
 * swapped for hostile values, hostile ids and versions. Every answer is a 2xx or a 4xx with a
 * message; a refusal leaves the database byte-for-byte unchanged; an accepted write stores the text
 * as text (no SQL, no markup interpretation) and records who made it from the session, never from
 * the body.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getEvent } from '@/db/queries/events';
import { apiRequest, connection, databaseChecksum, freshDatabase, isAcceptableAnswer, readAnswer, routeParams, signInAs, type Answer } from '@/testing/harness';
import { anyJson, hostileId, hostileString, NUMBERS } from '@/lib/testing/hostile-values';

vi.mock('@/db/index', async () => (await import('@/testing/harness')).dbModule());
vi.mock('@/server/auth/viewer', async () => (await import('@/testing/harness')).viewerModule());

const list = await import('./route');
const one = await import('./[id]/route');
const restore = await import('./[id]/restore/route');

const VALID_EVENT = {
  type: 'designation',
  title: 'Treasury designates a captagon network',
  summary: 'Two men and a company designated.',
  date: '2024-05-02',
  status: 'published',
  countries: [{ code: 'SY', role: 'target' }],
  tags: ['Captagon'],
  sources: [{ title: 'Press release', url: 'https://home.treasury.gov/news' }],
};
const FIELDS = [...Object.keys(VALID_EVENT), 'details', 'datePrecision', 'effectiveDate', 'endDate', 'legalAuthority', 'program', 'actors', 'links'];
/** Keys a client might hope the server trusts: it must not. */
const SMUGGLED = ['id', 'version', 'createdBy', 'updatedBy', 'deletedAt', 'createdAt', '__proto__', 'constructor'];

/** A valid event with one to three fields replaced (or added) with hostile values. */
const mutatedEvent = fc
  .array(fc.tuple(fc.constantFrom(...FIELDS, ...SMUGGLED), fc.oneof(hostileString, anyJson)), { minLength: 1, maxLength: 3 })
  .map((changes) => {
    const event: Record<string, unknown> = { ...VALID_EVENT };
    for (const [key, value] of changes) Object.defineProperty(event, key, { value, enumerable: true, writable: true, configurable: true });
    return event;
  });

/** Raw request bodies: not JSON, JSON of any shape, or `{ event }` with a mutated event. */
const body = fc.oneof(
  { weight: 1, arbitrary: hostileString },
  { weight: 1, arbitrary: anyJson.map((v) => JSON.stringify(v) ?? 'undefined') },
  { weight: 1, arbitrary: fc.constantFrom('{"event":{"__proto__":{"status":"published"}}}', '{"event":null}', '{"event":[]}', '[]', 'null', '{"event":{}}', '{', '') },
  { weight: 4, arbitrary: mutatedEvent.map((event) => JSON.stringify({ event })) },
);

const versionValue = fc.oneof(fc.constantFrom(1, 2, 0, -1, 1.5, 1e308, '1', null, true, [], {}), fc.constantFrom(...NUMBERS), hostileString);

let eventCount = 0;
const counts = () => connection().db.get<{ events: number; revisions: number }>(sql`SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM revisions) AS revisions`);

beforeAll(() => {
  freshDatabase();
  signInAs('editor');
});

/** Checks one write: acceptable answer; a refusal changed nothing. Returns the answer. */
async function write(send: () => Promise<Response>): Promise<Answer> {
  const before = databaseChecksum();
  const answer = await readAnswer(await send());
  expect(isAcceptableAnswer(answer), `${answer.status} ${answer.body.slice(0, 300)}`).toBe(true);
  if (answer.status >= 400) expect(databaseChecksum()).toBe(before);
  return answer;
}

const RUNS = 120;

describe('POST /api/events with hostile bodies', () => {
  it('answers 201 or a 4xx with a message; accepted events hold the text as sent and name the session user', async () => {
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        const before = counts();
        const answer = await write(() => list.POST(apiRequest('POST', '/api/events', { body: raw })));
        statuses.add(answer.status);
        if (answer.status !== 201) return;
        eventCount++;
        const { id, version } = JSON.parse(answer.body) as { id: number; version: number };
        expect(version).toBe(1);
        // One new event and one revision, whatever the body claimed about ids and versions.
        expect(counts()).toEqual({ events: before.events + 1, revisions: before.revisions + 1 });
        const stored = getEvent(connection().db, id)!;
        const sent = (JSON.parse(raw) as { event: Record<string, unknown> }).event;
        expect(stored.createdBy).toBe('user-editor');
        expect(stored.title).toBe(String(sent.title).replace(/\r\n?/g, '\n').trim());
      }),
      { numRuns: RUNS },
    );
    expect([...statuses].sort()).toEqual(expect.arrayContaining([201, 400]));
    expect(eventCount).toBeGreaterThan(0);
  });

  it('refuses bodies over 1 MB with 413, by header or by length', async () => {
    const big = JSON.stringify({ event: { ...VALID_EVENT, details: 'x'.repeat(1_000_001) } });
    expect((await write(() => list.POST(apiRequest('POST', '/api/events', { body: big })))).status).toBe(413);
    expect((await write(() => list.POST(apiRequest('POST', '/api/events', { body: '{}', headers: { 'content-length': '99999999999' } })))).status).toBe(413);
  });
});

describe('PUT, DELETE and restore with hostile ids, versions and bodies', () => {
  it('PUT /api/events/:id', async () => {
    await fc.assert(
      fc.asyncProperty(hostileId, versionValue, mutatedEvent, async (id, version, event) => {
        const answer = await write(() =>
          one.PUT(apiRequest('PUT', `/api/events/${encodeURIComponent(id.toWellFormed())}`, { body: JSON.stringify({ version, event }) }), routeParams(id)),
        );
        if (answer.status === 200) expect(JSON.parse(answer.body)).toMatchObject({ id: Number(id), version: expect.any(Number) });
      }),
      { numRuns: RUNS },
    );
  });

  it('DELETE /api/events/:id?version=', async () => {
    await fc.assert(
      fc.asyncProperty(hostileId, fc.oneof(versionValue.map(String), fc.constant('')), async (id, version) => {
        const path = `/api/events/${encodeURIComponent(id.toWellFormed())}?version=${encodeURIComponent(version.toWellFormed())}`;
        await write(() => one.DELETE(apiRequest('DELETE', path), routeParams(id)));
      }),
      { numRuns: RUNS },
    );
  });

  it('POST /api/events/:id/restore', async () => {
    await fc.assert(
      fc.asyncProperty(hostileId, fc.oneof(versionValue.map((version) => JSON.stringify({ version })), hostileString), async (id, raw) => {
        await write(() => restore.POST(apiRequest('POST', `/api/events/${encodeURIComponent(id.toWellFormed())}/restore`, { body: raw }), routeParams(id)));
      }),
      { numRuns: RUNS },
    );
  });
});
