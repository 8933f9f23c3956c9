import type { ReactNode } from 'react';
import { EventDate } from '@/components/ui/event-date';
import type { EventDetail } from '@/db/queries/events';

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-zinc-600 dark:text-zinc-400">{term}</dt>
      {children}
    </>
  );
}

/** When it happened, took effect and ends, and under which authority and program: what is known of it. */
export function EventFacts({ event }: { event: EventDetail }) {
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
      <Fact term="Date">
        <dd>
          <EventDate date={event.date} precision={event.datePrecision} />
        </dd>
      </Fact>
      {event.effectiveDate && event.effectiveDatePrecision ? (
        <Fact term="In effect from">
          <dd>
            <EventDate date={event.effectiveDate} precision={event.effectiveDatePrecision} />
          </dd>
        </Fact>
      ) : null}
      {event.endDate && event.endDatePrecision ? (
        <Fact term="Until">
          <dd>
            <EventDate date={event.endDate} precision={event.endDatePrecision} />
          </dd>
        </Fact>
      ) : null}
      {event.legalAuthority ? (
        <Fact term="Legal authority">
          <dd>{event.legalAuthority}</dd>
        </Fact>
      ) : null}
      {event.program ? (
        <Fact term="Program">
          <dd className="font-mono">{event.program}</dd>
        </Fact>
      ) : null}
    </dl>
  );
}
