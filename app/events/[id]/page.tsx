import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { deleteEventAction, restoreDeletedEventAction } from '@/server/actions/events';
import { EventHistory } from '@/components/event/event-history';
import { RevisionList } from '@/components/event/revision-list';
import { SourceList } from '@/components/event/source-list';
import { Notice, secondaryButtonClass } from '@/components/forms/field';
import { SmallActionForm } from '@/components/forms/small-action-form';
import { CountryChip } from '@/components/ui/country-chip';
import { EventDate } from '@/components/ui/event-date';
import { TypeBadge } from '@/components/ui/type-badge';
import { Breadcrumb } from '@/components/layout/page-frame';
import { getDb } from '@/db/index';
import { getEvent, listRevisions, parseId, type EventDetail } from '@/db/queries/events';
import { getEventHistory } from '@/db/queries/revisions';
import { canSeeDrafts, canWrite, type Viewer } from '@/lib/auth/roles';
import { getViewer, readerForPage } from '@/server/auth/viewer';
import { formatTimestamp } from '@/lib/dates';
import { ENTITY_ROLE_LABELS, LINK_KIND_LABELS } from '@/lib/vocabulary';

type Params = Promise<{ id: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Drafts for staff only; a deleted event only for editors, who can restore it. */
function loadEvent(idParam: string, viewer: Viewer | null): EventDetail | null {
  const id = parseId(idParam);
  return id === null ? null : getEvent(getDb(), id, { includeDrafts: canSeeDrafts(viewer), includeDeleted: canWrite(viewer) });
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const event = loadEvent((await params).id, await getViewer());
  return { title: event ? event.title : 'Event not found' };
}

const SAVED: Record<string, string> = {
  created: 'Event created.',
  updated: 'Changes saved.',
  unchanged: 'Nothing had changed, so nothing was saved.',
  restored: 'Event restored from the deleted events.',
  reverted: 'Earlier version restored. The history below records it.',
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="border-t border-zinc-200 pt-5 dark:border-zinc-800">
      <h2 id={id} className="mb-3 text-sm font-semibold uppercase tracking-wide text-zinc-500 dark:text-zinc-400">
        {title}
      </h2>
      {children}
    </section>
  );
}

