import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { EventFacts } from '@/components/event/event-facts';
import { EventHistory } from '@/components/event/event-history';
import { EventRelations, EventSection, LinkedEvents } from '@/components/event/event-sections';
import { EventStaffControls } from '@/components/event/event-staff-controls';
import { RevisionList } from '@/components/event/revision-list';
import { SourceList } from '@/components/event/source-list';
import { EventStandings } from '@/components/relations/event-standings';
import { Notice } from '@/components/forms/field';
import { Breadcrumb } from '@/components/layout/page-frame';
import { DraftBadge } from '@/components/ui/draft-badge';
import { TypeBadge } from '@/components/ui/type-badge';
import { FilterNotices } from '@/components/filters/filter-notices';
import { AsRecordedBanner } from '@/components/timeline/as-recorded';
import { getStore } from '@/db/index';
import type { TrackerStore } from '@/db/store/store';
import { storeForParam } from '@/server/views/record';
import { parseId, type EventDetail } from '@/db/queries/events';
import { canSeeDrafts, canWrite, type Viewer } from '@/lib/auth/roles';
import { getViewer, readerForPage } from '@/server/auth/viewer';
import { formatTimestamp, todayIso } from '@/lib/dates';
import { formatCitation } from '@/lib/citation';
import { requestSite } from '@/lib/http/request-site';
import { headers } from 'next/headers';
import { CopyCitation } from '@/components/event/copy-citation';
import { PrintHeader } from '@/components/layout/print-header';

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Drafts for staff only; a deleted event only for editors, who can restore it. `record` is the
 * database read: the live one, or the record as it stood at `as_recorded`, where an event deleted
 * by then is not shown to anyone (it was not in the record then).
 */
async function loadEvent(idParam: string, viewer: Viewer | null, record: TrackerStore = getStore(), past = false): Promise<EventDetail | null> {
  const id = parseId(idParam);
  return id === null ? null : record.events.get(id, { includeDrafts: canSeeDrafts(viewer), includeDeleted: canWrite(viewer) && !past });
}


export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const event = await loadEvent((await params).id, await getViewer());
  return { title: event ? event.title : 'Event not found' };
}

const SAVED: Record<string, string> = {
  created: 'Event created.',
  updated: 'Changes saved.',
  unchanged: 'Nothing had changed, so nothing was saved.',
  restored: 'Event restored from the deleted events.',
  reverted: 'Earlier version restored. The history below records it.',
  'standing-created': 'Standing change recorded. It is listed under "Changes a standing" and shown on the relations board.',
};

/** Every change: field by field with who made it for staff (editors can restore), what and when for the public. */
async function EventHistorySection({ event, staff, editor }: { event: EventDetail; staff: boolean; editor: boolean }) {
  const events = getStore().events;
  return (
    <EventSection title="History">
      {staff ? (
        <EventHistory eventId={event.id} currentVersion={event.version} entries={await events.history(event.id)} canRestore={editor && !event.deletedAt} />
      ) : (
        <RevisionList revisions={await events.revisions(event.id)} />
      )}
      <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">
        Record created {formatTimestamp(event.createdAt)}, last changed {formatTimestamp(event.updatedAt)}; version {event.version}.
      </p>
    </EventSection>
  );
}

export default async function EventPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const idParam = (await params).id;
  const viewer = await readerForPage(`/events/${idParam}`);
  const query = await searchParams;
  const record = await storeForParam(query.as_recorded);
  const past = record?.asRecorded ? record : null;
  const event = await loadEvent(idParam, viewer, past ? past.store : getStore(), Boolean(past));
  if (!event) notFound();
  const editor = canWrite(viewer) && !past;
  const saved = query.saved;
  const savedMessage = typeof saved === 'string' ? SAVED[saved] : undefined;

  const citation = formatCitation({
    title: event.title,
    date: event.date,
    datePrecision: event.datePrecision,
    permalink: `${requestSite(await headers()).origin}/events/${event.id}`,
    sources: event.sources,
    accessed: todayIso(),
  });

  return (
    <article className="mx-auto max-w-3xl space-y-6 px-4 py-6">
      <Breadcrumb noPrint current={`Event #${event.id}`} />
      <PrintHeader path={`/events/${event.id}`} />
      {savedMessage ? <Notice tone="success">{savedMessage}</Notice> : null}
      {past ? <AsRecordedBanner filters={past.filters} basePath={`/events/${event.id}`} /> : null}
      {record && record.issues.length > 0 ? <FilterNotices issues={record.issues} /> : null}
      {/* Only editors are shown a deleted event at all. */}
      {(editor || event.deletedAt) && !past ? <EventStaffControls event={event} /> : null}

      <header className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <TypeBadge type={event.type} />
          {event.status === 'draft' ? <DraftBadge /> : null}
        </div>
        <h1 className="font-serif text-3xl font-semibold leading-tight">{event.title}</h1>
        <EventFacts event={event} />
        <CopyCitation citation={citation} />
      </header>

      {event.summary ? <p className="text-lg leading-relaxed">{event.summary}</p> : null}
      {event.details ? <div className="whitespace-pre-line leading-relaxed text-zinc-800 dark:text-zinc-200">{event.details}</div> : null}

      <EventRelations event={event} />
      <EventSection title="Sources">
        <SourceList sources={event.sources} />
      </EventSection>
      <LinkedEvents links={event.links} />
      <EventStandings event={event} changes={await getStore().relations.citing(event.id, { includeDrafts: canSeeDrafts(viewer) })} staff={editor} />
      <EventHistorySection event={event} staff={canSeeDrafts(viewer)} editor={editor} />
    </article>
  );
}
