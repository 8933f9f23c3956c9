/**
 * Opening PostgreSQL for serving (issue 16): the primary and its replicas checked and migrated
 * (db/pg/replicas.ts `openReplicaSet`), and an empty database filled with the seed, as SQLite's
 * first start fills a new file: the seed is built in a temporary SQLite file by the same code and
 * copied across with the verified copy (db/copy/copy.ts). Two servers starting at once on an empty
 * database take turns on an advisory lock; the second finds the seed there.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyDatabase } from '@/db/copy/copy';
import { bootstrapDatabase } from '@/db/engine/bootstrap';
import type { Env } from '@/lib/env';
import { openReplicaSet, parseReplicaUrls, type ReplicaSet } from './replicas';

export async function openForServing(config: Env, log: (message: string) => void): Promise<ReplicaSet> {
  const url = config.DATABASE_URL!;
  const replicaUrls = parseReplicaUrls(config.DATABASE_REPLICA_URLS);
  // Everything checked first, the replicas included, without writing: a refused setting leaves the database as it was.
  await (await openReplicaSet(url, replicaUrls, { max: 1 })).close();
  const set = await openReplicaSet(url, replicaUrls, { migrate: true });
  try {
    if (config.SEED_ON_EMPTY) await seedIfEmpty(set, url, log);
  } catch (err) {
    await set.close().catch(() => {});
    throw err;
  }
  log(`Serving from PostgreSQL at ${set.primary.label}${set.replicas.length ? ` with ${set.replicas.length} replica(s)` : ''}`);
  return set;
}

/**
 * Nothing recorded and nothing a start writes (accounts, the session secret): the copy that seeds
 * fills only such a database. A database that holds an account is not seeded (and not refused).
 */
async function isEmpty(set: ReplicaSet): Promise<boolean> {
  const tables = ['events', 'revisions', 'entities', 'standing_changes', 'list_versions', 'tags', '"user"', 'app_settings'];
  const { rows } = await set.primary.pool.query<{ n: string }>(`SELECT ${tables.map((t) => `(SELECT count(*) FROM ${t})`).join(' + ')} AS n`);
  return Number(rows[0]!.n) === 0;
}

/** Fills an empty database with the seed; false when it holds a tracker already (then nothing is written). */
export async function seedIfEmpty(set: ReplicaSet, url: string, log: (message: string) => void): Promise<boolean> {
  if (!(await isEmpty(set))) return false;
  const client = await set.primary.pool.connect();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tracker-seed-'));
  try {
    await client.query(`SELECT pg_advisory_lock(hashtext('tracker:seed'))`);
    if (!(await isEmpty(set))) return false;
    const file = path.join(dir, 'seed.db');
    bootstrapDatabase({ path: file, seedOnEmpty: true, check: 'schema' }).sqlite.close();
    const report = await copyDatabase(file, url);
    log(`Filled the empty PostgreSQL database with the seed (${report.tables.find((t) => t.name === 'events')?.rows ?? 0} events).`);
    return true;
  } finally {
    await client.query(`SELECT pg_advisory_unlock(hashtext('tracker:seed'))`).catch(() => {});
    client.release();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
