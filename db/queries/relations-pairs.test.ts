/**
 * The board's events between the sides come from `event_pairs`, which triggers maintain (decision
 * 0036). The oracle here is a plain computation over events, event_countries and event_entities
 * (no copied facts, no pairs): on a synthetic database, for readers and staff, over the whole band
 * and a narrow range, with few and many markers, and again after every kind of write that changes
 * which events lie between two sides.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Connection } from '@/db/engine/client';
import { eventPairMismatches } from '@/db/derived/pairs';
import { mergeEntities } from '@/db/mutations/entities';
import { createEvent, createEventsInBulk, deleteEvent, restoreDeletedEvent, updateEvent } from '@/db/mutations/events';
import { createStandingChange } from '@/db/mutations/standings';
import { buildSynthDatabase } from '@/db/synth/build';
import { makeEntity, makeEvent, TEST_ACTOR } from '@/db/testing/test-db';
import { ORGANISATION_NAMES } from '@/lib/relations/regions';
import { subjectKind } from '@/lib/relations/scale';
import { eventInputSchema, type EventInputRaw } from '@/lib/validation/event';
import { relationsBoard, type DyadEvent } from './relations';

let dir: string;
let conn: Connection;
let counterpart: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairs-'));
  const file = path.join(dir, 'synth.db');
  buildSynthDatabase({ file, events: 3_000, seed: 'pairs-oracle', revisions: false });
  conn = openDatabase(file);
  counterpart = (
    conn.sqlite
      .prepare(`SELECT counterpart FROM standing_changes GROUP BY counterpart ORDER BY count(DISTINCT subject) DESC, counterpart LIMIT 1`)
      .get() as { counterpart: string }
  ).counterpart;
}, 60_000);

afterAll(() => {
  conn?.sqlite.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Range {
  from: string;
  to: string;
  includeDrafts: boolean;
  eventLimit: number;
}

/** What the row of `subject` must show, computed from the base tables alone. */
function oracle(subject: string, range: Range): { events: DyadEvent[]; total: number } {
  const organisation = subjectKind(subject) === 'organisation';
  const side = organisation
    ? `EXISTS (SELECT 1 FROM event_entities x JOIN entities n ON n.id = x.entity_id WHERE x.event_id = e.id AND n.name = @side)`
    : `EXISTS (SELECT 1 FROM event_countries x WHERE x.event_id = e.id AND x.country_code = @side)`;
  const rows = conn.sqlite
    .prepare(
      `SELECT e.id, e.date, e.date_precision AS precision, e.type, e.title FROM events e
        WHERE e.deleted_at IS NULL AND e.status IN ('published', @drafts) AND e.date BETWEEN @from AND @to
          AND EXISTS (SELECT 1 FROM event_countries c WHERE c.event_id = e.id AND c.country_code = @counterpart) AND ${side}
        ORDER BY e.date, e.id`,
    )
    .all({
      side: organisation ? (ORGANISATION_NAMES[subject] ?? '') : subject,
      drafts: range.includeDrafts ? 'draft' : 'published',
      from: range.from,
      to: range.to,
      counterpart,
    }) as DyadEvent[];
  return { events: range.eventLimit === 0 ? [] : rows.slice(-range.eventLimit), total: rows.length };
}

const RANGES: Range[] = [
  { from: '1990-01-01', to: '2030-12-31', includeDrafts: false, eventLimit: 100 },
  { from: '1990-01-01', to: '2030-12-31', includeDrafts: true, eventLimit: 3 },
  { from: '2012-03-01', to: '2016-08-31', includeDrafts: false, eventLimit: 2 },
  { from: '2012-03-01', to: '2016-08-31', includeDrafts: true, eventLimit: 100 },
];

/** Every row of the board, for every range, against the oracle; returns the rows checked. */
function expectBoardMatchesOracle(): number {
  let checked = 0;
  for (const range of RANGES) {
    const board = relationsBoard(conn.db, { counterpart, asOf: '2020-01-01', ...range }, { fresh: true });
    for (const row of board.rows) {
      expect({ subject: row.dyad.subject, events: row.events, total: row.eventCount }).toEqual({ subject: row.dyad.subject, ...oracle(row.dyad.subject, range) });
      checked++;
    }
  }
  expect(eventPairMismatches(conn.sqlite)).toEqual([]);
  return checked;
}

function rowOf(subject: string, range: Range = RANGES[0]!) {
  return relationsBoard(conn.db, { counterpart, asOf: '2020-01-01', ...range }, { fresh: true }).rows.find((r) => r.dyad.subject === subject)!;
}

/** The latest published events between the counterpart and a state subject on the board, one row per event. */
function eventsBetween(n: number): { id: number; subject: string }[] {
  return conn.sqlite
    .prepare(
      `SELECT e.id, min(b.country_code) AS subject FROM events e
         JOIN event_countries a ON a.event_id = e.id AND a.country_code = ?
         JOIN event_countries b ON b.event_id = e.id AND b.country_code <> a.country_code
         JOIN standing_changes s ON s.subject = b.country_code AND s.counterpart = a.country_code
        WHERE e.deleted_at IS NULL AND e.status = 'published'
        GROUP BY e.id ORDER BY e.date DESC, e.id DESC LIMIT ?`,
    )
    .all(counterpart, n) as { id: number; subject: string }[];
}

