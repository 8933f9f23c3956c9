/**
 * What staff can do with one recorded change: correct it, delete or restore it, and see its
 * history with a way back to any version.
 */
import { HistoryList } from '@/components/event/history-list';
import { SmallActionForm } from '@/components/forms/small-action-form';
import type { StandingChangeHistoryEntry, StandingChangeRecord } from '@/db/queries/relations';
import { deleteStandingChangeAction, restoreStandingChangeAction, restoreStandingVersionAction } from '@/server/actions/standings';
import { standingHistoryEntries } from './change-history';
import { formValuesOf } from './form-values';
import { StandingChangeForm } from './standing-change-form';

export function ChangeStaffControls({
  change,
  history,
  returnTo,
  eventTitle,
}: {
  change: StandingChangeRecord;
  history: readonly StandingChangeHistoryEntry[];
  returnTo: string;
  eventTitle: (id: number) => string;
}) {
  const fields = { id: change.id, version: change.version, returnTo };
  return (
    <>
      {change.deletedAt ? (
        <SmallActionForm action={restoreStandingChangeAction} fields={fields} label={`Restore change #${change.id}`} pendingLabel="Restoring…" />
      ) : (
        <>
          <details className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
            <summary className="cursor-pointer font-medium">Edit change #{change.id}</summary>
            <div className="mt-3">
              <StandingChangeForm initial={formValuesOf(change, returnTo)} idPrefix={`change-${change.id}`} submitLabel="Save changes" />
            </div>
          </details>
          <SmallActionForm
            action={deleteStandingChangeAction}
            fields={fields}
            label={`Delete change #${change.id}`}
            pendingLabel="Deleting…"
            confirm="Delete this change? It leaves the board at once; it can be restored from this page."
            danger
          />
        </>
      )}
      <details className="rounded border border-zinc-200 p-2 dark:border-zinc-800">
        <summary className="cursor-pointer font-medium">History of change #{change.id}</summary>
        <div className="mt-3">
          <HistoryList
            entries={standingHistoryEntries(history, eventTitle)}
            label={`Revision history of change #${change.id}, newest first`}
            showChanges={(r) => r.action !== 'create'}
            after={(r) =>
              r.restorable && !change.deletedAt ? (
                <div className="mt-2">
                  <SmallActionForm
                    action={restoreStandingVersionAction}
                    fields={{ ...fields, revisionId: r.id }}
                    label={`Restore version ${r.version}`}
                    pendingLabel="Restoring…"
                    confirm={`Make version ${r.version} the current one? The change is recorded and can itself be undone.`}
                  />
                </div>
              ) : null
            }
          />
        </div>
      </details>
    </>
  );
}
