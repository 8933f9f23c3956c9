/**
 * Better Auth on PostgreSQL (issue 16: "Better Auth on the same database"): the same instance as
 * the server builds (server/auth/config.ts), given the PostgreSQL store of a newly migrated
 * database of this file's own. Accounts, sessions, the sign-in throttle's failures and the session
 * secret live in PostgreSQL's tables, read back here with plain SQL.
 */
import { isAPIError } from 'better-auth/api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MutationError } from '@/db/mutations/errors';
import { openPostgres, type PgConnection } from '@/db/pg/connect';
import { postgresAuthStore } from '@/db/store/auth-postgres';
import type { AuthStore } from '@/db/store/store';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { CONNECTION_HEADER, connectionHeaderValue } from '@/lib/http/connection';
import { createTestPostgres, type TestPostgres } from '@/testing/postgres';
import { createAuth, type Auth } from './config';
import { resolveAuthSecretIn } from './secret';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const fastPassword = {
  hash: (password: string) => hashPassword(password, FAST),
  verify: ({ hash, password }: { hash: string; password: string }) => verifyPassword(hash, password),
};
const ORIGIN = 'http://127.0.0.1:3000';
const HERE = '203.0.113.7';

let database: TestPostgres;
let pg: PgConnection;
let store: AuthStore;
let auth: Auth;

beforeAll(async () => {
  database = await createTestPostgres('tracker_auth');
  pg = await openPostgres(database.url, { migrate: true });
  store = postgresAuthStore(pg.db);
  auth = createAuth({ store, secret: (await resolveAuthSecretIn(store, undefined)).secret, baseURL: ORIGIN, password: fastPassword });
}, 60_000);

afterAll(async () => {
  await pg?.close();
  await database?.drop();
});

beforeEach(async () => {
  await pg.pool.query('DELETE FROM sign_in_failures');
});

async function sql<T extends Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> {
  return (await pg.pool.query<T>(query, params)).rows;
}

function requestHeaders(extra: Record<string, string> = {}, from = HERE) {
  return new Headers({
    host: '127.0.0.1:3000',
    ...extra,
    [CONNECTION_HEADER]: connectionHeaderValue({ remoteAddress: from, localAddress: '127.0.0.1', localPort: 3000, encrypted: false }),
  });
}

async function signIn(email: string, password: string, from = HERE) {
  try {
    const res = await auth.api.signInEmail({ body: { email, password }, headers: requestHeaders({}, from), asResponse: true });
    return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? null, message: res.ok ? null : ((await res.json()) as { message: string }).message };
  } catch (err) {
    if (!isAPIError(err)) throw err;
    return { status: err.statusCode, cookie: null, message: err.body?.message ?? null };
  }
}

describe('Better Auth on PostgreSQL', () => {
  it('signs in an account created through the store, keeps the session in PostgreSQL, reads the role back and signs out', async () => {
    await store.createUser({ email: 'Editor@Example.org', name: '', role: 'editor', password: 'correct horse battery' }, { hash: fastPassword.hash });
    expect(await sql('SELECT email, role, name FROM "user"')).toEqual([{ email: 'editor@example.org', role: 'editor', name: 'editor' }]);

    const signedIn = await signIn('editor@example.org', 'correct horse battery');
    expect(signedIn.status).toBe(200);
    expect(signedIn.cookie).toMatch(/^tracker\.session_token=/);
    expect(await sql('SELECT count(*)::int AS n FROM session')).toEqual([{ n: 1 }]);
    const current = await auth.api.getSession({ headers: requestHeaders({ cookie: signedIn.cookie! }) });
    expect(current?.user).toMatchObject({ email: 'editor@example.org', role: 'editor' });

    await auth.api.signOut({ headers: requestHeaders({ cookie: signedIn.cookie! }) });
    expect(await sql('SELECT count(*)::int AS n FROM session')).toEqual([{ n: 0 }]);
    expect(await auth.api.getSession({ headers: requestHeaders({ cookie: signedIn.cookie! }) })).toBeNull();
  });

  it('refuses a second account with the same address, also when both are created at once', async () => {
    const taken = await store.createUser({ email: 'viewer@example.org', name: 'V', role: 'viewer', password: 'correct horse battery' }, { hash: fastPassword.hash }).then(
      () => store.createUser({ email: 'VIEWER@example.org', name: 'V', role: 'viewer', password: 'correct horse battery' }, { hash: fastPassword.hash }),
    ).catch((e: unknown) => e);
    expect(taken).toBeInstanceOf(MutationError);
    expect(taken).toMatchObject({ status: 409, fieldErrors: { email: 'An account with this e-mail already exists.' } });

    const both = await Promise.allSettled(
      ['a', 'b'].map((name) => store.createUser({ email: 'race@example.org', name, role: 'viewer', password: 'correct horse battery' }, { hash: fastPassword.hash })),
    );
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((both.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    expect(await sql(`SELECT count(*)::int AS n FROM "user" WHERE email = 'race@example.org'`)).toEqual([{ n: 1 }]);
  });

  it('slows one address down from the fifth failure, with the failures kept in PostgreSQL; another address signs in', async () => {
    for (let i = 1; i <= 5; i++) expect((await signIn('editor@example.org', `wrong ${i}`)).status).toBe(401);
    expect(await sql('SELECT account, client FROM sign_in_failures')).toHaveLength(5);
    const right = await signIn('editor@example.org', 'correct horse battery');
    expect(right.status).toBe(429);
    expect(right.message).toBe('Too many failed sign-in attempts. Try again in 15 seconds.');
    expect((await signIn('editor@example.org', 'correct horse battery', '198.51.100.1')).status).toBe(200);

    // Once the wait is over (the failures moved back in time), the address is let in, and its failures forgotten.
    await pg.pool.query('UPDATE sign_in_failures SET at = at - 15000');
    expect((await signIn('editor@example.org', 'correct horse battery')).status).toBe(200);
    expect(await sql('SELECT count(*)::int AS n FROM sign_in_failures')).toEqual([{ n: 0 }]);
  });

  it('keeps one session secret in PostgreSQL: generated once, then read back', async () => {
    const [row] = await sql<{ value: string }>(`SELECT value FROM app_settings WHERE key = 'auth_secret'`);
    const value = row!.value;
    expect(value).toMatch(/^[\w-]{43}$/);
    expect(await resolveAuthSecretIn(store, undefined)).toEqual({ secret: value, source: 'database' });
    expect((await resolveAuthSecretIn(store, 'from-the-environment-'.repeat(2))).source).toBe('environment');
  });

  it('keeps an admin when two admins demote each other at the same moment', async () => {
    const a = await store.createUser({ email: 'admin-a@example.org', name: 'A', role: 'admin', password: 'correct horse battery' }, { hash: fastPassword.hash });
    const b = await store.createUser({ email: 'admin-b@example.org', name: 'B', role: 'admin', password: 'correct horse battery' }, { hash: fastPassword.hash });
    const results = await Promise.allSettled([store.setRole(a.id, 'editor'), store.setRole(b.id, 'editor')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    expect(await store.countAdmins()).toBe(1);
  });
});
