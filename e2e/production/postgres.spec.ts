/**
 * Serving from PostgreSQL (issue 16, decision 0046): with DATABASE_URL the server fills an empty
 * database with the seed, answers the timeline, the API and the exports from it, an editor's save
 * is on their next page, and a restart finds the data (and seeds nothing twice). Its own server on
 * its own database (port E2E_PORT+2); `npm run test:e2e:postgres` runs every reader and staff
 * story on PostgreSQL besides.
 */
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { ProductionServer, tempDirectory } from '../../scripts/harness/production-server';
import { sameOriginHeaders, signIn } from '../../scripts/harness/staff-client';
import { createTestPostgres } from '../../testing/postgres';

const PORT = Number(process.env.E2E_PORT ?? 3100) + 2;
const ADMIN = { email: 'chief@example.org', password: 'a long enough admin password', role: 'admin' } as const;

test.describe('The tracker on PostgreSQL', () => {
  test.describe.configure({ mode: 'serial', timeout: 180_000 });

  test('seeds an empty database, serves and saves from it, and finds it all again after a restart', async ({ page, request }) => {
    const tmp = tempDirectory('tracker-e2e-postgres-');
    const database = await createTestPostgres('tracker_e2e_serving');
    const count = async (table: string) => {
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${table}`);
      await client.end();
      return rows[0].n as number;
    };
    const options = {
      port: PORT,
      // No SQLite file is made: the server reads DATABASE_URL.
      databasePath: `${tmp.dir}/never-created.db`,
      env: { DATABASE_URL: database.url, SEED_ON_EMPTY: 'true', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    };
    let server = await ProductionServer.start(options);
    let seeded = 0;
    try {
      expect(server.output()).toContain('Filled the empty PostgreSQL database with the seed');
      const health = await (await request.get(`${server.baseUrl}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', engine: 'postgres', writes: 'allowed', replicas: [] });
      seeded = await count('events');
      expect(seeded).toBeGreaterThan(10);

      await page.goto(`${server.baseUrl}/?q=caesar`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.getByText(/Caesar/).first()).toBeVisible();
      const csv = await request.get(`${server.baseUrl}/api/events/export`);
      expect(csv.status()).toBe(200);
      expect((await csv.text()).split('\r\n').filter(Boolean).length).toBe(seeded + 1);

      // An editor (the first admin) records an event through the API; the next page shows it.
      const cookie = await signIn(server.baseUrl, ADMIN);
      const saved = await request.post(`${server.baseUrl}/api/events`, {
        headers: sameOriginHeaders(server.baseUrl, cookie),
        data: { event: { type: 'statement', title: 'Recorded on PostgreSQL', summary: 'Saved through the API.', date: '2024-05-02', status: 'published' } },
      });
      expect(saved.status()).toBe(201);
      await page.goto(`${server.baseUrl}/?q=${encodeURIComponent('Recorded on PostgreSQL')}`);
      await expect(page.getByRole('link', { name: 'Recorded on PostgreSQL' }).first()).toBeVisible();
      expect(await count('events')).toBe(seeded + 1);
    } finally {
      await server.stop();
    }

    server = await ProductionServer.start(options);
    try {
      expect(server.output()).not.toContain('Filled the empty PostgreSQL database');
      expect(await count('events')).toBe(seeded + 1);
      const api = await (await request.get(`${server.baseUrl}/api/events?q=${encodeURIComponent('Recorded on PostgreSQL')}`)).json();
      expect(api.items.map((e: { title: string }) => e.title)).toEqual(['Recorded on PostgreSQL']);
    } finally {
      await server.stop();
      await database.drop();
      tmp.remove();
    }
  });
});
