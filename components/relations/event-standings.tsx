/**
 * "Changes a standing" on an event's page: the standing changes that cite the event, and for staff
 * the form to record one with this event as its evidence (the dyad prefilled when obvious, the
 * date at the event's precision). The issue asks for this "from the event form"; it sits on the
 * event's page instead, so that an event is saved (and has a number to cite) before a change rests on it.
 */
import Link from 'next/link';
import { EventSection } from '@/components/event/event-sections';
import type { EventDetail } from '@/db/queries/events';
import { toPartialIso } from '@/lib/dates';
import { dyadLabel, type StandingChange } from '@/lib/relations/change';
import { dyadPath } from '@/lib/relations/form';
import { subjectName } from '@/lib/relations/regions';
import { countryName } from '@/lib/countries';
import { ChangeStatusBadge } from './change-list';
import { newChangeValues } from './form-values';
import { obviousDyad } from './prefill';
import { LazyStandingChangeForm } from './standing-change-form-lazy';
import { changeDateText, changeFactsText } from './words';

export function EventStandings({ event, changes, staff }: { event: EventDetail; changes: readonly StandingChange[]; staff: boolean }) {
  if (!staff && changes.length === 0) return null;
  const dyad = obviousDyad(event.countries, event.actors);
  return (
    <EventSection title="Changes a standing">
      {changes.length > 0 ? (
        <ul className="space-y-2 text-sm" data-testid="event-standing-changes">
          {changes.map((c) => (
            <li key={c.id} className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <Link href={`${dyadPath(c.dyad.subject, c.dyad.counterpart)}#change-${c.id}`} className="font-medium">
                {subjectName(c.dyad.subject)} with {countryName(c.dyad.counterpart)}
              </Link>
              <ChangeStatusBadge status={c.status} />
              <span>
                {changeDateText(c)}: {changeFactsText(c)}
              </span>
              <Link href={`/relations?with=${c.dyad.counterpart}`} className="text-xs" aria-label={`${dyadLabel(c.dyad)} on the relations board`}>
                on the board
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">No standing change cites this event yet.</p>
      )}
      {staff && !event.deletedAt ? (
        <details className="mt-4 rounded border border-zinc-200 p-3 dark:border-zinc-800" open={changes.length === 0 && dyad.subject !== ''}>
          <summary className="cursor-pointer font-medium">Record a standing change resting on this event</summary>
          <div className="mt-3">
            <LazyStandingChangeForm
              initial={newChangeValues({
                ...dyad,
                date: toPartialIso(event.date, event.datePrecision),
                evidence: [String(event.id)],
                returnTo: `/events/${event.id}`,
              })}
              idPrefix="event-change"
              submitLabel="Record the change"
            />
          </div>
        </details>
      ) : null}
    </EventSection>
  );
}
