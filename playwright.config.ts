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
import { chromium } from '@playwright/test';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));

function bundledChromium(): string | undefined {
  try {
    const p = chromium.executablePath();
    return fs.existsSync(p) ? p : undefined;
  } catch {
    return undefined;
  }
}

const executablePath = process.env.CHROMIUM_PATH || SYSTEM_CHROMIUM;
if (!executablePath && !bundledChromium()) {
  throw new Error(
    'No Chromium found for the browser tests. Install one: on Debian or Ubuntu `sudo apt-get install -y chromium`; ' +
      'elsewhere `npx playwright install chromium`. Or set CHROMIUM_PATH to a Chromium or Chrome binary.',
  );
}

// One fresh database for the whole run. Set before workers start, so they inherit it.
if (!process.env.E2E_DATABASE_PATH) {
  process.env.E2E_DATABASE_PATH = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-e2e-')), 'tracker.db');
}
const PORT = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${PORT}`;

export default defineConfig({
  testDir: './e2e',
  fullyParallel: false,
  workers: 1,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath,
          args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    },
  ],
  webServer: {
    // A production build, started on the temporary database (migrated and seeded on first start).
    command: process.env.E2E_SKIP_BUILD ? `npx next start -p ${PORT} -H 127.0.0.1` : `npx next build && npx next start -p ${PORT} -H 127.0.0.1`,
    url: `${baseURL}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      DATABASE_PATH: process.env.E2E_DATABASE_PATH,
      SEED_ON_EMPTY: 'true',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
