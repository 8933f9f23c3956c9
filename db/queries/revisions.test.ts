import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { mergeEntities, updateEntity } from '../mutations/entities';
import { deleteEvent, restoreDeletedEvent, updateEvent } from '../mutations/events';
import { TEST_ACTOR, createTestDb, makeEntity, makeEvent } from '@/db/testing/test-db';
import { getEntityHistory, getEventHistory, getEventSnapshotAtVersion } from './revisions';
import { entityInputSchema } from '@/lib/validation/entity';
import { eventInputSchema, type EventInputRaw } from '@/lib/validation/event';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

const base: EventInputRaw = {
  type: 'designation',
  title: 'Caesar Act sanctions on two Syrians',
  summary: 'Treasury designated two men for the drug trade.',
  date: '2023-03-28',
  status: 'draft',
  countries: [{ code: 'SY', role: 'target' }],
};

describe('an event’s history', () => {
  it('shows each change field by field, newest first, with word-level text differences', () => {
    const linked = makeEvent(conn.db, { title: 'Caesar Act signed into law' });
    const { id } = makeEvent(conn.db, base);
    updateEvent(
      conn.db,
      id,
      eventInputSchema.parse({
        ...base,
        summary: 'Treasury designated two cousins for the captagon trade.',
        date: '2023-03',
        status: 'published',
        countries: [{ code: 'SY', role: 'target' }, { code: 'US', role: 'actor' }],
        links: [{ toEventId: linked.id, kind: 'implements' }],
      }),
      1,
      TEST_ACTOR,
    );
    const [edit, create] = getEventHistory(conn.db, id);
    expect(create?.action).toBe('create');
    expect(create?.changes.map((c) => c.label)).toEqual(['Type', 'Title', 'Summary', 'Date', 'Status', 'Countries']);
    expect(edit).toMatchObject({ action: 'update', version: 2, actor: TEST_ACTOR.label, restorable: false });
    expect(edit?.changes).toEqual([
      {
        key: 'summary',
        label: 'Summary',
        kind: 'text',
        before: 'Treasury designated two men for the drug trade.',
        after: 'Treasury designated two cousins for the captagon trade.',
        segments: [
          { op: 'same', text: 'Treasury designated two ' },
          { op: 'removed', text: 'men' },
          { op: 'added', text: 'cousins' },
          { op: 'same', text: ' for the ' },
          { op: 'removed', text: 'drug' },
          { op: 'added', text: 'captagon' },
          { op: 'same', text: ' trade.' },
        ],
      },
      { key: 'date', label: 'Date', kind: 'value', before: '28 March 2023 (exact day)', after: 'March 2023 (month only)' },
      { key: 'status', label: 'Status', kind: 'value', before: 'Draft', after: 'Published' },
      { key: 'countries', label: 'Countries', kind: 'items', added: ['United States (actor)'], removed: [] },
      { key: 'links', label: 'Linked events', kind: 'items', added: ['Implements: Caesar Act signed into law'], removed: [] },
    ]);
    // The first version differs from the current one: it can be restored.
    expect(create?.restorable).toBe(true);
  });

  it('records deletes and restores without field changes, and keeps every version', () => {
    const { id } = makeEvent(conn.db, base);
    deleteEvent(conn.db, id, 1, TEST_ACTOR);
    restoreDeletedEvent(conn.db, id, 2, TEST_ACTOR);
    expect(getEventHistory(conn.db, id).map((e) => [e.action, e.version, e.changes.length, e.restorable])).toEqual([
      ['restore', 3, 0, false],
      ['delete', 2, 0, false],
      ['create', 1, 6, false],
    ]);
    expect(getEventSnapshotAtVersion(conn.db, id, 2)?.deletedAt).toBeTruthy();
  });

  // Each version shows the names it was saved with.
  it('shows an actor rename as no change to the event, and a merge as one', () => {
    const a = makeEntity(conn.db, { name: 'Khalid Qaddour' });
    const b = makeEntity(conn.db, { name: 'Khaled Kaddour' });
    const { id } = makeEvent(conn.db, { ...base, actors: [{ entityId: b.id, role: 'target' }] });
    updateEntity(conn.db, b.id, entityInputSchema.parse({ kind: 'person', name: 'Khaled Qaddour' }), 1, TEST_ACTOR);
    mergeEntities(conn.db, { survivorId: a.id, survivorVersion: 1, mergedId: b.id, mergedVersion: 2 }, TEST_ACTOR);
    const [merge] = getEventHistory(conn.db, id);
    expect(merge).toMatchObject({ action: 'merge', note: 'Actor “Khaled Qaddour” merged into “Khalid Qaddour”.' });
    expect(merge?.changes).toEqual([
      { key: 'actors', label: 'Actors', kind: 'items', added: ['Khalid Qaddour (target)'], removed: ['Khaled Kaddour (target)'] },
    ]);
    expect(getEntityHistory(conn.db, b.id)[0]?.changes).toEqual([
      { key: 'mergedIntoId', label: 'Merged into', kind: 'value', before: null, after: 'Khalid Qaddour' },
    ]);
  });
});
