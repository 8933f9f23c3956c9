import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { createUser } from '@/db/mutations/users';
import { listUsers } from '@/db/queries/users';
import { createTestDb } from '@/db/testing/test-db';
import { sqliteAuthStore } from '@/db/store/auth-sqlite';
import { ensureFirstAdmin } from './first-admin';

const hash = async (p: string) => `test$${p.length}`;
let conn: Connection;
let log: string[];
beforeEach(() => {
  conn = createTestDb();
  log = [];
});
afterEach(() => conn.sqlite.close());

describe('the first admin', () => {
  it('is created from ADMIN_EMAIL and ADMIN_PASSWORD when there is none', async () => {
    expect(await ensureFirstAdmin(sqliteAuthStore(conn.db), { email: 'Chief@Example.org', password: 'a long admin password' }, (m) => log.push(m), { hash })).toBe('created');
    expect(listUsers(conn.db).map((u) => [u.email, u.role])).toEqual([['chief@example.org', 'admin']]);
    expect(await ensureFirstAdmin(sqliteAuthStore(conn.db), { email: 'other@example.org', password: 'a long admin password' }, (m) => log.push(m), { hash })).toBe('exists');
    expect(listUsers(conn.db)).toHaveLength(1);
  });

  it('says how to create one when nothing is configured', async () => {
    expect(await ensureFirstAdmin(sqliteAuthStore(conn.db), {}, (m) => log.push(m), { hash })).toBe('missing');
    expect(log.join('\n')).toMatch(/npm run user:create -- --email you@example.org --role admin/);
  });

  it('refuses a weak password or an existing non-admin address, and says why', async () => {
    expect(await ensureFirstAdmin(sqliteAuthStore(conn.db), { email: 'chief@example.org', password: 'short' }, (m) => log.push(m), { hash })).toBe('invalid');
    expect(log.pop()).toMatch(/at least 12 characters/);
    await createUser(conn.db, { email: 'chief@example.org', name: '', role: 'viewer', password: 'a long viewer password' }, { hash });
    expect(await ensureFirstAdmin(sqliteAuthStore(conn.db), { email: 'chief@example.org', password: 'a long admin password' }, (m) => log.push(m), { hash })).toBe('invalid');
    expect(listUsers(conn.db).map((u) => u.role)).toEqual(['viewer']);
  });
});
