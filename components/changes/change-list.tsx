/**
 * What changed since a moment, as a reader scans it: events recorded, edited (each field before
 * and after, list items added and removed), deleted and restored, then actors. Server component.
 */
import Link from 'next/link';
import { eventFieldLabel } from '@/components/forms/event-field-labels';
import { EventDate } from '@/components/ui/event-date';
import { TypeBadge } from '@/components/ui/type-badge';
import type { ChangesView, EntityChange, EventChange, StandingChangeChange } from '@/db/queries/changes';
import { dyadLabel } from '@/lib/relations/change';
import { dyadPath } from '@/lib/relations/form';
import { countryName } from '@/lib/countries';
import { formatTimestamp } from '@/lib/dates';
import type { ChangeKind, FieldDiff } from '@/lib/history/as-recorded';

const KIND_LABELS: Record<ChangeKind, string> = {
  created: 'Recorded',
  'created-and-deleted': 'Recorded, then deleted',
  edited: 'Edited',
  deleted: 'Deleted',
  restored: 'Restored',
};

const ENTITY_FIELDS: Record<string, string> = {
  name: 'Name',
  kind: 'Kind',
  description: 'Description',
  countryCode: 'Country',
  aliases: 'Aliases',
  opensanctionsId: 'OpenSanctions id',
  ofacUid: 'OFAC UID',
  madePublic: 'Made public',
  mergedIntoId: 'Merged into',
};

/** One value of a snapshot field as a person reads it. */
function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (typeof value === 'string') return value.length > 240 ? `${value.slice(0, 239)}…` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (typeof v.code === 'string' && typeof v.role === 'string') return `${countryName(v.code)} (${v.role})`;
    if (typeof v.name === 'string' && typeof v.role === 'string') return `${v.name} (${v.role})`;
    if (typeof v.title === 'string') return v.title;
    if (typeof v.toEventId === 'number') return `event #${v.toEventId} (${String(v.kind)})`;
  }
  return JSON.stringify(value);
}

