import type { EventSummary } from '@/db/queries/events';
import { CountryChip } from '@/components/ui/country-chip';
import { DraftBadge } from '@/components/ui/draft-badge';
import { EventDate } from '@/components/ui/event-date';
import { TagLink } from '@/components/ui/tag-link';
import { TypeBadge } from '@/components/ui/type-badge';
import type { SearchGroups } from '@/lib/search-syntax';
import type { EntityRole } from '@/lib/vocabulary';
import { Highlight } from './highlight';

const MAX_ACTORS = 4;
// Who acted comes first, then whom it was aimed at, then everyone else.
const LIST_ORDER: EntityRole[] = ['issuer', 'speaker', 'signatory', 'target', 'participant', 'subject', 'addressee'];
const ROLE_RANK = new Map(LIST_ORDER.map((r, i) => [r, i]));

/** The actors worth naming in a list: issuers and targets first, one entry per entity. */
export function mainActors(actors: EventSummary['actors']) {
  const seen = new Set<number>();
  return [...actors]
    .sort((a, b) => (ROLE_RANK.get(a.role) ?? 99) - (ROLE_RANK.get(b.role) ?? 99))
    .filter((a) => (seen.has(a.id) ? false : (seen.add(a.id), true)));
}

export interface TimelineItemProps {
  event: EventSummary;
  headingLevel?: 3 | 4 | 5;
  /** The active search, to highlight what it matched. */
  highlight?: SearchGroups | null;
  /** In a view as recorded on a date, the event's page opens as it stood then. */
  asRecorded?: string | null;
}

/**
 * One event in a list. Its links are plain `<a>` elements: the list around it (TimelineList)
 * navigates within the app with one click handler, so a server-rendered page of events hydrates
 * no link components. Every item is laid out, on screen or not: with `content-visibility: auto`
 * an item off screen took a placeholder height, and on a phone its tags ran over the next event's
 * title (Lighthouse's target-size audit failed on `/` in 2 of 8 runs; e2e/reader/phone.spec.ts).
 */
export function TimelineItem({ event, headingLevel = 4, highlight = null, asRecorded = null }: TimelineItemProps) {
  const actors = mainActors(event.actors);
  const shown = actors.slice(0, MAX_ACTORS);
  const Heading = `h${headingLevel}` as 'h3' | 'h4' | 'h5';
  return (
    <article
      aria-labelledby={`event-${event.id}-title`}
      className="grid gap-x-4 gap-y-1 py-4 sm:grid-cols-[8.5rem_1fr]"
      data-testid="timeline-item"
    >
      <div className="text-sm font-medium tabular-nums text-zinc-600 dark:text-zinc-400">
        <EventDate date={event.date} precision={event.datePrecision} short />
      </div>
      <div className="min-w-0 space-y-1.5">
        <div className="flex flex-wrap items-center gap-2">
          <TypeBadge type={event.type} />
          {event.status === 'draft' ? <DraftBadge /> : null}
          {event.program ? <span className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{event.program}</span> : null}
        </div>
        <Heading id={`event-${event.id}-title`} className="text-base font-semibold leading-snug">
          <a href={asRecorded ? `/events/${event.id}?as_recorded=${encodeURIComponent(asRecorded)}` : `/events/${event.id}`} className="text-zinc-900 no-underline hover:underline dark:text-zinc-50">
            <Highlight text={event.title} groups={highlight} />
          </a>
        </Heading>
        {event.summary ? (
          <p className="text-sm leading-relaxed text-zinc-700 dark:text-zinc-300">
            <Highlight text={event.summary} groups={highlight} />
          </p>
        ) : null}
        {event.countries.length > 0 || shown.length > 0 ? (
          <div className="flex flex-wrap items-center gap-1.5 pt-0.5 text-xs">
            {event.countries.map((c) => (
              <CountryChip key={`${c.code}-${c.role}`} code={c.code} role={c.role} link="plain" />
            ))}
            {shown.length > 0 ? (
              <span className="text-zinc-600 dark:text-zinc-400">
                <span className="sr-only">Actors: </span>
                {shown.map((a, i) => (
                  <span key={a.id}>
                    {i > 0 ? ', ' : ''}
                    <a href={`/entities/${a.id}`}>
                      <Highlight text={a.name} groups={highlight} />
                    </a>
                  </span>
                ))}
                {actors.length > shown.length ? ` and ${actors.length - shown.length} more` : ''}
              </span>
            ) : null}
          </div>
        ) : null}
        {event.tags.length > 0 ? (
          <ul className="flex flex-wrap gap-1.5 text-xs" aria-label="Tags">
            {event.tags.map((t) => (
              <li key={t.slug}>
                <TagLink slug={t.slug} size="small" plain>
                  <Highlight text={t.label} groups={highlight} />
                </TagLink>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </article>
  );
}
