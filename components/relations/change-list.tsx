/**
 * A dyad's recorded changes, oldest first: each with its date at its precision, its status, the
 * facts it records, its note and its evidence. `staff` adds what staff may do with each change
 * (edit, delete or restore, its history) below it.
 */
import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatTimestamp } from '@/lib/dates';
import type { StandingChange } from '@/lib/relations/change';
import { CHANGE_STATUS_LABELS } from '@/lib/relations/scale';
import { changeDateText, changeFactsText } from './words';

export interface ListedChange extends StandingChange {
  deletedAt?: string | null;
}

const STATUS_STYLE: Record<StandingChange['status'], string> = {
  in_effect: 'border-zinc-900 bg-zinc-900 text-white dark:border-zinc-100 dark:bg-zinc-100 dark:text-zinc-900',
  announced: 'border-zinc-900 border-dashed text-zinc-900 dark:border-zinc-100 dark:text-zinc-100',
  reported: 'border-zinc-500 border-dotted text-zinc-800 dark:text-zinc-200',
};

export function ChangeStatusBadge({ status }: { status: StandingChange['status'] }) {
  return (
    <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[status]}`}>
      {CHANGE_STATUS_LABELS[status]}
      {status === 'in_effect' ? '' : ' · not in effect'}
    </span>
  );
}

export function ChangeList<C extends ListedChange>({
  changes,
  title,
  staff,
  empty,
}: {
  changes: readonly C[];
  /** The title of each evidence event (or "Event #12"). */
  title: (eventId: number) => string;
  staff?: (change: C) => ReactNode;
  empty: ReactNode;
}) {
  if (changes.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">{empty}</p>;
  return (
    <ol className="space-y-4" aria-label="Recorded changes, oldest first">
      {changes.map((c) => (
        <li
          key={c.id}
          id={`change-${c.id}`}
          className={`rounded border p-3 text-sm ${c.deletedAt ? 'border-dashed border-red-700 dark:border-red-400' : 'border-zinc-200 dark:border-zinc-800'}`}
          data-testid="standing-change"
        >
          <p className="flex flex-wrap items-center gap-2">
            <span className="font-semibold">{changeDateText(c)}</span>
            <ChangeStatusBadge status={c.status} />
            <span className="text-zinc-600 dark:text-zinc-400">#{c.id}</span>
            {c.deletedAt ? <span className="font-medium text-red-800 dark:text-red-300">Deleted {formatTimestamp(c.deletedAt)}</span> : null}
          </p>
          <p className="mt-1">{changeFactsText(c) ? `${changeFactsText(c).charAt(0).toUpperCase()}${changeFactsText(c).slice(1)}.` : 'No fact recorded.'}</p>
          {c.note ? <p className="mt-1 whitespace-pre-line text-zinc-700 dark:text-zinc-300">{c.note}</p> : null}
          <p className="mt-1">
            Evidence:{' '}
            {c.evidenceEventIds.length === 0
              ? 'none visible to you'
              : c.evidenceEventIds.map((id, i) => (
                  <span key={id}>
                    {i > 0 ? '; ' : ''}
                    <Link href={`/events/${id}`}>{title(id)}</Link>
                  </span>
                ))}
          </p>
          {staff ? <div className="mt-3 space-y-3">{staff(c)}</div> : null}
        </li>
      ))}
    </ol>
  );
}
