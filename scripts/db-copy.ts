/**
 * npm run db:copy -- --from <SQLite file | postgres://...> --to <postgres://... | new SQLite file>
 *
 * Copies the whole tracker between engines (db/copy/copy.ts): every table, verified by row counts
 * and checksums before the copy is committed. The target is a new SQLite file or an empty
 * PostgreSQL database; nothing is ever overwritten.
 */
import { copyDatabase } from '@/db/copy/copy';
import { parseFlags, runScript, UsageError } from './run-script';

const USAGE = `Usage: npm run db:copy -- --from <source> --to <target>
  One end is a SQLite file (e.g. data/tracker.db), the other a PostgreSQL address
  (postgres://user:password@host:5432/database). The target must be a new file or an empty database.`;

runScript(async () => {
  const flags = parseFlags(process.argv.slice(2), { from: { type: 'string' }, to: { type: 'string' } }, USAGE);
  if (!flags.from || !flags.to) throw new UsageError(USAGE);
  const report = await copyDatabase(flags.from, flags.to, { progress: (m) => console.error(`  ${m}`) });
  const width = Math.max(...report.tables.map((t) => t.name.length));
  console.log(`Copied ${report.from} to ${report.to} in ${(report.ms / 1000).toFixed(1)} s; every table verified:`);
  for (const t of report.tables) console.log(`  ${t.name.padEnd(width)}  ${String(t.rows).padStart(9)} rows  ${t.checksum}`);
  console.log(`  search index: ${report.searchRows} live events indexed.`);
});
