import { expect, test } from '../fixtures';
import type { ApiError, EventsPageResponse } from '@/db/api-types';

test.describe('A developer reads the events API', () => {
  test('filters with the same parameters as the page, and pages with a cursor', async ({ request }) => {
    const first = await request.get('/api/events?type=designation&type=normalisation&country=SY&role=target&limit=3');
    expect(first.status()).toBe(200);
    // Nothing tells a reader whether the answer came from the cache, i.e. whether someone else opened
    // the same view since the last write: no X-Cache, and no handler time unless SERVER_TIMING=1.
    expect(first.headers()['x-cache']).toBeUndefined();
    expect(first.headers()['server-timing']).toBeUndefined();
    const page1 = (await first.json()) as EventsPageResponse;
    expect(page1.total).toBe(7);
    expect(page1.items).toHaveLength(3);
    expect(page1.items[0]).toMatchObject({
      title: 'Caesar Act sanctions on Khalid Qaddour and Samer Kamal al-Assad',
      countries: [
        { code: 'US', role: 'actor' },
        { code: 'SY', role: 'target' },
      ],
    });
    expect(page1.items[0]!.actors.map((a) => a.name)).toContain('Khalid Qaddour');
    expect(page1.items[0]!.tags.map((t) => t.slug)).toEqual(['caesar-act', 'illicit-drug-trade']);
    expect(page1.items[0]!.sources[0]!.excerpt).toBeTruthy();

    const seen = page1.items.map((e) => e.id);
    let cursor = page1.nextCursor;
    while (cursor) {
      const next = (await (
        await request.get(`/api/events?type=designation&type=normalisation&country=SY&role=target&limit=3&cursor=${cursor}`)
      ).json()) as EventsPageResponse;
      seen.push(...next.items.map((e) => e.id));
      cursor = next.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  test('gives dates at their precision, never a padded day, in the API, the JSON export and the feed', async ({ request }) => {
    const api = (await (await request.get('/api/events?q=erdogan')).json()) as EventsPageResponse;
    expect(api.items[0]).toMatchObject({ date: '2023', datePrecision: 'year', dateSortKey: '2023-01-01' });
    const exported = (await (await request.get('/api/events/export.json?q=erdogan')).json()) as { date: string; datePrecision: string }[];
    expect(exported[0]).toMatchObject({ date: '2023', datePrecision: 'year' });
    const feed = await (await request.get('/feed.xml?q=erdogan')).text();
    expect(feed).toContain('<dc:date>2023</dc:date>');
    expect(feed).toContain('<t:date precision="year">2023</t:date>');
    expect(feed).not.toContain('2023-01-01');
  });

  test('searches, and orders by relevance', async ({ request }) => {
    const body = (await (await request.get('/api/events?q=qadd')).json()) as EventsPageResponse;
    expect(body.total).toBe(1);
    const ranked = (await (await request.get('/api/events?q=caesar&sort=relevance&limit=2')).json()) as EventsPageResponse;
    expect(ranked.total).toBe(5);
    expect(ranked.nextCursor).not.toBeNull();
    const rest = (await (await request.get(`/api/events?q=caesar&sort=relevance&cursor=${ranked.nextCursor}`)).json()) as EventsPageResponse;
    expect(new Set([...ranked.items, ...rest.items].map((e) => e.id)).size).toBe(5);
  });

  for (const [query, param, message] of [
    ['type=sanction', 'type', '“sanction” is not an event type'],
    ['from=2020-13', 'from', 'is not a date'],
    ['from=2023&to=2020', 'from', 'The start (2023) is after the end (2020).'],
    ['country=XX', 'country', 'not an ISO 3166-1 alpha-2 country code'],
    ['q=%22caesar', 'q', 'A quotation mark is not closed.'],
    ['q=NEAR(', 'q', 'Brackets are not balanced'],
    ['q=*', 'q', 'There are no letters or numbers to search for.'],
    [`q=${'x'.repeat(10_000)}`, 'q', 'The search is 10,000 characters long; the limit is 300.'],
    ['sort=relevance', 'sort', 'needs something to search for'],
    ['status=draft', 'status', 'Only signed-in staff can filter by status.'],
    ['actor=999999', 'actor', 'There is no actor #999999.'],
    ['tag=no-such-tag', 'tag', 'There is no tag “no-such-tag”.'],
    ['limit=0', 'limit', 'Must be a whole number from 1 to 200.'],
    ['cursor=bogus', 'cursor', 'Not a cursor this API returned'],
    ['typ=designation', 'typ', 'Unknown parameter.'],
  ] as const) {
    test(`answers 400 naming ${param} for ${query.slice(0, 30)}`, async ({ request }) => {
      const response = await request.get(`/api/events?${query}`);
      expect(response.status()).toBe(400);
      const body = (await response.json()) as ApiError;
      expect(body.error).toBe('Invalid query parameters.');
      expect(body.issues).toContainEqual({ param, message: expect.stringContaining(message) });
    });
  }

  test('finds actors by name or alias for the actor filter', async ({ request }) => {
    const body = (await (await request.get('/api/entities?q=erdog')).json()) as { items: { name: string; eventCount: number }[] };
    expect(body.items).toEqual([expect.objectContaining({ name: 'Recep Tayyip Erdoğan', eventCount: 1 })]);
    expect((await request.get(`/api/entities?q=${'x'.repeat(500)}`)).status()).toBe(400);
  });
});
