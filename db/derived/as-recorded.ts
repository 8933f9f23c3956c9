/**
 * The record as it stood at a moment, as a database: every event rebuilt from the snapshot of its
 * last revision at or before the moment (lib/history/as-recorded.ts), written into a fresh
 * in-memory database with the same schema, triggers and search index as the real one. Every
 * query of the app then runs on it unchanged, so an as-recorded timeline, event page, API answer
 * or export filters, counts, searches and pages exactly as the live one does (issue 14; decision
 * 0034), through the same facet index (decision 0039).
 *
 * Events not yet recorded at the moment are absent; later edits are undone; an event deleted
 * later is live again; one deleted by then is deleted. Actors are today's (names, aliases,
 * identifiers): the record of an event names its actors by id, and an actor renamed since shows
 * its new name. Views of the past never change once the moment has passed (history is
 * append-only), so a rebuilt database is kept for later readers (a few at a time, least recently
 * used first out).
 */
import type Database from 'better-sqlite3';
import { and, eq, getTableColumns, sql } from 'drizzle-orm';
import { LRUCache } from 'lru-cache';
import { openDatabase, type Connection, type DbOrTx } from '@/db/engine/client';
import { migrateDatabase } from '@/db/engine/migrate';
import type { EventSnapshot } from '@/db/mutations/revisions';
import type { StandingChangeSnapshot } from '@/db/queries/relations';
import { entities, entityAliases, events, revisions, standingChanges, tags } from '@/db/schema';
import { slugify } from '@/lib/slug';
import { REVISION_RECORD_TYPES } from '@/lib/vocabulary';
import type { FilterIssue, TimelineFilters } from '@/lib/filters';
import { parseMoment, revisionTime, statesAsOf, type RecordRevision } from '@/lib/history/as-recorded';
import { rebuildDerived } from './counts';
import { attachFacetIndex, facetIndexEnabled, FacetIndex } from './facet-index';
import { rebuildSearchIndex } from './search-index';

export interface AsRecorded {
  connection: Connection;
  /** The moment, milliseconds since the epoch. */
  at: number;
  /** Events rebuilt (live or deleted at the moment). */
  events: number;
  /** Whether the search index has been built (ensureSearchable). */
  searchable: boolean;
}

/** The first moment anything was recorded (the oldest revision), or null for an empty history. */
export function firstRecordedAt(db: DbOrTx): number | null {
  // One min() per kind of record, each answered from revisions_time_idx without a scan.
  const perKind = REVISION_RECORD_TYPES.map((type) => sql`SELECT min(created_at) AS t FROM revisions WHERE record_type = ${type}`);
  const row = db.get<{ first: string | null }>(sql`SELECT min(t) AS first FROM (${sql.join(perKind, sql` UNION ALL `)})`);
  return row?.first ? revisionTime(row.first) : null;
}

/** The events table's columns: the snapshot's key (camelCase) and the column's name in SQL. */
const EVENT_COLUMNS = Object.entries(getTableColumns(events)).map(([key, column]) => ({ key, name: column.name }));

/** The standing_changes table's columns, as for events. */
const STANDING_COLUMNS = Object.entries(getTableColumns(standingChanges)).map(([key, column]) => ({ key, name: column.name }));

/** Reads the revisions of one kind of record made at or before `at`. */
function revisionsUpTo<S>(db: DbOrTx, recordType: 'event' | 'standing_change', at: number): RecordRevision<S>[] {
  const limit = new Date(at).toISOString();
  return db
    .select({ id: revisions.id, recordId: revisions.recordId, action: revisions.action, version: revisions.version, createdAt: revisions.createdAt, snapshot: revisions.snapshot })
    .from(revisions)
    .where(and(eq(revisions.recordType, recordType), sql`${revisions.createdAt} <= ${limit}`))
    .all() as RecordRevision<S>[];
}

/**
 * Drops the triggers that keep derived data row by row (recreated after the load, when the
 * derived data has been computed set-wise) and returns their SQL.
 */
function dropTriggers(sqlite: Database.Database): string[] {
  const triggers = sqlite.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as { name: string; sql: string }[];
  for (const { name } of triggers) sqlite.exec(`DROP TRIGGER "${name.replace(/"/g, '""')}"`);
  return triggers.map((t) => t.sql);
}

/**
 * Builds the database of the record as it stood at `at` (milliseconds since the epoch). Loaded as
 * the synthetic databases are (db/synth/build.ts): prepared statements, no triggers, derived counts
 * and the search index computed set-wise afterwards. CHECK constraints are not applied: a
 * snapshot was valid when it was recorded, and a rule added since must not hide it from history.
 */
