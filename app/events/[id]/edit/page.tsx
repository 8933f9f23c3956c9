import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { staffPage } from '@/components/auth/staff-page';
import { EventForm } from '@/components/forms/event-form/event-form';
import { Notice } from '@/components/forms/field';
import { PageFrame } from '@/components/layout/page-frame';
import { getStore } from '@/db/index';
import { parseId } from '@/db/queries/events';

export const metadata: Metadata = { title: 'Edit event' };

type Params = Promise<{ id: string }>;

export default async function EditEventPage({ params }: { params: Params }) {
  const idParam = (await params).id;
  const { forbidden } = await staffPage(`/events/${idParam}/edit`, 'records:write');
  if (forbidden) return forbidden;
  const id = parseId(idParam);
  const store = getStore();
  const event = id === null ? null : await store.events.forEditing(id);
  if (!event) notFound();

  return (
    <PageFrame title="Edit event" current="Edit" trail={[{ href: `/events/${event.id}`, label: `Event #${event.id}` }]}>
      {event.deleted ? (
        <Notice tone="error">
          This event is deleted. <Link href="/events/deleted">Restore it</Link> before editing.
        </Notice>
      ) : (
        <EventForm eventId={event.id} version={event.version} initial={event.values} vocabulary={await store.events.vocabulary()} cancelHref={`/events/${event.id}`} />
      )}
    </PageFrame>
  );
}
