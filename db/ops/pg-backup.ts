/**
 * Backups and checked restores of a PostgreSQL tracker (issue 16), with PostgreSQL's own tools:
 * `pg_dump --format=custom` (one consistent snapshot while the database keeps serving) and
 * `pg_restore`. The database is checked before either (db/pg/connect.ts: it answers, it is a
 * tracker, at a schema this version knows); a backup is listed by `pg_restore --list` before it
 * gets its name, and a restore keeps a dump of what was there first and runs in one transaction,
 * so a failed restore leaves the database as it was.
 *
 * pg_dump and pg_restore must be at least the server's major version (Debian: postgresql-client).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { checkPostgresSchema, connectPostgres, describePostgresUrl, PostgresRefusedError } from '@/db/pg/connect';

export interface PgBackupCheck {
  /** The dump's table of contents holds these tracker tables. */
  tables: number;
  events: boolean;
  revisions: boolean;
}

function runTool(command: string, args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', (err: NodeJS.ErrnoException) =>
      reject(
        new PostgresRefusedError(
          err.code === 'ENOENT'
            ? `${command} is not installed: install PostgreSQL's client programs (sudo apt-get install -y postgresql-client) at the server's major version.`
            : `${command} failed to start: ${err.message}`,
        ),
      ),
    );
    child.on('close', (code) =>
      code === 0 ? resolve({ stdout, stderr }) : reject(new PostgresRefusedError(`${command} failed (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`)),
    );
  });
}

/** Reads a dump's table of contents and says whether it holds a tracker. */
export async function checkPgBackup(file: string): Promise<PgBackupCheck> {
  if (!fs.existsSync(file)) throw new PostgresRefusedError(`${file} does not exist.`);
  let listing: string;
  try {
    listing = (await runTool('pg_restore', ['--list', file])).stdout;
  } catch (err) {
    throw new PostgresRefusedError(`${file} is not a PostgreSQL backup pg_restore can read (${err instanceof Error ? err.message : String(err)}).`);
  }
  const tables = [...listing.matchAll(/ TABLE public (\S+) /g)].map((m) => m[1]!);
  const check = { tables: tables.length, events: tables.includes('events'), revisions: tables.includes('revisions') };
  if (!check.events || !check.revisions) throw new PostgresRefusedError(`${file} is a PostgreSQL backup, but not of a tracker (it has no events or revisions table).`);
  return check;
}

async function checkTracker(url: string): Promise<void> {
  const connection = await connectPostgres(url, { max: 1 });
  try {
    const state = await checkPostgresSchema(connection);
    if (state.applied === 0) throw new PostgresRefusedError(`${connection.label} holds no tracker yet: there is nothing to back up.`);
  } finally {
    await connection.close();
  }
}

function stamp(now = new Date()): string {
  return now.toISOString().replace(/[:.]/g, '-');
}

export function defaultPgBackupPath(url: string, dir = 'backups', now = new Date()): string {
  return path.resolve(dir, `tracker-${describePostgresUrl(url).database}-${stamp(now)}.dump`);
}

/** pg_dump of the tracker at `url` into `destination` (custom format), checked before it is named. */
export async function backupPostgres(url: string, destination: string): Promise<PgBackupCheck> {
  await checkTracker(url);
  const target = path.resolve(destination);
  if (fs.existsSync(target)) throw new PostgresRefusedError(`${target} already exists; choose another file name.`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = `${target}.partial-${process.pid}`;
  try {
    await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${temp}`, `--dbname=${url}`]);
    const check = await checkPgBackup(temp);
    fs.renameSync(temp, target);
    return check;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

export interface PgRestoreResult {
  restored: PgBackupCheck;
  /** The dump of the database as it was before the restore, if it held a tracker. */
  previousCopy: string | null;
}

/**
 * Replaces the tracker at `url` with a checked backup, in one transaction, after dumping what was
 * there. The database must answer and be empty or a tracker (never another application's).
 */
export async function restorePostgres(backup: string, url: string): Promise<PgRestoreResult> {
  const restored = await checkPgBackup(backup);
  const connection = await connectPostgres(url, { max: 1 });
  let holdsTracker: boolean;
  try {
    holdsTracker = (await checkPostgresSchema(connection)).applied > 0;
  } catch (err) {
    // A newer or different schema is still replaced by a restore, after it is kept; another
    // application's tables are not.
    if (err instanceof PostgresRefusedError && /another application/.test(err.message)) throw err;
    holdsTracker = true;
  } finally {
    await connection.close();
  }
  let previousCopy: string | null = null;
  if (holdsTracker) {
    previousCopy = defaultPgBackupPath(url, 'backups').replace(/tracker-(?=[^/]*$)/, 'before-restore-');
    fs.mkdirSync(path.dirname(previousCopy), { recursive: true });
    await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${previousCopy}`, `--dbname=${url}`]);
  }
  await runTool('pg_restore', ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${url}`, backup]);
  return { restored, previousCopy };
}
