/**
 * The derived-data triggers of PostgreSQL (migration `derived_triggers`) against a real server (a
 * database of this file's own, dropped afterwards), and against SQLite's own triggers (migrations
 * 0005 and 0016): every write below goes, as the same SQL text, to both engines, and after it
 *
 *  - pgDerivedMismatches finds nothing in PostgreSQL, derivedMismatches nothing in SQLite;
 *  - facet_counts, event_month_counts and event_pairs (every row, those at 0 too) and the facts
 *    and first_role flags of the junction rows are the same rows in both engines: what db:copy
 *    compares by checksum when it moves a tracker from one to the other.
 */
import type Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Pool } from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { copyDatabase, CopyRefusedError } from '@/db/copy/copy';
import { derivedMismatches } from '@/db/derived/counts';
import { bootstrapDatabase } from '@/db/engine/bootstrap';
import { openDatabase, type Connection } from '@/db/engine/client';
import { createTestDb } from '@/db/testing/test-db';
import { createWriteFixtures } from '@/db/testing/write-fixtures';
import { createTestPostgres, type TestPostgres } from '@/testing/postgres';
import { openPostgres, type PgConnection } from './connect';
import { PG_DERIVED_TRIGGERS, pgDerivedMismatches, setDerivedTriggers } from './derived';

let server: TestPostgres;
let pg: PgConnection;
let lite: Connection;

beforeAll(async () => {
  server = await createTestPostgres('tracker_derived', { icuLocale: 'en-US' });
  pg = await openPostgres(server.url, { migrate: true });
}, 60_000);

afterAll(async () => {
  await pg?.close();
  await server?.drop();
});

/** The same statement, as text, on both engines. */
async function both(statement: string): Promise<void> {
  lite.sqlite.exec(statement);
  await pg.pool.query(statement);
}

/** A SQL literal (the tests write every statement as text, so both engines run the same one). */
function lit(v: string | number | boolean | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  return `'${v.replace(/'/g, "''")}'`;
}

interface EventSpec {
  id: number;
  type: string;
  date: string;
  status: 'published' | 'draft';
  precision?: string;
  authority?: string | null;
  program?: string | null;
  title?: string;
}

function insertEvent(e: EventSpec): string {
  return `INSERT INTO events (id, type, title, summary, date, date_precision, status, legal_authority, program) VALUES (${[
    e.id,
    e.type,
    e.title ?? `Event ${e.id}`,
    'Something happened.',
    e.date,
    e.precision ?? 'day',
    e.status,
    e.authority ?? null,
    e.program ?? null,
  ]
    .map(lit)
    .join(', ')})`;
}

const SNAPSHOT = {
  facet_counts: 'SELECT facet, value, n FROM facet_counts',
  event_month_counts: 'SELECT month, date_precision, type, n FROM event_month_counts',
  event_pairs: 'SELECT country, side, event_date, event_id, event_visibility, event_date_precision, event_type, event_title FROM event_pairs',
  event_countries: 'SELECT event_id, country_code, role, event_visibility, event_type, event_date, event_date_precision, first_role FROM event_countries',
  event_entities: 'SELECT event_id, entity_id, role, event_visibility, event_type, event_date, event_date_precision, first_role FROM event_entities',
  event_tags: 'SELECT event_id, tag_id, event_visibility, event_type, event_date, event_date_precision FROM event_tags',
} as const;

type Snapshot = Record<keyof typeof SNAPSHOT, string[]>;

/** Rows as sorted JSON arrays of their values; SQLite's 0/1 first_role as a boolean. */
function normalise(rows: Record<string, unknown>[]): string[] {
  return rows.map((r) => JSON.stringify(Object.entries(r).map(([k, v]) => (k === 'first_role' ? Boolean(v) : v)))).sort();
}

async function pgSnapshot(pool: Pool = pg.pool): Promise<Snapshot> {
  const out = {} as Snapshot;
  for (const [table, query] of Object.entries(SNAPSHOT) as [keyof Snapshot, string][]) out[table] = normalise((await pool.query(query)).rows);
  return out;
}

function sqliteSnapshot(sqlite: Database.Database = lite.sqlite): Snapshot {
  const out = {} as Snapshot;
  for (const [table, query] of Object.entries(SNAPSHOT) as [keyof Snapshot, string][]) {
    out[table] = normalise(sqlite.prepare(query).all() as Record<string, unknown>[]);
  }
  return out;
}

/** Both engines in step with their base tables, and holding the same derived rows. */
async function expectInStep(): Promise<void> {
  expect(await pgDerivedMismatches(pg.pool)).toEqual([]);
  expect(derivedMismatches(lite.sqlite)).toEqual([]);
  expect(await pgSnapshot()).toEqual(sqliteSnapshot());
}

async function count(facet: string, value: string | number): Promise<number> {
  const r = await pg.pool.query<{ n: number }>('SELECT n FROM facet_counts WHERE facet = $1 AND value = $2', [facet, String(value)]);
  return r.rows[0]?.n ?? 0;
}

