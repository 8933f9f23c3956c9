/**
 * Online backups and checked restores. A backup is `VACUUM INTO` a temporary file, then renamed:
 * one read transaction gives a consistent snapshot while the app keeps serving and writing (WAL
 * readers never block the writer), and a half-written file never carries the backup's name.
 * A restore checks the backup first, keeps a copy of the current database, then copies pages in
 * with SQLite's backup API, which takes the locks a running server respects.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseUnavailableError, openDatabase } from '@/db/engine/client';
import { migrateDatabase } from '@/db/engine/migrate';

export interface BackupCheck {
  ok: boolean;
  problems: string[];
  events: number;
  revisions: number;
  migrations: number;
}

const REQUIRED_TABLES = ['events', 'entities', 'revisions', '__drizzle_migrations'];

/** Opens a file read-only and says whether it is a usable tracker database. */
export function checkBackup(file: string): BackupCheck {
  const result: BackupCheck = { ok: false, problems: [], events: 0, revisions: 0, migrations: 0 };
  if (!fs.existsSync(file)) {
    result.problems.push(`${file} does not exist.`);
    return result;
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok') result.problems.push(`integrity_check reported: ${String(integrity)}`);
    const tables = new Set(
      (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((t) => t.name),
    );
    for (const t of REQUIRED_TABLES) if (!tables.has(t)) result.problems.push(`it has no "${t}" table: not a tracker database.`);
    if (result.problems.length === 0) {
      result.events = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
      result.revisions = (db.prepare('SELECT count(*) AS n FROM revisions').get() as { n: number }).n;
      result.migrations = (db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
    }
  } catch (err) {
    result.problems.push(`it cannot be read as SQLite (${err instanceof Error ? err.message : String(err)}).`);
  } finally {
    db?.close();
  }
  result.ok = result.problems.length === 0;
  return result;
}

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

export function defaultBackupPath(databasePath: string, now = new Date()): string {
  return path.join(path.dirname(path.resolve(databasePath)), 'backups', `tracker-${timestamp(now)}.db`);
}

/** Writes a consistent copy of the live database to `destination` and checks it. */
export function backupDatabase(databasePath: string, destination: string): BackupCheck {
  // Opening a missing file would create an empty database there (a mistyped DATABASE_PATH).
  if (!fs.existsSync(databasePath)) {
    throw new DatabaseUnavailableError(`There is no database at ${path.resolve(databasePath)} to back up. Check DATABASE_PATH.`);
  }
  const target = path.resolve(destination);
  if (fs.existsSync(target)) throw new DatabaseUnavailableError(`${target} already exists; choose another file name.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.partial-${process.pid}`;
  const source = openDatabase(databasePath, { check: false });
  try {
    source.sqlite.prepare('VACUUM INTO ?').run(temp);
  } finally {
    source.sqlite.close();
  }
  const check = checkBackup(temp);
  if (!check.ok) {
    fs.rmSync(temp, { force: true });
    throw new DatabaseUnavailableError(`The backup failed its check: ${check.problems.join(' ')}`);
  }
  fs.renameSync(temp, target);
  return check;
}

export interface RestoreResult {
  restored: BackupCheck;
  /** Where the database as it was before the restore was kept, if there was one. */
  previousCopy: string | null;
}

/** Replaces the database's contents with a checked backup, keeping a copy of what was there. */
export async function restoreDatabase(backupPath: string, databasePath: string): Promise<RestoreResult> {
  const check = checkBackup(backupPath);
  if (!check.ok) {
    throw new DatabaseUnavailableError(`Refusing to restore ${path.resolve(backupPath)}: ${check.problems.join(' ')}`);
  }
  let previousCopy: string | null = null;
  if (fs.existsSync(databasePath)) {
    previousCopy = path.join(path.dirname(path.resolve(databasePath)), 'backups', `before-restore-${timestamp()}.db`);
    backupDatabase(databasePath, previousCopy);
  }
  const source = new Database(backupPath, { readonly: true, fileMustExist: true });
  try {
    await source.backup(path.resolve(databasePath));
  } finally {
    source.close();
  }
  // A backup from an older release gets this release's migrations.
  const restored = openDatabase(databasePath);
  try {
    migrateDatabase(restored.db);
  } finally {
    restored.sqlite.close();
  }
  return { restored: checkBackup(databasePath), previousCopy };
}
