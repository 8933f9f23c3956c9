/**
 * The record as it stood at a moment, as a database: every event rebuilt from the snapshot of its
 * last revision at or before the moment (lib/history/as-recorded.ts), written into a fresh
 * in-memory database with the same schema, triggers and search index as the real one. Every
 * query of the app then runs on it unchanged, so an as-recorded timeline, event page, API answer
 * or export filters, counts, searches and pages exactly as the live one does (issue 14; decision
 * 0034).
 *
 * Events not yet recorded at the moment are absent; later edits are undone; an event deleted
 * later is live again; one deleted by then is deleted. Actors are today's (names, aliases,
 * identifiers): the record of an event names its actors by id, and an actor renamed since shows
 * its new name. Views of the past never change once the moment has passed (history is
 * append-only), so a rebuilt database is kept for later readers (a few at a time, least recently
 * used first out).
 */
import { and, eq, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { openDatabase, type Connection, type DbOrTx, type Tx } from '@/db/engine/client';
import { migrateDatabase } from '@/db/engine/migrate';
import { ensureTags } from '@/db/mutations/events';
import type { EventSnapshot } from '@/db/mutations/revisions';
import { entities, entityAliases, eventCountries, eventEntities, eventLinks, events, eventTags, revisions, sources } from '@/db/schema';
import type { FilterIssue, TimelineFilters } from '@/lib/filters';
import { parseMoment, revisionTime, statesAsOf, type RecordRevision } from '@/lib/history/as-recorded';
import { reindexEvents } from './search-index';

export interface AsRecorded {
  connection: Connection;
  /** The moment, milliseconds since the epoch. */
  at: number;
  /** Events rebuilt (live or deleted at the moment). */
  events: number;
  /** Events whose snapshot could not be written again (a rule added since refuses it); left out. */
  skipped: number[];
}

/** The first moment anything was recorded (the oldest revision), or null for an empty history. */
export function firstRecordedAt(db: DbOrTx): number | null {
  const row = db.get<{ first: string | null }>(sql`SELECT min(created_at) AS first FROM revisions`);
  return row?.first ? revisionTime(row.first) : null;
}

const EVENT_KEYS = Object.keys(events) as (keyof typeof events.$inferInsert)[];

function eventRow(snapshot: EventSnapshot, deleted: boolean, at: number): typeof events.$inferInsert {
  const row: Record<string, unknown> = {};
  const source = snapshot as unknown as Record<string, unknown>;
  for (const key of EVENT_KEYS) if (key in source) row[key] = source[key];
  if (deleted && !row.deletedAt) row.deletedAt = new Date(at).toISOString();
  if (!deleted) row.deletedAt = null;
  return row as typeof events.$inferInsert;
}

function writeEvent(tx: Tx, snapshot: EventSnapshot, deleted: boolean, at: number, liveEntities: Set<number>): void {
  tx.insert(events).values(eventRow(snapshot, deleted, at)).run();
  const id = snapshot.id;
  if (snapshot.countries.length > 0) {
    tx.insert(eventCountries)
      .values(snapshot.countries.map((c) => ({ eventId: id, countryCode: c.code, role: c.role })))
      .onConflictDoNothing()
      .run();
  }
  const actors = snapshot.actors.filter((a) => liveEntities.has(a.entityId));
  if (actors.length > 0) {
    tx.insert(eventEntities)
      .values(actors.map((a) => ({ eventId: id, entityId: a.entityId, role: a.role })))
      .onConflictDoNothing()
      .run();
  }
  const tagIds = [...new Set(ensureTags(tx, snapshot.tags))];
  if (tagIds.length > 0) tx.insert(eventTags).values(tagIds.map((tagId) => ({ eventId: id, tagId }))).run();
  if (snapshot.sources.length > 0) {
    tx.insert(sources)
      .values(snapshot.sources.map((s, position) => ({ eventId: id, ...s, position })))
      .run();
  }
}

/** Reads the event revisions made at or before `at`, in batches, without holding them all twice. */
function eventRevisionsUpTo(db: DbOrTx, at: number): RecordRevision<EventSnapshot>[] {
  const limit = new Date(at).toISOString();
  return db
    .select({ id: revisions.id, recordId: revisions.recordId, action: revisions.action, version: revisions.version, createdAt: revisions.createdAt, snapshot: revisions.snapshot })
    .from(revisions)
    .where(and(eq(revisions.recordType, 'event'), sql`${revisions.createdAt} <= ${limit}`))
    .all() as RecordRevision<EventSnapshot>[];
}

/** Builds the database of the record as it stood at `at` (milliseconds since the epoch). */
export function buildAsRecorded(source: DbOrTx, at: number): AsRecorded {
  const connection = openDatabase(':memory:', { check: false });
  migrateDatabase(connection.db);
  const states = statesAsOf(eventRevisionsUpTo(source, at), at);
  const skipped: number[] = [];
  const entityRows = source.select().from(entities).all();
  const aliasRows = source.select().from(entityAliases).all();
  const liveEntities = new Set(entityRows.map((e) => e.id));

  connection.db.transaction((tx) => {
    for (let i = 0; i < entityRows.length; i += 500) tx.insert(entities).values(entityRows.slice(i, i + 500)).run();
    for (let i = 0; i < aliasRows.length; i += 500) tx.insert(entityAliases).values(aliasRows.slice(i, i + 500)).run();
    const written: EventSnapshot[] = [];
    for (const [id, state] of [...states].sort((a, b) => a[0] - b[0])) {
      try {
        tx.transaction((inner) => writeEvent(inner, state.snapshot, state.deleted, at, liveEntities));
        written.push(state.snapshot);
      } catch {
        skipped.push(id);
      }
    }
    const present = new Set(written.map((s) => s.id));
    for (const snapshot of written) {
      const links = snapshot.links.filter((l) => present.has(l.toEventId) && l.toEventId !== snapshot.id);
      if (links.length > 0) {
        tx.insert(eventLinks)
          .values(links.map((l) => ({ fromEventId: snapshot.id, toEventId: l.toEventId, kind: l.kind })))
          .onConflictDoNothing()
          .run();
      }
    }
    reindexEvents(tx, present);
  });
  return { connection, at, events: states.size - skipped.length, skipped };
}

/**
 * Rebuilding reads every event's history into memory: past this many recorded events the
 * rebuild is refused with a message instead of holding the server for minutes (decision 0034).
 */
export const AS_RECORDED_MAX_EVENTS = 200_000;

export class AsRecordedTooLargeError extends Error {
  constructor(count: number) {
    super(
      `The record as it stood on a date can be rebuilt for up to ${AS_RECORDED_MAX_EVENTS.toLocaleString('en')} events; ` +
        `this database holds ${count.toLocaleString('en')}. Use the history of single events instead.`,
    );
    this.name = 'AsRecordedTooLargeError';
  }
}

/**
 * The as-recorded databases of one live database, by moment, kept for later readers. The key
 * includes the newest revision so that a moment of today (the end of today is allowed) is rebuilt
 * after a write; a moment in the past never changes.
 */
const caches = new WeakMap<Connection['sqlite'], LRUCache<string, AsRecorded>>();

export function asRecordedConnection(source: Connection, at: number): AsRecorded {
  let cache = caches.get(source.sqlite);
  if (!cache) {
    cache = new LRUCache<string, AsRecorded>({ max: 4, dispose: (value) => value.connection.sqlite.close() });
    caches.set(source.sqlite, cache);
  }
  const newest = source.db.get<{ id: number | null }>(sql`SELECT max(id) AS id FROM revisions`)?.id ?? 0;
  const key = `${at}|${newest}`;
  let built = cache.get(key);
  if (!built) {
    const count = source.db.get<{ n: number }>(sql`SELECT count(*) AS n FROM events`)?.n ?? 0;
    if (count > AS_RECORDED_MAX_EVENTS) throw new AsRecordedTooLargeError(count);
    built = buildAsRecorded(source.db, at);
    cache.set(key, built);
  }
  return built;
}

/** The record a request reads: the live one, or the one as it stood at `as_recorded`. */
export interface RecordForRequest {
  connection: Connection;
  /** The filters without `asRecorded` when it could not be used (the issue says why). */
  filters: TimelineFilters;
  issues: FilterIssue[];
  /** The moment shown, when not now: milliseconds and the ISO instant. */
  asRecorded: { at: number; iso: string; requested: string } | null;
}

/**
 * Decides which record the filters read: with `as_recorded`, the database as it stood then, once
 * the moment is checked against the history (before the first record is refused, as a moment in
 * the future is by the filter schema); otherwise the live one. Never throws for a bad moment: the
 * page shows the issue as a notice and today's record, the API answers 400 with it.
 */
export function recordForFilters(live: Connection, filters: TimelineFilters): RecordForRequest {
  if (!filters.asRecorded) return { connection: live, filters, issues: [], asRecorded: null };
  const today = { ...filters, asRecorded: null };
  const first = firstRecordedAt(live.db);
  const moment = parseMoment(filters.asRecorded, { name: 'as_recorded', earliest: first ?? Date.now() });
  if (!moment.ok) return { connection: live, filters: today, issues: [{ param: 'as_recorded', message: moment.message }], asRecorded: null };
  try {
    const built = asRecordedConnection(live, moment.at);
    return { connection: built.connection, filters, issues: [], asRecorded: { at: moment.at, iso: moment.iso, requested: filters.asRecorded } };
  } catch (err) {
    if (err instanceof AsRecordedTooLargeError) return { connection: live, filters: today, issues: [{ param: 'as_recorded', message: err.message }], asRecorded: null };
    throw err;
  }
}
