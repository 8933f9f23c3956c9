import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { MutationError, VersionConflictError } from './errors';
import { getEvent, listRevisions } from '../queries/events';
import { listTimeline } from '../queries/timeline';
import { TEST_ACTOR, createTestDb, makeEntity, makeEvent } from '@/db/testing/test-db';
import { mergeEntities } from './entities';
import { deleteEvent, restoreDeletedEvent, restoreEventRevision, updateEvent } from './events';
import { EMPTY_FILTERS } from '@/lib/filters';
import { eventInputSchema, type EventInputRaw } from '@/lib/validation/event';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

const COLLEAGUE = { userId: 'user-colleague', label: 'colleague@example.org' };

const base: EventInputRaw = {
  type: 'designation',
  title: 'Caesar Act sanctions on two Syrians',
  summary: 'Treasury designated two men.',
  date: '2023-03-28',
  status: 'published',
  countries: [{ code: 'SY', role: 'target' }],
  sources: [{ title: 'Treasury press release', url: 'https://home.treasury.gov/news' }],
};
const input = (raw: Partial<EventInputRaw> = {}) => eventInputSchema.parse({ ...base, ...raw });
const search = (term: string) =>
  (conn.sqlite.prepare(`SELECT rowid FROM events_fts WHERE events_fts MATCH ?`).all(term) as { rowid: number }[]).map((r) => r.rowid);
const count = (table: string) => conn.db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)).n;

