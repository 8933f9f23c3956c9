import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../engine/client';
import { deleteEvent } from '../mutations/events';
import { TEST_ACTOR, createTestDb, makeEvent } from '../testing/test-db';
import { formVocabulary, suggestEvents } from './suggest';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

describe('suggestions for the staff forms', () => {
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
