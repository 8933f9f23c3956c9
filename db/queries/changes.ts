/**
 * What changed in the record since a moment: events recorded, edited (with the fields that
 * differ), deleted or restored, and actors recorded or edited, built from the revisions
 * (lib/history/as-recorded.ts `changesBetween`). The window's end is fixed by the caller, so a
 * page and its feed agree; a later change does not move an answer already given.
 *
 * Filters: the same schema as the timeline. An event's change is listed when the event matches
 * the filters as it stands now, or as it stood at the start of the window (an event deleted since
 * matches as it was; decision 0034's rebuilt record answers that).
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Connection, DbOrTx } from '@/db/engine/client';
import { asRecordedConnection, ensureSearchable } from '@/db/derived/as-recorded';
import type { EventSnapshot } from '@/db/mutations/revisions';
import { entities, events, revisions } from '@/db/schema';
import { changesBetween, type ChangeKind, type FieldDiff, type RecordChange, type RecordRevision } from '@/lib/history/as-recorded';
import { isFiltered, type TimelineFilters, type Visibility } from '@/lib/filters';
import { entityVisibleTo } from './entity-visibility';
import { listStandingChanges } from './relations';
import { timelineWhere } from './filter-conditions';

/** At most this many changed records are listed per kind of record; the page says when there are more. */
export const CHANGES_LIMIT = 500;

export interface EventChange {
  id: number;
  kind: ChangeKind;
  title: string;
  /** The event's date and precision as it stands at the end of the window. */
  date: string;
  datePrecision: EventSnapshot['datePrecision'];
  type: EventSnapshot['type'];
  /** Field differences between the start and the end of the window (edited, restored). */
  fields: FieldDiff[];
  /** Who changed it in the window, in order, and when. */
  steps: { action: string; actor: string; at: string }[];
  /** When the last change in the window was made. */
  at: string;
  /** Whether it can be opened today (live and visible to the reader). */
  live: boolean;
}

export interface EntityChange {
  id: number;
  kind: ChangeKind;
  name: string;
  fields: FieldDiff[];
  at: string;
}

/** A standing change (issue 12) recorded, edited, deleted or restored in the window. */
export interface StandingChangeChange {
  id: number;
  kind: ChangeKind;
  subject: string;
  counterpart: string;
  fields: FieldDiff[];
  at: string;
}

export interface ChangesView {
  since: string;
  until: string;
  events: EventChange[];
  entities: EntityChange[];
  standings: StandingChangeChange[];
  /** More changed records than the limit: the oldest were left out. */
  truncated: boolean;
}

/** Fields shown in an edit: the event's content, not its bookkeeping. */
export const IGNORED = ['version', 'updatedAt', 'updatedBy', 'createdAt', 'createdBy', 'deletedAt', 'id'] as const;

function revisionsOfChanged<S>(db: DbOrTx, recordType: 'event' | 'entity' | 'standing_change', since: string): RecordRevision<S>[] {
  // Named index: the revisions since a moment are read by time, not by record.
  const changed = db
    .all<{ id: number }>(
      sql`SELECT DISTINCT record_id AS id FROM revisions INDEXED BY revisions_time_idx WHERE record_type = ${recordType} AND created_at > ${since}`,
    )
    .map((r) => r.id);
  if (changed.length === 0) return [];
  const out: RecordRevision<S>[] = [];
  for (let i = 0; i < changed.length; i += 500) {
    out.push(
      ...(db
        .select({ id: revisions.id, recordId: revisions.recordId, action: revisions.action, version: revisions.version, createdAt: revisions.createdAt, snapshot: revisions.snapshot, actor: revisions.actor })
        .from(revisions)
        .where(and(eq(revisions.recordType, recordType), inArray(revisions.recordId, changed.slice(i, i + 500))))
        .orderBy(asc(revisions.id))
        .all() as (RecordRevision<S> & { actor: string })[]),
    );
  }
  return out;
}

/** The ids among `ids` that match the filters in `db` (published, or drafts too for staff). */
export function matching(db: DbOrTx, ids: number[], filters: TimelineFilters, visibility: Visibility): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const where = and(inArray(events.id, ids.slice(i, i + 500)), timelineWhere(filters, visibility));
    for (const row of db.select({ id: events.id }).from(events).where(where).all()) out.add(row.id);
  }
  return out;
}

/** Visible to the reader at one end of the window: published (or a draft, for staff). */
function visibleState(state: { snapshot: EventSnapshot } | null, visibility: Visibility): boolean {
  return state !== null && (visibility.includeDrafts || state.snapshot.status === 'published');
}

/** The events' changes in the window that the reader may see at one end of it or the other. */
export function visibleEventChanges(history: RecordRevision<EventSnapshot>[], since: number, until: number, visibility: Visibility): RecordChange<EventSnapshot>[] {
  return changesBetween(history, since, until, { ignore: IGNORED }).filter((c) => visibleState(c.before, visibility) || visibleState(c.after, visibility));
}

function eventChanges(live: Connection, since: number, until: number, filters: TimelineFilters, visibility: Visibility): EventChange[] {
  const history = revisionsOfChanged<EventSnapshot>(live.db, 'event', new Date(since).toISOString());
  const changes = visibleEventChanges(history, since, until, visibility);
  let shown: RecordChange<EventSnapshot>[] = changes;
  if (isFiltered({ ...filters, asRecorded: null }) && changes.length > 0) {
    const ids = changes.map((c) => c.recordId);
    const now = matching(live.db, ids, filters, visibility);
    const rest = ids.filter((id) => !now.has(id));
    let then = new Set<number>();
    if (rest.length > 0) {
      const past = asRecordedConnection(live, since);
      if (filters.q) ensureSearchable(past);
      then = matching(past.connection.db, rest, filters, visibility);
    }
    shown = changes.filter((c) => now.has(c.recordId) || then.has(c.recordId));
  }
  return eventChangeViews(shown, visibility);
}

