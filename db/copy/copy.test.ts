/**
 * db:copy against a real PostgreSQL (a database of this file's own, dropped afterwards): the seed,
 * with history, a deleted event, merged actors and accounts, goes to PostgreSQL and back, and every
 * table's rows are equal at each step, as psql and the sqlite3 shell count them too. And every
 * refusal leaves the target as it was.
 */
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapDatabase } from '@/db/engine/bootstrap';
import { openPostgres } from '@/db/pg/connect';
import { createWriteFixtures } from '@/db/testing/write-fixtures';
import { createTestPostgres, withDatabase, type TestPostgres } from '@/testing/postgres';
import { copyDatabase, CopyRefusedError, type CopyReport } from './copy';
import { copiedTables } from './tables';

let dir: string;
let source: string;
let target: TestPostgres;
let toPg: CopyReport;
const progress: string[] = [];

async function psql(url: string, query: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query(query);
    return result.rows.map((r) => Object.values(r).join('|')).join('\n');
  } finally {
    await client.end();
  }
}

function sqlite3(file: string, query: string): string {
  return execFileSync('sqlite3', [file, query], { encoding: 'utf8' }).trim();
}

function ftsIds(file: string, word: string): number[] {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT rowid AS id FROM events_fts WHERE events_fts MATCH ? ORDER BY rowid`).all(word) as { id: number }[]).map((r) => r.id);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'db-copy-'));
  source = path.join(dir, 'source.db');
  const connection = bootstrapDatabase({ path: source, seedOnEmpty: true, check: 'schema' });
  await createWriteFixtures(connection);
  // A row deleted for good: AUTOINCREMENT never gives its id again, and the copy must not either.
  connection.sqlite.exec(`INSERT INTO tags (slug, label) VALUES ('withdrawn', 'Withdrawn'); DELETE FROM tags WHERE slug = 'withdrawn'`);
  connection.sqlite.close();
  target = await createTestPostgres('tracker_copy', { icuLocale: 'en-US' });
  toPg = await copyDatabase(source, target.url, { progress: (m) => progress.push(m) });
}, 120_000);

afterAll(async () => {
  await target?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('db:copy between SQLite and PostgreSQL', () => {
  it('copies every table, and PostgreSQL holds the same rows as SQLite', async () => {
    expect(toPg.tables.map((t) => t.name).sort()).toEqual(copiedTables().map((p) => p.name).sort());
    const events = toPg.tables.find((t) => t.name === 'events')!;
    expect(events.rows).toBeGreaterThan(10);
    for (const table of ['events', 'revisions', 'user', 'entity_merges', 'event_entities', 'facet_counts']) {
      // Counted by each engine's own client, not by the copy's reader.
      const inSqlite = sqlite3(source, `SELECT count(*) FROM "${table}"`);
      expect(await psql(target.url, `SELECT count(*) FROM "${table}"`), table).toBe(inSqlite);
    }
    expect(await psql(target.url, `SELECT title FROM events WHERE deleted_at IS NOT NULL`)).toBe('A deleted event');
  });

  it('says what it has copied as it goes, table by table', () => {
    const events = toPg.tables.find((t) => t.name === 'events')!;
    expect(progress).toContainEqual(expect.stringMatching(new RegExp(`^copied events: ${events.rows} rows in \\d+\\.\\d s$`)));
    expect(progress.at(-1)).toMatch(/^reading every table back/);
  });

  it('fills PostgreSQL\'s search table with what SQLite\'s index finds', async () => {
    const live = sqlite3(source, 'SELECT count(*) FROM events WHERE deleted_at IS NULL');
    expect(String(toPg.searchRows)).toBe(live);
    // Debian's sqlite3 shell predates the index's options (contentless_delete): better-sqlite3 reads it.
    const sqliteIds = ftsIds(source, 'caesar').join('\n');
    const pgIds = await psql(target.url, `SELECT event_id FROM event_search WHERE document @@ plainto_tsquery('simple', 'caesar') ORDER BY event_id`);
    expect(sqliteIds.length).toBeGreaterThan(0);
    expect(pgIds).toBe(sqliteIds);
  });

  it('continues ids after the copied ones, so the next new row does not collide', async () => {
    const max = Number(sqlite3(source, 'SELECT max(id) FROM events'));
    const next = await psql(target.url, `SELECT nextval(pg_get_serial_sequence('public."events"', 'id'))`);
    expect(Number(next)).toBe(max + 1);
  });

  it('never gives again an id SQLite gave to a row since deleted, on PostgreSQL or back on SQLite', async () => {
    const used = Number(sqlite3(source, `SELECT seq FROM sqlite_sequence WHERE name = 'tags'`));
    expect(used).toBeGreaterThan(Number(sqlite3(source, 'SELECT max(id) FROM tags')));
    const next = await psql(target.url, `SELECT nextval(pg_get_serial_sequence('public."tags"', 'id'))`);
    expect(Number(next)).toBe(used + 1);
    const back = path.join(dir, 'sequences-back.db');
    await copyDatabase(target.url, back);
    // PostgreSQL gave `next` above, so SQLite goes on after it.
    expect(Number(sqlite3(back, `SELECT seq FROM sqlite_sequence WHERE name = 'tags'`))).toBe(used + 1);
    const pgEvents = await psql(target.url, `SELECT pg_sequence_last_value(pg_get_serial_sequence('public."events"', 'id'))`);
    expect(Number(sqlite3(back, `SELECT seq FROM sqlite_sequence WHERE name = 'events'`))).toBe(Number(pgEvents));
  });

  it('copies back into a new SQLite file with equal checksums in every table', async () => {
    const back = path.join(dir, 'back.db');
    const report = await copyDatabase(target.url, back);
    const before = new Map(toPg.tables.map((t) => [t.name, t]));
    for (const t of report.tables) expect({ name: t.name, rows: t.rows, checksum: t.checksum }).toEqual(before.get(t.name));
    // The copy's search index answers as the source's does, and the sqlite3 shell finds the file whole.
    expect(ftsIds(back, 'caesar')).toEqual(ftsIds(source, 'caesar'));
    expect(ftsIds(back, 'caesar').length).toBeGreaterThan(0);
    expect(sqlite3(back, 'PRAGMA integrity_check')).toBe('ok');
    expect(sqlite3(back, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger'`)).toBe(sqlite3(source, `SELECT count(*) FROM sqlite_master WHERE type = 'trigger'`));
  });
});