describe('editing an event', () => {
  it('saves over the version it started from: new version, one revision, searchable at once', () => {
    const { id } = makeEvent(conn.db, base);
    const result = updateEvent(conn.db, id, input({ title: 'Caesar Act designations of Qaddour and al-Assad' }), 1, TEST_ACTOR);
    expect(result).toEqual({ id, version: 2, changed: true });
    expect(getEvent(conn.db, id)).toMatchObject({ title: 'Caesar Act designations of Qaddour and al-Assad', version: 2, updatedBy: TEST_ACTOR.userId });
    expect(listRevisions(conn.db, 'event', id).map((r) => [r.action, r.version])).toEqual([
      ['update', 2],
      ['create', 1],
    ]);
    expect(search('qaddour')).toEqual([id]);
    expect(search('syrians')).toEqual([]);
  });

  it('refuses a save from an older version and changes nothing', () => {
    const { id } = makeEvent(conn.db, base);
    updateEvent(conn.db, id, input({ title: 'The colleague’s title' }), 1, COLLEAGUE);
    const before = { revisions: count('revisions'), event: getEvent(conn.db, id) };

    let error: unknown;
    try {
      updateEvent(conn.db, id, input({ title: 'My title', summary: 'My summary.' }), 1, TEST_ACTOR);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(VersionConflictError);
    expect(error).toMatchObject({ status: 409, currentVersion: 2, deleted: false });
    expect({ revisions: count('revisions'), event: getEvent(conn.db, id) }).toEqual(before);
    expect(search('colleague')).toEqual([id]);
  });

  it('lets exactly one of two saves from the same version through', () => {
    const { id } = makeEvent(conn.db, base);
    const outcomes = ['First editor', 'Second editor'].map((title) => {
      try {
        return updateEvent(conn.db, id, input({ title }), 1, TEST_ACTOR).version;
      } catch (err) {
        return err instanceof VersionConflictError ? 'conflict' : err;
      }
    });
    expect(outcomes).toEqual([2, 'conflict']);
    expect(getEvent(conn.db, id)?.title).toBe('First editor');
  });

  it('writes nothing when the input matches what is stored', () => {
    const { id } = makeEvent(conn.db, base);
    expect(updateEvent(conn.db, id, input(), 1, TEST_ACTOR)).toEqual({ id, version: 1, changed: false });
    expect(listRevisions(conn.db, 'event', id)).toHaveLength(1);
  });

  it('says when the event does not exist, and rolls back a refused reference', () => {
    expect(() => updateEvent(conn.db, 999, input(), 1, TEST_ACTOR)).toThrow(expect.objectContaining({ status: 404 }));
    const { id } = makeEvent(conn.db, base);
    expect(() => updateEvent(conn.db, id, input({ title: 'Changed', actors: [{ entityId: 4242, role: 'target' }] }), 1, TEST_ACTOR)).toThrow(
      MutationError,
    );
    expect(getEvent(conn.db, id)).toMatchObject({ title: base.title, version: 1 });
    expect(listRevisions(conn.db, 'event', id)).toHaveLength(1);
  });
});

describe('deleting and restoring', () => {
  it('soft-deletes: gone from the timeline, the page and search; the history says who', () => {
    const { id } = makeEvent(conn.db, base);
    expect(deleteEvent(conn.db, id, 1, TEST_ACTOR)).toEqual({ id, version: 2 });
    expect(listTimeline(conn.db, EMPTY_FILTERS).items).toEqual([]);
    expect(getEvent(conn.db, id)).toBeNull();
    expect(getEvent(conn.db, id, { includeDeleted: true })?.deletedAt).toBeTruthy();
    expect(search('caesar')).toEqual([]);
    expect(listRevisions(conn.db, 'event', id)[0]).toMatchObject({ action: 'delete', version: 2, actor: TEST_ACTOR.label });
  });

  it('refuses to delete from a stale version, and to edit a deleted event', () => {
    const { id } = makeEvent(conn.db, base);
    updateEvent(conn.db, id, input({ title: 'Edited meanwhile' }), 1, COLLEAGUE);
    expect(() => deleteEvent(conn.db, id, 1, TEST_ACTOR)).toThrow(VersionConflictError);
    deleteEvent(conn.db, id, 2, COLLEAGUE);
    expect(() => updateEvent(conn.db, id, input({ title: 'Too late' }), 3, TEST_ACTOR)).toThrow(/restore it before/);
    expect(() => updateEvent(conn.db, id, input({ title: 'Too late' }), 2, TEST_ACTOR)).toThrow(
      expect.objectContaining({ name: 'VersionConflictError', deleted: true }),
    );
  });

  it('restores a deleted event as it was, searchable again', () => {
    const { id } = makeEvent(conn.db, base);
    deleteEvent(conn.db, id, 1, TEST_ACTOR);
    expect(restoreDeletedEvent(conn.db, id, 2, COLLEAGUE)).toEqual({ id, version: 3 });
    expect(getEvent(conn.db, id)).toMatchObject({ title: base.title, deletedAt: null, version: 3 });
    expect(search('caesar')).toEqual([id]);
    expect(listRevisions(conn.db, 'event', id).map((r) => r.action)).toEqual(['restore', 'delete', 'create']);
    expect(() => restoreDeletedEvent(conn.db, id, 3, COLLEAGUE)).toThrow(/not deleted/);
  });
});

describe('restoring an earlier version', () => {
  it('brings the content back as a new version, recorded as a restore', () => {
    const { id } = makeEvent(conn.db, { ...base, tags: ['Caesar Act'] });
    updateEvent(
      conn.db,
      id,
      input({ title: 'Rewritten', countries: [{ code: 'US', role: 'actor' }], tags: ['Drugs'], sources: [{ title: 'Other source' }] }),
      1,
      COLLEAGUE,
    );
    const first = listRevisions(conn.db, 'event', id).find((r) => r.version === 1)!;
    expect(restoreEventRevision(conn.db, id, first.id, 2, TEST_ACTOR)).toEqual({ id, version: 3, changed: true });

    const restored = getEvent(conn.db, id)!;
    expect(restored).toMatchObject({ title: base.title, version: 3, countries: [{ code: 'SY', role: 'target' }], tags: [{ slug: 'caesar-act', label: 'Caesar Act' }] });
    expect(restored.sources.map((s) => s.title)).toEqual(['Treasury press release']);
    expect(listRevisions(conn.db, 'event', id)[0]).toMatchObject({ action: 'restore', version: 3, note: 'Restored version 1.' });
    expect(search('rewritten')).toEqual([]);
  });

  it('refuses a stale restore, and a revision of another event', () => {
    const { id } = makeEvent(conn.db, base);
    const other = makeEvent(conn.db, { ...base, title: 'Another event' });
    updateEvent(conn.db, id, input({ title: 'Second' }), 1, COLLEAGUE);
    const first = listRevisions(conn.db, 'event', id).at(-1)!;
    expect(() => restoreEventRevision(conn.db, id, first.id, 1, TEST_ACTOR)).toThrow(VersionConflictError);
    const foreign = listRevisions(conn.db, 'event', other.id)[0]!;
    expect(() => restoreEventRevision(conn.db, id, foreign.id, 2, TEST_ACTOR)).toThrow(/does not belong/);
  });

  it('points a restored actor that has since been merged at the actor it was merged into', () => {
    const duplicate = makeEntity(conn.db, { name: 'Khaled Qaddour' });
    const survivor = makeEntity(conn.db, { name: 'Khalid Qaddour' });
    const { id } = makeEvent(conn.db, { ...base, actors: [{ entityId: duplicate.id, role: 'target' }] });
    updateEvent(conn.db, id, input({ actors: [] }), 1, TEST_ACTOR);
    mergeEntities(conn.db, { survivorId: survivor.id, survivorVersion: 1, mergedId: duplicate.id, mergedVersion: 1 }, TEST_ACTOR);
    const first = listRevisions(conn.db, 'event', id).at(-1)!;
    restoreEventRevision(conn.db, id, first.id, 2, TEST_ACTOR);
    expect(getEvent(conn.db, id)?.actors).toEqual([{ id: survivor.id, name: 'Khalid Qaddour', kind: 'person', role: 'target' }]);
  });
});
