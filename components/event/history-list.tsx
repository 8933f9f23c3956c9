import type { ReactNode } from 'react';
import type { HistoryEntry } from '@/db/queries/revisions';
import { formatTimestamp } from '@/lib/dates';
import { FieldChanges } from './field-changes';
import { ACTION_LABELS } from './revision-list';

/**
 * A record's history as staff see it, newest first: who made each version and when, its note, and
 * what it changed field by field. Events and actors show it alike; `after` adds what can be done
 * with a version (restore it).
 */
export function HistoryList<E extends HistoryEntry>({
  entries,
  label,
  showChanges = () => true,
  after,
}: {
  entries: E[];
  /** The list's name for screen readers. */
  label: string;
  showChanges?: (entry: E) => boolean;
  after?: (entry: E) => ReactNode;
}) {
  if (entries.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No history recorded.</p>;
  return (
    <ol className="space-y-4" aria-label={label}>
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
          {showChanges(r) ? <FieldChanges changes={r.changes} /> : null}
          {after?.(r)}
        </li>
      ))}
    </ol>
  );
}