export function buildAsRecorded(source: DbOrTx, at: number): AsRecorded {
  return buildAsRecordedFrom(
    {
      eventRevisions: revisionsUpTo<EventSnapshot>(source, 'event', at),
      standingRevisions: revisionsUpTo<StandingChangeSnapshot>(source, 'standing_change', at),
      entityRows: source.select().from(entities).all(),
      aliasRows: source.select().from(entityAliases).all(),
      tagRows: source.select().from(tags).all(),
    },
    at,
  );
}

/** What a past record is rebuilt from: the revisions up to the moment, and today's actors and tags (read from either engine). */
export interface RecordSource {
  eventRevisions: RecordRevision<EventSnapshot>[];
  standingRevisions: RecordRevision<StandingChangeSnapshot>[];
  entityRows: (typeof entities.$inferSelect)[];
  aliasRows: (typeof entityAliases.$inferSelect)[];
  tagRows: (typeof tags.$inferSelect)[];
}

/** Builds the in-memory SQLite database of the record at `at` from what was read (either engine's). */
export function buildAsRecordedFrom({ eventRevisions, standingRevisions, entityRows, aliasRows, tagRows }: RecordSource, at: number): AsRecorded {
  const connection = openDatabase(':memory:', { check: false });
  migrateDatabase(connection.db);
  const { sqlite } = connection;
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('ignore_check_constraints = ON');
  const states = statesAsOf(eventRevisions, at);
  const standings = statesAsOf(standingRevisions, at);

  const triggers = dropTriggers(sqlite);
  const insertEvent = sqlite.prepare(
    `INSERT INTO events (${EVENT_COLUMNS.map((c) => `"${c.name}"`).join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`,
  );
  // Each junction row carries its event's facts and, for countries and actors, whether its role is
  // the (event, value)'s first: what the triggers would have copied (db/derived/counts.ts).
  const FACTS = 'event_visibility, event_type, event_date, event_date_precision';
  const insertCountry = sqlite.prepare(`INSERT OR IGNORE INTO event_countries (event_id, country_code, role, ${FACTS}, first_role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertActor = sqlite.prepare(`INSERT OR IGNORE INTO event_entities (event_id, entity_id, role, ${FACTS}, first_role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertTag = sqlite.prepare(`INSERT INTO tags (id, slug, label) VALUES (?, ?, ?)`);
  const insertEventTag = sqlite.prepare(`INSERT OR IGNORE INTO event_tags (event_id, tag_id, ${FACTS}) VALUES (?, ?, ?, ?, ?, ?)`);
  const insertSource = sqlite.prepare(
    `INSERT INTO sources (event_id, url, title, publisher, published_date, excerpt, note, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertLink = sqlite.prepare(`INSERT OR IGNORE INTO event_links (from_event_id, to_event_id, kind) VALUES (?, ?, ?)`);
  const value = (v: unknown) => (typeof v === 'boolean' ? Number(v) : v === undefined ? null : v);

  sqlite.transaction(() => {
    for (let i = 0; i < entityRows.length; i += 500) connection.db.insert(entities).values(entityRows.slice(i, i + 500)).run();
    for (let i = 0; i < aliasRows.length; i += 500) connection.db.insert(entityAliases).values(aliasRows.slice(i, i + 500)).run();
    const tagIds = new Map<string, number>();
    let nextTag = 1;
    for (const t of tagRows) {
      insertTag.run(t.id, t.slug, t.label);
      tagIds.set(t.slug, t.id);
      nextTag = Math.max(nextTag, t.id + 1);
    }
    const liveEntities = new Set(entityRows.map((e) => e.id));
    for (const [, state] of states) {
      const snapshot = state.snapshot as unknown as Record<string, unknown> & EventSnapshot;
      const row = EVENT_COLUMNS.map(({ key }) => value(snapshot[key]));
      const deletedAt = EVENT_COLUMNS.findIndex((c) => c.key === 'deletedAt');
      row[deletedAt] = state.deleted ? (snapshot.deletedAt ?? new Date(at).toISOString()) : null;
      insertEvent.run(...row);
      const id = snapshot.id;
      const facts = [state.deleted ? 'deleted' : snapshot.status, snapshot.type, snapshot.date, snapshot.datePrecision];
      for (const c of snapshot.countries) insertCountry.run(id, c.code, c.role, ...facts, firstRole(snapshot.countries, c.code, c.role, (x) => x.code));
      const actors = snapshot.actors.filter((a) => liveEntities.has(a.entityId));
      for (const a of actors) insertActor.run(id, a.entityId, a.role, ...facts, firstRole(actors, a.entityId, a.role, (x) => x.entityId));
      for (const label of snapshot.tags) {
        const slug = slugify(label);
        let tagId = tagIds.get(slug);
        if (tagId === undefined) {
          tagId = nextTag++;
          insertTag.run(tagId, slug, label);
          tagIds.set(slug, tagId);
        }
        insertEventTag.run(id, tagId, ...facts);
      }
      snapshot.sources.forEach((s, position) =>
        insertSource.run(id, s.url, s.title, s.publisher, s.publishedDate, s.excerpt, (s as { note?: string | null }).note ?? null, position),
      );
    }
    for (const [, { snapshot }] of states) {
      for (const l of snapshot.links) if (states.has(l.toEventId) && l.toEventId !== snapshot.id) insertLink.run(snapshot.id, l.toEventId, l.kind);
    }
    // Standing changes (issue 12) as they stood, with the evidence that was recorded then.
    const insertStanding = sqlite.prepare(
      `INSERT INTO standing_changes (${STANDING_COLUMNS.map((c) => `"${c.name}"`).join(', ')}) VALUES (${STANDING_COLUMNS.map(() => '?').join(', ')})`,
    );
    const insertEvidence = sqlite.prepare(`INSERT OR IGNORE INTO standing_change_evidence (change_id, event_id) VALUES (?, ?)`);
    for (const [, state] of standings) {
      const snapshot = state.snapshot as unknown as Record<string, unknown> & StandingChangeSnapshot;
      const row = STANDING_COLUMNS.map(({ key }) => value(snapshot[key]));
      row[STANDING_COLUMNS.findIndex((c) => c.key === 'deletedAt')] = state.deleted ? (snapshot.deletedAt ?? new Date(at).toISOString()) : null;
      insertStanding.run(...row);
      for (const eventId of snapshot.evidenceEventIds ?? []) if (states.has(eventId)) insertEvidence.run(snapshot.id, eventId);
    }
    rebuildDerived(sqlite, { facts: false });
    for (const trigger of triggers) sqlite.exec(trigger);
  })();
  sqlite.pragma('ignore_check_constraints = OFF');
  // The same facet index as the live record's (decision 0039): a past record's views filter, count
  // and chart as today's do. It never changes after this (building the search index later adds no
  // revision, and the index follows it).
  if (facetIndexEnabled()) {
    const index = new FacetIndex(sqlite);
    index.buildNow();
    attachFacetIndex(connection.db, index);
  }
  return { connection, at, events: states.size, searchable: false };
}

/** 1 when no row of the same (event, value) has a smaller role: the row the counts count once. */
function firstRole<T extends { role: string }, V>(rows: readonly T[], value: V, role: string, valueOf: (r: T) => V): number {
  return rows.some((r) => valueOf(r) === value && r.role < role) ? 0 : 1;
}

/**
 * The search index is the costly part of a rebuild (its text goes through normalise_text): it is
 * built the first time a search asks for it, not for every past record.
 */
export function ensureSearchable(built: AsRecorded): void {
  if (built.searchable) return;
  built.connection.sqlite.transaction(() => rebuildSearchIndex(built.connection.db))();
  built.searchable = true;
}

/**
 * Rebuilding reads every event's history into memory: past this many recorded events the
 * rebuild is refused with a message instead of holding the server for minutes (decision 0034).
 */
export const AS_RECORDED_MAX_EVENTS = 100_000;

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
  const chosen = chooseRecord(filters, firstRecordedAt(live.db), (at) => asRecordedConnection(live, at));
  return { ...chosen, connection: chosen.built?.connection ?? live };
}

/**
 * Both engines' rule for `as_recorded`: the moment is checked against the first record (`first`,
 * ms), then `build` gives the past record; a bad moment or a record too large to rebuild is an
 * issue, with today's filters.
 */
export function chooseRecord<B extends AsRecorded>(
  filters: TimelineFilters,
  first: number | null,
  build: (at: number) => B,
): Omit<RecordForRequest, 'connection'> & { built: B | null } {
  if (!filters.asRecorded) return { built: null, filters, issues: [], asRecorded: null };
  const today = { ...filters, asRecorded: null };
  const moment = parseMoment(filters.asRecorded, { name: 'as_recorded', earliest: first ?? Date.now() });
  if (!moment.ok) return { built: null, filters: today, issues: [{ param: 'as_recorded', message: moment.message }], asRecorded: null };
  try {
    const built = build(moment.at);
    if (filters.q) ensureSearchable(built);
    return { built, filters, issues: [], asRecorded: { at: moment.at, iso: moment.iso, requested: filters.asRecorded } };
  } catch (err) {
    if (err instanceof AsRecordedTooLargeError) return { built: null, filters: today, issues: [{ param: 'as_recorded', message: err.message }], asRecorded: null };
    throw err;
  }
}
