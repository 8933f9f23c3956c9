import { restoreVersionAction } from '@/server/actions/events';
import { SmallActionForm } from '@/components/forms/small-action-form';
import type { EventHistoryEntry } from '@/db/queries/revisions';
import { formatTimestamp } from '@/lib/dates';
import { FieldChanges } from './field-changes';
import { ACTION_LABELS } from './revision-list';

/** The history as staff see it: who changed what, field by field, and a way back to any version. */
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
  if (entries.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No history recorded.</p>;
  return (
    <ol className="space-y-4" aria-label="Revision history, newest first">
      {entries.map((r) => (
        <li key={r.id} className="text-sm" data-testid="history-entry">
          <p>
            <span className="font-medium">
              {ACTION_LABELS[r.action]} · version {r.version}
            </span>{' '}
            <span className="text-zinc-600 dark:text-zinc-400">
              by {r.actor} · {formatTimestamp(r.createdAt)}
            </span>
          </p>
          {r.note ? <p className="text-zinc-600 dark:text-zinc-400">{r.note}</p> : null}
          {/* A first version's "changes" are the whole event, shown above; only later changes are listed. */}
          {r.action === 'create' || r.action === 'import' ? null : <FieldChanges changes={r.changes} />}
          {canRestore && r.restorable ? (
            <div className="mt-2">
              <SmallActionForm
                action={restoreVersionAction}
                fields={{ id: eventId, version: currentVersion, revisionId: r.id }}
                label={`Restore version ${r.version}`}
                pendingLabel="Restoring…"
                confirm={`Make version ${r.version} the current one? The change is recorded and can itself be undone.`}
              />
            </div>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
