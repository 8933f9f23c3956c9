/** An event as the edit form starts from it: its current content as form values, and its version. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { eventSnapshot } from '@/db/mutations/revisions';
import { events } from '../schema';
import { eventTitles } from './revisions';
import { contentFromSnapshot, contentToFormValues } from '@/lib/event-content';
import type { EventFormValues } from '@/lib/validation/event-form';

export interface EventForEditing {
  id: number;
  version: number;
  deleted: boolean;
  values: EventFormValues;
}

export function getEventForEditing(db: DbOrTx, id: number): EventForEditing | null {
  if (!db.select({ id: events.id }).from(events).where(eq(events.id, id)).get()) return null;
  const snapshot = eventSnapshot(db, id);
  const content = contentFromSnapshot(snapshot);
  const values = contentToFormValues(content, { eventTitle: eventTitles(db, content.links.map((l) => l.toEventId)) });
  return { id, version: snapshot.version, deleted: snapshot.deletedAt !== null, values };
}
