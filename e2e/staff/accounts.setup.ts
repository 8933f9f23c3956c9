/**
 * Creates the stories' accounts with the real `npm run user:create` command, against the staff
 * server's database while it runs (the password comes from USER_PASSWORD, as in a deploy script),
 * then signs each staff account in once, through the form, and stores its session for the stories
 * (e2e/staff/sessions.ts).
 */
import { test as setup, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { ACCOUNTS } from './accounts';
import { signIn } from './helpers';
import { sessionFile, STORED_SESSIONS } from './sessions';

setup('create the staff accounts', async ({ request }) => {
  const databasePath = process.env.E2E_STAFF_DATABASE_PATH;
  expect(databasePath, 'playwright.config.ts sets E2E_STAFF_DATABASE_PATH').toBeTruthy();
  // The server created the admin on start; it answers health checks only after that.
  expect((await request.get('/api/health')).ok()).toBe(true);
  for (const [name, account] of Object.entries(ACCOUNTS)) {
    if (name === 'admin') continue;
    const out = execFileSync('npx', ['tsx', 'scripts/user-create.ts', '--email', account.email, '--role', account.role, '--name', account.name], {
      // On PostgreSQL (E2E_ENGINE=postgres) the command writes to the staff server's database there.
      env: { ...process.env, DATABASE_PATH: databasePath, ...(process.env.E2E_STAFF_DATABASE_URL ? { DATABASE_URL: process.env.E2E_STAFF_DATABASE_URL } : {}), USER_PASSWORD: account.password },
      encoding: 'utf8',
    });
    expect(out).toContain(`Created ${account.role} ${account.email}`);
  }
});

for (const account of STORED_SESSIONS) {
  setup(`sign ${account} in once and keep the session`, async ({ page }) => {
    await signIn(page, account);
    await page.context().storageState({ path: sessionFile(account) });
  });
}
