/**
 * npm run db:backup [-- path]: a consistent online backup of DATABASE_PATH, safe while the app is
 * serving and writing. Default destination: backups/tracker-<timestamp>.db beside the database.
 */
import { backupDatabase, defaultBackupPath } from '@/db/ops/backup';
import { env } from '@/lib/env';
import { runScript, UsageError } from './run-script';

runScript(() => {
  const args = process.argv.slice(2);
  if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
    throw new UsageError('Usage: npm run db:backup [-- <backup file>]');
  }
  const source = env().DATABASE_PATH;
  const destination = args[0] ?? defaultBackupPath(source);
  const started = performance.now();
  const check = backupDatabase(source, destination);
  console.log(
    `Backup written to ${destination} in ${Math.round(performance.now() - started)} ms: ` +
      `${check.events} events, ${check.revisions} revisions, integrity ok.`,
  );
});
