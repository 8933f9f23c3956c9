import type { Metadata } from 'next';
import Link from 'next/link';
import { Forbidden } from '@/components/auth/forbidden';
import { EventForm } from '@/components/forms/event-form/event-form';
import { getDb } from '@/db/index';
import { formVocabulary } from '@/db/queries/suggest';
import { staffForPage } from '@/server/auth/viewer';
import { emptyEventForm } from '@/lib/validation/event-form';

export const metadata: Metadata = { title: 'New event' };

export default async function NewEventPage() {
  const { viewer, allowed } = await staffForPage('/events/new', 'records:write');
  if (!allowed) return <Forbidden viewer={viewer} needs="the editor role" />;
  return (
    <div className="mx-auto max-w-3xl space-y-6 px-4 py-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/">Timeline</Link> <span aria-hidden="true">/</span> <span aria-current="page">New event</span>
      </nav>
      <h1 className="font-serif text-3xl font-semibold">New event</h1>
      <EventForm initial={emptyEventForm()} vocabulary={formVocabulary(getDb())} cancelHref="/" />
    </div>
  );
}
