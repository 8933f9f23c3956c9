import type { RevisionListItem } from '@/db/queries/events';
import { formatTimestamp } from '@/lib/dates';

export const ACTION_LABELS: Record<RevisionListItem['action'], string> = {
  create: 'Created',
  update: 'Edited',
  delete: 'Deleted',
  restore: 'Restored',
  merge: 'Merged',
  unmerge: 'Merge undone',
  import: 'Imported',
};

/**
 * The history as the public sees it: what happened when. Staff e-mail addresses are not shown
 * outside the staff view; changes made by scripts keep their label ("seed script").
 */
export function RevisionList({ revisions }: { revisions: RevisionListItem[] }) {
  if (revisions.length === 0) return <p className="text-sm text-zinc-600 dark:text-zinc-400">No history recorded.</p>;
  return (
    <ol className="space-y-2 text-sm" aria-label="Revision history, newest first">
      {revisions.map((r) => (
        <li key={r.id} className="flex flex-wrap gap-x-2">
          <span className="font-medium">{ACTION_LABELS[r.action]}</span>{' '}
          <span className="text-zinc-600 dark:text-zinc-400">
            by {r.userId ? 'a staff member' : r.actor} · {formatTimestamp(r.createdAt)} · version {r.version}
          </span>
          {r.note ? <span className="w-full text-zinc-600 dark:text-zinc-400">{r.note}</span> : null}
        </li>
      ))}
    </ol>
  );
}
