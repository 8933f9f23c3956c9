import { restoreVersionAction } from '@/server/actions/events';
import { SmallActionForm } from '@/components/forms/small-action-form';
import type { EventHistoryEntry } from '@/db/queries/revisions';
import { HistoryList } from './history-list';

/** An event's history as staff see it, with a way back to any version. */
export function EventHistory({
  eventId,
  currentVersion,
  entries,
  canRestore,
}: {
  eventId: number;
  currentVersion: number;
  entries: EventHistoryEntry[];
  canRestore: boolean;
}) {
  return (
    <HistoryList
      entries={entries}
      label="Revision history, newest first"
      // A first version's "changes" are the whole event, shown above; only later changes are listed.
      showChanges={(r) => r.action !== 'create' && r.action !== 'import'}
      after={(r) =>
        canRestore && r.restorable ? (
          <div className="mt-2">
            <SmallActionForm
              action={restoreVersionAction}
              fields={{ id: eventId, version: currentVersion, revisionId: r.id }}
              label={`Restore version ${r.version}`}
              pendingLabel="Restoring…"
              confirm={`Make version ${r.version} the current one? The change is recorded and can itself be undone.`}
            />
          </div>
        ) : null
      }
    />
  );
}
