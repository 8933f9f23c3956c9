import Link from 'next/link';
import type { ReactNode } from 'react';
import { CountryChip } from '@/components/ui/country-chip';
import { EventDate } from '@/components/ui/event-date';
import { TagLink } from '@/components/ui/tag-link';
import type { EventDetail } from '@/db/queries/events';
import { ENTITY_ROLE_LABELS, LINK_KIND_LABELS } from '@/lib/vocabulary';

/** A part of the event page under its heading; a region named by it (e2e stories find them by name). */
export function EventSection({ title, children }: { title: string; children: ReactNode }) {
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

/** The countries, actors, tags and linked events of an event, each part shown only when it has any. */
export function EventRelations({ event }: { event: EventDetail }) {
  return (
    <>
      {event.countries.length > 0 ? (
        <EventSection title="Countries">
          <ul className="flex flex-wrap gap-2">
            {event.countries.map((c) => (
              <li key={`${c.code}-${c.role}`}>
                <CountryChip code={c.code} role={c.role} link named />
              </li>
            ))}
          </ul>
        </EventSection>
      ) : null}
      {event.actors.length > 0 ? (
        <EventSection title="Actors">
          <ul className="grid gap-1 text-sm sm:grid-cols-2">
            {event.actors.map((a) => (
              <li key={`${a.id}-${a.role}`}>
                <Link href={`/entities/${a.id}`}>{a.name}</Link>{' '}
                <span className="text-zinc-600 dark:text-zinc-400">· {ENTITY_ROLE_LABELS[a.role].toLowerCase()}</span>
              </li>
            ))}
          </ul>
        </EventSection>
      ) : null}
      {event.tags.length > 0 ? (
        <EventSection title="Tags">
          <ul className="flex flex-wrap gap-2">
            {event.tags.map((t) => (
              <li key={t.slug}>
                <TagLink slug={t.slug}>{t.label}</TagLink>
              </li>
            ))}
          </ul>
        </EventSection>
      ) : null}
    </>
  );
}

/** Events this one is linked to, in either direction, each with what the link says. */
export function LinkedEvents({ links }: { links: EventDetail['links'] }) {
  if (links.length === 0) return null;
  return (
    <EventSection title="Linked events">
      <ul className="space-y-2 text-sm">
        {links.map((l) => (
          <li key={`${l.direction}-${l.kind}-${l.event.id}`}>
            <span className="text-zinc-600 dark:text-zinc-400">{l.direction === 'out' ? LINK_KIND_LABELS[l.kind].forward : LINK_KIND_LABELS[l.kind].inverse}:</span>{' '}
            <Link href={`/events/${l.event.id}`}>{l.event.title}</Link>{' '}
            <span className="text-zinc-600 dark:text-zinc-400">
              (<EventDate date={l.event.date} precision={l.event.datePrecision} short />)
            </span>
          </li>
        ))}
      </ul>
    </EventSection>
  );
}
