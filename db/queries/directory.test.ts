import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { createTestDb, makeEntity, makeEvent } from '@/db/testing/test-db';
import { actorsWithEvents, countriesWithEvents } from './directory';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

describe('the indexes of countries and actors', () => {
  it('are empty when nothing is published', () => {
    const actor = makeEntity(conn.db, { name: 'Only in a draft' });
    makeEvent(conn.db, { status: 'draft', countries: [{ code: 'SY', role: 'target' }], actors: [{ entityId: actor.id, role: 'target' }] });
    expect(countriesWithEvents(conn.db)).toEqual([]);
    expect(actorsWithEvents(conn.db)).toEqual({ items: [], total: 0, pages: 1 });
  });

  it('list each country and actor of a published event once, with its count, by name', () => {
    const erdogan = makeEntity(conn.db, { name: 'Recep Tayyip Erdoğan' });
    const assad = makeEntity(conn.db, { name: 'bashar al-Assad' });
    makeEntity(conn.db, { name: 'Nobody in an event' });
    makeEvent(conn.db, {
      title: 'Two roles, one event',
      countries: [
        { code: 'TR', role: 'actor' },
        { code: 'SY', role: 'target' },
        { code: 'SY', role: 'location' },
      ],
      actors: [
        { entityId: erdogan.id, role: 'speaker' },
        { entityId: assad.id, role: 'subject' },
      ],
    });
    makeEvent(conn.db, { title: 'Another on Syria', countries: [{ code: 'SY', role: 'target' }], actors: [{ entityId: assad.id, role: 'target' }] });
    expect(countriesWithEvents(conn.db)).toEqual([
      { code: 'SY', name: 'Syria', events: 2 },
      { code: 'TR', name: expect.stringMatching(/^T(urkey|ürkiye)/), events: 1 },
    ]);
    const actors = actorsWithEvents(conn.db);
    expect(actors.total).toBe(2);
    expect(actors.items.map((a) => [a.name, a.events])).toEqual([
      ['bashar al-Assad', 2],
      ['Recep Tayyip Erdoğan', 1],
    ]);
  });
});
