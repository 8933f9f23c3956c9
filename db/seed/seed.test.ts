import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { getEvent } from '@/db/queries/events';
import { listTimeline } from '@/db/queries/timeline';
import { isEmpty, seedDatabase, seedKey } from './seed';
import { ARTICLE_INFERRED_DATE, ARTICLE_TITLE, SEED_EVENTS } from './seed-data';
import { createTestDb } from '@/db/testing/test-db';
import { formatEventDate } from '@/lib/dates';
import { EMPTY_FILTERS, parseFilters } from '@/lib/filters';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
});
afterEach(() => conn.sqlite.close());

const count = (table: string) => conn.db.get<{ n: number }>(sql.raw(`SELECT count(*) AS n FROM ${table}`)).n;

function eventByKey(key: string) {
  const row = conn.sqlite.prepare(`SELECT id FROM events WHERE external_id = ?`).get(seedKey(key)) as { id: number };
  return getEvent(conn.db, row.id)!;
}

describe('the seed', () => {
  it('loads every event of the article, published, each citing the article', () => {
    expect(isEmpty(conn.db)).toBe(true);
    const result = seedDatabase(conn.db);
    expect(result.eventsCreated).toBe(SEED_EVENTS.length);
    expect(SEED_EVENTS.length).toBeGreaterThanOrEqual(15);
    const { items } = listTimeline(conn.db, EMPTY_FILTERS, { limit: 200 });
    expect(items).toHaveLength(SEED_EVENTS.length);
    for (const event of items) {
      expect(event.status).toBe('published');
      expect(event.sources.some((s) => s.title === ARTICLE_TITLE && s.excerpt)).toBe(true);
      // No invented addresses: the article's URL is not part of the material.
      expect(event.sources.every((s) => s.url === null)).toBe(true);
    }
  });

  it('creates nothing new when loaded twice', () => {
    seedDatabase(conn.db);
    const before = { events: count('events'), entities: count('entities'), revisions: count('revisions'), tags: count('tags'), standings: count('standing_changes') };
    const again = seedDatabase(conn.db);
    expect(again).toEqual({ eventsCreated: 0, eventsSkipped: SEED_EVENTS.length, entitiesCreated: 0, standingChangesCreated: 0 });
    expect({ events: count('events'), entities: count('entities'), revisions: count('revisions'), tags: count('tags'), standings: count('standing_changes') }).toEqual(before);
  });

  it('records each seeded row in the history, attributed to the seed script', () => {
    seedDatabase(conn.db);
    const rows = conn.sqlite.prepare(`SELECT DISTINCT actor, action FROM revisions`).all();
    expect(rows).toEqual([{ actor: 'seed script', action: 'create' }]);
    expect(count('revisions')).toBe(count('events') + count('entities') + count('standing_changes'));
  });

  it('keeps the precision the article supports', () => {
    seedDatabase(conn.db);
    const uae = eventByKey('uae-reopens-embassy');
    expect(formatEventDate(uae.date, uae.datePrecision)).toBe('2018');
    const visit = eventByKey('assad-visits-uae');
    expect(formatEventDate(visit.date, visit.datePrecision)).toBe('March 2022');
    const designations = eventByKey('caesar-designations-qaddour-samer-assad');
    expect(formatEventDate(designations.date, designations.datePrecision)).toBe('28 March 2023');
    const act = eventByKey('caesar-act-signed');
    expect(act.effectiveDate && formatEventDate(act.effectiveDate, act.effectiveDatePrecision!)).toBe('2020');
  });

  it('models the first Biden-era designations with their targets, authority and links', () => {
    seedDatabase(conn.db);
    const e = eventByKey('caesar-designations-qaddour-samer-assad');
    expect(e.type).toBe('designation');
    expect(e.legalAuthority).toBe('Caesar Syria Civilian Protection Act of 2019');
    expect(e.program).toBe('SYRIA-CAESAR');
    expect(e.actors.filter((a) => a.role === 'target').map((a) => a.name).sort()).toEqual([
      'Khalid Qaddour',
      'Samer Kamal al-Assad',
    ]);
    expect(e.countries).toContainEqual({ code: 'SY', role: 'target' });
    expect(e.tags.map((t) => t.slug)).toContain('caesar-act');
    const implemented = e.links.find((l) => l.kind === 'implements');
    expect(implemented?.event.title).toMatch(/Caesar Syria Civilian Protection Act/);
    // Linked both ways: the remarks of the same day follow it up.
    expect(e.links.some((l) => l.direction === 'in' && l.kind === 'follows_up')).toBe(true);
  });

  it('stores the article with its inferred publication date, marked as inferred, and no guessed publisher or address', () => {
    seedDatabase(conn.db);
    for (const { key } of SEED_EVENTS) {
      const cited = eventByKey(key).sources.filter((s) => s.title === ARTICLE_TITLE);
      expect(cited).toHaveLength(1);
      expect(cited[0]).toMatchObject({ url: null, publisher: null, publishedDate: ARTICLE_INFERRED_DATE });
      expect(cited[0]!.note).toMatch(/^Publication date inferred, not printed: .*late March 2023/);
    }
  });

  it.each([
    ['assad-visits-uae', /"a year ago", counted back from late March 2023, gives March 2022/],
    ['caesar-designations-qaddour-samer-assad', /"Tuesday".*28 March 2023/],
    ['patel-remarks-2023-03-28', /"Asked on Tuesday"/],
    ['erdogan-ready-to-meet-assad', /"in recent months".*may have been first indicated in late 2022/],
    ['congressional-letter-caesar-pace', /"Less than a week ago"/],
    ['arab-league-suspends-syria', /"12 years after it was suspended"/],
  ])('says how the date of %s was computed from the article', (key, computed) => {
    seedDatabase(conn.db);
    const note = eventByKey(key).sources.find((s) => s.title === ARTICLE_TITLE)!.note!;
    expect(note).toMatch(/Event date computed from the article: /);
    expect(note).toMatch(computed);
  });

  it('does not claim a computation for dates the article states', () => {
    seedDatabase(conn.db);
    for (const key of ['uae-reopens-embassy', 'saudi-arabia-isolates-damascus', 'state-department-2021-11-10']) {
      const note = eventByKey(key).sources.find((s) => s.title === ARTICLE_TITLE)!.note!;
      expect(note).not.toMatch(/Event date computed/);
    }
  });

  it.each([
    ['assad-visits-uae', ['SY', 'AE']],
    ['uae-reopens-embassy', ['AE', 'SY']],
    ['bahrain-reopens-embassy', ['BH', 'SY']],
    ['saudi-arabia-plans-embassies', ['SA', 'SY']],
    ['erdogan-ready-to-meet-assad', ['TR', 'SY']],
  ])('records both sides of the two-sided event %s, as countries and as actors', (key, sides) => {
    seedDatabase(conn.db);
    const e = eventByKey(key);
    const actorCountries = new Set(
      e.actors.map((a) => conn.sqlite.prepare('SELECT country_code AS c FROM entities WHERE id = ?').get(a.id) as { c: string }).map((r) => r.c),
    );
    for (const side of sides) {
      expect(e.countries.map((c) => c.code)).toContain(side);
      expect(actorCountries).toContain(side);
    }
  });

  it('finds Assad\'s 2022 UAE visit among the normalisation moves between Syria and anyone in 2022-2023', () => {
    seedDatabase(conn.db);
    const titles = (qs: string) => listTimeline(conn.db, parseFilters(new URLSearchParams(qs)).filters, { limit: 200 }).items.map((e) => e.title);
    const between = titles('with=SY&type=normalisation&from=2022&to=2023');
    expect(between).toContain('Assad visits the United Arab Emirates');
    expect(between).toEqual(
      expect.arrayContaining(['Erdoğan signals readiness to meet Assad', 'Saudi Arabia reportedly plans to reopen embassies with Syria']),
    );
    // Syria "as target" leaves the visit out: Syria is the visiting side there.
    expect(titles('country=SY&role=target&type=normalisation&from=2022&to=2023')).not.toContain('Assad visits the United Arab Emirates');
    // Between the UAE and Syria: the embassy and the visit, whoever is recorded in which role.
    expect(titles('country=AE&with=SY').sort()).toEqual(['Assad visits the United Arab Emirates', 'United Arab Emirates reopens its embassy in Damascus']);
  });
});
