import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { MutationError } from './errors';
import { listRevisions } from '@/db/queries/events';
import { TEST_ACTOR, createTestDb, makeEntity, makeEvent } from '@/db/testing/test-db';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

const count = (table: string) => conn.db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)).n;

describe('the revision write path', () => {
  it('writes one revision with the full snapshot when an event is created', () => {
    const actor = makeEntity(conn.db, { name: 'Khalid Qaddour' });
    const { id } = makeEvent(conn.db, {
      type: 'designation',
      title: 'Caesar Act sanctions',
      countries: [{ code: 'SY', role: 'target' }],
      actors: [{ entityId: actor.id, role: 'target' }],
      tags: ['Caesar Act'],
      sources: [{ title: 'An article', url: 'https://example.org/a', excerpt: 'It happened.' }],
    });
    const history = listRevisions(conn.db, 'event', id);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'create', version: 1, actor: TEST_ACTOR.label, userId: TEST_ACTOR.userId });

    const row = conn.sqlite.prepare(`SELECT snapshot FROM revisions WHERE record_type = 'event' AND record_id = ?`).get(id) as {
      snapshot: string;
    };
    const snapshot = JSON.parse(row.snapshot);
    expect(snapshot).toMatchObject({
      id,
      type: 'designation',
      title: 'Caesar Act sanctions',
      version: 1,
      countries: [{ code: 'SY', role: 'target' }],
      actors: [{ entityId: actor.id, name: 'Khalid Qaddour', role: 'target' }],
      tags: ['Caesar Act'],
      sources: [{ title: 'An article', url: 'https://example.org/a', excerpt: 'It happened.' }],
    });
  });

  it('writes nothing at all, neither event nor history, when the change is refused', () => {
    const before = { events: count('events'), revisions: count('revisions'), tags: count('tags') };
    expect(() => makeEvent(conn.db, { actors: [{ entityId: 4242, role: 'target' }], tags: ['New tag'] })).toThrow(MutationError);
    expect({ events: count('events'), revisions: count('revisions'), tags: count('tags') }).toEqual(before);
  });

  it('records entities with their aliases', () => {
    const { id } = makeEntity(conn.db, { name: 'Recep Tayyip Erdoğan', aliases: ['Erdogan', 'erdogan', 'Recep Tayyip Erdoğan'] });
    const history = listRevisions(conn.db, 'entity', id);
    expect(history).toHaveLength(1);
    const row = conn.sqlite.prepare(`SELECT snapshot FROM revisions WHERE record_type = 'entity' AND record_id = ?`).get(id) as {
      snapshot: string;
    };
    // Duplicates of the name and of each other (ignoring case) are dropped.
    expect(JSON.parse(row.snapshot).aliases).toEqual(['Erdogan']);
  });

  it('makes a new event searchable in the same transaction', () => {
    const { id } = makeEvent(conn.db, { title: 'Erdoğan signals readiness to meet Assad' });
    const hits = conn.sqlite.prepare(`SELECT rowid FROM events_fts WHERE events_fts MATCH ?`).all('erdogan') as { rowid: number }[];
    expect(hits.map((h) => h.rowid)).toEqual([id]);
  });
});
