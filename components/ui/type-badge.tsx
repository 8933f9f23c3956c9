import { eventTypeInfo, type EventTypeKey } from '@/lib/event-types';

export function TypeSwatch({ type, className = 'size-2.5' }: { type: EventTypeKey; className?: string }) {
  return <span aria-hidden="true" className={`inline-block shrink-0 rounded-full ${eventTypeInfo(type).swatch} ${className}`} />;
}

export function TypeBadge({ type }: { type: EventTypeKey }) {
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full border border-zinc-300 px-2 py-0.5 text-xs font-medium text-zinc-700 dark:border-zinc-700 dark:text-zinc-300">
      <TypeSwatch type={type} className="size-2" />
      {eventTypeInfo(type).label}
    </span>
  );
}
