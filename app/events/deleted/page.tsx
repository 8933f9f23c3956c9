import type { Metadata } from 'next';
import Link from 'next/link';
import { restoreDeletedEventAction } from '@/server/actions/events';
import { Forbidden } from '@/components/auth/forbidden';
import { Notice } from '@/components/forms/field';
import { SmallActionForm } from '@/components/forms/small-action-form';
import { EventDate } from '@/components/ui/event-date';
import { TypeBadge } from '@/components/ui/type-badge';
import { getDb } from '@/db/index';
import { countDeletedEvents, listDeletedEvents } from '@/db/queries/staff-lists';
import { staffForPage } from '@/server/auth/viewer';
import { formatTimestamp } from '@/lib/dates';

export const metadata: Metadata = { title: 'Deleted events' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DeletedEventsPage({ searchParams }: { searchParams: SearchParams }) {
  const { viewer, allowed } = await staffForPage('/events/deleted', 'records:write');
  if (!allowed) return <Forbidden viewer={viewer} needs="the editor role" />;
  const db = getDb();
  const items = listDeletedEvents(db);
  const total = countDeletedEvents(db);
  const justDeleted = (await searchParams).deleted;

  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/">Timeline</Link> <span aria-hidden="true">/</span> <span aria-current="page">Deleted events</span>
      </nav>
      <div>
        <h1 className="font-serif text-3xl font-semibold">Deleted events</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Deleted events are hidden from the timeline, the API and exports, and kept here with their history. Restoring one brings it
          back exactly as it was.
        </p>
      </div>
      {typeof justDeleted === 'string' ? <Notice tone="success">Event #{justDeleted} deleted. It can be restored below.</Notice> : null}
      {items.length === 0 ? (
        <p className="py-10 text-center text-zinc-600 dark:text-zinc-400">No deleted events.</p>
      ) : (
        <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Deleted events, most recently deleted first">
          {items.map((e) => (
            <li key={e.id} className="flex flex-wrap items-start justify-between gap-3 py-4" data-testid="deleted-event">
              <div className="space-y-1">
                <div className="flex items-center gap-2">
                  <TypeBadge type={e.type} />
                  <EventDate date={e.date} precision={e.datePrecision} short className="text-sm text-zinc-600 dark:text-zinc-400" />
                </div>
                <h2 className="font-medium">
                  <Link href={`/events/${e.id}`}>{e.title}</Link>
                </h2>
                <p className="text-sm text-zinc-600 dark:text-zinc-400">
                  Deleted {formatTimestamp(e.deletedAt)}
                  {e.deletedBy ? ` by ${e.deletedBy}` : ''} · was {e.status === 'draft' ? 'a draft' : 'published'}
                </p>
              </div>
              <SmallActionForm action={restoreDeletedEventAction} fields={{ id: e.id, version: e.version }} label="Restore" pendingLabel="Restoring…" />
            </li>
          ))}
        </ol>
      )}
      {total > items.length ? <p className="text-sm text-zinc-600">Showing the {items.length} most recently deleted of {total}.</p> : null}
    </div>
  );
}
