import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { user } from '@/db/auth-schema';
import { createUser, deleteUser } from '@/db/mutations/users';
import { createTestDb, makeEvent } from '@/db/testing/test-db';
import { changeActor, type Viewer } from '@/lib/auth/roles';
import { getEventHistory, getLatestRevision } from './revisions';
import { listDrafts } from './staff-lists';

let conn: Connection;
let editor: Viewer;
const cheap = { hash: async (p: string) => `plain:${p}` };

beforeEach(async () => {
  conn = createTestDb();
  const created = await createUser(conn.db, { email: 'nour.haddad@example.org', name: 'Nour Haddad', password: 'a long enough password', role: 'editor' }, cheap);
  editor = { id: created.id, email: created.email, name: 'Nour Haddad', role: 'editor' };
  await createUser(conn.db, { email: 'chief@example.org', name: 'Chief', password: 'a long enough password', role: 'admin' }, cheap);
});
afterEach(() => conn.sqlite.close());

describe('staff in the history, the drafts and the conflict view', () => {
  it('appear by their current display name, not their e-mail address', () => {
    const { id } = makeEvent(conn.db, { title: 'A draft by Nour', status: 'draft' }, changeActor(editor));
    expect(getEventHistory(conn.db, id).map((e) => e.actor)).toEqual(['Nour Haddad']);
    expect(getLatestRevision(conn.db, 'event', id)?.actor).toBe('Nour Haddad');
    expect(listDrafts(conn.db).map((d) => d.updatedBy)).toEqual(['Nour Haddad']);

    // Renamed: the new name everywhere, the record unchanged.
    conn.db.update(user).set({ name: 'Nour Haddad-Karam' }).where(eq(user.id, editor.id)).run();
    expect(getEventHistory(conn.db, id)[0]!.actor).toBe('Nour Haddad-Karam');
    expect(listDrafts(conn.db)[0]!.updatedBy).toBe('Nour Haddad-Karam');
    expect(conn.sqlite.prepare('SELECT actor FROM revisions').pluck().all()).toEqual(['nour.haddad@example.org']);
  });

  it('fall back to the recorded address when the account is gone or has no name, and keep script labels', () => {
    const { id } = makeEvent(conn.db, { title: 'An event by Nour' }, changeActor(editor));
    conn.db.update(user).set({ name: '  ' }).where(eq(user.id, editor.id)).run();
    expect(getEventHistory(conn.db, id)[0]!.actor).toBe('nour.haddad@example.org');
    const chief = conn.db.select().from(user).where(eq(user.email, 'chief@example.org')).get()!;
    deleteUser(conn.db, editor.id, chief.id);
    expect(getEventHistory(conn.db, id)[0]!.actor).toBe('nour.haddad@example.org');
    const seeded = makeEvent(conn.db, { title: 'Seeded' }, { userId: null as unknown as string, label: 'seed script' });
    expect(getEventHistory(conn.db, seeded.id)[0]!.actor).toBe('seed script');
  });
});
