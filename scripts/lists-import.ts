/**
 * npm run lists:import -- --source ofac-sdn path/to/sdn.xml [--dry-run] [--published YYYY-MM-DD]
 *
 * Imports one version of an official sanctions list (issue 13) and prints the version, its counts
 * and the changes it proposes for review on /lists. The OFAC CSV set is given as its three files
 * (sdn.csv add.csv alt.csv, in that order). A file that cannot be read is refused with its name and
 * the line or element, exit code 1, and nothing written; the same file again is a no-op. With
 * DATABASE_URL set, into that PostgreSQL database.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '@/db/engine/client';
import { migrateDatabase } from '@/db/engine/migrate';
import { importListVersion, ListImportError, type ListImportResult } from '@/db/lists/import';
import { LIST_SOURCES, type ListSource } from '@/lib/lists';
import { env } from '@/lib/env';
import { openReplicaSet } from '@/db/pg/replicas';
import { postgresStore } from '@/db/store/postgres';
import { runScript, UsageError } from './run-script';

const USAGE = `Usage: npm run lists:import -- --source <${LIST_SOURCES.join('|')}> <file> [--dry-run] [--published YYYY-MM-DD]
  The OFAC CSV set: --source ofac-sdn sdn.csv add.csv alt.csv
  --published: the publication date, for files that state none (OFAC CSV, OpenSanctions).
  --as: who imports, as the history shows it (default "lists:import script").`;

function args(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { source: { type: 'string' }, 'dry-run': { type: 'boolean' }, published: { type: 'string' }, as: { type: 'string' } },
    });
  } catch (err) {
    throw new UsageError(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (!values.source || !(LIST_SOURCES as readonly string[]).includes(values.source)) {
    throw new UsageError(`Say which list the file is: --source ${LIST_SOURCES.join(', ')}.\n\n${USAGE}`);
  }
  if (positionals.length !== 1 && positionals.length !== 3) throw new UsageError(`Give one list file (or the three files of the OFAC CSV set).\n\n${USAGE}`);
  const [sdn, add, alt] = positionals as [string, string?, string?];
  return {
    source: values.source as ListSource,
    path: add && alt ? { sdn, add, alt } : sdn,
    dryRun: values['dry-run'] ?? false,
    publishedAt: values.published ?? null,
    as: values.as ?? 'lists:import script',
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function report(r: ListImportResult): string {
  const published = r.publishedAt ? `published ${r.publishedAt}${r.publishedBy === 'staff' ? ' (as given with --published; the file states none)' : ''}` : 'no publication date stated';
  if (r.status === 'unchanged') {
    return `${r.fileName}: this file was imported already as version #${r.versionId} (${r.existing!.importedAt}, by ${r.existing!.importedBy}). Nothing was written.`;
  }
  const lines = [
    `${r.status === 'dry-run' ? 'Dry run, nothing written' : `Imported version #${r.versionId}`}: ${r.source}, ${r.format}, ${r.fileName}`,
    `  ${published}; ${plural(r.entryCount, 'entry').replace(/entrys$/, 'entries')}; sha256 ${r.sha256}`,
  ];
  if (!r.previous) {
    lines.push('  First version of this list: stored as the baseline, nothing proposed.');
    return lines.join('\n');
  }
  lines.push(
    `  Compared with version #${r.previous.id}${r.previous.publishedAt ? ` (published ${r.previous.publishedAt})` : ''}: ${plural(r.designations, 'designation')}, ${plural(r.amendments, 'amendment')}, ${plural(r.removals, 'removal')} proposed` +
      (r.skippedRejected ? `; ${r.skippedRejected} rejected before, not proposed again` : ''),
  );
  for (const p of r.proposals.slice(0, 50)) {
    lines.push(`    ${p.kind.padEnd(11)} ${p.entryKey.padEnd(12)} ${p.name}  ${p.date ? `${p.date.date} (${p.date.precision}, ${p.date.basis === 'list' ? "the list's date" : 'between versions'})` : '(undated: give a date on review)'}`);
  }
  if (r.proposals.length > 50) lines.push(`    … and ${r.proposals.length - 50} more; review them on /lists.`);
  return lines.join('\n');
}

runScript(async () => {
  const options = args(process.argv.slice(2));
  const importedBy = { userId: null, label: options.as };
  const databaseUrl = env().DATABASE_URL;
  try {
    if (databaseUrl) {
      // PostgreSQL (DATABASE_URL): the same import through the store, migrated first as the server does.
      const set = await openReplicaSet(databaseUrl, [], { migrate: true, max: 2 });
      try {
        console.log(report(await postgresStore(set).lists.import({ ...options, importedBy })));
      } finally {
        await set.close();
      }
      return;
    }
    const { db, sqlite } = openDatabase(env().DATABASE_PATH);
    try {
      migrateDatabase(db);
      console.log(report(await importListVersion(db, { ...options, importedBy })));
    } finally {
      sqlite.close();
    }
  } catch (err) {
    if (!(err instanceof ListImportError)) throw err;
    console.error(`Refused, nothing written: ${err.message}`);
    process.exitCode = 1;
  }
});
