/**
 * The record as it stood at a moment, read from PostgreSQL's history: the same rebuild as on
 * SQLite (db/derived/as-recorded.ts `buildAsRecordedFrom`): the revisions up to the moment and
 * today's actors and tags are read here, and the past record is an in-memory SQLite database with
 * the app's schema, search index and facet index. A store over it (db/store/sqlite.ts) answers
 * every read of the past exactly as SQLite's own as-recorded record does; the past never changes,
 * so a rebuilt record is kept for later readers (a few, least recently used first out), keyed by
 * the newest revision so that a moment of today is rebuilt after a write.
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { AS_RECORDED_MAX_EVENTS, AsRecordedTooLargeError, buildAsRecordedFrom, type AsRecorded, type RecordSource } from '@/db/derived/as-recorded';
import { revisionTime, type RecordRevision } from '@/lib/history/as-recorded';
import type { PgDb } from './connect';
import { entities, entityAliases, events, revisions, tags } from './schema';

/** `firstRecordedAt`'s twin: the oldest revision's time (ms), or null for an empty history. */
export async function pgFirstRecordedAt(db: PgDb): Promise<number | null> {
  const { rows } = await db.execute<{ first: string | null }>(sql`SELECT min(created_at) AS first FROM revisions`);
  return rows[0]?.first ? revisionTime(rows[0].first) : null;
}

async function revisionsUpTo<S>(db: PgDb, recordType: 'event' | 'standing_change', at: number): Promise<RecordRevision<S>[]> {
  const limit = new Date(at).toISOString();
  return (await db
    .select({ id: revisions.id, recordId: revisions.recordId, action: revisions.action, version: revisions.version, createdAt: revisions.createdAt, snapshot: revisions.snapshot })
    .from(revisions)
    .where(and(eq(revisions.recordType, recordType), sql`${revisions.createdAt} <= ${limit}`))
    .orderBy(asc(revisions.id))) as RecordRevision<S>[];
}

/** What the rebuild reads, from PostgreSQL. */
export async function pgRecordSource(db: PgDb, at: number): Promise<RecordSource> {
  return {
    eventRevisions: await revisionsUpTo(db, 'event', at),
    standingRevisions: await revisionsUpTo(db, 'standing_change', at),
    entityRows: await db.select().from(entities).orderBy(asc(entities.id)),
    aliasRows: await db.select().from(entityAliases),
    tagRows: await db.select().from(tags).orderBy(asc(tags.id)),
  };
}

const caches = new WeakMap<object, LRUCache<string, AsRecorded>>();

/**
 * The past record at `at`, rebuilt from `db` (kept per `owner`, the replica set, for later readers).
 * Refused (AsRecordedTooLargeError) above the size SQLite's rebuild accepts.
 */
export async function pgAsRecorded(owner: object, db: PgDb, at: number): Promise<AsRecorded> {
  let cache = caches.get(owner);
  if (!cache) {
    cache = new LRUCache<string, AsRecorded>({ max: 4, dispose: (value) => value.connection.sqlite.close() });
    caches.set(owner, cache);
  }
  const { rows } = await db.execute<{ newest: number | null; n: string }>(sql`SELECT (SELECT max(id) FROM revisions) AS newest, (SELECT count(*) FROM ${events}) AS n`);
  const key = `${at}|${rows[0]?.newest ?? 0}`;
  const kept = cache.get(key);
  if (kept) return kept;
  const count = Number(rows[0]?.n ?? 0);
  if (count > AS_RECORDED_MAX_EVENTS) throw new AsRecordedTooLargeError(count);
  const built = buildAsRecordedFrom(await pgRecordSource(db, at), at);
  cache.set(key, built);
  return built;
}