export default async function EventPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const idParam = (await params).id;
  const viewer = await readerForPage(`/events/${idParam}`);
  const event = loadEvent(idParam, viewer);
  if (!event) notFound();
  const staff = canSeeDrafts(viewer);
  const editor = canWrite(viewer);
  const saved = (await searchParams).saved;
  const savedMessage = typeof saved === 'string' ? SAVED[saved] : undefined;

  return (
    <article className="mx-auto max-w-3xl space-y-6 px-4 py-6">
      <Breadcrumb noPrint current={`Event #${event.id}`} />

      {savedMessage ? <Notice tone="success">{savedMessage}</Notice> : null}
      {event.deletedAt ? (
        <Notice tone="error">
          <p>
            This event was deleted on {formatTimestamp(event.deletedAt)}. It is hidden from the timeline, the API and exports.
          </p>
          <div className="mt-2">
            <SmallActionForm action={restoreDeletedEventAction} fields={{ id: event.id, version: event.version }} label="Restore this event" pendingLabel="Restoring…" />
          </div>
        </Notice>
      ) : null}
      {editor && !event.deletedAt ? (
        <div className="no-print flex flex-wrap items-start gap-2" data-testid="staff-controls">
          <Link href={`/events/${event.id}/edit`} className={secondaryButtonClass}>
            Edit event
          </Link>
          <SmallActionForm
            action={deleteEventAction}
            fields={{ id: event.id, version: event.version }}
            label="Delete event"
            pendingLabel="Deleting…"
            confirm="Delete this event? It leaves the timeline; editors can restore it from Deleted events."
            danger
          />
        </div>
      ) : null}

      <header className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <TypeBadge type={event.type} />
          {event.status === 'draft' ? (
            <span className="rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 dark:bg-amber-900/40 dark:text-amber-200">
              Draft
            </span>
          ) : null}
        </div>
        <h1 className="font-serif text-3xl font-semibold leading-tight">{event.title}</h1>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-zinc-600 dark:text-zinc-400">Date</dt>
          <dd>
            <EventDate date={event.date} precision={event.datePrecision} />
          </dd>
          {event.effectiveDate && event.effectiveDatePrecision ? (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">In effect from</dt>
              <dd>
                <EventDate date={event.effectiveDate} precision={event.effectiveDatePrecision} />
              </dd>
            </>
          ) : null}
          {event.endDate && event.endDatePrecision ? (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">Until</dt>
              <dd>
                <EventDate date={event.endDate} precision={event.endDatePrecision} />
              </dd>
            </>
          ) : null}
          {event.legalAuthority ? (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">Legal authority</dt>
              <dd>{event.legalAuthority}</dd>
            </>
          ) : null}
          {event.program ? (
            <>
              <dt className="text-zinc-600 dark:text-zinc-400">Program</dt>
              <dd className="font-mono">{event.program}</dd>
            </>
          ) : null}
        </dl>
      </header>

      {event.summary ? <p className="text-lg leading-relaxed">{event.summary}</p> : null}
      {event.details ? <div className="whitespace-pre-line leading-relaxed text-zinc-800 dark:text-zinc-200">{event.details}</div> : null}

      {event.countries.length > 0 ? (
        <Section title="Countries">
          <ul className="flex flex-wrap gap-2">
            {event.countries.map((c) => (
              <li key={`${c.code}-${c.role}`}>
                <CountryChip code={c.code} role={c.role} link named />
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {event.actors.length > 0 ? (
        <Section title="Actors">
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {event.actors.map((a) => (
              <li key={`${a.id}-${a.role}`}>
                <Link href={`/entities/${a.id}`}>{a.name}</Link>{' '}
                <span className="text-zinc-600 dark:text-zinc-400">· {ENTITY_ROLE_LABELS[a.role].toLowerCase()}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      {event.tags.length > 0 ? (
        <Section title="Tags">
          <ul className="flex flex-wrap gap-2">
            {event.tags.map((t) => (
              <li key={t.slug}>
                <Link
                  href={`/?tag=${encodeURIComponent(t.slug)}`}
                  className="rounded-full bg-zinc-100 px-2.5 py-0.5 text-sm text-zinc-800 no-underline hover:underline dark:bg-zinc-800 dark:text-zinc-200"
                >
                  {t.label}
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section title="Sources">
        <SourceList sources={event.sources} />
      </Section>

      {event.links.length > 0 ? (
        <Section title="Linked events">
          <ul className="space-y-2 text-sm">
            {event.links.map((l) => (
              <li key={`${l.direction}-${l.kind}-${l.event.id}`}>
                <span className="text-zinc-600 dark:text-zinc-400">
                  {l.direction === 'out' ? LINK_KIND_LABELS[l.kind].forward : LINK_KIND_LABELS[l.kind].inverse}:
                </span>{' '}
                <Link href={`/events/${l.event.id}`}>{l.event.title}</Link>{' '}
                <span className="text-zinc-600 dark:text-zinc-400">
                  (<EventDate date={l.event.date} precision={l.event.datePrecision} short />)
                </span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section title="History">
        {staff ? (
          <EventHistory eventId={event.id} currentVersion={event.version} entries={getEventHistory(getDb(), event.id)} canRestore={editor && !event.deletedAt} />
        ) : (
          <RevisionList revisions={listRevisions(getDb(), 'event', event.id)} />
        )}
        <p className="mt-3 text-xs text-zinc-500 dark:text-zinc-400">
          Record created {formatTimestamp(event.createdAt)}, last changed {formatTimestamp(event.updatedAt)}; version{' '}
          {event.version}.
        </p>
      </Section>
    </article>
  );
}
