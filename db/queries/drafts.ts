/** Drafts for staff, most recently changed first: the work in progress. */
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { events } from '../schema';
import type { DatePrecision } from '@/lib/dates';
import type { EventTypeKey } from '@/lib/event-types';

export interface DraftListItem {
  id: number;
  title: string;
  type: EventTypeKey;
  date: string;
  datePrecision: DatePrecision;
  updatedAt: string;
  /** Who last changed it, from the latest revision. */
  updatedBy: string | null;
}

export function listDrafts(db: DbOrTx, limit = 200): DraftListItem[] {
  return db
    .select({
      id: events.id,
      title: events.title,
      type: events.type,
      date: events.date,
      datePrecision: events.datePrecision,
      updatedAt: events.updatedAt,
      // Qualified by hand: drizzle writes the outer column as a bare "id", which would mean r.id.
      updatedBy: sql<string | null>`(
        SELECT r.actor FROM revisions r
         WHERE r.record_type = 'event' AND r.record_id = "events"."id"
         ORDER BY r.id DESC LIMIT 1)`,
    })
    .from(events)
    .where(and(eq(events.status, 'draft'), isNull(events.deletedAt)))
    .orderBy(desc(events.updatedAt), desc(events.id))
    .limit(limit)
    .all();
}
