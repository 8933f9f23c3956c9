/**
 * db:backup and db:restore on PostgreSQL, with pg_dump and pg_restore against a real server (a
 * database of this file's own): a backup brings back what was changed after it, the database as it
 * was is kept, and what is not a tracker backup, or not a tracker, is refused untouched.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDatabase } from '@/db/copy/copy';
import { bootstrapDatabase } from '@/db/engine/bootstrap';
import { createTestPostgres, type TestPostgres } from '@/testing/postgres';
import { backupPostgres, checkPgBackup, restorePostgres } from './pg-backup';

let dir: string;
let tracker: TestPostgres;
const cwd = process.cwd();

async function query(url: string, text: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows.map((r) => Object.values(r).join('|')).join('\n');
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-backup-'));
  const file = path.join(dir, 'seed.db');
  bootstrapDatabase({ path: file, seedOnEmpty: true, check: 'schema' }).sqlite.close();
  tracker = await createTestPostgres('tracker_backup');
  await copyDatabase(file, tracker.url);
  // The restore keeps the database as it was under backups/ of the working directory.
  process.chdir(dir);
}, 120_000);

afterAll(async () => {
  process.chdir(cwd);
  await tracker?.drop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('PostgreSQL backup and restore', () => {
  it('backs up, then restores what was there when the backup was made, keeping the database as it was', async () => {
    const backup = path.join(dir, 'tracker.dump');
    const check = await backupPostgres(tracker.url, backup);
    expect(check).toMatchObject({ events: true, revisions: true });
    expect(check.tables).toBeGreaterThan(30);
    const titles = await query(tracker.url, 'SELECT count(*), max(title) FROM events');

    await query(tracker.url, `UPDATE events SET title = 'Changed after the backup'`);
    const { restored, previousCopy } = await restorePostgres(backup, tracker.url);
    expect(restored.events).toBe(true);
    expect(await query(tracker.url, 'SELECT count(*), max(title) FROM events')).toBe(titles);
    // The search table's generated column and the history guard come back with the data.
    expect(Number(await query(tracker.url, `SELECT count(*) FROM event_search WHERE document @@ plainto_tsquery('simple', 'caesar')`))).toBeGreaterThan(0);
    await expect(query(tracker.url, `DELETE FROM revisions`)).rejects.toThrow(/append-only/);

    expect(previousCopy).not.toBeNull();
    const kept = await checkPgBackup(previousCopy!);
    expect(kept.events).toBe(true);
  });

  it('refuses a file that is not a tracker backup, and a database that holds no tracker', async () => {
    const notADump = path.join(dir, 'notes.txt');
    fs.writeFileSync(notADump, 'not a dump');
    await expect(restorePostgres(notADump, tracker.url)).rejects.toThrow(/not a PostgreSQL backup pg_restore can read/);
    await expect(restorePostgres(path.join(dir, 'missing.dump'), tracker.url)).rejects.toThrow(/does not exist/);
    const empty = await createTestPostgres('tracker_empty');
    try {
      await expect(backupPostgres(empty.url, path.join(dir, 'empty.dump'))).rejects.toThrow(/holds no tracker yet/);
      expect(fs.existsSync(path.join(dir, 'empty.dump'))).toBe(false);
      await query(empty.url, 'CREATE TABLE invoices (id int primary key)');
      await expect(restorePostgres(path.join(dir, 'tracker.dump'), empty.url)).rejects.toThrow(/another application's database/);
      expect(await query(empty.url, `SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = 'public'`)).toBe('invoices');
    } finally {
      await empty.drop();
    }
  });
});