async function months(): Promise<{ month: string; date_precision: string; type: string; n: number }[]> {
  return (await pg.pool.query(`SELECT month, date_precision, type, n FROM event_month_counts WHERE n <> 0 ORDER BY 1, 2, 3`)).rows;
}

async function firstRoles(table: 'event_countries' | 'event_entities', eventId: number): Promise<string[]> {
  const value = table === 'event_countries' ? 'country_code' : 'entity_id';
  const r = await pg.pool.query<{ v: string }>(
    `SELECT ${value} || ':' || role || (CASE WHEN first_role THEN '*' ELSE '' END) AS v FROM ${table} WHERE event_id = $1`,
    [eventId],
  );
  return r.rows.map((x) => x.v).sort();
}

async function pairs(eventId: number): Promise<string[]> {
  const r = await pg.pool.query<{ p: string }>(
    `SELECT country || '>' || side || ' ' || event_visibility || ' ' || event_date AS p FROM event_pairs WHERE event_id = $1`,
    [eventId],
  );
  return r.rows.map((x) => x.p).sort();
}

describe('PostgreSQL derived-data triggers', () => {
  beforeEach(async () => {
    lite = createTestDb();
    await pg.pool.query(
      `TRUNCATE events, entities, tags, event_countries, event_entities, event_tags, facet_counts, event_month_counts, event_pairs, relation_organisations
       RESTART IDENTITY CASCADE`,
    );
    // SQLite's migration 0016 fills relation_organisations; in PostgreSQL the copy brings its rows.
    const organisations = lite.sqlite.prepare('SELECT key, name FROM relation_organisations ORDER BY key').all() as { key: string; name: string }[];
    expect(organisations.length).toBeGreaterThan(0);
    for (const o of organisations) await pg.pool.query('INSERT INTO relation_organisations (key, name) VALUES ($1, $2)', [o.key, o.name]);
  });

  afterEach(() => lite.sqlite.close());

  it('are the list db:copy switches off, and SQLite\'s derived triggers by name', async () => {
    const inDb = await pg.pool.query<{ t: string; name: string }>(
      `SELECT c.relname AS t, g.tgname AS name FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        WHERE NOT g.tgisinternal AND g.tgname NOT LIKE 'revisions_append_only_%'`,
    );
    const key = (x: { table?: string; t?: string; name: string }) => `${x.table ?? x.t}.${x.name}`;
    expect(inDb.rows.map(key).sort()).toEqual(PG_DERIVED_TRIGGERS.map(key).sort());
    const sqliteTriggers = lite.sqlite
      .prepare(`SELECT tbl_name AS t, name FROM sqlite_master WHERE type = 'trigger' AND name NOT LIKE 'revisions_%' AND name NOT LIKE 'events_fts%'`)
      .all() as { t: string; name: string }[];
    expect(sqliteTriggers.map(key).sort()).toEqual(PG_DERIVED_TRIGGERS.map(key).sort());
  });

  it('follow each kind of write as SQLite\'s do, step by step', async () => {
    await both(`INSERT INTO entities (id, kind, name) VALUES (1, 'person', 'Khalid Qaddour'), (2, 'organisation', 'European Union'), (3, 'person', 'Samer al-Assad')`);
    await both(`INSERT INTO tags (id, slug, label) VALUES (1, 'oil', 'Oil'), (2, 'shipping', 'Shipping')`);
    await both(insertEvent({ id: 1, type: 'designation', date: '2023-03-28', status: 'published', authority: 'Caesar Act', program: 'SYRIA-CAESAR' }));
    await both(insertEvent({ id: 2, type: 'statement', date: '2023-05-02', status: 'draft' }));
    expect(await months()).toEqual([{ month: '2023-03', date_precision: 'day', type: 'designation', n: 1 }]);
    expect([await count('authority', 'Caesar Act'), await count('authority@designation', 'Caesar Act'), await count('program', 'SYRIA-CAESAR')]).toEqual([1, 1, 1]);
    await expectInStep();

    // Syria as actor and target of one event: counted once as a country, once in each role.
    await both(`INSERT INTO event_countries (event_id, country_code, role) VALUES (1, 'SY', 'actor')`);
    expect([await count('country', 'SY'), await count('country:actor', 'SY'), await count('country@designation', 'SY')]).toEqual([1, 1, 1]);
    await expectInStep();
    await both(`INSERT INTO event_countries (event_id, country_code, role) VALUES (1, 'SY', 'target')`);
    expect([await count('country', 'SY'), await count('country:actor', 'SY'), await count('country:target', 'SY')]).toEqual([1, 1, 1]);
    expect(await firstRoles('event_countries', 1)).toEqual(['SY:actor*', 'SY:target']);
    await expectInStep();

    // Several rows in one statement: countries, an actor in two roles, an organisation, tags.
    await both(`INSERT INTO event_countries (event_id, country_code, role) VALUES (1, 'US', 'actor'), (1, 'IR', 'location')`);
    await both(`INSERT INTO event_entities (event_id, entity_id, role) VALUES (1, 1, 'target'), (1, 1, 'subject'), (1, 2, 'participant')`);
    await both(`INSERT INTO event_tags (event_id, tag_id) VALUES (1, 1), (1, 2)`);
    expect([await count('actor', 1), await count('actor@designation', 1), await count('actor', 2), await count('tag', 1)]).toEqual([1, 1, 1, 1]);
    expect(await firstRoles('event_entities', 1)).toEqual(['1:subject*', '1:target', '2:participant*']);
    expect(await pairs(1)).toEqual([
      'IR>SY published 2023-03-28', 'IR>US published 2023-03-28', 'IR>eu published 2023-03-28',
      'SY>IR published 2023-03-28', 'SY>US published 2023-03-28', 'SY>eu published 2023-03-28',
      'US>IR published 2023-03-28', 'US>SY published 2023-03-28', 'US>eu published 2023-03-28',
    ]);
    await expectInStep();

    // A draft is not counted, but has its pairs.
    await both(`INSERT INTO event_countries (event_id, country_code, role) VALUES (2, 'SY', 'target'), (2, 'TR', 'actor')`);
    await both(`INSERT INTO event_tags (event_id, tag_id) VALUES (2, 1)`);
    expect([await count('country', 'SY'), await count('tag', 1)]).toEqual([1, 1]);
    expect(await pairs(2)).toEqual(['SY>TR draft 2023-05-02', 'TR>SY draft 2023-05-02']);
    await expectInStep();

    // Published: SY 1 -> 2.
    await both(`UPDATE events SET status = 'published' WHERE id = 2`);
    expect([await count('country', 'SY'), await count('country@statement', 'SY'), await count('tag', 1)]).toEqual([2, 1, 2]);
    expect(await months()).toEqual([
      { month: '2023-03', date_precision: 'day', type: 'designation', n: 1 },
      { month: '2023-05', date_precision: 'day', type: 'statement', n: 1 },
    ]);
    expect(await pairs(2)).toEqual(['SY>TR published 2023-05-02', 'TR>SY published 2023-05-02']);
    await expectInStep();

    // The date and its precision move the month count; the month left behind stays, at 0, as in SQLite.
    await both(`UPDATE events SET date = '2024-01-01', date_precision = 'month' WHERE id = 2`);
    expect(await months()).toEqual([
      { month: '2023-03', date_precision: 'day', type: 'designation', n: 1 },
      { month: '2024-01', date_precision: 'month', type: 'statement', n: 1 },
    ]);
    expect((await pg.pool.query(`SELECT n FROM event_month_counts WHERE month = '2023-05'`)).rows).toEqual([{ n: 0 }]);
    expect(await pairs(2)).toEqual(['SY>TR published 2024-01-01', 'TR>SY published 2024-01-01']);
    await expectInStep();

    // The type moves every per-type count.
    await both(`UPDATE events SET type = 'removal' WHERE id = 1`);
    expect([await count('country@designation', 'SY'), await count('country@removal', 'SY'), await count('authority@removal', 'Caesar Act')]).toEqual([0, 1, 1]);
    expect((await pg.pool.query(`SELECT DISTINCT event_type FROM event_countries WHERE event_id = 1`)).rows).toEqual([{ event_type: 'removal' }]);
    await expectInStep();

    // Deleted (softly): SY 2 -> 1, its rows say so, its pairs go; restored: back.
    await both(`UPDATE events SET deleted_at = '2024-02-01T00:00:00.000Z' WHERE id = 2`);
    expect([await count('country', 'SY'), await count('country', 'TR'), await count('tag', 1)]).toEqual([1, 0, 1]);
    expect((await pg.pool.query(`SELECT DISTINCT event_visibility FROM event_tags WHERE event_id = 2`)).rows).toEqual([{ event_visibility: 'deleted' }]);
    expect(await pairs(2)).toEqual([]);
    await expectInStep();
    await both(`UPDATE events SET deleted_at = NULL WHERE id = 2`);
    expect(await count('country', 'SY')).toBe(2);
    expect(await pairs(2)).toHaveLength(2);
    await expectInStep();

    // Legal authority and program.
    await both(`UPDATE events SET legal_authority = NULL, program = 'SYRIA' WHERE id = 1`);
    expect([await count('authority', 'Caesar Act'), await count('program', 'SYRIA-CAESAR'), await count('program', 'SYRIA'), await count('program@removal', 'SYRIA')]).toEqual([
      0, 0, 1, 1,
    ]);
    await expectInStep();

    // A title: only the pairs change.
    await both(`UPDATE events SET title = 'Renamed' WHERE id = 2`);
    expect((await pg.pool.query(`SELECT DISTINCT event_title FROM event_pairs WHERE event_id = 2`)).rows).toEqual([{ event_title: 'Renamed' }]);
    await expectInStep();

    // A country's row moved to another country, an actor's rows re-pointed to another (a merge:
    // both roles in one statement, into an actor with no count yet), a role changed.
    await both(`UPDATE event_countries SET country_code = 'LB' WHERE event_id = 1 AND country_code = 'IR'`);
    expect([await count('country', 'IR'), await count('country', 'LB'), await count('country:location', 'LB')]).toEqual([0, 1, 1]);
    await expectInStep();
    await both(`UPDATE event_entities SET entity_id = 3 WHERE entity_id = 1`);
    expect([await count('actor', 1), await count('actor', 3)]).toEqual([0, 1]);
    expect(await firstRoles('event_entities', 1)).toEqual(['2:participant*', '3:subject*', '3:target']);
    await expectInStep();
    await both(`UPDATE event_countries SET role = 'target' WHERE event_id = 1 AND country_code = 'US'`);
    expect([await count('country:actor', 'US'), await count('country:target', 'US'), await count('country', 'US')]).toEqual([0, 1, 1]);
    expect(await firstRoles('event_countries', 1)).toEqual(['LB:location*', 'SY:actor*', 'SY:target', 'US:target*']);
    await expectInStep();

    // The first role's row deleted: the flag passes to the other role, the country still counts once per event.
    await both(`DELETE FROM event_countries WHERE event_id = 1 AND country_code = 'SY' AND role = 'actor'`);
    expect(await firstRoles('event_countries', 1)).toEqual(['LB:location*', 'SY:target*', 'US:target*']);
    expect([await count('country', 'SY'), await count('country:actor', 'SY'), await count('country:target', 'SY')]).toEqual([2, 0, 2]);
    await expectInStep();
    // SY 2 -> 1.
    await both(`DELETE FROM event_countries WHERE event_id = 1 AND country_code IN ('SY', 'LB')`);
    expect([await count('country', 'SY'), await count('country', 'LB')]).toEqual([1, 0]);
    await both(`DELETE FROM event_entities WHERE event_id = 1 AND entity_id = 2`);
    await both(`DELETE FROM event_tags WHERE event_id = 1 AND tag_id = 2`);
    expect([await count('actor', 2), await count('tag', 2)]).toEqual([0, 0]);
    expect(await pairs(1)).toEqual([]);
    await expectInStep();

    // Actors renamed to and from an organisation's name: the events' pairs follow.
    await both(`INSERT INTO event_entities (event_id, entity_id, role) VALUES (2, 3, 'speaker')`);
    await both(`UPDATE entities SET name = 'NATO' WHERE id = 3`);
    expect((await pairs(2)).filter((p) => p.includes('>nato'))).toEqual(['SY>nato published 2024-01-01', 'TR>nato published 2024-01-01']);
    await expectInStep();
    await both(`UPDATE entities SET name = 'Samer al-Assad' WHERE id = 3`);
    expect((await pairs(2)).filter((p) => p.includes('>nato'))).toEqual([]);
    await expectInStep();

    // Hard deletes: the event's counts, rows and pairs go.
    await both(`DELETE FROM events WHERE id = 2`);
    expect([await count('country', 'SY'), await count('country', 'TR'), await count('tag', 1), await count('actor', 3)]).toEqual([0, 0, 1, 1]);
    expect(await pairs(2)).toEqual([]);
    expect((await pg.pool.query(`SELECT count(*)::int AS n FROM event_countries WHERE event_id = 2`)).rows).toEqual([{ n: 0 }]);
    await expectInStep();
    await both(`DELETE FROM events WHERE id = 1`);
    expect(await months()).toEqual([]);
    expect(await count('actor', 3)).toBe(0);
    await expectInStep();
  });

  it('count right when one statement writes several rows of one (event, value), whatever their order and flags', async () => {
    // PostgreSQL runs a row's triggers at the end of the statement, after every row is written:
    // one row's trigger may flip another's first_role before that row's own trigger has counted it.
    await both(insertEvent({ id: 1, type: 'designation', date: '2023-03-28', status: 'published' }));
    await both(`INSERT INTO entities (id, kind, name) VALUES (1, 'person', 'Khalid Qaddour'), (2, 'person', 'Khaled Kaddour')`);
    // Rows that bring their event's facts, in the wrong first-role order, into values never counted yet.
    const facts = `'published', 'designation', '2023-03-28', 'day'`;
    await both(
      `INSERT INTO event_countries (event_id, country_code, role, event_visibility, event_type, event_date, event_date_precision, first_role)
       VALUES (1, 'SY', 'target', ${facts}, TRUE), (1, 'SY', 'location', ${facts}, FALSE), (1, 'SY', 'actor', ${facts}, FALSE)`,
    );
    expect([await count('country', 'SY'), await count('country:actor', 'SY'), await count('country:target', 'SY'), await count('country:location', 'SY')]).toEqual([
      1, 1, 1, 1,
    ]);
    expect(await firstRoles('event_countries', 1)).toEqual(['SY:actor*', 'SY:location', 'SY:target']);
    await expectInStep();
    await both(
      `INSERT INTO event_entities (event_id, entity_id, role, event_visibility, event_type, event_date, event_date_precision, first_role)
       VALUES (1, 1, 'target', ${facts}, TRUE), (1, 1, 'issuer', ${facts}, TRUE)`,
    );
    expect(await count('actor', 1)).toBe(1);
    await expectInStep();
    // Moved together into a value that has no count row.
    await both(`UPDATE event_entities SET entity_id = 2 WHERE entity_id = 1`);
    expect([await count('actor', 1), await count('actor', 2)]).toEqual([0, 1]);
    await expectInStep();
    // A whole (event, value) deleted in one statement.
    await both(`DELETE FROM event_countries WHERE event_id = 1 AND country_code = 'SY'`);
    expect([await count('country', 'SY'), await count('country:actor', 'SY')]).toEqual([0, 0]);
    await expectInStep();
  });

  describe('where SQLite\'s triggers fall short, on writes the app does not make (raw SQL)', () => {
    beforeEach(async () => {
      await both(insertEvent({ id: 1, type: 'designation', date: '2023-03-28', status: 'published' }));
      await both(insertEvent({ id: 2, type: 'statement', date: '2024-01-01', status: 'published' }));
      await both(`INSERT INTO event_countries (event_id, country_code, role) VALUES (1, 'LB', 'actor'), (1, 'SY', 'target'), (2, 'IR', 'actor')`);
      await expectInStep();
    });

    it.each([
      {
        change: 'moved to another country',
        before: null,
        statement: `UPDATE event_countries SET country_code = 'LB' WHERE event_id = 1 AND country_code = 'SY'`,
        code: 'LB',
        type: 'designation',
      },
      {
        change: 'given another role',
        before: `INSERT INTO event_countries (event_id, country_code, role) VALUES (2, 'IR', 'location')`,
        statement: `UPDATE event_countries SET role = 'target' WHERE event_id = 2 AND country_code = 'IR' AND role = 'actor'`,
        code: 'IR',
        type: 'statement',
      },
    ])('a country row $change, so that it loses the first role: SQLite counts its new role twice, PostgreSQL once', async ({ before, statement, code, type }) => {
      // SQLite runs event_countries_derived_move before event_countries_derived_update (the trigger
      // created last runs first): the move flips the row's first_role before its counts have moved,
      // and the decrement of its new 'country:target' finds no count row and is lost. PostgreSQL
      // moves counts by upserts, which do not depend on the order.
      if (before) await both(before);
      await expectInStep();
      await both(statement);
      expect(await pgDerivedMismatches(pg.pool)).toEqual([]);
      expect([await count('country', code), await count('country:target', code), await count(`country:target@${type}`, code)]).toEqual([1, 1, 1]);
      expect(derivedMismatches(lite.sqlite)).toEqual([
        { what: 'facet_counts', key: `country:target=${code}`, stored: 2, expected: 1 },
        { what: 'facet_counts', key: `country:target@${type}=${code}`, stored: 2, expected: 1 },
      ]);
      // Everything else is the same rows.
      const [inPg, inSqlite] = [await pgSnapshot(), sqliteSnapshot()];
      expect({ ...inPg, facet_counts: null }).toEqual({ ...inSqlite, facet_counts: null });
      const differ = (x: string[], y: string[]) => x.filter((r) => !y.includes(r));
      const row = (facet: string, n: number) => JSON.stringify([facet, code, n]);
      expect(differ(inPg.facet_counts, inSqlite.facet_counts)).toEqual([row('country:target', 1), row(`country:target@${type}`, 1)]);
      expect(differ(inSqlite.facet_counts, inPg.facet_counts)).toEqual([row('country:target', 2), row(`country:target@${type}`, 2)]);
    });

    it('a row moved to another event keeps its old event\'s facts, in both engines alike', async () => {
      // SQLite's 0005 copies an event's facts onto a row when the row is inserted and when the event
      // changes, not when the row changes event; PostgreSQL's twin does the same, and both checks say so.
      await both(`UPDATE event_countries SET event_id = 1 WHERE event_id = 2 AND country_code = 'IR'`);
      expect(await pgSnapshot()).toEqual(sqliteSnapshot());
      const stale = (await pgDerivedMismatches(pg.pool)).filter((m) => m.table === 'event_countries facts');
      expect(stale).toEqual([{ table: 'event_countries facts', key: '1:IR', expected: 'published|designation|2023-03-28|day', actual: 'published|statement|2024-01-01|day' }]);
      expect(derivedMismatches(lite.sqlite)).toContainEqual({ what: 'event_countries facts', key: '1:IR', stored: 'stale', expected: 'event facts' });
      // The event's pairs are right (0016 reads the events row, not the copied facts).
      expect(await pairs(1)).toEqual(['IR>LB published 2023-03-28', 'IR>SY published 2023-03-28', 'LB>IR published 2023-03-28', 'LB>SY published 2023-03-28', 'SY>IR published 2023-03-28', 'SY>LB published 2023-03-28']);
    });
  });

  it('can be switched off inside a transaction, which pgDerivedMismatches then shows, and a rollback brings them back', async () => {
    const client = await pg.pool.connect();
    try {
      await client.query('BEGIN');
      await setDerivedTriggers(client, false);
      await client.query(insertEvent({ id: 1, type: 'designation', date: '2023-03-28', status: 'published', program: 'SYRIA' }));
      await client.query(`INSERT INTO event_countries (event_id, country_code, role) VALUES (1, 'SY', 'actor'), (1, 'US', 'actor')`);
      const found = await pgDerivedMismatches(client);
      expect(found).toEqual(
        expect.arrayContaining([
          { table: 'event_countries facts', key: '1:SY', expected: 'published|designation|2023-03-28|day', actual: '|||' },
          { table: 'event_countries first_role', key: '1:SY:actor', expected: 1, actual: 0 },
          { table: 'facet_counts', key: 'country=SY', expected: 1, actual: null },
          { table: 'facet_counts', key: 'program=SYRIA', expected: 1, actual: null },
          { table: 'event_month_counts', key: '2023-03|day|designation', expected: 1, actual: null },
          { table: 'event_pairs', key: 'SY>US#1', expected: '2023-03-28|published|day|designation|Event 1', actual: null },
        ]),
      );
      const off = await client.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'`);
      expect(off.rows[0].n).toBe(PG_DERIVED_TRIGGERS.length);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    const on = await pg.pool.query(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'O'`);
    expect(on.rows).toEqual([]);
    await both(insertEvent({ id: 1, type: 'designation', date: '2023-03-28', status: 'published', program: 'SYRIA' }));
    expect(await count('program', 'SYRIA')).toBe(1);
    await expectInStep();
  });

  it('stay in step with SQLite through 200 random writes', async () => {
    const random = mulberry32(Number(process.env.DERIVED_TEST_SEED ?? 20240501));
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const chance = (p: number) => random() < p;

    const COUNTRIES = ['SY', 'US', 'IR', 'TR', 'LB'] as const;
    const COUNTRY_ROLES = ['actor', 'target', 'location'] as const;
    const ENTITY_ROLES = ['issuer', 'target', 'subject', 'participant', 'speaker', 'signatory', 'addressee'] as const;
    const TYPES = ['designation', 'removal', 'statement', 'legislative'] as const;
    const DATES = ['2023-03-28', '2023-03-01', '2023-05-02', '2024-01-01', '2022-12-31'] as const;
    const PRECISIONS = ['day', 'month', 'year'] as const;
    const AUTHORITIES = [null, 'Caesar Act', 'IEEPA'] as const;
    const PROGRAMS = [null, 'SYRIA', 'IRAN'] as const;
    const NAMES = ['Khalid Qaddour', 'European Union', 'NATO', 'United Nations', 'Ministry of Oil', 'Samer al-Assad'] as const;
    const ENTITIES = [1, 2, 3, 4, 5, 6] as const;
    const TAGS = [1, 2, 3, 4] as const;

    await both(
      `INSERT INTO entities (id, kind, name) VALUES ${ENTITIES.map((id, i) => `(${id}, '${i % 2 ? 'organisation' : 'person'}', ${lit(NAMES[i]!)})`).join(', ')}`,
    );
    await both(`INSERT INTO tags (id, slug, label) VALUES ${TAGS.map((id) => `(${id}, 'tag-${id}', 'Tag ${id}')`).join(', ')}`);

    const events: number[] = [];
    let nextEvent = 1;
    const newEvent = () => {
      const id = nextEvent++;
      events.push(id);
      return insertEvent({
        id,
        type: pick(TYPES),
        date: pick(DATES),
        precision: pick(PRECISIONS),
        status: chance(0.7) ? 'published' : 'draft',
        authority: pick(AUTHORITIES),
        program: pick(PROGRAMS),
        title: pick(['Sanctions', 'Statement']),
      });
    };
    /** The event's facts as its junction rows must hold them (read from SQLite; both engines agree on events). */
    const factsOf = (id: number) => {
      const e = lite.sqlite
        .prepare(`SELECT CASE WHEN deleted_at IS NOT NULL THEN 'deleted' ELSE status END AS v, type, date, date_precision AS p FROM events WHERE id = ?`)
        .get(id) as { v: string; type: string; date: string; p: string };
      return [e.v, e.type, e.date, e.p].map(lit).join(', ');
    };
    /** One to three rows of one (event, value) or of several, with the default facts or the event's own, in one statement. */
    const junctionRows = (table: 'event_countries' | 'event_entities', value: 'country_code' | 'entity_id', values: readonly (string | number)[], roles: readonly string[]) => {
      const event = pick(events);
      const explicit = chance(0.3);
      const v = pick(values);
      const rows = Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
        const row = [event, chance(0.7) ? v : pick(values), pick(roles)].map(lit).join(', ');
        return explicit ? `(${row}, ${factsOf(event)}, ${lit(chance(0.5))})` : `(${row})`;
      });
      const columns = explicit ? `event_id, ${value}, role, event_visibility, event_type, event_date, event_date_precision, first_role` : `event_id, ${value}, role`;
      return `INSERT INTO ${table} (${columns}) VALUES ${[...new Set(rows)].join(', ')} ON CONFLICT DO NOTHING`;
    };

    const ops: [number, () => string | null][] = [
      [2, () => (events.length < 12 ? newEvent() : null)],
      [
        4,
        () => {
          const id = pick(events);
          const set = pick([
            () => `status = ${lit(pick(['published', 'draft']))}`,
            () => `type = ${lit(pick(TYPES))}`,
            () => `date = ${lit(pick(DATES))}`,
            () => `date_precision = ${lit(pick(PRECISIONS))}`,
            () => `deleted_at = ${chance(0.5) ? "'2024-06-01T00:00:00.000Z'" : 'NULL'}`,
            () => `legal_authority = ${lit(pick(AUTHORITIES))}`,
            () => `program = ${lit(pick(PROGRAMS))}`,
            () => `title = ${lit(pick(['Sanctions', 'Statement', 'Renamed']))}`,
            () => `status = 'published', date = ${lit(pick(DATES))}, type = ${lit(pick(TYPES))}`,
          ])();
          return id ? `UPDATE events SET ${set} WHERE id = ${id}` : null;
        },
      ],
      [1, () => (events.length > 1 ? `UPDATE events SET type = ${lit(pick(TYPES))}, status = 'published' WHERE id IN (${pick(events)}, ${pick(events)})` : null)],
      [
        0.5,
        () => {
          if (events.length < 3) return null;
          const id = events.splice(Math.floor(random() * events.length), 1)[0]!;
          return `DELETE FROM events WHERE id = ${id}`;
        },
      ],
      [4, () => (events.length ? junctionRows('event_countries', 'country_code', COUNTRIES, COUNTRY_ROLES) : null)],
      [3, () => (events.length ? junctionRows('event_entities', 'entity_id', ENTITIES, ENTITY_ROLES) : null)],
      [
        2,
        () =>
          events.length
            ? `INSERT INTO event_tags (event_id, tag_id) VALUES ${[...new Set([pick(TAGS), pick(TAGS)])].map((t) => `(${pick(events)}, ${t})`).join(', ')} ON CONFLICT DO NOTHING`
            : null,
      ],
      [
        2,
        () =>
          events.length
            ? chance(0.5)
              ? `DELETE FROM event_countries WHERE event_id = ${pick(events)} AND country_code = ${lit(pick(COUNTRIES))}`
              : `DELETE FROM event_countries WHERE event_id = ${pick(events)} AND country_code = ${lit(pick(COUNTRIES))} AND role = ${lit(pick(COUNTRY_ROLES))}`
            : null,
      ],
      [
        1.5,
        () =>
          events.length
            ? chance(0.5)
              ? `DELETE FROM event_entities WHERE event_id = ${pick(events)} AND entity_id = ${pick(ENTITIES)}`
              : `DELETE FROM event_entities WHERE entity_id = ${pick(ENTITIES)} AND role = ${lit(pick(ENTITY_ROLES))}`
            : null,
      ],
      [1, () => (events.length ? `DELETE FROM event_tags WHERE ${chance(0.5) ? `event_id = ${pick(events)}` : `tag_id = ${pick(TAGS)}`}` : null)],
      // Moves, written to never collide with a row that exists: actors re-pointed (merges), tags.
      // Not a country row's country or role, nor any row's event: SQLite's triggers can go wrong
      // there (the tests above), and the app never writes those.
      [
        1.5,
        () => {
          const [from, to] = [pick(ENTITIES), pick(ENTITIES)];
          return `UPDATE event_entities SET entity_id = ${to} WHERE entity_id = ${from}
                   AND NOT EXISTS (SELECT 1 FROM event_entities x WHERE x.event_id = event_entities.event_id AND x.entity_id = ${to} AND x.role = event_entities.role)`;
        },
      ],
      [
        1,
        () => {
          const [from, to] = [pick(TAGS), pick(TAGS)];
          return `UPDATE event_tags SET tag_id = ${to} WHERE tag_id = ${from} AND event_id NOT IN (SELECT event_id FROM event_tags WHERE tag_id = ${to})`;
        },
      ],
      [1.5, () => `UPDATE entities SET name = ${lit(pick(NAMES))} WHERE id = ${pick(ENTITIES)}`],
    ];
    const total = ops.reduce((s, [w]) => s + w, 0);

    const done: string[] = [];
    while (done.length < 200) {
      let r = random() * total;
      const op = ops.find(([w]) => (r -= w) < 0)?.[1] ?? ops[0]![1];
      const statement = op();
      if (!statement) continue;
      await both(statement);
      done.push(statement);
      if (done.length % 50 === 0) await expectInStep();
    }
    // Something was counted, moved and uncounted along the way.
    const zeros = (await pg.pool.query(`SELECT count(*)::int AS n FROM facet_counts WHERE n = 0`)).rows[0].n;
    const live = (await pg.pool.query(`SELECT count(*)::int AS n FROM facet_counts WHERE n > 0`)).rows[0].n;
    expect(zeros).toBeGreaterThan(0);
    expect(live).toBeGreaterThan(0);
    expect(await pg.pool.query(`SELECT count(*)::int AS n FROM facet_counts WHERE n < 0`)).toMatchObject({ rows: [{ n: 0 }] });
    await expectInStep();
  }, 120_000);
});

/** A small seeded PRNG (mulberry32), so that the random test writes the same sequence every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('db:copy from SQLite into PostgreSQL, with the triggers in place', () => {
  let dir: string;
  let source: string;
  let damaged: string;
  let target: TestPostgres;
  let refused: TestPostgres;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-derived-'));
    source = path.join(dir, 'source.db');
    const connection = bootstrapDatabase({ path: source, seedOnEmpty: true, check: 'schema' });
    await createWriteFixtures(connection);
    connection.sqlite.close();
    // The same tracker with one count that its tables do not say.
    damaged = path.join(dir, 'damaged.db');
    fs.copyFileSync(source, damaged);
    const bad = openDatabase(damaged, { check: false });
    bad.sqlite.exec(`UPDATE facet_counts SET n = n + 1 WHERE facet = 'country' AND value = (SELECT min(value) FROM facet_counts WHERE facet = 'country' AND n > 0)`);
    bad.sqlite.close();
    target = await createTestPostgres('tracker_derived_copy');
    refused = await createTestPostgres('tracker_derived_refused');
  }, 120_000);

  afterAll(async () => {
    await target?.drop();
    await refused?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const triggerStates = async (pool: Pool) =>
    (await pool.query<{ state: string; n: number }>(`SELECT tgenabled AS state, count(*)::int AS n FROM pg_trigger WHERE NOT tgisinternal GROUP BY 1`)).rows;

  it('copies the counts once, leaves the triggers on, and they then keep PostgreSQL in step with SQLite', async () => {
    await copyDatabase(source, target.url);
    const copy = await openPostgres(target.url);
    const file = openDatabase(source, { check: false });
    try {
      expect(await triggerStates(copy.pool)).toEqual([{ state: 'O', n: PG_DERIVED_TRIGGERS.length + 2 }]);
      expect(await pgDerivedMismatches(copy.pool)).toEqual([]);
      expect(await pgSnapshot(copy.pool)).toEqual(sqliteSnapshot(file.sqlite));

      // The same writes on the seed in both engines.
      const one = (q: string) => file.sqlite.prepare(q).pluck().get() as number;
      const several = one(`SELECT event_id FROM event_countries JOIN events e ON e.id = event_id WHERE e.status = 'published' AND e.deleted_at IS NULL GROUP BY event_id HAVING count(*) >= 2 ORDER BY event_id LIMIT 1`);
      const other = one(`SELECT max(event_id) FROM event_countries WHERE event_id <> ${several}`);
      const free = one(`SELECT max(id) FROM events WHERE id NOT IN (SELECT event_id FROM standing_change_evidence) AND id NOT IN (${several}, ${other})`);
      const [from, to] = [one(`SELECT min(entity_id) FROM event_entities`), one(`SELECT max(entity_id) FROM event_entities`)];
      const writes = [
        `UPDATE events SET status = 'draft' WHERE id = ${several}`,
        `UPDATE events SET type = 'statement', date = '2020-02-01', date_precision = 'month', program = 'PROGRAM-X' WHERE id = ${other}`,
        `DELETE FROM event_countries WHERE event_id = ${other} AND country_code = (SELECT min(country_code) FROM event_countries WHERE event_id = ${other})`,
        `INSERT INTO event_countries (event_id, country_code, role) VALUES (${other}, 'SY', 'target'), (${other}, 'SY', 'actor') ON CONFLICT DO NOTHING`,
        `UPDATE event_entities SET entity_id = ${to} WHERE entity_id = ${from}
          AND NOT EXISTS (SELECT 1 FROM event_entities x WHERE x.event_id = event_entities.event_id AND x.entity_id = ${to} AND x.role = event_entities.role)`,
        `UPDATE events SET status = 'published' WHERE id = ${several}`,
        `DELETE FROM events WHERE id = ${free}`,
      ];
      for (const w of writes) {
        file.sqlite.exec(w);
        await copy.pool.query(w);
        expect(await pgDerivedMismatches(copy.pool), w).toEqual([]);
      }
      expect(derivedMismatches(file.sqlite)).toEqual([]);
      expect(await pgSnapshot(copy.pool)).toEqual(sqliteSnapshot(file.sqlite));
      expect(await copy.pool.query(`SELECT n FROM facet_counts WHERE facet = 'program' AND value = 'PROGRAM-X'`)).toMatchObject({ rows: [{ n: 1 }] });
    } finally {
      file.sqlite.close();
      await copy.close();
    }
  }, 60_000);

  it('refuses, and rolls back, a copy whose derived data is not what its tables say', async () => {
    const error = await copyDatabase(damaged, refused.url).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(CopyRefusedError);
    expect((error as Error).message).toMatch(/^The copy did not verify and was rolled back: the derived data differs .*\n  facet_counts country=[A-Z]{2}: expected \d+, found \d+/);
    const copy = await openPostgres(refused.url);
    try {
      expect(await copy.pool.query(`SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM facet_counts)::int AS counts`)).toMatchObject({
        rows: [{ events: 0, counts: 0 }],
      });
      expect(await triggerStates(copy.pool)).toEqual([{ state: 'O', n: PG_DERIVED_TRIGGERS.length + 2 }]);
    } finally {
      await copy.close();
    }
  }, 60_000);
});
