import { eq } from 'drizzle-orm';
import { isAPIError } from 'better-auth/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { createUser, setUserPassword } from '@/db/mutations/users';
import { session, signInFailures, user } from '@/db/schema';
import { createTestDb } from '@/db/testing/test-db';
import { sqliteAuthStore } from '@/db/store/auth-sqlite';
import { createAuth, type Auth } from './config';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { resolveAuthSecret } from './secret';
import { resetEnvCache } from '@/lib/env';
import { CONNECTION_HEADER, connectionHeaderValue } from '@/lib/http/connection';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/request-site';

// A cheap cost for the flow tests; the OWASP cost itself is tested in password.test.ts.
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const fastPassword = {
  hash: (password: string) => hashPassword(password, FAST),
  verify: ({ hash, password }: { hash: string; password: string }) => verifyPassword(hash, password),
};

let conn: Connection;
let auth: Auth;

const ORIGIN = 'http://127.0.0.1:3000';
const HERE = '203.0.113.7';

/**
 * A request as the server sees it: the browser's headers, plus the TCP peer's address that
 * lib/http/connection-hook.ts adds on the real server (here: the address `from`).
 */
function requestHeaders(extra: Record<string, string> = {}, from = HERE) {
  return new Headers({
    host: '127.0.0.1:3000',
    ...extra,
    [CONNECTION_HEADER]: connectionHeaderValue({ remoteAddress: from, localAddress: '127.0.0.1', localPort: 3000, encrypted: false }),
  });
}

/** The outcome as the HTTP endpoint would send it: a refusal from a hook is thrown, not returned. */
async function signIn(email: string, password: string, from = HERE, extra: Record<string, string> = {}) {
  const headers = requestHeaders(extra, from);
  try {
    const res = await auth.api.signInEmail({ body: { email, password }, headers, asResponse: true });
    return { status: res.status, message: res.ok ? null : ((await res.json()) as { message: string }).message, headers: res.headers };
  } catch (err) {
    if (!isAPIError(err)) throw err;
    return { status: err.statusCode, message: err.body?.message ?? null, headers: new Headers(err.headers) };
  }
}

beforeEach(async () => {
  conn = createTestDb();
  auth = createAuth({ store: sqliteAuthStore(conn.db), secret: resolveAuthSecret(conn.db, undefined).secret, baseURL: ORIGIN, password: fastPassword });
  await createUser(conn.db, { email: 'Editor@Example.org', name: '', role: 'editor', password: 'correct horse battery' }, { hash: fastPassword.hash });
});
afterEach(() => {
  conn.sqlite.close();
  delete process.env.TRUST_PROXY;
  resetEnvCache();
});

