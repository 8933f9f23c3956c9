import Link from 'next/link';
import type { ReactNode } from 'react';
import { EventDate } from '@/components/ui/event-date';
import { TypeBadge } from '@/components/ui/type-badge';
import type { DatePrecision } from '@/lib/dates';
import type { EventTypeKey } from '@/lib/event-types';

/** An event in a staff list (drafts, deleted events): its type and date, its title as a link, then what the list says of it. */
export function StaffListEntry({
  event,
  children,
}: {
  event: { id: number; type: EventTypeKey; title: string; date: string; datePrecision: DatePrecision };
  children: ReactNode;
}) {
  return (
    <div className="space-y-1">
      <div className="flex items-center gap-2">
        <TypeBadge type={event.type} />
        <EventDate date={event.date} precision={event.datePrecision} short className="text-sm text-zinc-600 dark:text-zinc-400" />
      </div>
      <h2 className="font-medium">
        <Link href={`/events/${event.id}`}>{event.title}</Link>
      </h2>
      <p className="text-sm text-zinc-600 dark:text-zinc-400">{children}</p>
    </div>
  );
}
