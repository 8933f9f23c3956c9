import { beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { listSavedViews } from '@/db/queries/saved-views';
import { savedViews, user } from '@/db/schema';
import { createTestDb, makeEvent } from '@/db/testing/test-db';
import { MutationError } from './errors';
import { createSavedView, deleteSavedView, markSavedViewSeen, renameSavedView } from './saved-views';

let conn: Connection;

beforeEach(() => {
  conn = createTestDb();
  conn.db.insert(user).values([
    { id: 'u1', name: 'Analyst', email: 'analyst@example.org', role: 'viewer' },
    { id: 'u2', name: 'Other', email: 'other@example.org', role: 'editor' },
  ]).run();
});

describe('saved views', () => {
  it('count the matching events recorded since the owner last opened the view', () => {
    makeEvent(conn.db, { type: 'designation' });
    const { id } = createSavedView(conn.db, 'u1', 'Designations', 'type=designation');
    expect(listSavedViews(conn.db, 'u1', { includeDrafts: true })[0]).toMatchObject({ name: 'Designations', newCount: 0 });
    makeEvent(conn.db, { type: 'designation' });
    makeEvent(conn.db, { type: 'statement' });
    expect(listSavedViews(conn.db, 'u1', { includeDrafts: true })[0]!.newCount).toBe(1);
    expect(markSavedViewSeen(conn.db, 'u1', id)).toBe('type=designation');
    expect(listSavedViews(conn.db, 'u1', { includeDrafts: true })[0]!.newCount).toBe(0);
  });

  it('belong to their owner: another person cannot see, open, rename or delete them', () => {
    const { id } = createSavedView(conn.db, 'u1', 'Mine', '');
    expect(listSavedViews(conn.db, 'u2', { includeDrafts: true })).toEqual([]);
    expect(() => markSavedViewSeen(conn.db, 'u2', id)).toThrow(MutationError);
    expect(() => renameSavedView(conn.db, 'u2', id, 'Theirs')).toThrow(MutationError);
    expect(() => deleteSavedView(conn.db, 'u2', id)).toThrow(MutationError);
    renameSavedView(conn.db, 'u1', id, 'Renamed');
    expect(listSavedViews(conn.db, 'u1', {}).map((v) => v.name)).toEqual(['Renamed']);
    deleteSavedView(conn.db, 'u1', id);
    expect(listSavedViews(conn.db, 'u1', {})).toEqual([]);
  });

  it('the database refuses a name that is empty, untrimmed or longer than 80 characters', () => {
    for (const name of ['', ' x', 'x'.repeat(81)]) {
      expect(() => conn.db.insert(savedViews).values({ userId: 'u1', name, query: '' }).run()).toThrow(/CHECK constraint/);
    }
    expect(() => conn.db.insert(savedViews).values({ userId: 'nobody', name: 'x', query: '' }).run()).toThrow(/FOREIGN KEY/);
  });
});
