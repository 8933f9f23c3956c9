import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { getEvent } from '@/db/queries/events';
import { listTimeline } from '@/db/queries/timeline';
import { isEmpty, seedDatabase, seedKey } from './seed';
import { ARTICLE_TITLE, SEED_EVENTS } from './seed-data';
import { createTestDb } from '@/db/testing/test-db';
import { formatEventDate } from '@/lib/dates';
import { EMPTY_FILTERS } from '@/lib/filters';

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
});
