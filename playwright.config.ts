/**
 * End-to-end user stories against a production build on a fresh temporary database.
 * The browser is Debian's Chromium where it is installed (this project's machines cannot download
 * Playwright's own), otherwise Playwright's bundled Chromium; with neither, the run stops with a
 * message that says how to get one.
 */
import { defineConfig, devices } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { bundledChromium, systemChromium } from './scripts/harness/chromium';
import { pgAdminUrl, withDatabase } from './testing/postgres';
import { ACCOUNTS } from './e2e/staff/accounts';

const executablePath = systemChromium();
if (!executablePath && !bundledChromium()) {
  throw new Error(
    'No Chromium found for the browser tests. Install one: on Debian or Ubuntu `sudo apt-get install -y chromium`; ' +
      'elsewhere `npx playwright install chromium`. Or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}

// Two servers on the same production build, each on a fresh temporary database: readers' stories
// see exactly the seed, while staff stories (which create, edit and delete) write to their own.
// Paths are set before workers start, so they inherit them.
// Directories made here are listed in E2E_TEMP_DIRS for e2e/global-teardown.ts to remove.
function tempDirectory(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-e2e-'));
  process.env.E2E_TEMP_DIRS = [process.env.E2E_TEMP_DIRS, dir].filter(Boolean).join('\n');
  return dir;
}
function freshDatabase(variable: string): string {
  return (process.env[variable] ??= path.join(tempDirectory(), 'tracker.db'));
}
const READER_DB = freshDatabase('E2E_READER_DATABASE_PATH');
const STAFF_DB = freshDatabase('E2E_STAFF_DATABASE_PATH');

// `E2E_ENGINE=postgres` (npm run test:e2e:postgres): the same stories with both servers on PostgreSQL,
// each on a database of its own made here and dropped by e2e/global-teardown.ts (E2E_PG_DATABASES).
const ON_POSTGRES = process.env.E2E_ENGINE === 'postgres';
function freshPostgres(variable: string): string {
  const existing = process.env[variable];
  if (existing) return existing;
  const name = `tracker_e2e_${randomBytes(4).toString('hex')}`;
  execFileSync('psql', [pgAdminUrl(), '-qc', `CREATE DATABASE "${name}"`], { stdio: 'pipe' });
  process.env.E2E_PG_DATABASES = [process.env.E2E_PG_DATABASES, name].filter(Boolean).join('\n');
  return (process.env[variable] = withDatabase(pgAdminUrl(), name));
}
const READER_URL = ON_POSTGRES ? freshPostgres('E2E_READER_DATABASE_URL') : null;
const STAFF_URL = ON_POSTGRES ? freshPostgres('E2E_STAFF_DATABASE_URL') : null;
// Where staff-setup keeps each staff account's signed-in session for the stories
// (e2e/staff/sessions.ts): good only against this run's staff database, so made afresh with it.
process.env.E2E_STAFF_SESSIONS_DIR ??= tempDirectory();
const READER_PORT = Number(process.env.E2E_PORT ?? 3100);
const STAFF_PORT = READER_PORT + 1;
const url = (port: number) => `http://127.0.0.1:${port}`;
// The staff server creates its admin on first start; the other accounts come from e2e/staff/accounts.setup.ts.
const STAFF_ADMIN = ACCOUNTS.admin;

const chromiumLaunch = {
  executablePath,
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

function server(port: number, databasePath: string, databaseUrl: string | null, extraEnv: Record<string, string> = {}) {
  return {
    // The build comes first in `npm run test:e2e`; here the servers only start.
    command: `node --max-semi-space-size=32 --max-old-space-size=256 node_modules/next/dist/bin/next start --keepAliveTimeout 65000 -p ${port} -H 127.0.0.1`,
    url: `${url(port)}/api/health`,
    timeout: 60_000,
    reuseExistingServer: false,
    stdout: 'pipe' as const,
    stderr: 'pipe' as const,
    env: { DATABASE_PATH: databasePath, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), SEED_ON_EMPTY: 'true', NEXT_TELEMETRY_DISABLED: '1', ...extraEnv },
  };
}

export default defineConfig({
  testDir: './e2e',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  // On CI a story that fails once is run once more; the report then lists it as "flaky" (to be fixed),
  // and one that fails twice fails the run. Locally every failure shows at once.
  retries: process.env.CI ? 1 : 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'reader',
      testDir: './e2e/reader',
      use: { ...devices['Desktop Chrome'], baseURL: url(READER_PORT), launchOptions: chromiumLaunch },
    },
    {
      // Creates the editor and viewer accounts (the admin comes from ADMIN_EMAIL on first start),
      // and signs each staff account in once for the stories to start from.
      name: 'staff-setup',
      testDir: './e2e/staff',
      testMatch: /accounts\.setup\.ts/,
      use: { ...devices['Desktop Chrome'], baseURL: url(STAFF_PORT), launchOptions: chromiumLaunch },
    },
    {
      name: 'staff',
      testDir: './e2e/staff',
      dependencies: ['staff-setup'],
      use: { ...devices['Desktop Chrome'], baseURL: url(STAFF_PORT), launchOptions: chromiumLaunch },
    },
    {
      // Starts its own servers (on E2E_PORT+2) on damaged or failing databases.
      name: 'production',
      testDir: './e2e/production',
      use: { ...devices['Desktop Chrome'], launchOptions: chromiumLaunch },
    },
  ],
  webServer: [
    server(READER_PORT, READER_DB, READER_URL),
    server(STAFF_PORT, STAFF_DB, STAFF_URL, { ADMIN_EMAIL: STAFF_ADMIN.email, ADMIN_PASSWORD: STAFF_ADMIN.password }),
  ],
});
