import type { Metadata } from 'next';
import { staffPage } from '@/components/auth/staff-page';
import { EventForm } from '@/components/forms/event-form/event-form';
import { PageFrame } from '@/components/layout/page-frame';
import { getStore } from '@/db/index';
import { emptyEventForm } from '@/lib/validation/event-form';

export const metadata: Metadata = { title: 'New event' };

export default async function NewEventPage() {
  const { forbidden } = await staffPage('/events/new', 'records:write');
  if (forbidden) return forbidden;
  return (
    <PageFrame title="New event">
      <EventForm initial={emptyEventForm()} vocabulary={await getStore().events.vocabulary()} cancelHref="/" />
    </PageFrame>
  );
}
