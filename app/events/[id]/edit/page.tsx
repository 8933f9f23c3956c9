import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Forbidden } from '@/components/auth/forbidden';
import { EventForm } from '@/components/forms/event-form/event-form';
import { Notice } from '@/components/forms/field';
import { getDb } from '@/db/index';
import { getEventForEditing } from '@/db/queries/event-form';
import { parseId } from '@/db/queries/events';
import { formVocabulary } from '@/db/queries/suggest';
import { staffForPage } from '@/server/auth/viewer';

export const metadata: Metadata = { title: 'Edit event' };

type Params = Promise<{ id: string }>;

export default async function EditEventPage({ params }: { params: Params }) {
  const idParam = (await params).id;
  const { viewer, allowed } = await staffForPage(`/events/${idParam}/edit`, 'records:write');
  if (!allowed) return <Forbidden viewer={viewer} needs="the editor role" />;
  const id = parseId(idParam);
  const db = getDb();
  const event = id === null ? null : getEventForEditing(db, id);
  if (!event) notFound();

  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/">Timeline</Link> <span aria-hidden="true">/</span> <Link href={`/events/${event.id}`}>Event #{event.id}</Link>{' '}
        <span aria-hidden="true">/</span> <span aria-current="page">Edit</span>
      </nav>
      <h1 className="font-serif text-3xl font-semibold">Edit event</h1>
      {event.deleted ? (
        <Notice tone="error">
          This event is deleted. <Link href="/events/deleted">Restore it</Link> before editing.
        </Notice>
      ) : (
        <EventForm eventId={event.id} version={event.version} initial={event.values} vocabulary={formVocabulary(db)} cancelHref={`/events/${event.id}`} />
      )}
    </div>
  );
}
