/**
 * npm run db:status: which engine the configuration names and, for PostgreSQL, where the primary
 * and its replicas stand (DATABASE_URL, DATABASE_REPLICA_URLS): the schema's migrations, the
 * events held, and each replica's state and lag in bytes and seconds (db/pg/replicas.ts). Reads
 * only. Exits 1 when a replica is unreachable or is not a replica, so a monitor can run it.
 */
import fs from 'node:fs';
import { count } from 'drizzle-orm';
import { events } from '@/db/pg/schema';
import { openReplicaSet, parseReplicaUrls } from '@/db/pg/replicas';
import { env } from '@/lib/env';
import { runScript, UsageError } from './run-script';

runScript(async () => {
  if (process.argv.length > 2) throw new UsageError('Usage: npm run db:status (reads DATABASE_URL and DATABASE_REPLICA_URLS, or DATABASE_PATH)');
  const config = env();
  if (!config.DATABASE_URL) {
    const file = config.DATABASE_PATH;
    const size = fs.existsSync(file) ? `${(fs.statSync(file).size / 1024 / 1024).toFixed(1)} MB` : 'not created yet';
    console.log(`Engine: SQLite, ${file} (${size}). The server's /api/health reports its checks.`);
    return;
  }
  const set = await openReplicaSet(config.DATABASE_URL, parseReplicaUrls(config.DATABASE_REPLICA_URLS), { max: 1 });
  try {
    const { applied, known } = set.primary.state;
    if (applied === 0) {
      console.log(`Engine: PostgreSQL, primary ${set.primary.label}: no tracker schema yet (npm run db:migrate creates it, npm run db:copy fills it from SQLite).`);
    } else {
      const [row] = await set.primary.db.select({ n: count() }).from(events);
      console.log(`Engine: PostgreSQL, primary ${set.primary.label}: ${applied} of ${known} migrations applied, ${row?.n ?? 0} events.`);
    }
    const status = await set.status();
    if (status.length === 0) console.log('No replicas (DATABASE_REPLICA_URLS is unset).');
    for (const s of status) {
      const detail = s.state === 'streaming' ? `lag ${s.lagBytes} bytes, ${s.lagSeconds?.toFixed(1)} s behind (replayed to ${s.replayLsn})` : (s.error ?? '');
      console.log(`Replica ${s.label}: ${s.state}${detail ? `, ${detail}` : ''}`);
    }
    if (status.some((s) => s.state !== 'streaming')) process.exitCode = 1;
  } finally {
    await set.close();
  }
});
