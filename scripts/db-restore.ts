/**
 * npm run db:restore -- <backup file>: checks the backup (integrity, that it is a tracker database),
 * keeps a copy of the current database under backups/, then restores and applies migrations.
 */
import { restoreDatabase } from '@/db/ops/backup';
import { env } from '@/lib/env';
import { runScript, UsageError } from './run-script';

runScript(async () => {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0]!.startsWith('-')) throw new UsageError('Usage: npm run db:restore -- <backup file>');
  const target = env().DATABASE_PATH;
  const { restored, previousCopy } = await restoreDatabase(args[0]!, target);
  if (previousCopy) console.log(`The database as it was is kept at ${previousCopy}.`);
  console.log(`Restored ${args[0]} into ${target}: ${restored.events} events, ${restored.revisions} revisions, integrity ok.`);
});
