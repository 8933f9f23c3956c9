/**
 * The synchronous check of a session cookie's signature against what Better Auth itself signs and
 * accepts: a cookie from a real sign-in passes; the same cookie tampered with, signed with another
 * secret, or unsigned does not.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSessionCookie } from 'better-auth/cookies';
import type { Connection } from '@/db/engine/client';
import { createUser } from '@/db/mutations/users';
import { createTestDb } from '@/db/testing/test-db';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { sqliteAuthStore } from '@/db/store/auth-sqlite';
import { createAuth } from './config';
import { resolveAuthSecret } from './secret';
import { isSignedWith } from './signed-session';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
let conn: Connection;
let secret: string;
let cookieValue: string;

beforeEach(async () => {
  conn = createTestDb();
  secret = resolveAuthSecret(conn.db, undefined).secret;
  const auth = createAuth({
    store: sqliteAuthStore(conn.db),
    secret,
    baseURL: 'http://127.0.0.1:3000',
    password: { hash: (p) => hashPassword(p, FAST), verify: ({ hash, password }) => verifyPassword(hash, password) },
  });
  await createUser(conn.db, { email: 'editor@example.org', name: '', role: 'editor', password: 'correct horse battery' }, { hash: (p) => hashPassword(p, FAST) });
  const res = await auth.api.signInEmail({
    body: { email: 'editor@example.org', password: 'correct horse battery' },
    headers: new Headers({ host: '127.0.0.1:3000' }),
    asResponse: true,
  });
  expect(res.status).toBe(200);
  cookieValue = getSessionCookie(new Headers({ cookie: res.headers.get('set-cookie')!.split(';')[0]! }), { cookiePrefix: 'tracker' })!;
  expect(cookieValue).toContain('.');
});
afterEach(() => conn.sqlite.close());

describe('isSignedWith', () => {
  it('accepts the session cookie Better Auth set at sign-in', () => {
    expect(isSignedWith(cookieValue, secret)).toBe(true);
  });

  it('refuses it with another secret, with its token or signature changed, or without a signature', () => {
    const dot = cookieValue.lastIndexOf('.');
    const token = cookieValue.slice(0, dot);
    const signature = cookieValue.slice(dot + 1);
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    expect(isSignedWith(cookieValue, `${secret}x`)).toBe(false);
    expect(isSignedWith(`${flip(token, 0)}.${signature}`, secret)).toBe(false);
    expect(isSignedWith(`${token}.${flip(signature, 5)}`, secret)).toBe(false);
    expect(isSignedWith(token, secret)).toBe(false);
    expect(isSignedWith(`${token}.`, secret)).toBe(false);
    expect(isSignedWith(`.${signature}`, secret)).toBe(false);
  });
});
