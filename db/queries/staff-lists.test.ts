import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { deleteEvent, updateEvent } from '../mutations/events';
import { TEST_ACTOR, createTestDb, makeEvent } from '@/db/testing/test-db';
import { countDeletedEvents, listDeletedEvents, listDrafts } from './staff-lists';
import { eventInputSchema } from '@/lib/validation/event';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

const EDITOR = { userId: 'user-2', label: 'editor@example.org' };

describe('staff lists', () => {
  it('lists drafts, most recently changed first, with who changed them last', () => {
    const older = makeEvent(conn.db, { title: 'Older draft', status: 'draft' });
    makeEvent(conn.db, { title: 'Published one', status: 'published' });
    const newer = makeEvent(conn.db, { title: 'Newer draft', status: 'draft' });
    const gone = makeEvent(conn.db, { title: 'Deleted draft', status: 'draft' });
    deleteEvent(conn.db, gone.id, 1, TEST_ACTOR);
    updateEvent(
      conn.db,
      older.id,
      eventInputSchema.parse({ type: 'statement', title: 'Older draft, edited', summary: 'x', date: '2023-03-28', status: 'draft' }),
      1,
      EDITOR,
    );
    expect(listDrafts(conn.db).map((d) => [d.id, d.title, d.updatedBy])).toEqual([
      [older.id, 'Older draft, edited', 'editor@example.org'],
      [newer.id, 'Newer draft', TEST_ACTOR.label],
    ]);
  });

  it('lists deleted events, most recently deleted first, with who deleted them', () => {
    const a = makeEvent(conn.db, { title: 'First deleted' });
    const b = makeEvent(conn.db, { title: 'Second deleted' });
    makeEvent(conn.db, { title: 'Still here' });
    deleteEvent(conn.db, a.id, 1, TEST_ACTOR);
    deleteEvent(conn.db, b.id, 1, EDITOR);
    expect(listDeletedEvents(conn.db).map((e) => [e.title, e.deletedBy, e.version])).toEqual([
      ['Second deleted', 'editor@example.org', 2],
      ['First deleted', TEST_ACTOR.label, 2],
    ]);
    expect(countDeletedEvents(conn.db)).toBe(2);
  });
});