describe('signing in', () => {
  it('signs in a user created by createUser, with an httpOnly SameSite=Lax cookie, and reads the role back', async () => {
    const res = await auth.api.signInEmail({
      body: { email: 'editor@example.org', password: 'correct horse battery' },
      headers: requestHeaders(),
      asResponse: true,
    });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tracker\.session_token=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i);

    const sessionCookie = cookie.split(';')[0]!;
    const current = await auth.api.getSession({ headers: requestHeaders({ cookie: sessionCookie }) });
    expect(current?.user).toMatchObject({ email: 'editor@example.org', name: 'editor', role: 'editor' });
  });

  it('marks the cookie Secure when the site is served over HTTPS', async () => {
    auth = createAuth({ store: sqliteAuthStore(conn.db), secret: 'x'.repeat(32), baseURL: 'https://tracker.example.org', password: fastPassword });
    const res = await signIn('editor@example.org', 'correct horse battery');
    expect(res.headers.get('set-cookie')).toMatch(/^__Secure-tracker\.session_token=.*Secure/i);
  });

  it('refuses a wrong password and an unknown account with the same message', async () => {
    const wrong = await signIn('editor@example.org', 'not the password');
    const unknown = await signIn('nobody@example.org', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.message).toBe(unknown.message);
  });

  it('does not let a signed-in person change their own role through Better Auth', async () => {
    const res = await auth.api.signInEmail({ body: { email: 'editor@example.org', password: 'correct horse battery' }, headers: requestHeaders(), asResponse: true });
    const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
    try {
      await auth.api.updateUser({ body: { name: 'Still an editor', role: 'admin' } as never, headers: requestHeaders({ cookie }) });
    } catch {
      // Refusing the whole request is as good as ignoring the field.
    }
    expect(conn.db.select({ role: user.role }).from(user).all()).toEqual([{ role: 'editor' }]);
  });

  it('has public sign-up switched off', async () => {
    const res = await auth.api.signUpEmail({
      body: { email: 'intruder@example.org', password: 'a long enough password', name: 'x' },
      headers: requestHeaders(),
      asResponse: true,
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(conn.db.select().from(user).where(eq(user.email, 'intruder@example.org')).all()).toEqual([]);
  });

  // Issue 10, item 15: five wrong passwords from anywhere used to lock the account for 15 minutes,
  // for the right password from another address too: anyone could lock an admin out.
  it('slows one address down on one account from the fifth failure, and never locks the account', async () => {
    for (let i = 1; i <= 5; i++) expect((await signIn('editor@example.org', `wrong ${i}`)).status).toBe(401);
    const right = await signIn('editor@example.org', 'correct horse battery');
    expect(right.status).toBe(429);
    expect(right.message).toBe('Too many failed sign-in attempts. Try again in 15 seconds.');
    expect(right.headers.get('retry-after')).toBe('15');
    // A refused attempt is not a new failure, so waiting always works.
    expect(conn.db.select().from(signInFailures).all()).toHaveLength(5);
    // The person with the password, at their own machine, signs in.
    expect((await signIn('editor@example.org', 'correct horse battery', '198.51.100.1')).status).toBe(200);
  });

  it('lets the waiting address in once the wait is over, and doubles the wait after each further failure', async () => {
    for (let i = 0; i < 5; i++) await signIn('editor@example.org', 'wrong');
    const shift = (ms: number) => conn.sqlite.prepare('UPDATE sign_in_failures SET at = at - ?').run(ms);
    shift(15_000);
    expect((await signIn('editor@example.org', 'wrong again')).status).toBe(401);
    expect((await signIn('editor@example.org', 'correct horse battery')).message).toBe('Too many failed sign-in attempts. Try again in 30 seconds.');
    shift(30_000);
    expect((await signIn('editor@example.org', 'correct horse battery')).status).toBe(200);
  });

  it('under a guess from many addresses, lets only addresses that have not failed go straight through', async () => {
    for (let i = 0; i < 10; i++) expect((await signIn('editor@example.org', 'guess', `192.0.2.${i + 1}`)).status).toBe(401);
    // An address that failed once, on this or any account, now waits.
    expect((await signIn('editor@example.org', 'correct horse battery', '192.0.2.1')).status).toBe(429);
    await signIn('someone-else@example.org', 'typo', '198.51.100.7');
    expect((await signIn('editor@example.org', 'correct horse battery', '198.51.100.7')).status).toBe(429);
    // A clean address does not.
    expect((await signIn('editor@example.org', 'correct horse battery', '198.51.100.8')).status).toBe(200);
  });

  it('limits one client trying many accounts', async () => {
    for (let i = 0; i < 20; i++) await signIn(`user${i}@example.org`, 'guess');
    const res = await signIn('editor@example.org', 'correct horse battery');
    expect(res.status).toBe(429);
    // Another client still gets in.
    expect((await signIn('editor@example.org', 'correct horse battery', '198.51.100.9')).status).toBe(200);
  });

  // Issue 10, item 4: the per-address limit keyed on the last X-Forwarded-For entry, which the client
  // writes; a new value on every attempt gave every attempt a fresh address.
  it('is not evaded by rotating X-Forwarded-For (TRUST_PROXY off): the address is the socket peer', async () => {
    for (let i = 0; i < 20; i++) await signIn(`user${i}@example.org`, 'guess', HERE, { 'x-forwarded-for': `198.51.100.${i}` });
    const res = await signIn('editor@example.org', 'correct horse battery', HERE, { 'x-forwarded-for': '198.51.100.200' });
    expect(res.status).toBe(429);
    expect(new Set(conn.db.select({ client: signInFailures.client }).from(signInFailures).all().map((r) => r.client))).toEqual(new Set([HERE]));
  });

  it("with TRUST_PROXY=1, takes the address the proxy added (the last X-Forwarded-For entry)", async () => {
    process.env.TRUST_PROXY = '1';
    resetEnvCache();
    const proxy = '10.0.0.2';
    for (let i = 0; i < 20; i++) await signIn(`user${i}@example.org`, 'guess', proxy, { 'x-forwarded-for': `192.0.2.66, 198.51.100.1` });
    expect((await signIn('editor@example.org', 'correct horse battery', proxy, { 'x-forwarded-for': '198.51.100.1' })).status).toBe(429);
    // Another client behind the same proxy is another address.
    expect((await signIn('editor@example.org', 'correct horse battery', proxy, { 'x-forwarded-for': '198.51.100.2' })).status).toBe(200);
  });

  it("keys Better Auth's own limit (3 sign-in requests per 10 s) on the address proxy.ts passes on, not on X-Forwarded-For", async () => {
    // What proxy.ts sends on to the endpoint: the address from requestSite(), whatever X-Forwarded-For says.
    const post = (address: string, forwardedFor: string) =>
      auth.handler(
        new Request(`${ORIGIN}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [CLIENT_ADDRESS_HEADER]: address, 'x-forwarded-for': forwardedFor },
          body: JSON.stringify({ email: 'nobody@example.org', password: 'not the password' }),
        }),
      );
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post('192.0.2.200', `198.51.100.${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    expect((await post('192.0.2.201', '198.51.100.0')).status).toBe(401);
  });

  it('forgets that address\'s failures on the account after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) await signIn('editor@example.org', 'wrong');
    expect((await signIn('editor@example.org', 'correct horse battery')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn('editor@example.org', 'wrong')).status).toBe(401);
  });

  it('signs the person out everywhere and lifts the wait when an admin sets a new password', async () => {
    await signIn('editor@example.org', 'correct horse battery');
    const id = conn.db.select({ id: user.id }).from(user).get()!.id;
    expect(conn.db.select().from(session).all()).toHaveLength(1);
    for (let i = 0; i < 5; i++) await signIn('editor@example.org', 'locked out');
    await setUserPassword(conn.db, id, 'a brand new password', { hash: fastPassword.hash });
    expect(conn.db.select().from(session).all()).toHaveLength(0);
    // The reset also lifts the wait.
    expect((await signIn('editor@example.org', 'correct horse battery')).status).toBe(401);
    expect((await signIn('editor@example.org', 'a brand new password')).status).toBe(200);
  });
});

describe('the auth secret', () => {
  it('is generated once and kept', () => {
    const first = resolveAuthSecret(conn.db, undefined);
    const second = resolveAuthSecret(conn.db, undefined);
    expect(first.secret).toHaveLength(43);
    expect(second).toEqual({ secret: first.secret, source: 'database' });
    expect(resolveAuthSecret(conn.db, 'from-the-environment-'.repeat(2)).source).toBe('environment');
  });
});
