/**
 * The seeded standings tell the article's story, and no more: the board as of 1 June 2019 and
 * 31 March 2023, as the "done when" reads it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '@/db/engine/client';
import { deleteStandingChange } from '@/db/mutations/standings';
import { TEST_ACTOR, createTestDb } from '@/db/testing/test-db';
import { dyadRelations, listStandingChanges, relationsBoard, relationsExportRows, relationsForCountry, standingChangesCitingEvent, type BoardRow } from '@/db/queries/relations';
import { seedDatabase, seedKey } from './seed';
import { SEED_STANDING_CHANGES } from './standings-data';

let conn: Connection;
beforeEach(() => {
  conn = createTestDb();
  seedDatabase(conn.db);
});
afterEach(() => conn.sqlite.close());

const eventId = (key: string) => (conn.sqlite.prepare('SELECT id FROM events WHERE external_id = ?').get(seedKey(key)) as { id: number }).id;

function board(asOf: string, includeDrafts = false) {
  return relationsBoard(conn.db, { counterpart: 'SY', asOf, from: '2010-01-01', to: '2023-12-31', includeDrafts });
}

const row = (rows: BoardRow[], subject: string) => rows.find((r) => r.dyad.subject === subject)!;

describe('the seeded standings with Syria', () => {
  it('as of 1 June 2019: UAE and Bahrain embassies open, the Arab League with Syria suspended, Saudi Arabia not open', () => {
    const { rows, summary } = board('2019-06-01');
    expect(rows.map((r) => [r.region, r.subjectName])).toEqual([
      ['Arab states', 'Bahrain'],
      ['Arab states', 'Saudi Arabia'],
      ['Arab states', 'United Arab Emirates'],
      ['Organisations', 'Arab League'],
    ]);
    for (const s of ['AE', 'BH']) {
      const { standing } = row(rows, s);
      expect(standing.embassy).toMatchObject({ kind: 'known', value: 'open', precision: 'year', date: '2018-01-01' });
      // The article does not say the level: unknown, recorded as such, not guessed.
      expect(standing.level).toMatchObject({ kind: 'unknown', recorded: true });
    }
    expect(row(rows, 'arab-league').standing.level).toMatchObject({ kind: 'known', value: 'suspended' });
    const saudi = row(rows, 'SA').standing;
    expect(saudi.embassy).toMatchObject({ kind: 'unknown', recorded: false });
    expect(saudi.pending).toEqual([]);
    expect(summary).toMatch(/^As of 1 June 2019: /);
    expect(summary).toMatch(/2 states with an open embassy/);
  });

  it('as of 31 March 2023: Saudi Arabia\'s reopening is reported, not in effect, and the readmission push is pending', () => {
    const { rows } = board('2023-03-31');
    const saudi = row(rows, 'SA').standing;
    expect(saudi.embassy).toMatchObject({ kind: 'unknown' });
    expect(saudi.pending).toEqual([expect.objectContaining({ status: 'reported', embassy: 'open', date: '2023-03-01', precision: 'month', evidenceEventIds: [eventId('saudi-arabia-plans-embassies')] })]);
    const league = row(rows, 'arab-league').standing;
    expect(league.level).toMatchObject({ kind: 'known', value: 'suspended' });
    expect(league.pending).toEqual([expect.objectContaining({ status: 'reported', level: 'member' })]);
  });

  it('records nothing the article does not support: no level for Turkey, no 2011 change for Saudi Arabia', () => {
    const changes = listStandingChanges(conn.db);
    expect(changes).toHaveLength(SEED_STANDING_CHANGES.length);
    expect(changes.some((c) => c.dyad.subject === 'TR')).toBe(false);
    expect(changes.filter((c) => c.dyad.subject === 'SA').map((c) => c.status)).toEqual(['reported']);
    for (const c of changes) expect(c.note).toBeTruthy();
  });

  it('marks the events between the two sides on each row, within the band', () => {
    const { rows } = board('2023-03-31');
    expect(row(rows, 'AE').events.map((e) => e.id)).toEqual([eventId('uae-reopens-embassy'), eventId('assad-visits-uae')]);
    expect(row(rows, 'arab-league').events.map((e) => e.id)).toEqual([eventId('arab-league-suspends-syria'), eventId('iraq-lebanon-arab-league-push')]);
    const band = row(rows, 'AE').band;
    expect(band.markers.map((m) => m.date)).toEqual(['2018-01-01']);
    expect(band.segments.at(-1)).toMatchObject({ embassy: 'open', to: '2023-12-31' });
  });

  it('shows Syria\'s standings both ways on its page and the UAE\'s as subject', () => {
    const syria = relationsForCountry(conn.db, 'SY', '2019-06-01');
    expect(syria.asSubject).toEqual([]);
    expect(syria.asCounterpart).toHaveLength(4);
    expect(relationsForCountry(conn.db, 'AE', '2019-06-01').asSubject.map((r) => r.dyad.counterpart)).toEqual(['SY']);
  });

  it('exports a dyad-year row per subject and year, and the changes', () => {
    const { dyadYears, changes } = relationsExportRows(conn.db, { counterpart: 'SY', fromYear: 2017, toYear: 2019 });
    expect(dyadYears.filter((r) => r.subject === 'AE').map((r) => [r.year, r.embassy])).toEqual([
      [2017, 'unknown'],
      [2018, 'open'],
      [2019, 'open'],
    ]);
    expect(changes.map((c) => c.subject)).toEqual(['BH', 'AE']);
  });

  it('gives a dyad its row, its changes with versions, and its deleted changes for staff', () => {
    const [uae] = listStandingChanges(conn.db, { subject: 'AE' });
    deleteStandingChange(conn.db, uae!.id, 1, TEST_ACTOR);
    const range = { subject: 'AE', counterpart: 'SY', asOf: '2019-06-01', from: '2010-01-01', to: '2023-12-31' };
    expect(dyadRelations(conn.db, { ...range, includeDrafts: false })).toEqual({ row: null, changes: [], deleted: [] });
    const staff = dyadRelations(conn.db, { ...range, includeDrafts: true });
    expect(staff.deleted.map((c) => [c.id, c.version, c.recordedBy])).toEqual([[uae!.id, 2, 'test@example.org']]);
    const league = dyadRelations(conn.db, { ...range, subject: 'arab-league', includeDrafts: false });
    expect(league.row?.standing.level).toMatchObject({ kind: 'known', value: 'suspended' });
    expect(league.changes.map((c) => [c.status, c.version, c.recordedBy])).toEqual([
      ['in_effect', 1, 'seed script'],
      ['reported', 1, 'seed script'],
    ]);
  });

  it('lists the changes an event is evidence for', () => {
    expect(standingChangesCitingEvent(conn.db, eventId('bahrain-reopens-embassy'), { includeDrafts: false }).map((c) => c.dyad.subject)).toEqual(['BH']);
    expect(standingChangesCitingEvent(conn.db, eventId('erdogan-ready-to-meet-assad'), { includeDrafts: false })).toEqual([]);
  });

  it('serves the board from its cache until the next write, and moves the as-of date without a new read', () => {
    const first = board('2019-06-01');
    const moved = board('2023-03-31');
    expect(moved.rows[0]!.band).toBe(first.rows[0]!.band);
    expect(moved.summary).not.toBe(first.summary);
    const [bahrain] = listStandingChanges(conn.db, { subject: 'BH' });
    deleteStandingChange(conn.db, bahrain!.id, 1, TEST_ACTOR);
    expect(board('2019-06-01').rows.map((r) => r.dyad.subject)).toEqual(['SA', 'AE', 'arab-league']);
  });

  it('leaves a seeded change that staff deleted deleted when seeding again', () => {
    const [first] = listStandingChanges(conn.db, { subject: 'AE' });
    deleteStandingChange(conn.db, first!.id, 1, TEST_ACTOR);
    expect(seedDatabase(conn.db).standingChangesCreated).toBe(0);
    expect(listStandingChanges(conn.db, { subject: 'AE' })).toEqual([]);
  });
});
