import { Fragment } from 'react';
import { EventDate } from '@/components/ui/event-date';
import type { EventDetail } from '@/db/queries/events';

/** When it happened, took effect and ends, and under which authority and program: what is known of it. */
export function EventFacts({ event }: { event: EventDetail }) {
  const dates = [
    { term: 'Date', date: event.date, precision: event.datePrecision },
    { term: 'In effect from', date: event.effectiveDate, precision: event.effectiveDatePrecision },
    { term: 'Until', date: event.endDate, precision: event.endDatePrecision },
  ];
  const texts = [
    { term: 'Legal authority', value: event.legalAuthority, className: undefined },
    { term: 'Program', value: event.program, className: 'font-mono' },
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      {dates.map(({ term, date, precision }) =>
        date && precision ? (
          <Fragment key={term}>
            <dt className="text-zinc-600 dark:text-zinc-400">{term}</dt>
            <dd>
              <EventDate date={date} precision={precision} />
            </dd>
          </Fragment>
        ) : null,
      )}
      {texts.map(({ term, value, className }) =>
        value ? (
          <Fragment key={term}>
            <dt className="text-zinc-600 dark:text-zinc-400">{term}</dt>
            <dd className={className}>{value}</dd>
          </Fragment>
        ) : null,
      )}
    </dl>
  );
}
