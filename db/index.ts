/**
 * The app's database: one better-sqlite3 connection per process, opened on first use (never at
 * build time) with the cheap checks only (the full check runs in the background once the server
 * is up: db/engine/integrity.ts, started by instrumentation-node.ts), migrated and, when empty, seeded. Cached on globalThis so that every bundle that
 * imports this module, and every hot reload in development, shares the one connection.
 */
import 'server-only';
import { env } from '@/lib/env';
import { bootstrapDatabase } from '@/db/engine/bootstrap';
import type { Connection, Db } from '@/db/engine/client';
import { sqliteStore } from '@/db/store/sqlite';
import type { TrackerStore } from '@/db/store/store';
import { laterMark, postgresStore, type WriteMarks } from '@/db/store/postgres';
import { lsnToBigInt, type ReplicaSet, type WriteMark } from '@/db/pg/replicas';
import { parseWriteMarkCookie, WRITE_MARK_COOKIE } from '@/lib/http/write-mark-cookie';

/** The app's PostgreSQL, when it serves from it: the primary and replicas, and the WAL position of the last write this process made. */
interface ServingPostgres {
  set: ReplicaSet;
  marks: WriteMarks;
}

const globalForDb = globalThis as unknown as { __trackerDb?: Connection; __trackerPg?: ServingPostgres };

/** Which engine the app serves from: PostgreSQL when DATABASE_URL is set, else the SQLite file at DATABASE_PATH. */
export function servingEngine(): 'sqlite' | 'postgres' {
  return env().DATABASE_URL ? 'postgres' : 'sqlite';
}

/**
 * Opens DATABASE_URL (and DATABASE_REPLICA_URLS) for serving, once, at start (instrumentation-node.ts):
 * refuses a database that does not answer or is of another or a newer schema (nothing written),
 * migrates an older one, and fills an empty one with the seed when SEED_ON_EMPTY (db/pg/serving.ts).
 */
export async function openServingPostgres(log: (message: string) => void): Promise<ReplicaSet> {
  if (globalForDb.__trackerPg) return globalForDb.__trackerPg.set;
  const { openForServing } = await import('@/db/pg/serving');
  const set = await openForServing(env(), log);
  let mark: WriteMark | undefined;
  // Only ever forward: two writes' positions may come back out of order.
  globalForDb.__trackerPg = { set, marks: { get: () => mark, set: (m) => (mark = laterMark(mark, m)) } };
  return set;
}

/**
 * The position of the person's last write, from their request's cookie (server/http/write-mark.ts
 * sets it): reads wait for it, whichever server made the write. Next's request cookies, asked
 * here because every read of the store passes by; outside a request (start-up, the alert
 * dispatcher) there are none.
 */
async function requestWriteMark(): Promise<WriteMark | undefined> {
  let given: WriteMark | undefined;
  try {
    const { cookies } = await import('next/headers');
    given = parseWriteMarkCookie((await cookies()).get(WRITE_MARK_COOKIE)?.value);
  } catch {
    return undefined;
  }
  if (!given) return undefined;
  // Anyone can send the cookie: a position beyond the primary's (forged, to push reads onto the
  // primary) counts as the primary's own, which the replicas replay within moments. The position
  // kept may be older than a write just made elsewhere, so a cookie beyond it asks the primary again.
  const beyond = async (fresh: boolean) => {
    const primary = await primaryPosition(fresh);
    return primary !== undefined && lsnToBigInt(given.lsn) > lsnToBigInt(primary.lsn) ? primary : undefined;
  };
  if (!(await beyond(false))) return given;
  return (await beyond(true)) ?? given;
}

let primaryPositionCache: { at: number; mark: Promise<WriteMark | undefined> } | undefined;

/** The primary's current WAL position, asked at most twice a second unless `fresh`. */
function primaryPosition(fresh = false): Promise<WriteMark | undefined> {
  const set = globalForDb.__trackerPg?.set;
  if (!set) return Promise.resolve(undefined);
  const now = Date.now();
  if (fresh || !primaryPositionCache || now - primaryPositionCache.at > 500) {
    primaryPositionCache = { at: now, mark: set.currentMark().catch(() => undefined) };
  }
  return primaryPositionCache.mark;
}

/** The PostgreSQL the app serves from, or null on SQLite or before it is open. */
export function servingPostgres(): ReplicaSet | null {
  return globalForDb.__trackerPg?.set ?? null;
}

export function getConnection(): Connection {
  if (!globalForDb.__trackerDb) {
    const config = env();
    globalForDb.__trackerDb = bootstrapDatabase({
      path: config.DATABASE_PATH,
      seedOnEmpty: config.SEED_ON_EMPTY,
      check: 'schema',
      log: (m) => console.log(m),
    });
  }
  return globalForDb.__trackerDb;
}

export function getDb(): Db {
  return getConnection().db;
}

/**
 * The data-access interface (db/store/store.ts) over the app's database: what code above `db/`
 * calls for the parts that have moved behind it, so that it does not know which engine answers.
 *
 * Cached in this module, not on globalThis as the connection is: a store is code, and each bundle
 * (instrumentation, route handlers, server actions) has its own copy of the error classes callers
 * test with `instanceof`. A store built by another bundle would throw errors of that bundle's
 * classes, and a stale save would escape the conflict view as a 500.
 */
let cachedStore: { connection: Connection; store: TrackerStore } | undefined;
let cachedPgStore: { set: ReplicaSet; store: TrackerStore } | undefined;

export function getStore(): TrackerStore {
  if (servingEngine() === 'postgres') {
    const serving = globalForDb.__trackerPg;
    if (!serving) throw new Error('PostgreSQL is opened when the server starts (instrumentation-node.ts); it is not open in this process.');
    // Every bundle's store shares the process's last write, so a page reads what an action just saved.
    if (cachedPgStore?.set !== serving.set) {
      cachedPgStore = { set: serving.set, store: postgresStore(serving.set, { marks: serving.marks, readAfter: requestWriteMark }) };
    }
    return cachedPgStore.store;
  }
  const connection = getConnection();
  if (cachedStore?.connection !== connection) cachedStore = { connection, store: sqliteStore(connection) };
  return cachedStore.store;
}
