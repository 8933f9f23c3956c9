import type { EventSummary } from '@/db/queries/events';
import type { DatePrecision } from '@/lib/dates';
import type { SearchGroups } from '@/lib/search-syntax';
import { headingsFor } from '@/lib/timeline-groups';
import { TimelineItem } from './timeline-item';

export interface TimelineRowsProps {
  items: EventSummary[];
  /** The event listed just before these (the end of the previous page), so headings carry over. */
  previous?: { date: string; datePrecision: DatePrecision } | null;
  /** Level of the year headings; months and items sit one and two levels below. */
  headingLevel?: 2 | 3;
  highlight?: SearchGroups | null;
  asRecorded?: string | null;
}

/**
 * A page of the timeline's events as list items, with a year and a month heading where each
 * starts. No client code: the server renders the first page with it (no component of the list
 * hydrates), and TimelineList imports it only when it loads older events.
 */
export function TimelineRows({ items, previous = null, headingLevel = 2, highlight = null, asRecorded = null }: TimelineRowsProps) {
  const YearHeading = `h${headingLevel}` as 'h2' | 'h3';
  const MonthHeading = `h${headingLevel + 1}` as 'h3' | 'h4';
  const itemLevel = (headingLevel + 2) as 4 | 5;
  return items.map((event, i) => {
    const h = headingsFor(event, i === 0 ? (previous ?? undefined) : items[i - 1]);
    return (
      <li key={event.id} className="list-none">
        {h.year ? (
          <YearHeading className="sticky top-0 z-10 -mx-1 bg-white/95 px-1 pt-6 pb-1 font-serif text-2xl font-semibold backdrop-blur dark:bg-zinc-950/95">
            {h.year}
          </YearHeading>
        ) : null}
        {h.month ? (
          <MonthHeading className="pt-3 text-sm font-semibold uppercase tracking-wide text-zinc-600 dark:text-zinc-400">
            {h.month} <span className="sr-only">{event.date.slice(0, 4)}</span>
          </MonthHeading>
        ) : null}
        <TimelineItem event={event} headingLevel={itemLevel} highlight={highlight} asRecorded={asRecorded} />
      </li>
    );
  });
}
