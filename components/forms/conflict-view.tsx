'use client';

/**
 * Shown when a save is refused because a colleague saved first: what they changed, next to what
 * you typed, field by field. Your input stays in the form below; "re-apply" puts your changed
 * fields on top of their version, so saving again keeps both sets of changes.
 */
import Link from 'next/link';
import { useEffect, useRef } from 'react';
import type { ConflictInfo } from '@/server/actions/events';
import { formatTimestamp } from '@/lib/dates';
import { buttonClass, secondaryButtonClass } from './field';

function Cell({ value, highlight }: { value: string | null; highlight?: boolean }) {
  return (
    <td className={`whitespace-pre-line px-2 py-1.5 align-top ${highlight ? 'bg-amber-50 font-medium dark:bg-amber-950' : ''}`}>
      {value ?? <span className="text-zinc-500">(not recorded)</span>}
    </td>
  );
}

export function ConflictView({
  conflict,
  onReapply,
  onLoadTheirs,
}: {
  conflict: ConflictInfo;
  onReapply: () => void;
  onLoadTheirs: () => void;
}) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [conflict]);
  const who = conflict.changedBy ?? 'Someone';
  const when = conflict.changedAt ? ` on ${formatTimestamp(conflict.changedAt)}` : '';

  return (
    <section
      ref={ref}
      tabIndex={-1}
      aria-labelledby="conflict-title"
      data-testid="conflict-view"
      className="space-y-3 rounded border-2 border-amber-600 bg-amber-50/40 p-4 dark:border-amber-500 dark:bg-amber-950/30"
    >
      <h2 id="conflict-title" className="text-lg font-semibold">
        {conflict.deleted ? 'This event was deleted while you were editing it' : 'Someone else saved this event while you were editing it'}
      </h2>
      <p className="text-sm">
        {who} saved version {conflict.currentVersion}
        {when}. <strong>Nothing you typed was saved, and nothing is lost:</strong> your input is still in the form below.
      </p>
      {conflict.deleted ? (
        <p className="text-sm">
          Restore the event from the <Link href="/events/deleted" target="_blank">deleted events</Link> first (in another tab, so this form stays open),
          then reload it and copy your changes across.
        </p>
      ) : null}
      {conflict.fields.length > 0 ? (
        <div className="overflow-x-auto">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">Fields changed by your colleague or by you</caption>
            <thead>
              <tr className="border-b border-zinc-300 text-left dark:border-zinc-700">
                <th scope="col" className="px-2 py-1.5">
                  Field
                </th>
                <th scope="col" className="px-2 py-1.5">
                  When you started
                </th>
                <th scope="col" className="px-2 py-1.5">
                  Saved by {who}
                </th>
                <th scope="col" className="px-2 py-1.5">
                  What you typed
                </th>
              </tr>
            </thead>
            <tbody>
              {conflict.fields.map((f) => (
                <tr key={f.key} className="border-b border-zinc-200 dark:border-zinc-800" data-testid={`conflict-field-${f.key}`}>
                  <th scope="row" className="px-2 py-1.5 text-left align-top font-medium">
                    {f.label}
                    <span className="block text-xs font-normal text-zinc-600 dark:text-zinc-400">
                      {f.theyChanged && f.youChanged ? 'changed by both' : f.theyChanged ? 'changed by them' : 'changed by you'}
                    </span>
                  </th>
                  <Cell value={f.base} />
                  <Cell value={f.theirs} highlight={f.theyChanged} />
                  <Cell value={f.mine} highlight={f.youChanged} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="text-sm">Their version and yours say the same thing.</p>
      )}
      {conflict.deleted ? null : (
        <div className="flex flex-wrap gap-2">
          <button type="button" className={buttonClass} onClick={onReapply}>
            Re-apply my changes on top of theirs
          </button>
          <button type="button" className={secondaryButtonClass} onClick={onLoadTheirs}>
            Discard my changes and load theirs
          </button>
        </div>
      )}
      {conflict.deleted ? null : (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          Re-applying keeps their changes to fields you did not touch; where you both changed a field, yours is kept. Nothing is
          saved until you press Save.
        </p>
      )}
    </section>
  );
}
