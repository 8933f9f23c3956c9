import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupDatabase, checkBackup, restoreDatabase } from './backup';
import { DatabaseUnavailableError, openDatabase } from '@/db/engine/client';
import { migrateDatabase } from '@/db/engine/migrate';
import { seedDatabase } from '@/db/seed/seed';

let dir: string;
let dbPath: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-backup-'));
  dbPath = path.join(dir, 'tracker.db');
  const conn = openDatabase(dbPath);
  migrateDatabase(conn.db);
  seedDatabase(conn.db);
  conn.sqlite.close();
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function countEvents(file: string): number {
  const conn = openDatabase(file, { readonly: true });
  try {
    return (conn.sqlite.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  } finally {
    conn.sqlite.close();
  }
}

/** Events the writer below has committed so far, as another connection sees them. */
function writerEvents(file: string): number {
  const conn = openDatabase(file, { readonly: true, check: false });
  try {
    return (conn.sqlite.prepare(`SELECT count(*) AS n FROM events WHERE title = 'W'`).get() as { n: number }).n;
  } finally {
    conn.sqlite.close();
  }
}

/** Resolves once `condition()` holds; fails the test with `what` after `timeoutMs`. */
async function waitUntil(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}.`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/**
 * Another process that adds an event and its revision in one transaction every few ms, until
 * `stop()` closes its input (or 30 s pass); `stop()` gives how many it wrote.
 */
function startWriter(file: string) {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(${JSON.stringify(file)});
    db.pragma('busy_timeout = 5000');
    const ev = db.prepare("INSERT INTO events (type, title, summary, date, date_precision, status) VALUES ('statement', 'W', 'S', '2024-01-01', 'day', 'published')");
    const rev = db.prepare("INSERT INTO revisions (record_type, record_id, action, version, actor, snapshot) VALUES ('event', ?, 'create', 1, 'writer', '{}')");
    const write = db.transaction(() => { const { lastInsertRowid } = ev.run(); rev.run(lastInsertRowid); });
    let stopped = false;
    process.stdin.on('end', () => { stopped = true; }).resume();
    const end = Date.now() + 30000;
    let n = 0;
    const step = () => {
      if (stopped || Date.now() > end) { console.log(n); db.close(); process.exit(0); }
      write(); n++;
      setTimeout(step, 2);
    };
    step();
  `;
  const child = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  const exited = new Promise<number>((resolve, reject) => {
    child.on('exit', (code) => (code === 0 ? resolve(Number(out.trim())) : reject(new Error(`writer exited ${code}`))));
  });
  return {
    stop: () => {
      child.stdin.end();
      return exited;
    },
  };
}

describe('backups', () => {
  it('writes consistent, checked backups while another process keeps writing', async () => {
    const writer = startWriter(dbPath);
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) {
      // Each backup is taken while the writer is at work: it has written more since the last one.
      const floor = (counts.at(-1) ?? 0) + 15;
      await waitUntil(`the writer has written ${floor} events`, () => writerEvents(dbPath) >= floor);
      const file = path.join(dir, `b${i}.db`);
      const check = backupDatabase(dbPath, file);
      expect(check.ok).toBe(true);
      // Each event the writer adds has its revision in the same transaction: a consistent
      // snapshot has exactly one more revision per event it holds beyond the seed.
      const conn = openDatabase(file, { readonly: true });
      const { events, revisions } = conn.sqlite
        .prepare(`SELECT (SELECT count(*) FROM events WHERE title = 'W') AS events, (SELECT count(*) FROM revisions WHERE actor = 'writer') AS revisions`)
        .get() as { events: number; revisions: number };
      conn.sqlite.close();
      expect(revisions).toBe(events);
      counts.push(events);
    }
    await waitUntil('the writer has gone on past the last backup', () => writerEvents(dbPath) > counts.at(-1)!);
    const written = await writer.stop();
    expect(written).toBeGreaterThan(50);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    expect(counts.at(-1)).toBeGreaterThan(0);
    expect(countEvents(dbPath)).toBe(16 + written);
  });

  it('refuses to overwrite an existing file', () => {
    const file = path.join(dir, 'b.db');
    backupDatabase(dbPath, file);
    expect(() => backupDatabase(dbPath, file)).toThrow(/already exists/);
  });

  it('says so when there is no database to back up, and creates none', () => {
    const typo = path.join(dir, 'trackr.db');
    expect(() => backupDatabase(typo, path.join(dir, 'b.db'))).toThrow(`There is no database at ${typo} to back up. Check DATABASE_PATH.`);
    expect(fs.existsSync(typo)).toBe(false);
    expect(fs.existsSync(path.join(dir, 'b.db'))).toBe(false);
  });
});

describe('restores', () => {
  it('brings the database back to the backup and keeps a copy of what was there', async () => {
    const file = path.join(dir, 'b.db');
    backupDatabase(dbPath, file);
    const conn = openDatabase(dbPath);
    conn.sqlite.prepare(`UPDATE events SET deleted_at = '2026-01-01T00:00:00Z' WHERE id <= 10`).run();
    conn.sqlite.prepare(`DELETE FROM event_tags`).run();
    conn.sqlite.close();

    const { restored, previousCopy } = await restoreDatabase(file, dbPath);
    expect(restored).toMatchObject({ ok: true, events: 16 });
    const after = openDatabase(dbPath);
    expect((after.sqlite.prepare('SELECT count(*) AS n FROM events WHERE deleted_at IS NULL').get() as { n: number }).n).toBe(16);
    expect((after.sqlite.prepare('SELECT count(*) AS n FROM event_tags').get() as { n: number }).n).toBeGreaterThan(0);
    after.sqlite.close();
    expect(previousCopy && checkBackup(previousCopy)).toMatchObject({ ok: true, events: 16 });
  });

  it('refuses a damaged backup and leaves the database as it was', async () => {
    const file = path.join(dir, 'b.db');
    backupDatabase(dbPath, file);
    const bytes = fs.readFileSync(file);
    for (let i = 8192; i < bytes.length; i += 7) bytes[i] = (bytes[i]! + 13) % 256;
    fs.writeFileSync(file, bytes);
    await expect(restoreDatabase(file, dbPath)).rejects.toThrow(/Refusing to restore/);
    expect(checkBackup(dbPath)).toMatchObject({ ok: true, events: 16 });
  });

  it('refuses a file that is not a tracker database', async () => {
    const other = path.join(dir, 'other.db');
    const conn = openDatabase(other);
    conn.sqlite.exec('CREATE TABLE notes (x)');
    conn.sqlite.close();
    await expect(restoreDatabase(other, dbPath)).rejects.toThrow(/not a tracker database/);
    fs.writeFileSync(path.join(dir, 'text.db'), 'hello, this is not SQLite'.repeat(100));
    await expect(restoreDatabase(path.join(dir, 'text.db'), dbPath)).rejects.toThrow(/cannot be read as SQLite/);
  });
});

describe('starting on a damaged file', () => {
  it('refuses with a message that names the file and what to do', () => {
    const bytes = fs.readFileSync(dbPath);
    for (let i = 4096 * 3; i < bytes.length; i += 5) bytes[i] = 0xff;
    fs.writeFileSync(dbPath, bytes);
    fs.rmSync(`${dbPath}-wal`, { force: true });
    expect(() => openDatabase(dbPath)).toThrow(DatabaseUnavailableError);
    expect(() => openDatabase(dbPath)).toThrow(new RegExp(`${dbPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}.*(damaged|not a SQLite).*db:restore`));
  });
});
