import Link from 'next/link';
import { deleteEventAction, restoreDeletedEventAction } from '@/server/actions/events';
import { Notice, secondaryButtonClass } from '@/components/forms/field';
import { SmallActionForm } from '@/components/forms/small-action-form';
import type { EventDetail } from '@/db/queries/events';
import { formatTimestamp } from '@/lib/dates';

/** For editors: a deleted event says so and offers to restore it; any other offers edit and delete. */
export function EventStaffControls({ event }: { event: EventDetail }) {
  if (event.deletedAt) {
    return (
      <Notice tone="error">
        <p>This event was deleted on {formatTimestamp(event.deletedAt)}. It is hidden from the timeline, the API and exports.</p>
        <div className="mt-2">
          <SmallActionForm action={restoreDeletedEventAction} fields={{ id: event.id, version: event.version }} label="Restore this event" pendingLabel="Restoring…" />
        </div>
      </Notice>
    );
  }
  return (
    <div className="no-print flex flex-wrap items-start gap-2" data-testid="staff-controls">
      <Link href={`/events/${event.id}/edit`} className={secondaryButtonClass}>
        Edit event
      </Link>
      <SmallActionForm
        action={deleteEventAction}
        fields={{ id: event.id, version: event.version }}
        label="Delete event"
        pendingLabel="Deleting…"
        confirm="Delete this event? It leaves the timeline; editors can restore it from Deleted events."
        danger
      />
    </div>
  );
}
