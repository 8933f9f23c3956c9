/**
 * Signed-in sessions the staff stories start from, as epic-stack's login fixture does: the
 * staff-setup project signs each of these accounts in once through the form and stores its session
 * (e2e/staff/accounts.setup.ts); a story then begins signed in, so that only the sign-in stories
 * (e2e/staff/sign-in.spec.ts) test the form, and a password hash is paid once per account, not per
 * story.
 *
 * The sessions are shared by every story of a run. A story that signs out, changes its account's
 * password or role, or tries to, must do so on a session or an account of its own
 * (`signInOwnSession`, or an account of its own in accounts.ts), never on one of these.
 */
import { test, type APIRequestContext, type BrowserContext } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { ACCOUNTS, type AccountName } from './accounts';

/** The accounts with a stored session; `locked` is only for the sign-in stories. */
export const STORED_SESSIONS = ['admin', 'editor', 'colleague', 'viewer'] as const;
export type StoredAccount = (typeof STORED_SESSIONS)[number];

/** Where staff-setup stores the account's session (cookies), for `browser.newContext({ storageState })`. */
export function sessionFile(account: StoredAccount): string {
  const dir = process.env.E2E_STAFF_SESSIONS_DIR;
  if (!dir) throw new Error('E2E_STAFF_SESSIONS_DIR is not set: playwright.config.ts sets it; run the stories through it.');
  return path.join(dir, `${account}.json`);
}

type StoredState = Awaited<ReturnType<BrowserContext['storageState']>>;

export function storedSession(account: StoredAccount): StoredState {
  const file = sessionFile(account);
  if (!fs.existsSync(file)) {
    throw new Error(`No stored session for ${account} at ${file}: the staff-setup project makes it (run the staff project with its dependencies).`);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as StoredState;
}

/**
 * Fails with the reason when the stored session no longer works, rather than letting the story
 * fail later on a sign-in page or a "Not allowed".
 */
export async function expectSessionAlive(request: APIRequestContext, account: StoredAccount) {
  const response = await request.get('/api/auth/get-session');
  const body = response.ok() ? ((await response.json()) as { user?: { email?: string } } | null) : null;
  if (body?.user?.email !== ACCOUNTS[account].email) {
    throw new Error(
      `The stored session of ${ACCOUNTS[account].email} no longer works (${response.status()} ${JSON.stringify(body)}). ` +
        'A story before this one signed it out or changed the account: give that story a session or an account of its own.',
    );
  }
}

/**
 * Signs the account in through Better Auth's endpoint (not the form) into this browser context: a
 * session of the story's own, for stories that sign out or try to.
 */
export async function signInOwnSession(context: BrowserContext, account: AccountName) {
  const { email, password } = ACCOUNTS[account];
  // The Origin a browser would send: Better Auth refuses a sign-in that carries cookies without one.
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const response = await context.request.post('/api/auth/sign-in/email', { data: { email, password }, headers: { origin } });
  if (!response.ok()) throw new Error(`Signing ${email} in failed: ${response.status()} ${await response.text()}`);
}
