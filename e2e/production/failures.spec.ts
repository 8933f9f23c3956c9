/**
 * How the production server fails: it refuses to start on a database file whose header or schema
 * is damaged, saying which file and what to do; damage deeper in the file, which only the full
 * check in the background finds (decision 0037), is reported on /api/health and stops writes; an error inside a page or a route handler reaches the browser without
 * a stack trace, a file path or the database's message. Each story starts its own server on its
 * own temporary database (ports E2E_PORT+2 and +3), so the other stories' servers are untouched.
 */
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { ProductionServer, tempDirectory } from '../../scripts/harness/production-server';
import { createAccount, sameOriginHeaders, signIn } from '../../scripts/harness/staff-client';
import { damageTablePage } from '../../db/testing/damaged-file';
import pg from 'pg';
import { createTestPostgres, withDatabase } from '../../testing/postgres';

const PORT = Number(process.env.E2E_PORT ?? 3100) + 2;

/** Nothing a visitor should ever see: internals of the server, the database or the file system. */
const LEAKS = [/SqliteError/i, /no such table/i, /events_fts/, /\bat [\w.<>]+ \(/, /\.next\/server/, /node_modules/, /\/tmp\//, /\/work\//, /\.tsx?\b:\d+/];

function expectNoLeaks(body: string, label: string) {
  for (const leak of LEAKS) expect(body, `${label} reveals ${leak}`).not.toMatch(leak);
}

test.describe('The production server, when something is wrong', () => {
  test.describe.configure({ mode: 'serial', timeout: 120_000 });

  let tmp: ReturnType<typeof tempDirectory>;
  test.beforeEach(() => {
    tmp = tempDirectory('tracker-e2e-failures-');
  });
  test.afterEach(() => tmp.remove());

  test('refuses to start on a damaged database file, naming the file and the way out', async () => {
    const good = path.join(tmp.dir, 'tracker.db');
    const server = await ProductionServer.start({ port: PORT, databasePath: good, env: { SEED_ON_EMPTY: 'true' } });
    await server.stop();
    // Fold the write-ahead log into the file, so the copies below hold every page.
    const db = new Database(good);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const size = fs.statSync(good).size;
    expect(size, 'the seeded file spans many pages').toBeGreaterThan(20 * 4096);

    for (const [label, damage] of [
      ['a scrambled header', (bytes: Buffer) => bytes.fill(0x5a, 0, 100)],
      ['scrambled pages in the middle', (bytes: Buffer) => bytes.fill(0xa5, 4096 * Math.floor(size / 4096 / 3), 4096 * Math.floor((2 * size) / 4096 / 3))],
    ] as const) {
      const damaged = path.join(tmp.dir, `damaged-${label.replaceAll(' ', '-')}.db`);
      const bytes = fs.readFileSync(good);
      damage(bytes);
      fs.writeFileSync(damaged, bytes);
      const exit = await ProductionServer.runUntilExit({ port: PORT, databasePath: damaged });
      expect(exit.code, `${label}:\n${exit.output}`).not.toBe(0);
      expect(exit.signal, label).toBeNull();
      expect(exit.output, label).toContain('The tracker cannot start.');
      expect(exit.output, label).toContain(`The database at ${damaged} is damaged or is not a SQLite database`);
      expect(exit.output, label).toContain('npm run db:restore');
    }
  });

  test('refuses to start with a PostgreSQL address it cannot use, naming what to fix and writing nothing', async () => {
    const file = path.join(tmp.dir, 'never-created.db');
    const unused = await createTestPostgres('tracker_e2e_url');
    // Another application's database, and one a newer version of the tracker migrated.
    const foreign = await createTestPostgres('tracker_e2e_foreign');
    const newer = await createTestPostgres('tracker_e2e_newer');
    const sql = async (url: string, text: string) => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(text);
      await client.end();
    };
    await sql(foreign.url, 'CREATE TABLE customers (id int PRIMARY KEY, name text)');
    await sql(newer.url, `CREATE SCHEMA drizzle; CREATE TABLE drizzle.__drizzle_migrations (id serial PRIMARY KEY, hash text NOT NULL, created_at bigint); INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-the-future', ${Date.now() + 365 * 86_400_000})`);
    try {
      const primary = (url: string, replicas = '') => ({ DATABASE_URL: url, DATABASE_REPLICA_URLS: replicas });
      for (const [label, vars, says] of [
        ['a server that does not answer', primary('postgres://postgres@127.0.0.1:1/tracker'), /PostgreSQL at 127\.0\.0\.1:1 does not answer/],
        ['a database that does not exist', primary(withDatabase(unused.url, `${unused.name}_missing`)), /has no database ".*_missing"\. Create it first/],
        ['an address that is not PostgreSQL\'s', primary('mysql://root@127.0.0.1/tracker'), /DATABASE_URL: must be a PostgreSQL address/],
        ['replicas without a primary', primary('', unused.url), /DATABASE_REPLICA_URLS: is set without DATABASE_URL/],
        // The server itself named as its own replica: it accepts writes, so it would not follow (decision 0044).
        ['a "replica" that is not a standby', primary(unused.url, withDatabase(unused.url, 'postgres')), /DATABASE_REPLICA_URLS: .* is not a standby \(it accepts writes\)/],
        ['another application\'s database', primary(foreign.url), /DATABASE_URL: .* holds 1 table\(s\) but no tracker migration history: it is another application's database/],
        ['a database a newer version migrated', primary(newer.url), /DATABASE_URL: .* was migrated by a newer version of the tracker/],
      ] as const) {
        const exit = await ProductionServer.runUntilExit({ port: PORT, databasePath: file, env: { ...vars, SEED_ON_EMPTY: 'true' } });
        expect(exit.code, `${label}:\n${exit.output}`).not.toBe(0);
        expect(exit.output, label).toContain('The tracker cannot start.');
        expect(exit.output, label).toMatch(says);
        expect(exit.output, `${label}: never the password`).not.toContain(':postgres@');
        expect(fs.existsSync(file), `${label}: no SQLite file was created`).toBe(false);
      }
      const client = new pg.Client({ connectionString: unused.url });
      await client.connect();
      const tables = await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`);
      await client.end();
      expect(tables.rows[0].n, 'nothing was written to the PostgreSQL database').toBe(0);
      const foreignClient = new pg.Client({ connectionString: foreign.url });
      await foreignClient.connect();
      const foreignTables = await foreignClient.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')`);
      await foreignClient.end();
      expect(foreignTables.rows[0].n, "nothing was added to the other application's database").toBe(1);
    } finally {
      await Promise.all([unused.drop(), foreign.drop(), newer.drop()]);
    }
  });

  test('a damaged table page, found by the background check: /api/health says so and writes are refused', async ({ request }) => {
    const file = path.join(tmp.dir, 'tracker.db');
    const first = await ProductionServer.start({ port: PORT, databasePath: file, env: { SEED_ON_EMPTY: 'true' } });
    await first.stop();
    const editor = { email: 'editor@example.org', password: 'a long enough password', role: 'editor' } as const;
    createAccount(file, editor);
    const db = new Database(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    damageTablePage(file, 'events');

    const server = await ProductionServer.start({ port: PORT, databasePath: file });
    try {
      await expect
        .poll(async () => ((await (await request.get(`${server.baseUrl}/api/health`)).json()) as { integrity: { state: string } }).integrity.state, { timeout: 30_000 })
        .toBe('failed');
      const health = await request.get(`${server.baseUrl}/api/health`);
      expect(health.status(), 'reads still work: a load balancer keeps the server').toBe(200);
      expect(await health.json()).toMatchObject({ status: 'degraded', writes: 'refused', integrity: { check: 'quick_check', state: 'failed' } });

      const cookie = await signIn(server.baseUrl, editor);
      const write = await request.post(`${server.baseUrl}/api/events`, {
        headers: sameOriginHeaders(server.baseUrl, cookie),
        data: { event: { type: 'statement', title: 'Written to a damaged file', summary: 'x', date: '2024-05-02', status: 'published' } },
      });
      expect(write.status()).toBe(503);
      expect(((await write.json()) as { error: string }).error).toContain('Changes are paused');
      expect(server.output()).toContain('The integrity check found the database at');
    } finally {
      await server.stop();
    }
  });

  test('shows a reference, never internals, when a page or a route handler fails', async ({ page, request }) => {
    const databasePath = path.join(tmp.dir, 'tracker.db');
    const server = await ProductionServer.start({ port: PORT, databasePath, env: { SEED_ON_EMPTY: 'true' } });
    try {
      // A real fault while serving: the search index disappears under the running server.
      const db = new Database(databasePath);
      db.exec('DROP TABLE events_fts');
      db.close();

      const api = await request.get(`${server.baseUrl}/api/events?q=caesar`);
      expect(api.status()).toBe(500);
      expectNoLeaks(await api.text(), 'the API');
      expect(api.headers()['x-content-type-options']).toBe('nosniff');

      const feedOk = await request.get(`${server.baseUrl}/api/events?type=designation`);
      expect(feedOk.status(), 'a request that does not search still works').toBe(200);

      const html = await request.get(`${server.baseUrl}/?q=caesar`);
      expect(html.status()).toBe(500);
      expectNoLeaks(await html.text(), 'the page HTML');
      expect(html.headers()['content-security-policy']).toContain("frame-ancestors 'none'");

      await page.goto(`${server.baseUrl}/?q=caesar`);
      await expect(page.getByRole('heading', { name: 'Something went wrong' })).toBeVisible();
      await expect(page.getByText(/^Reference: \w+$/)).toBeVisible();
      expectNoLeaks(await page.locator('body').innerText(), 'the page as shown');

      // The server logs the details for the operator instead.
      expect(server.output()).toMatch(/no such table: events_fts/);
    } finally {
      await server.stop();
    }
  });
});
