/** Recently deleted events, for editors to review and restore. */
import { desc, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { events } from '../schema';
import type { DatePrecision } from '@/lib/dates';
import type { EventTypeKey } from '@/lib/event-types';
import type { EventStatus } from '@/lib/vocabulary';

export interface DeletedEvent {
  id: number;
  title: string;
  type: EventTypeKey;
  date: string;
  datePrecision: DatePrecision;
  status: EventStatus;
  version: number;
  deletedAt: string;
  /** Who deleted it, from the delete revision. */
  deletedBy: string | null;
}

export function listDeletedEvents(db: DbOrTx, limit = 200): DeletedEvent[] {
  return db
    .select({
      id: events.id,
      title: events.title,
      type: events.type,
      date: events.date,
      datePrecision: events.datePrecision,
      status: events.status,
      version: events.version,
      deletedAt: sql<string>`${events.deletedAt}`,
      // Qualified by hand: drizzle writes the outer column as a bare "id", which would mean r.id.
      deletedBy: sql<string | null>`(
        SELECT r.actor FROM revisions r
         WHERE r.record_type = 'event' AND r.record_id = "events"."id" AND r.action = 'delete'
         ORDER BY r.id DESC LIMIT 1)`,
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

