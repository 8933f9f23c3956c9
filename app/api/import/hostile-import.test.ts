/**
 * The import endpoint as a hostile upload would reach it: files of random bytes, CSV text built
 * from hostile cells, forged digests and modes, bodies that are not forms. Every answer is a 2xx
 * or a 4xx with a message; a dry run never writes; a refused commit leaves the database exactly
 * as it was; an accepted commit writes only rows that pass validation.
 */
import fc from 'fast-check';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { stringify } from 'csv-stringify/sync';
import { apiRequest, databaseChecksum, freshDatabase, isAcceptableAnswer, readAnswer, signInAs } from '@/testing/harness';
import { hostileString, KNOWN_HOSTILE } from '@/lib/testing/hostile-values';

vi.mock('@/db/index', async () => (await import('@/testing/harness')).dbModule());
vi.mock('@/server/auth/viewer', async () => (await import('@/testing/harness')).viewerModule());

const route = await import('./route');

function upload(fields: Record<string, string | Blob>): NextRequest {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  const base = apiRequest('POST', '/api/import');
  const headers = new Headers(base.headers);
  headers.delete('content-type');
  return new NextRequest(base.url, { method: 'POST', headers, body: form });
}

const COLUMNS = ['id', 'date', 'type', 'title', 'summary', 'countries', 'actors', 'tags', 'source_urls', 'source_titles', 'status', 'legal_authority', 'program', 'effective_date', 'date_precision'];
const cell = fc.oneof(hostileString, fc.constantFrom(...KNOWN_HOSTILE), fc.constantFrom('2024-05-01', 'designation', 'A title', 'SY (target)', 'X (target)', 'published', '1', '99999'));

/** CSV text: a header of known and unknown columns, then rows of hostile cells. */
const csvText = fc
  .tuple(fc.shuffledSubarray([...COLUMNS, 'colour', ''], { minLength: 1, maxLength: 10 }), fc.integer({ min: 0, max: 5 }))
  .chain(([header, n]) => fc.array(fc.array(cell, { minLength: header.length, maxLength: header.length }), { minLength: n, maxLength: n }).map((rows) => stringify([header, ...rows])));

const fileBytes = fc.oneof(
  { weight: 3, arbitrary: csvText.map((t) => new TextEncoder().encode(t)) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }) },
);

beforeAll(() => {
  freshDatabase();
  signInAs('editor');
});

describe('POST /api/import with hostile uploads', () => {
  it('dry runs answer 200 or a 4xx with a message, and never write', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, fc.string({ maxLength: 40 }), async (bytes, name) => {
        const before = databaseChecksum();
        const answer = await readAnswer(await route.POST(upload({ file: new File([bytes], name || 'x.csv'), mode: 'check' })));
        expect(isAcceptableAnswer(answer), `${answer.status} ${answer.body.slice(0, 300)}`).toBe(true);
        expect(databaseChecksum()).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  it('commits with forged digests, modes and fields are refused without writing', async () => {
    const digest = fc.oneof(fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }), hostileString, fc.constant(''));
    const mode = fc.oneof(fc.constantFrom('commit', 'check', 'COMMIT', ''), hostileString);
    await fc.assert(
      fc.asyncProperty(fileBytes, digest, mode, async (bytes, d, m) => {
        const before = databaseChecksum();
        const answer = await readAnswer(await route.POST(upload({ file: new File([bytes], 'x.csv'), mode: m, digest: d })));
        expect(isAcceptableAnswer(answer), `${answer.status} ${answer.body.slice(0, 300)}`).toBe(true);
        if (answer.status !== 200 || m !== 'check') expect(databaseChecksum()).toBe(before);
      }),
      { numRuns: 120 },
    );
  });
});
