/**
 * The facet index (decision 0039) is built by instrumentation-node.ts, in a bundle of its own; the
 * routes must see the same index, or every view is answered by the slower SQL. /api/health is a
 * route like the timeline, so what it reports is what the timeline's routes see. (A registry local
 * to the module left every route without the index in the first production build that had it.)
 */
import { expect, test } from '@playwright/test';

// SQLite's in-memory index; on PostgreSQL the views are answered by its maintained counts (decision 0043).
test.skip(process.env.E2E_ENGINE === 'postgres', 'The facet index is SQLite-only');

test('an operator sees on /api/health that the routes answer from the facet index the server built at start', async ({ request }) => {
  await expect
    .poll(async () => ((await (await request.get('/api/health')).json()) as { facetIndex?: { state?: string } }).facetIndex?.state, {
      timeout: 20_000,
    })
    .toBe('ready');
  const health = (await (await request.get('/api/health')).json()) as { engine: string; facetIndex: { events: number; buildMs: number } };
  // The engine it serves from: SQLite in this version (decision 0043).
  expect(health.engine).toBe('sqlite');
  // The seed's published and draft events (16 published on the public timeline).
  expect(health.facetIndex.events).toBeGreaterThanOrEqual(16);

  const timeline = await request.get('/api/events?country=SY');
  expect(timeline.status()).toBe(200);
});
