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

const globalForDb = globalThis as unknown as { __trackerDb?: Connection };

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

export function getStore(): TrackerStore {
  const connection = getConnection();
  if (cachedStore?.connection !== connection) cachedStore = { connection, store: sqliteStore(connection) };
  return cachedStore.store;
}
