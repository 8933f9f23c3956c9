import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { MutationError } from './errors';
import { countAdmins, listUsers } from '../queries/users';
import { session } from '../schema';
import { createTestDb } from '@/db/testing/test-db';
import { createUser, deleteUser, setUserRole } from './users';

const hash = async (p: string) => `test$${p}`;
let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

const make = (email: string, role: 'admin' | 'editor' | 'viewer') => createUser(conn.db, { email, name: '', role, password: 'a long password 1' }, { hash });

describe('user accounts', () => {
  it('stores addresses in lower case and refuses a second account for one address', async () => {
    await make('Ann@Example.org', 'editor');
    await expect(make('ann@example.ORG', 'viewer')).rejects.toThrow(MutationError);
    expect(listUsers(conn.db).map((u) => [u.email, u.name, u.role])).toEqual([['ann@example.org', 'ann', 'editor']]);
  });

  it('shows when each person was last active, from their own sessions only', async () => {
    await make('a@example.org', 'editor');
    const b = await make('b@example.org', 'viewer');
    const at = new Date('2026-11-01T10:00:00Z');
    conn.db.insert(session).values({ id: 's1', token: 't1', userId: b.id, expiresAt: new Date('2027-01-01'), createdAt: at, updatedAt: at }).run();
    const byEmail = Object.fromEntries(listUsers(conn.db).map((u) => [u.email, u.lastSeenAt?.toISOString() ?? null]));
    expect(byEmail).toEqual({ 'a@example.org': null, 'b@example.org': '2026-11-01T10:00:00.000Z' });
  });

  it('never leaves the tracker without an admin', async () => {
    const admin = await make('admin@example.org', 'admin');
    const other = await make('other@example.org', 'editor');
    expect(() => setUserRole(conn.db, admin.id, 'editor')).toThrow(/only admin/);
    expect(() => deleteUser(conn.db, admin.id, other.id)).toThrow(/only admin/);
    expect(() => deleteUser(conn.db, admin.id, admin.id)).toThrow(/your own account/);
    setUserRole(conn.db, other.id, 'admin');
    setUserRole(conn.db, admin.id, 'viewer');
    expect(countAdmins(conn.db)).toBe(1);
    deleteUser(conn.db, admin.id, other.id);
    expect(listUsers(conn.db).map((u) => u.email)).toEqual(['other@example.org']);
  });
});
