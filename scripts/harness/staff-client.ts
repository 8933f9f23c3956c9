/**
 * A staff member's side of the long runs: an account made with the same code as
 * `npm run user:create`, a session from the real sign-in endpoint, and the headers a browser on
 * the tracker's own pages sends with a write.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Role } from '@/lib/auth/roles';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface Account {
  email: string;
  password: string;
  role: Role;
}

/** Runs scripts/user-create.ts against the database (the password goes in USER_PASSWORD, as in a deploy). */
export function createAccount(databasePath: string, account: Account): void {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'user-create.ts'), '--email', account.email, '--role', account.role], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_PATH: databasePath, USER_PASSWORD: account.password },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Signs in through Better Auth's endpoint and returns the Cookie header for later requests. */
export async function signIn(baseUrl: string, account: Account): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: baseUrl, 'sec-fetch-site': 'same-origin' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (!res.ok) throw new Error(`Sign-in as ${account.email} failed: ${res.status} ${await res.text()}`);
  const cookies = res.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (!cookies.some((c) => c.startsWith('tracker.session_token='))) throw new Error('Sign-in answered without a session cookie.');
  return cookies.join('; ');
}

/** What a browser on the tracker's own pages sends with a JSON write. */
export function sameOriginHeaders(baseUrl: string, cookie: string): Record<string, string> {
  return { 'content-type': 'application/json', origin: baseUrl, 'sec-fetch-site': 'same-origin', cookie };
}
