/**
 * "As recorded on a date": the banner that says a view shows the record as it stood then (with
 * the way back to today's record), and the small form that opens a view that way. Both are plain
 * links and GET forms, so they work without JavaScript and the URL holds the choice.
 */
import Link from 'next/link';
import { inputClass, secondaryButtonClass } from '@/components/forms/field';
import { formatEventDate, formatTimestamp, todayIso } from '@/lib/dates';
import { filtersHref, serializeFilters, type TimelineFilters } from '@/lib/filters';

/** "31 March 2023" for a day (the record at the end of it), "31 Mar 2023, 12:00 UTC" for a time. */
export function describeMoment(requested: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(requested) ? formatEventDate(requested, 'day') : formatTimestamp(requested);
}

/** The other filters as hidden fields, so that a GET form changes only its own parameter. */
function HiddenFilters({ filters, without }: { filters: TimelineFilters; without: string }) {
  const fields = [...serializeFilters(filters)].filter(([name]) => name !== without);
  return (
    <>
      {fields.map(([name, value], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={value} />
      ))}
    </>
  );
}

export function AsRecordedBanner({ filters, basePath = '/', todayHref }: { filters: TimelineFilters; basePath?: string; todayHref?: string }) {
  if (!filters.asRecorded) return null;
  const when = describeMoment(filters.asRecorded);
  return (
    <div
      role="note"
      aria-label="As recorded on a past date"
      className="rounded border-2 border-indigo-400 bg-indigo-50 p-3 text-sm text-indigo-950 dark:border-indigo-700 dark:bg-indigo-950 dark:text-indigo-100"
      data-testid="as-recorded-banner"
    >
      <p className="font-medium">
        As recorded on {when}
        {/^\d{4}-\d{2}-\d{2}$/.test(filters.asRecorded) ? ' (end of the day, UTC)' : ''}.
      </p>
      <p className="mt-1">
        This is the record as it stood then: events recorded later are absent, later edits are undone, and events deleted
        since are shown. Links and exports from this page keep that date.{' '}
        <Link href={todayHref ?? filtersHref(basePath, { ...filters, asRecorded: null })} className="font-medium">
          See today&apos;s record
        </Link>
      </p>
    </div>
  );
}

/** A GET form: "Show the record as it stood on [date]". */
export function AsRecordedForm({ filters, basePath = '/' }: { filters: TimelineFilters; basePath?: string }) {
  const current = filters.asRecorded && /^\d{4}-\d{2}-\d{2}$/.test(filters.asRecorded) ? filters.asRecorded : '';
  return (
    <details className="no-print text-sm" open={Boolean(filters.asRecorded)}>
      <summary className="cursor-pointer font-medium">As recorded on a date…</summary>
      <form method="get" action={basePath} className="mt-2 flex flex-wrap items-end gap-2">
        <HiddenFilters filters={filters} without="as_recorded" />
        <div>
          <label htmlFor="as-recorded-date" className="block font-medium">
            The record as it stood on
          </label>
          <input
            id="as-recorded-date"
            name="as_recorded"
            type="date"
            required
            max={todayIso()}
            defaultValue={current}
            aria-describedby="as-recorded-hint"
            className={`${inputClass} mt-1 w-auto`}
          />
        </div>
        <button type="submit" className={secondaryButtonClass}>
          Show
        </button>
        <p id="as-recorded-hint" className="basis-full text-zinc-600 dark:text-zinc-400">
          For reproducing a brief: what had been recorded by the end of that day, with the edits made since undone.
        </p>
      </form>
    </details>
  );
}