describe('db:copy into a database that was only migrated', () => {
  it('takes it as empty: the reference rows its migration wrote are replaced by the source\'s', async () => {
    const migrated = await createTestPostgres('tracker_copy_migrated');
    try {
      const opened = await openPostgres(migrated.url, { migrate: true });
      await opened.close();
      expect(await psql(migrated.url, 'SELECT count(*) FROM relation_organisations')).toBe('8');
      const report = await copyDatabase(source, migrated.url);
      expect(report.tables.find((t) => t.name === 'relation_organisations')).toEqual(toPg.tables.find((t) => t.name === 'relation_organisations'));
      expect(await psql(migrated.url, 'SELECT count(*) FROM events')).toBe(await psql(target.url, 'SELECT count(*) FROM events'));
    } finally {
      await migrated.drop();
    }
  });
});

describe('db:copy refuses, and writes nothing', () => {
  it('into a PostgreSQL database that already holds a tracker', async () => {
    const before = await psql(target.url, 'SELECT count(*) FROM events');
    await expect(copyDatabase(source, target.url)).rejects.toThrow(/already holds a tracker \(user \d+/);
    expect(await psql(target.url, 'SELECT count(*) FROM events')).toBe(before);
  });

  it('over an existing SQLite file', async () => {
    const size = fs.statSync(source).size;
    await expect(copyDatabase(target.url, source)).rejects.toThrow(CopyRefusedError);
    await expect(copyDatabase(target.url, source)).rejects.toThrow(/already exists/);
    expect(fs.statSync(source).size).toBe(size);
  });

  it('when the PostgreSQL server does not answer', async () => {
    await expect(copyDatabase(source, 'postgres://postgres@127.0.0.1:1/tracker')).rejects.toThrow(/127\.0\.0\.1:1 does not answer/);
  });

  it('when the database does not exist', async () => {
    const missing = withDatabase(target.url, `${target.name}_missing`);
    await expect(copyDatabase(source, missing)).rejects.toThrow(/has no database ".*_missing"\. Create it first/);
  });

  it('into another application\'s database, leaving its tables alone', async () => {
    const other = await createTestPostgres('tracker_other');
    try {
      await psql(other.url, 'CREATE TABLE invoices (id int primary key)');
      await expect(copyDatabase(source, other.url)).rejects.toThrow(/another application's database/);
      expect(await psql(other.url, `SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = 'public'`)).toBe('invoices');
      expect(await psql(other.url, `SELECT to_regclass('drizzle.__drizzle_migrations') IS NULL`)).toBe('true');
    } finally {
      await other.drop();
    }
  });

  it('from or into a database migrated by a newer version, or by another branch', async () => {
    const newer = await createTestPostgres('tracker_newer');
    try {
      await (await openPostgres(newer.url, { migrate: true })).close();
      await psql(newer.url, `INSERT INTO drizzle.__drizzle_migrations (hash, created_at) VALUES ('from-the-future', 99999999999999)`);
      const back = path.join(dir, 'never.db');
      await expect(copyDatabase(newer.url, back)).rejects.toThrow(/newer version of the tracker/);
      expect(fs.existsSync(back)).toBe(false);
      await psql(newer.url, `DELETE FROM drizzle.__drizzle_migrations WHERE hash = 'from-the-future'`);
      await psql(newer.url, `UPDATE drizzle.__drizzle_migrations SET hash = 'another-branch' WHERE id = (SELECT min(id) FROM drizzle.__drizzle_migrations)`);
      await expect(copyDatabase(source, newer.url)).rejects.toThrow(/different schema history/);
    } finally {
      await newer.drop();
    }
  });

  it('when both ends are the same engine, or an address is not PostgreSQL\'s', async () => {
    await expect(copyDatabase(source, path.join(dir, 'x.db'))).rejects.toThrow(/db:backup/);
    await expect(copyDatabase(target.url, target.url)).rejects.toThrow(/pg_dump/);
  });
});
