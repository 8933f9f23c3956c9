/**
 * The staff's lists of events outside the published timeline: drafts (the work in progress, most
 * recently changed first) and deleted events (to review and restore, most recently deleted first).
 */
import { and, desc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { events } from '../schema';
import { revisionAuthorName } from './staff-names';
import type { DatePrecision } from '@/lib/dates';
import type { EventTypeKey } from '@/lib/event-types';
import type { EventStatus } from '@/lib/vocabulary';

export interface ListedEvent {
  id: number;
  title: string;
  type: EventTypeKey;
  date: string;
  datePrecision: DatePrecision;
}

export interface DraftListItem extends ListedEvent {
  updatedAt: string;
  /** Who last changed it, from the latest revision. */
  updatedBy: string | null;
}

export interface DeletedEvent extends ListedEvent {
  status: EventStatus;
  version: number;
  deletedAt: string;
  /** Who deleted it, from the delete revision. */
  deletedBy: string | null;
}

const LISTED_COLUMNS = {
  id: events.id,
  title: events.title,
  type: events.type,
  date: events.date,
  datePrecision: events.datePrecision,
};

/** Who made the event's latest revision (of one action, if given), by display name. */
export function revisionAuthor(action?: 'delete') {
  // Qualified by hand: drizzle writes the outer column as a bare "id", which would mean r.id.
  return sql<string | null>`(
    SELECT ${revisionAuthorName('r')} FROM revisions r
     WHERE r.record_type = 'event' AND r.record_id = "events"."id"${action ? sql` AND r.action = ${action}` : sql``}
     ORDER BY r.id DESC LIMIT 1)`;
}

export function listDrafts(db: DbOrTx, limit = 200): DraftListItem[] {
  return db
    .select({ ...LISTED_COLUMNS, updatedAt: events.updatedAt, updatedBy: revisionAuthor() })
    .from(events)
    .where(and(eq(events.status, 'draft'), isNull(events.deletedAt)))
    .orderBy(desc(events.updatedAt), desc(events.id))
    .limit(limit)
    .all();
}

export function listDeletedEvents(db: DbOrTx, limit = 200): DeletedEvent[] {
  return db
    .select({
      ...LISTED_COLUMNS,
      status: events.status,
      version: events.version,
      deletedAt: sql<string>`${events.deletedAt}`,
      deletedBy: revisionAuthor('delete'),
    })
    .from(events)
    .where(isNotNull(events.deletedAt))
    .orderBy(desc(events.deletedAt), desc(events.id))
    .limit(limit)
    .all();
}

export function countDeletedEvents(db: DbOrTx): number {
  return db.select({ n: sql<number>`count(*)` }).from(events).where(isNotNull(events.deletedAt)).get()?.n ?? 0;
}
