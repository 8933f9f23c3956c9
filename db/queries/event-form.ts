/** An event as the edit form starts from it: its current content as form values, and its version. */
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { eventSnapshot, type EventSnapshot } from '@/db/mutations/revisions';
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
  return editingFrom(snapshot, eventTitles(db, linkIdsOf(snapshot)));
}

/** The events an event links to (their titles label the form's links). */
export const linkIdsOf = (snapshot: EventSnapshot) => snapshot.links.map((l) => l.toEventId);

/** The form's starting point from the stored event: both engines' rule. */
export function editingFrom(snapshot: EventSnapshot, eventTitle: (id: number) => string): EventForEditing {
  const values = contentToFormValues(contentFromSnapshot(snapshot), { eventTitle });
  return { id: snapshot.id, version: snapshot.version, deleted: snapshot.deletedAt !== null, values };
}
