/**
 * Far-off dates must not bloat the timeline (issue 10, item 8). The form and the API refuse them
 * now, but a database may hold rows from before that rule: one event in the year 1000 and one on
 * 31 December 9999 once made GET / 6.5 MB with 18,017 chart bars. Own server and database (port
 * E2E_PORT+2), so the other stories' servers are untouched.
 */
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { ProductionServer, tempDirectory } from '../../scripts/harness/production-server';

const PORT = Number(process.env.E2E_PORT ?? 3100) + 2;
/** The chart never draws more bars than this (lib/density-buckets.ts). */
const MAX_BARS = 120;

test.describe('The timeline with events a thousand years apart', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  let tmp: ReturnType<typeof tempDirectory>;
  test.beforeEach(() => {
    tmp = tempDirectory('tracker-e2e-dates-');
  });
  test.afterEach(() => tmp.remove());

  test('keeps the page the size it was, with at most 120 bars, and the chart still narrows', async ({ page, request }) => {
    const databasePath = path.join(tmp.dir, 'tracker.db');
    const server = await ProductionServer.start({ port: PORT, databasePath, env: { SEED_ON_EMPTY: 'true' } });
    try {
      const before = await (await request.get(`${server.baseUrl}/`)).text();

      // Rows as an older version stored them, written by another process (the app starts afresh on
      // the next read: db/read-cache.ts).
      const db = new Database(databasePath);
      const insert = db.prepare(`INSERT INTO events (type, title, summary, date, date_precision, status) VALUES ('statement', ?, 'Stored before the date rule.', ?, 'day', 'published')`);
      insert.run('A statement typed as the year 1000', '1000-01-01');
      insert.run('A statement typed as the year 9999', '9999-12-31');
      db.close();

      const res = await request.get(`${server.baseUrl}/`);
      expect(res.status()).toBe(200);
      const after = await res.text();
      const bars = after.match(/data-testid="chart-bar"/g)?.length ?? 0;
      expect(bars, 'bars drawn').toBeGreaterThan(0);
      expect(bars, 'bars drawn').toBeLessThanOrEqual(MAX_BARS);
      console.log(`GET /: ${before.length} bytes before, ${after.length} bytes with events in 1000 and 9999; ${bars} bars`);
      // Two more events and a coarser chart: within 100 KB of the page before, never megabytes.
      expect(after.length - before.length, `page grew from ${before.length} to ${after.length} bytes`).toBeLessThan(100_000);

      await page.goto(`${server.baseUrl}/`);
      const chart = page.getByTestId('density-chart');
      await expect(page.getByRole('figure', { name: /^Events per century, by type/ })).toBeVisible();
      await expect(chart.getByTestId('chart-bar')).toHaveCount(bars);
      // The last bar is the 9900s; choosing it shows the far-off event, and a notice for the range.
      await chart.getByTestId('chart-bar').last().click();
      await expect(page).toHaveURL(/from=9900&to=9999/);
      await expect(page.getByText(/outside the dates the tracker holds/).first()).toBeVisible();
    } finally {
      await server.stop();
    }
  });

  test('refuses such dates from the API with a reason', async ({ request }) => {
    const databasePath = path.join(tmp.dir, 'tracker.db');
    const server = await ProductionServer.start({ port: PORT, databasePath, env: { SEED_ON_EMPTY: 'true' } });
    try {
      const res = await request.get(`${server.baseUrl}/api/events?from=1000&to=9999`);
      expect(res.status()).toBe(400);
      const body = (await res.json()) as { issues: { param: string; message: string }[] };
      expect(body.issues.map((i) => i.param)).toEqual(['from', 'to']);
      expect(body.issues[0]!.message).toMatch(/between 1 January 1900 and/);
    } finally {
      await server.stop();
    }
  });
});
