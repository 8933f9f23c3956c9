/**
 * npm run db:backup [-- path]: a consistent online backup, safe while the app is serving and writing.
 * SQLite (DATABASE_PATH): `VACUUM INTO` backups/tracker-<timestamp>.db beside the database.
 * PostgreSQL (DATABASE_URL set): `pg_dump --format=custom` into backups/tracker-<database>-<timestamp>.dump.
 */
import { backupDatabase, defaultBackupPath } from '@/db/ops/backup';
import { backupPostgres, defaultPgBackupPath } from '@/db/ops/pg-backup';
import { redact } from '@/db/pg/connect';
import { env } from '@/lib/env';
import { runScript, UsageError } from './run-script';

runScript(async () => {
  const args = process.argv.slice(2);
  if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
    throw new UsageError('Usage: npm run db:backup [-- <backup file>]');
  }
  const started = performance.now();
  const url = env().DATABASE_URL;
  if (url) {
    const destination = args[0] ?? defaultPgBackupPath(url);
    const check = await backupPostgres(url, destination);
    console.log(
      `Backup of ${redact(url)} written to ${destination} in ${Math.round(performance.now() - started)} ms: ` +
        `${check.tables} tables, readable by pg_restore.`,
    );
    return;
  }
  const source = env().DATABASE_PATH;
  const destination = args[0] ?? defaultBackupPath(source);
  const check = backupDatabase(source, destination);
  console.log(
    `Backup written to ${destination} in ${Math.round(performance.now() - started)} ms: ` +
      `${check.events} events, ${check.revisions} revisions, integrity ok.`,
  );
});
