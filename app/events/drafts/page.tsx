import type { Metadata } from 'next';
import Link from 'next/link';
import { Forbidden } from '@/components/auth/forbidden';
import { EventDate } from '@/components/ui/event-date';
import { TypeBadge } from '@/components/ui/type-badge';
import { getDb } from '@/db/index';
import { listDrafts } from '@/db/queries/staff-lists';
import { canWrite } from '@/lib/auth/roles';
import { staffForPage } from '@/server/auth/viewer';
import { formatTimestamp } from '@/lib/dates';

export const metadata: Metadata = { title: 'Drafts' };

export default async function DraftsPage() {
  const { viewer, allowed } = await staffForPage('/events/drafts', 'drafts:read');
  if (!allowed) return <Forbidden viewer={viewer} needs="a staff account" />;
  const drafts = listDrafts(getDb());

  return (
    <div className="mx-auto max-w-4xl space-y-6 px-4 py-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/">Timeline</Link> <span aria-hidden="true">/</span> <span aria-current="page">Drafts</span>
      </nav>
      <div>
        <h1 className="font-serif text-3xl font-semibold">Drafts</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Events not yet published, most recently changed first. Only staff see them; publish one from its edit form.
        </p>
      </div>
      {drafts.length === 0 ? (
        <p className="py-10 text-center text-zinc-600 dark:text-zinc-400">
          No drafts.{canWrite(viewer) ? (
            <>
              {' '}
              <Link href="/events/new">Record a new event</Link>
            </>
          ) : null}
        </p>
      ) : (
        <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Drafts, most recently changed first">
          {drafts.map((d) => (
            <li key={d.id} className="space-y-1 py-4" data-testid="draft">
              <div className="flex items-center gap-2">
                <TypeBadge type={d.type} />
                <EventDate date={d.date} precision={d.datePrecision} short className="text-sm text-zinc-600 dark:text-zinc-400" />
              </div>
              <h2 className="font-medium">
                <Link href={`/events/${d.id}`}>{d.title}</Link>
              </h2>
              <p className="text-sm text-zinc-600 dark:text-zinc-400">
                Last changed {formatTimestamp(d.updatedAt)}
                {d.updatedBy ? ` by ${d.updatedBy}` : ''}
                {canWrite(viewer) ? (
                  <>
                    {' · '}
                    <Link href={`/events/${d.id}/edit`}>Edit</Link>
                  </>
                ) : null}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
