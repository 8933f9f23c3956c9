import { filtersQueryString, type TimelineFilters } from '@/lib/filters';

/** The query string an export of this view uses: its filters, in timeline order, published only. */
export function exportQueryString(filters: TimelineFilters): string {
  const query = filtersQueryString({ ...filters, sort: 'date', status: 'published' });
  return query ? `?${query}` : '';
}

/**
 * Downloads of exactly the view on screen: CSV and .xlsx for spreadsheets, JSON for code, and an Atom feed
 * to follow the view in a feed reader. Plain links: they work without JavaScript and can be copied.
 */
export function ExportLinks({ filters, total }: { filters: TimelineFilters; total: number }) {
  const query = exportQueryString(filters);
  const events = total === 1 ? '1 event' : `${total.toLocaleString('en')} events`;
  return (
    <div className="no-print flex flex-wrap items-center gap-x-3 gap-y-2 text-sm sm:gap-x-4" data-testid="export-links">
      <a
        href={`/api/events/export${query}`}
        // A button on wide screens; on a phone a link like the others, so that all four fit on one line.
        className="sm:inline-flex sm:items-center sm:gap-1.5 sm:rounded sm:border sm:border-zinc-300 sm:px-3 sm:py-1.5 sm:font-medium sm:text-zinc-800 sm:no-underline sm:hover:bg-zinc-100 sm:dark:border-zinc-700 sm:dark:text-zinc-100 sm:dark:hover:bg-zinc-900"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="hidden size-4 sm:block" fill="none" stroke="currentColor" strokeWidth="1.5">
          <path d="M8 2v8m0 0L5 7m3 3 3-3M3 12.5h10" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
        Export CSV<span className="sr-only">: all {events} in this view</span>
      </a>
      <a href={`/api/events/export.xlsx${query}`} type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
        Excel (.xlsx)<span className="sr-only">: all {events} in this view as a spreadsheet</span>
      </a>
      <a href={`/api/events/export.json${query}`}>
        JSON<span className="sr-only"> export of this view</span>
      </a>
      <a href={`/feed.xml${query}`} type="application/atom+xml">
        Atom feed<span className="sr-only"> of this view</span>
      </a>
      {filters.status !== 'published' ? (
        <span className="text-zinc-600 dark:text-zinc-400">Exports hold published events only.</span>
      ) : null}
    </div>
  );
}
