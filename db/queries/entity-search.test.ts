import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../engine/client';
import { mergeEntities } from '../mutations/entities';
import { TEST_ACTOR, createTestDb, makeEntity, makeEvent } from '../testing/test-db';
import { matchRank, searchEntities } from './entity-search';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

const staff = { includeDrafts: true };
const typed = (text: string) => ({ words: text.split(' '), key: text });

describe('the one actor search (the actor filter and the staff forms)', () => {
  // Moved from suggest.test.ts when the staff forms' substring search was folded into this one.
  it('finds actors by name or alias, ignoring case and accents, best matches first', () => {
    const erdogan = makeEntity(conn.db, { name: 'Recep Tayyip Erdoğan', countryCode: 'TR' });
    const assad = makeEntity(conn.db, { name: 'Bashar al-Assad', aliases: ['Assad'] });
    makeEntity(conn.db, { name: 'Samer Kamal al-Assad' });
    const dup = makeEntity(conn.db, { name: 'Bashar Assad' });
    mergeEntities(conn.db, { survivorId: assad.id, survivorVersion: 1, mergedId: dup.id, mergedVersion: 1 }, TEST_ACTOR);

    expect(searchEntities(conn.db, 'ERDOGAN', 10, staff)).toEqual([
      { id: erdogan.id, name: 'Recep Tayyip Erdoğan', kind: 'person', countryCode: 'TR', alias: null, eventCount: 0 },
    ]);
    expect(searchEntities(conn.db, 'assad', 10, staff).map((e) => [e.name, e.alias])).toEqual([
      ['Bashar al-Assad', 'Assad'],
      ['Samer Kamal al-Assad', null],
    ]);
    expect(searchEntities(conn.db, 'bashar assad', 10, staff)).toEqual([expect.objectContaining({ id: assad.id, alias: 'Bashar Assad' })]);
    expect(searchEntities(conn.db, '   ', 10, staff)).toEqual([]);
    expect(searchEntities(conn.db, '%', 10, staff)).toEqual([]);
  });

  it('ranks the whole name over its beginning over words anywhere, then by events', () => {
    const words = makeEntity(conn.db, { name: 'Central Bank of Syria' });
    const prefix = makeEntity(conn.db, { name: 'Syrian Arab Airlines' });
    const exact = makeEntity(conn.db, { name: 'SYRIA', kind: 'government' });
    const busy = makeEntity(conn.db, { name: 'Commercial Bank of Syria' });
    // Events count only among equal matches: the airline in more events still follows the exact name.
    makeEvent(conn.db, { actors: [{ entityId: busy.id, role: 'target' }] });
    for (let i = 0; i < 2; i++) makeEvent(conn.db, { actors: [{ entityId: prefix.id, role: 'target' }] });
    expect(searchEntities(conn.db, 'syria', 10, staff).map((e) => e.id)).toEqual([exact.id, prefix.id, busy.id, words.id]);
  });

  it('matches the beginnings of words only, not text inside a word', () => {
    makeEntity(conn.db, { name: 'Khalid Qaddour' });
    expect(searchEntities(conn.db, 'qadd', 10, staff).map((e) => e.name)).toEqual(['Khalid Qaddour']);
    expect(searchEntities(conn.db, 'addour', 10, staff)).toEqual([]);
  });

  it('says how well a name matches', () => {
    expect(matchRank(typed('khalid qaddour'), 'Khalid  QADDOUR')).toBe(0);
    expect(matchRank(typed('khalid qad'), 'Khalid Qaddour')).toBe(1);
    expect(matchRank(typed('qad khalid'), 'Khalid Qaddour')).toBe(2);
    expect(matchRank(typed('khalid x'), 'Khalid Qaddour')).toBeNull();
  });
});