function FieldDiffs({ fields, label }: { fields: FieldDiff[]; label: (field: string) => string }) {
  if (fields.length === 0) return null;
  return (
    <dl className="mt-2 grid gap-x-3 gap-y-1 text-sm sm:grid-cols-[10rem_1fr]">
      {fields.map((f) => (
        <div key={f.field} className="contents">
          <dt className="font-medium text-zinc-700 dark:text-zinc-300">{label(f.field)}</dt>
          <dd className="min-w-0 break-words">
            {f.added || f.removed ? (
              <>
                {f.added && f.added.length > 0 ? <span className="block">Added: {f.added.map(show).join('; ')}</span> : null}
                {f.removed && f.removed.length > 0 ? <span className="block">Removed: {f.removed.map(show).join('; ')}</span> : null}
              </>
            ) : (
              <>
                <del className="text-red-800 decoration-red-800/60 dark:text-red-300">{show(f.before)}</del>{' '}
                <span aria-hidden="true">→</span> <span className="sr-only">now</span>{' '}
                <ins className="text-green-900 no-underline dark:text-green-200">{show(f.after)}</ins>
              </>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

function EventChangeItem({ change }: { change: EventChange }) {
  const last = change.steps[change.steps.length - 1];
  return (
    <li className="py-3" data-testid="event-change">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-semibold dark:bg-zinc-800">{KIND_LABELS[change.kind]}</span>
        <TypeBadge type={change.type} />
        <EventDate date={change.date} precision={change.datePrecision} />
      </div>
      <p className="mt-1 font-semibold">
        {change.live ? <Link href={`/events/${change.id}`}>{change.title}</Link> : change.title}
        {!change.live ? <span className="ml-2 text-sm font-normal text-zinc-600 dark:text-zinc-400">(not on the timeline today)</span> : null}
      </p>
      {last ? (
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {change.steps.length > 1 ? `${change.steps.length} changes, the last ` : ''}
          {formatTimestamp(last.at)}
        </p>
      ) : null}
      <FieldDiffs fields={change.fields} label={eventFieldLabel} />
    </li>
  );
}

function EntityChangeItem({ change }: { change: EntityChange }) {
  return (
    <li className="py-3" data-testid="entity-change">
      <p>
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-semibold dark:bg-zinc-800">{KIND_LABELS[change.kind]}</span>{' '}
        <Link href={`/entities/${change.id}`} className="font-semibold">
          {change.name}
        </Link>{' '}
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{formatTimestamp(change.at)}</span>
      </p>
      <FieldDiffs fields={change.fields} label={(f) => ENTITY_FIELDS[f] ?? f} />
    </li>
  );
}

const STANDING_FIELDS: Record<string, string> = {
  date: 'Date',
  precision: 'Date precision',
  status: 'Status',
  level: 'Level',
  embassy: 'Embassy',
  ambassadorRecalled: 'Ambassador recalled',
  note: 'Note',
  evidenceEventIds: 'Evidence (event ids)',
  subject: 'Subject',
  counterpart: 'Counterpart',
};

function StandingChangeItem({ change }: { change: StandingChangeChange }) {
  return (
    <li className="py-3" data-testid="standing-change">
      <p>
        <span className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs font-semibold dark:bg-zinc-800">{KIND_LABELS[change.kind]}</span>{' '}
        <Link href={dyadPath(change.subject, change.counterpart)} className="font-semibold">
          {dyadLabel({ subject: change.subject, counterpart: change.counterpart })}
        </Link>{' '}
        <span className="text-xs text-zinc-600 dark:text-zinc-400">{formatTimestamp(change.at)}</span>
      </p>
      <FieldDiffs fields={change.fields} label={(f) => STANDING_FIELDS[f] ?? f} />
    </li>
  );
}

function countBy(changes: { kind: ChangeKind }[]): string {
  const counts = new Map<ChangeKind, number>();
  for (const c of changes) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${KIND_LABELS[kind].toLowerCase()}`).join(', ');
}

export function ChangeList({ view }: { view: ChangesView }) {
  if (view.events.length === 0 && view.entities.length === 0 && view.standings.length === 0) {
    return (
      <div className="rounded border border-dashed border-zinc-300 py-10 text-center dark:border-zinc-700" data-testid="changes-empty">
        <p className="text-lg font-medium">Nothing changed in this view since {formatTimestamp(view.since)}.</p>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Choose an earlier date, or remove a filter.</p>
      </div>
    );
  }
  return (
    <div className="space-y-8">
      {view.truncated ? (
        <p role="status" className="text-sm text-amber-900 dark:text-amber-200">
          More changed than one page shows; the newest are listed. Choose a later date or add a filter to see the rest.
        </p>
      ) : null}
      {view.events.length > 0 ? (
        <section aria-labelledby="changed-events">
          <h2 id="changed-events" className="text-xl font-semibold">
            Events <span className="text-base font-normal text-zinc-600 dark:text-zinc-400">({countBy(view.events)})</span>
          </h2>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {view.events.map((c) => (
              <EventChangeItem key={c.id} change={c} />
            ))}
          </ul>
        </section>
      ) : null}
      {view.standings.length > 0 ? (
        <section aria-labelledby="changed-standings">
          <h2 id="changed-standings" className="text-xl font-semibold">
            Standings <span className="text-base font-normal text-zinc-600 dark:text-zinc-400">({countBy(view.standings)})</span>
          </h2>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {view.standings.map((c) => (
              <StandingChangeItem key={c.id} change={c} />
            ))}
          </ul>
        </section>
      ) : null}
      {view.entities.length > 0 ? (
        <section aria-labelledby="changed-actors">
          <h2 id="changed-actors" className="text-xl font-semibold">
            Actors <span className="text-base font-normal text-zinc-600 dark:text-zinc-400">({countBy(view.entities)})</span>
          </h2>
          <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
            {view.entities.map((c) => (
              <EntityChangeItem key={c.id} change={c} />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
