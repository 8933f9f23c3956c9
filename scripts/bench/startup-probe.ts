/**
 * Times each step of the server's start-up on a database file, in-process, as
 * instrumentation-node.ts runs them (open with the cheap checks, migrations, the empty check, the
 * session secret, the first admin, the dispatcher's first query), then the full check the server
 * runs in the background, and, with --full, the old open (quick_check at open) and integrity_check:
 *   npx tsx scripts/bench/startup-probe.ts <file> [--full] [--integrity]
 * The file is opened for writing (migrations): use a copy. The OS page cache makes a second run
 * faster; drop it (echo 3 > /proc/sys/vm/drop_caches, as root) to time a cold start.
 */
import { openDatabase } from '@/db/engine/client';
import { migrateDatabase } from '@/db/engine/migrate';
import { runIntegrityCheck } from '@/db/engine/integrity-check';
import { isEmpty } from '@/db/seed/seed';
import { countAdmins } from '@/db/queries/users';
import { sqliteOutboxStore } from '@/db/store/outbox-sqlite';
import { resolveAuthSecret } from '@/server/auth/secret';

const [file, ...flags] = process.argv.slice(2);
if (!file) throw new Error('usage: startup-probe.ts <file> [--full] [--integrity]');

function time<T>(label: string, fn: () => T): T {
  const started = performance.now();
  const value = fn();
  console.log(`${label.padEnd(44)} ${(performance.now() - started).toFixed(1).padStart(9)} ms`);
  return value;
}

if (flags.includes('--full')) time("open with quick_check (before: the server's open)", () => openDatabase(file, { check: 'full' })).sqlite.close();
const conn = time('open: header, length, schema', () => openDatabase(file, { check: 'schema' }));
time('migrations (none pending)', () => migrateDatabase(conn.db));
time('empty? (seed on empty)', () => isEmpty(conn.db));
time('session secret', () => resolveAuthSecret(conn.db, undefined));
time('admins counted', () => countAdmins(conn.db));
// On SQLite the query runs before the promise is returned, so this times it.
time('dispatcher: next delivery due', () => sqliteOutboxStore(conn.db).nextDueAt());
conn.sqlite.close();
const outcome = time('background check (quick_check, read-only)', () => runIntegrityCheck(file));
console.log(`  -> ${outcome.result}${outcome.message ? `: ${outcome.message}` : ''}`);
if (flags.includes('--integrity')) {
  const Database = (await import('better-sqlite3')).default;
  const sqlite = new Database(file, { readonly: true });
  time('integrity_check (for comparison)', () => sqlite.pragma('integrity_check(10)'));
  sqlite.close();
}
