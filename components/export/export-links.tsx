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
    <div className="no-print flex flex-wrap items-center gap-x-4 gap-y-2 text-sm" data-testid="export-links">
      <a
        href={`/api/events/export${query}`}
        className="inline-flex items-center gap-1.5 rounded border border-zinc-300 px-3 py-1.5 font-medium text-zinc-800 no-underline hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-100 dark:hover:bg-zinc-900"
      >
        <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.5">
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
