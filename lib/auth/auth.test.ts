import { eq } from 'drizzle-orm';
import { isAPIError } from 'better-auth/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/client';
import { createUser, setUserPassword } from '@/db/mutations/users';
import { session, signInFailures, user } from '@/db/schema';
import { createTestDb } from '@/db/test-utils';
import { createAuth, type Auth } from './config';
import { hashPassword, verifyPassword } from './password';
import { resolveAuthSecret } from './secret';

// A cheap cost for the flow tests; the OWASP cost itself is tested in password.test.ts.
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const fastPassword = {
  hash: (password: string) => hashPassword(password, FAST),
  verify: ({ hash, password }: { hash: string; password: string }) => verifyPassword(hash, password),
};

let conn: Connection;
let auth: Auth;

function requestHeaders(extra: Record<string, string> = {}) {
  return new Headers({ host: '127.0.0.1:3000', 'x-forwarded-for': '203.0.113.7', ...extra });
}

/** The outcome as the HTTP endpoint would send it: a refusal from a hook is thrown, not returned. */
async function signIn(email: string, password: string, headers = requestHeaders()) {
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
  auth = createAuth({ db: conn.db, secret: resolveAuthSecret(conn.db, undefined).secret, secureCookies: false, password: fastPassword });
  await createUser(conn.db, { email: 'Editor@Example.org', name: '', role: 'editor', password: 'correct horse battery' }, { hash: fastPassword.hash });
});
afterEach(() => conn.sqlite.close());

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

  it('marks the cookie Secure when the instance serves HTTPS', async () => {
    auth = createAuth({ db: conn.db, secret: 'x'.repeat(32), secureCookies: true, password: fastPassword });
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

  it('locks an account after five failures, with the time to wait, even for the right password', async () => {
    for (let i = 1; i <= 5; i++) expect((await signIn('editor@example.org', `wrong ${i}`)).status).toBe(401);
    const right = await signIn('editor@example.org', 'correct horse battery');
    expect(right.status).toBe(429);
    expect(right.message).toBe('Too many failed sign-in attempts. Try again in 15 minutes.');
    expect(right.headers.get('retry-after')).toBe('900');
    // A blocked attempt is not a new failure.
    expect(conn.db.select().from(signInFailures).all()).toHaveLength(5);
    // The lock is per account: another client is refused too, while another account is not.
    expect((await signIn('editor@example.org', 'correct horse battery', requestHeaders({ 'x-forwarded-for': '198.51.100.1' }))).status).toBe(429);
  });

  it('limits one client trying many accounts', async () => {
    for (let i = 0; i < 20; i++) await signIn(`user${i}@example.org`, 'guess');
    const res = await signIn('editor@example.org', 'correct horse battery');
    expect(res.status).toBe(429);
    // Another client still gets in.
    expect((await signIn('editor@example.org', 'correct horse battery', requestHeaders({ 'x-forwarded-for': '198.51.100.9' }))).status).toBe(200);
  });

  it('forgets an account\'s failures after a successful sign-in', async () => {
    for (let i = 0; i < 4; i++) await signIn('editor@example.org', 'wrong');
    expect((await signIn('editor@example.org', 'correct horse battery')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await signIn('editor@example.org', 'wrong')).status).toBe(401);
  });

  it('signs the person out everywhere and lifts a lockout when an admin sets a new password', async () => {
    await signIn('editor@example.org', 'correct horse battery');
    const id = conn.db.select({ id: user.id }).from(user).get()!.id;
    expect(conn.db.select().from(session).all()).toHaveLength(1);
    for (let i = 0; i < 5; i++) await signIn('editor@example.org', 'locked out');
    await setUserPassword(conn.db, id, 'a brand new password', { hash: fastPassword.hash });
    expect(conn.db.select().from(session).all()).toHaveLength(0);
    // The reset also lifts the lockout.
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
