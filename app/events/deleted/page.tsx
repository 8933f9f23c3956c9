import type { Metadata } from 'next';
import { restoreDeletedEventAction } from '@/server/actions/events';
import { staffPage } from '@/components/auth/staff-page';
import { StaffListEntry } from '@/components/event/staff-list-entry';
import { Notice } from '@/components/forms/field';
import { SmallActionForm } from '@/components/forms/small-action-form';
import { PageFrame } from '@/components/layout/page-frame';
import { getStore } from '@/db/index';
import { formatTimestamp } from '@/lib/dates';

export const metadata: Metadata = { title: 'Deleted events' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DeletedEventsPage({ searchParams }: { searchParams: SearchParams }) {
  const { forbidden } = await staffPage('/events/deleted', 'records:write');
  if (forbidden) return forbidden;
  const { items, total } = await getStore().events.deleted();
  const justDeleted = (await searchParams).deleted;

  return (
    <PageFrame
      width="4xl"
      title="Deleted events"
      intro="Deleted events are hidden from the timeline, the API and exports, and kept here with their history. Restoring one brings it back exactly as it was."
    >
      {typeof justDeleted === 'string' ? <Notice tone="success">Event #{justDeleted} deleted. It can be restored below.</Notice> : null}
      {items.length === 0 ? (
        <p className="py-10 text-center text-zinc-600 dark:text-zinc-400">No deleted events.</p>
      ) : (
        <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Deleted events, most recently deleted first">
          {items.map((e) => (
            <li key={e.id} className="flex flex-wrap items-start justify-between gap-3 py-4" data-testid="deleted-event">
              <StaffListEntry event={e}>
                Deleted {formatTimestamp(e.deletedAt)}
                {e.deletedBy ? ` by ${e.deletedBy}` : ''} · was {e.status === 'draft' ? 'a draft' : 'published'}
              </StaffListEntry>
              <SmallActionForm action={restoreDeletedEventAction} fields={{ id: e.id, version: e.version }} label="Restore" pendingLabel="Restoring…" />
            </li>
          ))}
        </ol>
      )}
      {total > items.length ? <p className="text-sm text-zinc-600">Showing the {items.length} most recently deleted of {total}.</p> : null}
    </PageFrame>
  );
}
