/**
 * What changed since a moment, on PostgreSQL: `changesSince`'s twin (db/queries/changes.ts). The
 * revisions of the records changed in the window are read here; which changes a reader sees and
 * how they are listed is SQLite's own code. An event that matches the filters only as it stood
 * at the start of the window is found in the past record rebuilt from PostgreSQL's history
 * (./as-recorded.ts), with SQLite's `matching`.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { ensureSearchable } from '@/db/derived/as-recorded';
import type { EventSnapshot } from '@/db/mutations/revisions';
import {
  changesView,
  entityChangeViews,
  eventChangeViews,
  IGNORED,
  matching,
  standingChangeViews,
  visibleEventChanges,
  type ChangesView,
  type EntitySnapshotLike,
  type StandingSnapshotLike,
} from '@/db/queries/changes';
import { changesBetween, type RecordChange, type RecordRevision } from '@/lib/history/as-recorded';
import { isFiltered, type TimelineFilters, type Visibility } from '@/lib/filters';
import { pgAsRecorded } from './as-recorded';
import type { PgDb } from './connect';
import { pgEntityVisibleTo } from './facets';
import { pgTimelineWhere } from './filters';
import { entities, events, revisions } from './schema';
import { pgListStandingChanges } from './standings';

async function revisionsOfChanged<S>(db: PgDb, recordType: 'event' | 'entity' | 'standing_change', since: string): Promise<RecordRevision<S>[]> {
  const changed = (
    await db.execute<{ id: number }>(sql`SELECT DISTINCT record_id AS id FROM revisions WHERE record_type = ${recordType} AND created_at > ${since}`)
  ).rows.map((r) => r.id);
  const out: RecordRevision<S>[] = [];
  for (let i = 0; i < changed.length; i += 500) {
    out.push(
      ...((await db
        .select({ id: revisions.id, recordId: revisions.recordId, action: revisions.action, version: revisions.version, createdAt: revisions.createdAt, snapshot: revisions.snapshot, actor: revisions.actor })
        .from(revisions)
        .where(and(eq(revisions.recordType, recordType), inArray(revisions.recordId, changed.slice(i, i + 500))))
        .orderBy(asc(revisions.id))) as (RecordRevision<S> & { actor: string })[]),
    );
  }
  return out;
}

async function pgMatching(db: PgDb, ids: number[], filters: TimelineFilters, visibility: Visibility): Promise<Set<number>> {
  const out = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const row of await db.select({ id: events.id }).from(events).where(and(inArray(events.id, ids.slice(i, i + 500)), pgTimelineWhere(filters, visibility)))) out.add(row.id);
  }
  return out;
}

/** `changesSince`'s twin; `owner` keys the past records kept for later readers (the replica set). */
export async function pgChangesSince(owner: object, db: PgDb, since: number, until: number, filters: TimelineFilters, visibility: Visibility): Promise<ChangesView> {
  const sinceIso = new Date(since).toISOString();
  const changes = visibleEventChanges(await revisionsOfChanged<EventSnapshot>(db, 'event', sinceIso), since, until, visibility);
  let shown: RecordChange<EventSnapshot>[] = changes;
  const unfiltered = !isFiltered({ ...filters, asRecorded: null });
  if (!unfiltered && changes.length > 0) {
    const ids = changes.map((c) => c.recordId);
    const now = await pgMatching(db, ids, filters, visibility);
    const rest = ids.filter((id) => !now.has(id));
    let then = new Set<number>();
    if (rest.length > 0) {
      const past = await pgAsRecorded(owner, db, since);
      if (filters.q) ensureSearchable(past);
      then = matching(past.connection.db, rest, filters, visibility);
    }
    shown = changes.filter((c) => now.has(c.recordId) || then.has(c.recordId));
  }
  const allEvents = eventChangeViews(shown, visibility);
  if (!unfiltered) return changesView(since, until, allEvents, [], []);

  const entityChanges = changesBetween(await revisionsOfChanged<EntitySnapshotLike>(db, 'entity', sinceIso), since, until, { ignore: IGNORED });
  const visibleEntities = new Set<number>();
  const ids = entityChanges.map((c) => c.recordId);
  for (let i = 0; i < ids.length; i += 500) {
    for (const row of await db.select({ id: entities.id }).from(entities).where(and(inArray(entities.id, ids.slice(i, i + 500)), pgEntityVisibleTo(visibility)))) visibleEntities.add(row.id);
  }
  const standingChanges = changesBetween(await revisionsOfChanged<StandingSnapshotLike>(db, 'standing_change', sinceIso), since, until, { ignore: IGNORED });
  const visibleStandings =
    standingChanges.length === 0
      ? new Set<number>()
      : new Set(
          (await pgListStandingChanges(db, { ids: standingChanges.map((c) => c.recordId), includeDeleted: true, includeDrafts: !!visibility.includeDrafts })).map((c) => c.id),
        );
  return changesView(since, until, allEvents, entityChangeViews(entityChanges, visibleEntities), standingChangeViews(standingChanges, visibleStandings));
}