/** The events' changes as the page lists them. */
export function eventChangeViews(shown: RecordChange<EventSnapshot>[], visibility: Visibility): EventChange[] {
  return shown.map((c) => {
    const end = c.after.snapshot;
    const steps = (c.revisions as (RecordRevision<EventSnapshot> & { actor?: string })[]).map((r) => ({ action: r.action, actor: r.actor ?? '', at: r.createdAt }));
    return {
      id: c.recordId,
      kind: c.kind,
      title: end.title,
      date: end.date,
      datePrecision: end.datePrecision,
      type: end.type,
      fields: c.fields,
      steps,
      at: steps[steps.length - 1]?.at ?? '',
      live: !c.after.deleted && visibleState(c.after, visibility),
    };
  });
}

export interface EntitySnapshotLike {
  name: string;
  [key: string]: unknown;
}

function entityChanges(live: Connection, since: number, until: number, visibility: Visibility): EntityChange[] {
  const history = revisionsOfChanged<EntitySnapshotLike>(live.db, 'entity', new Date(since).toISOString());
  const changes = changesBetween(history, since, until, { ignore: IGNORED });
  if (changes.length === 0) return [];
  const ids = changes.map((c) => c.recordId);
  const visible = new Set<number>();
  for (let i = 0; i < ids.length; i += 500) {
    const where = and(inArray(entities.id, ids.slice(i, i + 500)), entityVisibleTo(visibility));
    for (const row of live.db.select({ id: entities.id }).from(entities).where(where).all()) visible.add(row.id);
  }
  return entityChangeViews(changes, visible);
}

/** The actors' changes the reader may see (`visible`), as the page lists them. */
export function entityChangeViews(changes: RecordChange<EntitySnapshotLike>[], visible: Set<number>): EntityChange[] {
  return changes
    .filter((c) => visible.has(c.recordId))
    .map((c) => ({
      id: c.recordId,
      kind: c.kind,
      name: c.after.snapshot.name,
      fields: c.fields,
      at: c.revisions[c.revisions.length - 1]?.createdAt ?? '',
    }));
}

export interface StandingSnapshotLike {
  subject: string;
  counterpart: string;
  [key: string]: unknown;
}

/** Standing changes whose evidence the reader may see (listStandingChanges' rule), deleted ones included. */
function standingChangeChanges(live: Connection, since: number, until: number, visibility: Visibility): StandingChangeChange[] {
  const history = revisionsOfChanged<StandingSnapshotLike>(live.db, 'standing_change', new Date(since).toISOString());
  const changes = changesBetween(history, since, until, { ignore: IGNORED });
  if (changes.length === 0) return [];
  const visible = new Set(
    listStandingChanges(live.db, { ids: changes.map((c) => c.recordId), includeDeleted: true, includeDrafts: !!visibility.includeDrafts }).map((c) => c.id),
  );
  return standingChangeViews(changes, visible);
}

/** The standing changes' changes the reader may see (`visible`), as the page lists them. */
export function standingChangeViews(changes: RecordChange<StandingSnapshotLike>[], visible: Set<number>): StandingChangeChange[] {
  return changes
    .filter((c) => visible.has(c.recordId))
    .map((c) => ({
      id: c.recordId,
      kind: c.kind,
      subject: c.after.snapshot.subject,
      counterpart: c.after.snapshot.counterpart,
      fields: c.fields,
      at: c.revisions[c.revisions.length - 1]?.createdAt ?? '',
    }));
}

/**
 * The changes between `since` and `until` (milliseconds), newest first. Actors and standing changes
 * are listed when the view is not filtered (the filters are about events).
 */
export function changesSince(live: Connection, since: number, until: number, filters: TimelineFilters, visibility: Visibility): ChangesView {
  const allEvents = eventChanges(live, since, until, filters, visibility);
  const unfiltered = !isFiltered({ ...filters, asRecorded: null });
  const allEntities = unfiltered ? entityChanges(live, since, until, visibility) : [];
  const allStandings = unfiltered ? standingChangeChanges(live, since, until, visibility) : [];
  return changesView(since, until, allEvents, allEntities, allStandings);
}

/** The page's view of the window: each list cut at CHANGES_LIMIT, saying when it was. */
export function changesView(since: number, until: number, allEvents: EventChange[], allEntities: EntityChange[], allStandings: StandingChangeChange[]): ChangesView {
  return {
    since: new Date(since).toISOString(),
    until: new Date(until).toISOString(),
    events: allEvents.slice(0, CHANGES_LIMIT),
    entities: allEntities.slice(0, CHANGES_LIMIT),
    standings: allStandings.slice(0, CHANGES_LIMIT),
    truncated: allEvents.length > CHANGES_LIMIT || allEntities.length > CHANGES_LIMIT || allStandings.length > CHANGES_LIMIT,
  };
}

/**
 * How many events of the filtered view (as it stands now) were recorded after `since` (an ISO
 * instant): the "N new since your last visit" count. One indexed count, no diffs.
 */
export function countRecordedSince(db: DbOrTx, since: string, filters: TimelineFilters, visibility: Visibility): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    // Named: the events recorded since a visit are few, and SQLite's planner, without statistics,
    // would rather scan the table.
    .from(sql`${events} INDEXED BY events_live_created_idx`)
    .where(and(gt(events.createdAt, since), timelineWhere(filters, visibility)))
    .get();
  return row?.n ?? 0;
}
