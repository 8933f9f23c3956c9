import type { Metadata } from 'next';
import Link from 'next/link';
import { staffPage } from '@/components/auth/staff-page';
import { StaffListEntry } from '@/components/event/staff-list-entry';
import { PageFrame } from '@/components/layout/page-frame';
import { getStore } from '@/db/index';
import { canWrite } from '@/lib/auth/roles';
import { formatTimestamp } from '@/lib/dates';

export const metadata: Metadata = { title: 'Drafts' };

export default async function DraftsPage() {
  const { viewer, forbidden } = await staffPage('/events/drafts', 'drafts:read');
  if (forbidden) return forbidden;
  const drafts = await getStore().events.drafts();
  const editor = canWrite(viewer);

  return (
    <PageFrame width="4xl" title="Drafts" intro="Events not yet published, most recently changed first. Only staff see them; publish one from its edit form.">
      {drafts.length === 0 ? (
        <p className="py-10 text-center text-zinc-600 dark:text-zinc-400">
          No drafts.{editor ? (
            <>
              {' '}
              <Link href="/events/new">Record a new event</Link>
            </>
          ) : null}
        </p>
      ) : (
        <ol className="divide-y divide-zinc-200 dark:divide-zinc-800" aria-label="Drafts, most recently changed first">
          {drafts.map((d) => (
            <li key={d.id} className="py-4" data-testid="draft">
              <StaffListEntry event={d}>
                Last changed {formatTimestamp(d.updatedAt)}
                {d.updatedBy ? ` by ${d.updatedBy}` : ''}
                {editor ? (
                  <>
                    {' · '}
                    <Link href={`/events/${d.id}/edit`}>Edit</Link>
                  </>
                ) : null}
              </StaffListEntry>
            </li>
          ))}
        </ol>
      )}
    </PageFrame>
  );
}
