import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFilters } from '@/lib/filters';
import type { Connection } from '@/db/engine/client';
import { createTestDb, makeEntity, makeEvent } from '@/db/testing/test-db';
import { seedTimelineFixture, type TimelineFixture } from '@/db/testing/timeline-fixture';
import { countTimeline, listTimeline } from './timeline';

let conn: Connection;
let fx: TimelineFixture;
beforeAll(() => {
  conn = createTestDb();
  fx = seedTimelineFixture(conn);
});
afterAll(() => conn.sqlite.close());

function search(q: string) {
  const { filters } = parseFilters(new URLSearchParams({ q }));
  const byId = new Map(Object.entries(fx.events).map(([k, v]) => [v, k]));
  return listTimeline(conn.db, filters).items.map((e) => byId.get(e.id));
}

describe('full-text search over the index', () => {
  it('matches prefixes: "qadd" finds Qaddour', () => {
    expect(search('qadd')).toEqual(['caesar2023']);
    expect(search('QADDOUR')).toEqual(['caesar2023']);
  });

  it('folds diacritics both ways', () => {
    expect(search('erdogan')).toEqual(['erdogan2023']);
    expect(search('Erdoğan')).toEqual(['erdogan2023']);
    expect(search('ERDOĞ')).toEqual(['erdogan2023']);
  });

  it('searches actor names and aliases, tags, details and source excerpts', () => {
    expect(search('khaled')).toEqual(['caesar2023']); // an alias
    expect(search('illicit drug')).toEqual(['caesar2023']); // a tag
    expect(search('regional moves')).toEqual(['stance2023']); // details
    expect(search('captagon')).toEqual(['caesar2023']); // a source excerpt
    expect(search('SYRIA-EO13894')).toEqual(['turkey2019']); // the program
  });

  it('matches a quoted phrase only in that order', () => {
    expect(search('"caesar act"')).toEqual(['stance2023', 'caesar2023', 'caesar2020']);
    expect(search('"sanctions act"')).toEqual([]);
  });

  it('needs every word, or either side of OR', () => {
    expect(search('caesar nine')).toEqual(['caesar2020']);
    expect(search('embassy OR suspends')).toEqual(['uae2018', 'league2011']);
  });

  it('treats hostile input as plain words and never throws', () => {
    const hostile = [
      'NEAR(',
      'NEAR(assad qaddour, 2)',
      '"unbalanced',
      '*',
      '* OR *',
      'caesar AND',
      'title:qaddour',
      '^caesar',
      '{title summary}: caesar',
      "'; DROP TABLE events; --",
      '\u0000qadd\u0007',
      'ﬁne ǅ ß İ',
      '🙂 ☃',
      'a'.repeat(290),
      Array.from({ length: 40 }, (_, i) => `w${i}`).join(' OR '),
    ];
    for (const q of hostile) {
      expect(() => search(q), q).not.toThrow();
      const { filters } = parseFilters(new URLSearchParams({ q }));
      expect(() => countTimeline(conn.db, filters), q).not.toThrow();
    }
    // Brackets and operators are not syntax: NEAR is just a word here, and no event has it.
    expect(search('NEAR(assad qaddour, 2)')).toEqual([]);
    expect(search('(qaddour samer)')).toEqual(['caesar2023']);
    expect(search("'; DROP TABLE events; --")).toEqual([]);
    expect(countTimeline(conn.db, parseFilters(new URLSearchParams()).filters)).toBe(7);
  });

  it('does not find deleted events or (for the public) drafts', () => {
    expect(search('deleted')).toEqual([]);
    expect(search('iran')).toEqual([]);
  });
});

describe('search folds text as the index does (issue 10, item 10)', () => {
  let db2: Connection;
  const ids: Record<string, number> = {};
  beforeAll(() => {
    db2 = createTestDb();
    const person = makeEntity(db2.db, { name: 'Khalid Qad\u200Ddour' }).id;
    ids.arabic = makeEvent(db2.db, { title: 'عقوبات على ماهر الأسد', summary: 'إدراج مؤسسة في القائمة.' }).id;
    ids.joiner = makeEvent(db2.db, { title: 'A designation', actors: [{ entityId: person, role: 'target' }] }).id;
    ids.softHyphen = makeEvent(db2.db, { title: 'Embargo on Tar\u00ADtus port', summary: 'The port of Latakia too.' }).id;
    ids.fullWidth = makeEvent(db2.db, { title: 'ＳＹＲＩＡ sanctions in full width', summary: 'Plain text.' }).id;
  });
  afterAll(() => db2.sqlite.close());

  function find(q: string) {
    const { filters } = parseFilters(new URLSearchParams({ q }));
    const names = new Map(Object.entries(ids).map(([k, v]) => [v, k]));
    return listTimeline(db2.db, filters).items.map((e) => names.get(e.id));
  }

  it('finds Arabic text whatever hamza form the title or the search uses', () => {
    expect(find('الأسد')).toEqual(['arabic']);
    expect(find('الاسد')).toEqual(['arabic']);
    expect(find('مؤسسه')).toEqual(['arabic']);
    expect(find('ادراج')).toEqual(['arabic']);
  });

  it('finds a name split by a zero-width joiner or a soft hyphen, and a search that holds one', () => {
    expect(find('Qaddour')).toEqual(['joiner']);
    expect(find('Qad\u200Cdour')).toEqual(['joiner']);
    expect(find('tartus')).toEqual(['softHyphen']);
  });

  it('finds full-width letters, and full-width searches', () => {
    expect(find('syria')).toEqual(['fullWidth']);
    expect(find('ｆｕｌｌ ｗｉｄｔｈ')).toEqual(['fullWidth']);
  });
});