const input = (raw: Partial<EventInputRaw>) =>
  eventInputSchema.parse({ type: 'normalisation', title: 'A visit between the sides', summary: 'Talks.', date: '2014-05-06', status: 'published', ...raw });

describe('the events between the sides on the relations board', () => {
  it('know the organisations the board knows, by the same names', () => {
    const stored = conn.sqlite.prepare(`SELECT key, name FROM relation_organisations ORDER BY key`).all() as { key: string; name: string }[];
    expect(Object.fromEntries(stored.map((r) => [r.key, r.name]))).toEqual(ORGANISATION_NAMES);
  });

  it('are those a plain query over the base tables finds: drafts or not, any range, the latest kept, the count of all', () => {
    const checked = expectBoardMatchesOracle();
    expect(checked).toBeGreaterThan(400);
    // The cases the comparison must cover are there: rows over the limit, and drafts that count for staff only.
    const readers = relationsBoard(conn.db, { counterpart, asOf: '2020-01-01', ...RANGES[2]! }, { fresh: true }).rows;
    expect(readers.some((r) => r.eventCount > r.events.length && r.events.length === 2)).toBe(true);
    const staff = new Map(relationsBoard(conn.db, { counterpart, asOf: '2020-01-01', ...RANGES[0]!, includeDrafts: true }, { fresh: true }).rows.map((r) => [r.dyad.subject, r.eventCount]));
    expect(rowsWhere((subject, n) => (staff.get(subject) ?? 0) > n)).toBe(true);
  });

  it('follow an edit of the event: countries changed, unpublished, deleted and restored, redated, retitled, hard deleted', () => {
    const [moved, drafted, deleted, redated, a] = eventsBetween(5) as [Picked, Picked, Picked, Picked, Picked];
    const before = rowOf(moved.subject).eventCount;
    // The app's save: the event's countries rewritten without the subject (and then with it again).
    const elsewhere = [moved.subject, counterpart].includes('NO') ? 'IS' : 'NO';
    updateEvent(conn.db, moved.id, input({ countries: [{ code: counterpart, role: 'target' }, { code: elsewhere, role: 'actor' }] }), currentVersion(moved.id), TEST_ACTOR);
    expect(rowOf(moved.subject).eventCount).toBe(before - 1);
    expectBoardMatchesOracle();
    updateEvent(
      conn.db,
      moved.id,
      input({ title: 'Back between the sides', countries: [{ code: counterpart, role: 'target' }, { code: moved.subject, role: 'actor' }, { code: moved.subject, role: 'location' }] }),
      currentVersion(moved.id),
      TEST_ACTOR,
    );
    expect(rowOf(moved.subject).eventCount).toBe(before);
    expect(rowOf(moved.subject).events.some((e) => e.id === moved.id && e.title === 'Back between the sides')).toBe(true);

    // Unpublished: gone for readers, still there for staff.
    conn.sqlite.prepare(`UPDATE events SET status = 'draft' WHERE id = ?`).run(drafted.id);
    expect(rowOf(drafted.subject).events.map((e) => e.id)).not.toContain(drafted.id);
    expect(rowOf(drafted.subject, { ...RANGES[0]!, includeDrafts: true }).events.map((e) => e.id)).toContain(drafted.id);
    expectBoardMatchesOracle();

    // Deleted and restored, through the app.
    deleteEvent(conn.db, deleted.id, currentVersion(deleted.id), TEST_ACTOR);
    expect(rowOf(deleted.subject, { ...RANGES[0]!, includeDrafts: true }).events.map((e) => e.id)).not.toContain(deleted.id);
    expectBoardMatchesOracle();
    restoreDeletedEvent(conn.db, deleted.id, currentVersion(deleted.id), TEST_ACTOR);
    expect(rowOf(deleted.subject).events.map((e) => e.id)).toContain(deleted.id);

    // Redated out of the narrow range and into it, retitled, its type changed.
    conn.sqlite.prepare(`UPDATE events SET date = '2013-01-15', date_precision = 'month', type = 'statement', title = 'Redated' WHERE id = ?`).run(redated.id);
    expect(rowOf(redated.subject, RANGES[3]!).events.find((e) => e.id === redated.id)).toMatchObject({ date: '2013-01-15', precision: 'month', type: 'statement', title: 'Redated' });
    expectBoardMatchesOracle();

    // A country row moved to another event, a role removed, an event hard deleted.
    const lone = makeEvent(conn.db, { title: 'The counterpart alone', date: '2015-02-03', countries: [{ code: counterpart, role: 'target' }] }).id;
    expect(rowOf(a.subject).events.map((e) => e.id)).not.toContain(lone);
    conn.sqlite.prepare(`UPDATE event_countries SET event_id = ? WHERE event_id = ? AND country_code = ?`).run(lone, a.id, a.subject);
    expect(rowOf(a.subject).events.map((e) => e.id)).toContain(lone);
    conn.sqlite.prepare(`DELETE FROM event_countries WHERE event_id = ? AND country_code = ? AND role = 'location'`).run(moved.id, moved.subject);
    expectBoardMatchesOracle();
    conn.sqlite.prepare(`DELETE FROM events WHERE id = ?`).run(lone);
    expect(rowOf(a.subject).events.map((e) => e.id)).not.toContain(lone);
    expectBoardMatchesOracle();
  });

  it('count an organisation by its actor: added, renamed away and back, merged, removed', () => {
    const league = makeEntity(conn.db, { kind: 'international_body', name: 'Arab League' }).id;
    const twin = makeEntity(conn.db, { kind: 'international_body', name: 'League of Arab States' }).id;
    const ids = [0, 1, 2].map(
      (i) =>
        makeEvent(conn.db, {
          title: `Arab League meeting ${i}`,
          date: `201${i}-11-12`,
          status: i === 2 ? 'draft' : 'published',
          countries: [{ code: counterpart, role: 'target' }],
          actors: [{ entityId: i === 1 ? twin : league, role: 'issuer' }],
        }).id,
    );
    createStandingChange(
      conn.db,
      { dyad: { subject: 'arab-league', counterpart }, date: '2011-11', status: 'in_effect', level: 'suspended', embassy: null, ambassadorRecalled: null, evidenceEventIds: [ids[0]], note: null },
      TEST_ACTOR,
    );
    expect(rowOf('arab-league').events.map((e) => e.id)).toEqual([ids[0]]);
    expect(rowOf('arab-league', { ...RANGES[0]!, includeDrafts: true }).eventCount).toBe(2);
    expectBoardMatchesOracle();

    // The twin merged into the league: its event now counts.
    mergeEntities(conn.db, { survivorId: league, survivorVersion: 1, mergedId: twin, mergedVersion: 1 }, TEST_ACTOR);
    expect(rowOf('arab-league').events.map((e) => e.id)).toEqual([ids[0], ids[1]]);
    expectBoardMatchesOracle();

    // Renamed: no longer the organisation's actor; renamed back: counted again.
    conn.sqlite.prepare(`UPDATE entities SET name = 'League of Arab States' WHERE id = ?`).run(league);
    expect(rowOf('arab-league')?.eventCount ?? 0).toBe(0);
    expectBoardMatchesOracle();
    conn.sqlite.prepare(`UPDATE entities SET name = 'Arab League' WHERE id = ?`).run(league);
    expect(rowOf('arab-league').eventCount).toBe(2);

    // The actor taken off an event, through the app.
    updateEvent(conn.db, ids[1]!, input({ date: '2011-11-12', countries: [{ code: counterpart, role: 'target' }] }), currentVersion(ids[1]!), TEST_ACTOR);
    expect(rowOf('arab-league').events.map((e) => e.id)).toEqual([ids[0]]);
    expectBoardMatchesOracle();
  });

  it('come with the CSV import’s bulk insert (its insert triggers off) as with a single save', () => {
    const subject = eventsBetween(1)[0]!.subject;
    const before = rowOf(subject).eventCount;
    const staffBefore = rowOf(subject, { ...RANGES[0]!, includeDrafts: true }).eventCount;
    createEvent(conn.db, input({ title: 'Saved alone', countries: [{ code: counterpart, role: 'actor' }, { code: subject, role: 'target' }] }), TEST_ACTOR);
    const league = conn.sqlite.prepare(`SELECT id FROM entities WHERE name = 'Arab League'`).get() as { id: number };
    conn.db.transaction((tx) =>
      createEventsInBulk(
        tx,
        [0, 1].map((i) => ({
          input: input({ title: `Imported ${i}`, status: i === 0 ? 'published' : 'draft', countries: [{ code: subject, role: 'location' }, { code: counterpart, role: 'target' }], actors: [{ entityId: league.id, role: 'issuer' }] }),
          note: null,
        })),
        new Map([[league.id, 'Arab League']]),
        TEST_ACTOR,
        'import',
      ),
    );
    expect(rowOf(subject).eventCount).toBe(before + 2);
    expect(rowOf(subject, { ...RANGES[0]!, includeDrafts: true }).eventCount).toBe(staffBefore + 3);
    expectBoardMatchesOracle();
  });
});

type Picked = { id: number; subject: string };

function rowsWhere(test: (subject: string, readerCount: number) => boolean): boolean {
  return relationsBoard(conn.db, { counterpart, asOf: '2020-01-01', ...RANGES[0]! }, { fresh: true }).rows.some((r) => test(r.dyad.subject, r.eventCount));
}

function currentVersion(id: number): number {
  return (conn.sqlite.prepare(`SELECT version FROM events WHERE id = ?`).get(id) as { version: number }).version;
}
