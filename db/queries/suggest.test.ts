import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { mergeEntities } from '../mutations/entities';
import { deleteEvent } from '../mutations/events';
import { TEST_ACTOR, createTestDb, makeEntity, makeEvent } from '@/db/testing/test-db';
import { formVocabulary, suggestEntities, suggestEvents } from './suggest';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

describe('suggestions for the staff forms', () => {
  it('finds actors by name or alias, ignoring case and accents, best matches first', () => {
    const erdogan = makeEntity(conn.db, { name: 'Recep Tayyip Erdoğan', countryCode: 'TR' });
    const assad = makeEntity(conn.db, { name: 'Bashar al-Assad', aliases: ['Assad'] });
    makeEntity(conn.db, { name: 'Samer Kamal al-Assad' });
    const dup = makeEntity(conn.db, { name: 'Bashar Assad' });
    mergeEntities(conn.db, { survivorId: assad.id, survivorVersion: 1, mergedId: dup.id, mergedVersion: 1 }, TEST_ACTOR);

    expect(suggestEntities(conn.db, 'ERDOGAN')).toEqual([
      { id: erdogan.id, name: 'Recep Tayyip Erdoğan', kind: 'person', countryCode: 'TR', matchedAlias: null },
    ]);
    expect(suggestEntities(conn.db, 'assad').map((e) => [e.name, e.matchedAlias])).toEqual([
      ['Bashar al-Assad', 'Assad'],
      ['Samer Kamal al-Assad', null],
    ]);
    expect(suggestEntities(conn.db, 'bashar assad')).toEqual([expect.objectContaining({ id: assad.id, matchedAlias: 'Bashar Assad' })]);
    expect(suggestEntities(conn.db, '   ')).toEqual([]);
    expect(suggestEntities(conn.db, '%')).toEqual([]);
  });

  it('finds events to link by title or number, drafts included, deleted and the event itself excluded', () => {
    const law = makeEvent(conn.db, { title: 'Caesar Act signed into law', date: '2019-12-20' });
    const draft = makeEvent(conn.db, { title: 'Caesar Act designations (draft)', status: 'draft' });
    const gone = makeEvent(conn.db, { title: 'Caesar Act mistaken entry' });
    deleteEvent(conn.db, gone.id, 1, TEST_ACTOR);
    expect(suggestEvents(conn.db, 'caesar act').map((e) => e.id)).toEqual([draft.id, law.id]);
    expect(suggestEvents(conn.db, 'caesar', { exclude: draft.id }).map((e) => e.id)).toEqual([law.id]);
    expect(suggestEvents(conn.db, `#${law.id}`).map((e) => e.id)).toEqual([law.id]);
    expect(suggestEvents(conn.db, '100%_')).toEqual([]);
  });

  it('offers authorities, programs and tags already in use, most used first', () => {
    makeEvent(conn.db, { legalAuthority: 'Caesar Act', program: 'SYRIA-CAESAR', tags: ['Captagon', 'Caesar Act'] });
    makeEvent(conn.db, { legalAuthority: 'Caesar Act', program: 'SYRIA', tags: ['Caesar Act'] });
    makeEvent(conn.db, { legalAuthority: 'Executive Order 13894' });
    expect(formVocabulary(conn.db)).toEqual({
      legalAuthorities: ['Caesar Act', 'Executive Order 13894'],
      programs: ['SYRIA', 'SYRIA-CAESAR'],
      tags: ['Caesar Act', 'Captagon'],
    });
  });
});
