/**
 * Migrations that change existing data, run on a database that was at the migration before them
 * and holds rows written the way the app wrote them then.
 */
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseFilters } from '@/lib/filters';
import { openDatabase, type Connection } from './client';
import { migrateDatabase, MIGRATIONS_FOLDER } from './migrate';
import { listTimeline } from '@/db/queries/timeline';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** Applies the migrations up to and including `lastTag`, as a database of that time had them. */
function migrateUpTo(conn: Connection, lastTag: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-migrations-'));
  dirs.push(dir);
  fs.cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = path.join(dir, 'meta/_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
  const end = journal.entries.findIndex((e) => e.tag === lastTag);
  expect(end, lastTag).toBeGreaterThanOrEqual(0);
  journal.entries = journal.entries.slice(0, end + 1);
  fs.writeFileSync(journalPath, JSON.stringify(journal));
  migrate(conn.db, { migrationsFolder: dir });
}

function search(conn: Connection, q: string): number[] {
  return listTimeline(conn.db, parseFilters(new URLSearchParams({ q })).filters).items.map((e) => e.id);
}

describe('0006: the search index re-written from normalised text', () => {
  it('finds rows indexed before it by the folding the search box uses', () => {
    const conn = openDatabase(':memory:');
    migrateUpTo(conn, '0005_derived_triggers');
    const sqlite = conn.sqlite;
    sqlite.exec(`
      INSERT INTO entities (id, kind, name) VALUES (1, 'person', 'Khalid Qad${'\u200D'}dour');
      INSERT INTO events (id, type, title, summary, date, status) VALUES
        (1, 'designation', 'عقوبات على ماهر الأسد', 'Treasury acted.', '2023-03-28', 'published'),
        (2, 'designation', 'ＳＹＲＩＡ designations', 'Full width.', '2023-03-29', 'published'),
        (3, 'designation', 'A designation', 'Of a person.', '2023-03-30', 'published');
      INSERT INTO event_entities (event_id, entity_id, role) VALUES (3, 1, 'target');
    `);
    // As db/derived/search-index.ts wrote rows before the migration: the text as stored.
    sqlite.exec(`INSERT INTO events_fts (rowid, title, summary, body)
      SELECT e.id, e.title, e.summary, (SELECT group_concat(en.name, ' ') FROM event_entities ee JOIN entities en ON en.id = ee.entity_id WHERE ee.event_id = e.id)
        FROM events e`);
    expect(search(conn, 'الاسد')).toEqual([]);
    expect(search(conn, 'qaddour')).toEqual([]);
    expect(search(conn, 'syria')).toEqual([]);

    migrateDatabase(conn.db);
    expect(search(conn, 'الاسد')).toEqual([1]);
    expect(search(conn, 'الأسد')).toEqual([1]);
    expect(search(conn, 'qaddour')).toEqual([3]);
    expect(search(conn, 'syria')).toEqual([2]);
    expect(sqlite.prepare(`SELECT count(*) AS n FROM events_fts`).get()).toEqual({ n: 3 });
    sqlite.exec(`INSERT INTO events_fts(events_fts) VALUES ('integrity-check')`);
    sqlite.close();
  });
});

describe('0007: source URLs stored as a browser serialises them', () => {
  it('rewrites addresses stored before the rule and leaves refused ones for staff', () => {
    const conn = openDatabase(':memory:');
    migrateUpTo(conn, '0006_reindex_normalised_text');
    conn.sqlite.exec(`
      INSERT INTO events (id, type, title, summary, date, status) VALUES (1, 'statement', 'Remarks', 'x', '2023-03-28', 'published');
      INSERT INTO sources (id, event_id, url, title) VALUES
        (1, 1, 'https://example.org', 'Bare host'),
        (2, 1, 'HTTPS://Example.ORG:443/a b', 'Capitals, port, space'),
        (3, 1, 'https://home.treasury.gov/news/press-releases/jy1377', 'Already normal'),
        (4, 1, 'https://state.gov@evil.test/', 'Credentials'),
        (5, 1, NULL, 'No address');
    `);
    migrateDatabase(conn.db);
    expect(conn.sqlite.prepare('SELECT url FROM sources ORDER BY id').pluck().all()).toEqual([
      'https://example.org/',
      'https://example.org/a%20b',
      'https://home.treasury.gov/news/press-releases/jy1377',
      'https://state.gov@evil.test/',
      null,
    ]);
    conn.sqlite.close();
  });
});

describe('0011: standing changes, and revisions that may record them', () => {
  it('keeps every revision written before it, stays append-only, and accepts standing-change revisions', () => {
    const conn = openDatabase(':memory:');
    migrateUpTo(conn, '0010_list_versions');
    conn.sqlite.exec(`
      INSERT INTO events (id, type, title, summary, date, status) VALUES (1, 'statement', 'Remarks', 'x', '2023-03-28', 'published');
      INSERT INTO revisions (id, record_type, record_id, action, version, user_id, actor, created_at, snapshot, note) VALUES
        (1, 'event', 1, 'create', 1, 'u1', 'a@example.org', '2026-11-01T10:00:00.000Z', '{"id":1,"title":"Remarks"}', NULL),
        (7, 'entity', 3, 'merge', 2, NULL, 'seed script', '2026-11-02T10:00:00.000Z', '{"id":3}', 'merged');
    `);
    const before = conn.sqlite.prepare('SELECT * FROM revisions ORDER BY id').all();
    migrateDatabase(conn.db);
    expect(conn.sqlite.prepare('SELECT * FROM revisions ORDER BY id').all()).toEqual(before);
    expect(() => conn.sqlite.exec(`UPDATE revisions SET actor = 'x' WHERE id = 1`)).toThrow(/append-only/);
    expect(() => conn.sqlite.exec(`DELETE FROM revisions WHERE id = 7`)).toThrow(/append-only/);
    conn.sqlite.exec(`INSERT INTO revisions (record_type, record_id, action, version, actor, snapshot) VALUES ('standing_change', 1, 'create', 1, 'x', '{}')`);
    // New ids continue after the highest kept one.
    expect(conn.sqlite.prepare(`SELECT max(id) FROM revisions`).pluck().get()).toBe(8);
    expect(() => conn.sqlite.exec(`INSERT INTO revisions (record_type, record_id, action, version, actor, snapshot) VALUES ('memo', 1, 'create', 1, 'x', '{}')`)).toThrow(/CHECK/);
    conn.sqlite.close();
  });
});

describe('0013: the search index keyed by spelling, without source titles', () => {
  it('finds either spelling of rows indexed before it, and no longer every event through a shared title', () => {
    const conn = openDatabase(':memory:');
    migrateUpTo(conn, '0012_source_note');
    const sqlite = conn.sqlite;
    sqlite.exec(`
      INSERT INTO events (id, type, title, summary, date, status) VALUES
        (1, 'normalisation', 'A step towards normalisation', 'x', '2023-03-28', 'published'),
        (2, 'statement', 'Remarks on sanctions', 'y', '2023-03-29', 'published');
      INSERT INTO sources (event_id, title) VALUES (1, 'How to normalize relations'), (2, 'How to normalize relations');
    `);
    // As db/derived/search-index.ts wrote rows before the migration: normalised text, source titles in the body.
    sqlite.exec(`INSERT INTO events_fts (rowid, title, summary, body)
      SELECT e.id, normalise_text(e.title), normalise_text(e.summary), normalise_text((SELECT group_concat(s.title, ' ') FROM sources s WHERE s.event_id = e.id))
        FROM events e`);
    expect(search(conn, 'normalize')).toEqual([2, 1]);

    migrateDatabase(conn.db);
    expect(search(conn, 'normalize')).toEqual([1]);
    expect(search(conn, 'normalization')).toEqual([1]);
    expect(search(conn, 'normalisation')).toEqual([1]);
    expect(search(conn, 'relations')).toEqual([]);
    expect(sqlite.prepare(`SELECT count(*) AS n FROM events_fts_vocab WHERE term = 'normalization'`).get()).toEqual({ n: 1 });
    sqlite.exec(`INSERT INTO events_fts(events_fts) VALUES ('integrity-check')`);
    sqlite.close();
  });
});
