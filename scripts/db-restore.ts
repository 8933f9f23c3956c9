/**
 * npm run db:restore -- <backup file>: checks the backup (integrity, that it is a tracker database),
 * keeps a copy of the current database under backups/, then restores and applies migrations.
 * With DATABASE_URL set, the backup is a pg_dump file and pg_restore replaces the PostgreSQL
 * tracker in one transaction (db/ops/pg-backup.ts).
 */
import { restoreDatabase } from '@/db/ops/backup';
import { restorePostgres } from '@/db/ops/pg-backup';
import { redact } from '@/db/pg/connect';
import { env } from '@/lib/env';
import { runScript, UsageError } from './run-script';

runScript(async () => {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new UsageError('Usage: npm run db:restore -- <backup file>');
  const url = env().DATABASE_URL;
  if (url) {
    const { restored, previousCopy } = await restorePostgres(args[0]!, url);
    if (previousCopy) console.log(`The database as it was is kept at ${previousCopy}.`);
    console.log(`Restored ${args[0]} into ${redact(url)}: ${restored.tables} tables.`);
    return;
  }
  const target = env().DATABASE_PATH;
  const { restored, previousCopy } = await restoreDatabase(args[0]!, target);
  if (previousCopy) console.log(`The database as it was is kept at ${previousCopy}.`);
  console.log(`Restored ${args[0]} into ${target}: ${restored.events} events, ${restored.revisions} revisions, integrity ok.`);
});
