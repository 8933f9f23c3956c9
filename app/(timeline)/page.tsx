import type { Metadata } from 'next';
import Link from 'next/link';
import { exportQueryString } from '@/components/export/export-links';
import { FilterDisclosure } from '@/components/filters/filter-disclosure';
import { FilterNotices } from '@/components/filters/filter-notices';
import { FilterPanel } from '@/components/filters/filter-panel';
import { CountryOptions } from '@/components/forms/country-options';
import { FilterSummary } from '@/components/filters/filter-summary';
import { PrintHeader } from '@/components/layout/print-header';
import { SearchSuggestion } from '@/components/filters/search-suggestion';
import { TimelineResults } from '@/components/timeline/timeline-results';
import { AsRecordedBanner, AsRecordedForm } from '@/components/timeline/as-recorded';
import { SaveViewForm } from '@/components/saved-views/save-view-form';
import { NewSinceLastVisit } from '@/components/timeline/new-since-last-visit';
import { getStore } from '@/db/index';
import { decodeTimelineCursor } from '@/db/queries/timeline';
import { timelineViewForRequest } from '@/server/views/timeline';
import { countryName } from '@/lib/countries';
import { todayIso } from '@/lib/dates';
import {
  describeFilters,
  describeFiltersText,
  filtersHref,
  filtersQueryString,
  isFiltered,
  parseFilters,
  toUrlSearchParams,
  type FilterIssue,
  type FilterLookups,
  type TimelineFilters,
} from '@/lib/filters';
import { canSeeDrafts, getViewer, readerForPage } from '@/server/auth/viewer';

function printedSummary(filters: TimelineFilters, lookups: FilterLookups, total: number): string {
  const count = total === 1 ? '1 event' : `${total.toLocaleString('en')} events`;
  return isFiltered(filters) ? `${describeFiltersText(filters, lookups)}: ${count}` : `all events: ${count}`;
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const viewer = { includeDrafts: canSeeDrafts(await getViewer()) };
  const { filters, lookups } = await getStore().timeline.resolve(parseFilters(await searchParams), viewer);
  return {
    title: isFiltered(filters) ? `Timeline: ${describeFiltersText(filters, lookups)}` : 'Timeline',
    alternates: { types: { 'application/atom+xml': `/feed.xml${exportQueryString(filters)}` } },
  };
}

/** The timeline: the home page, filtered by its URL. */
export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const params = toUrlSearchParams(await searchParams);
  const reader = await readerForPage(params.size > 0 ? `/?${params.toString()}` : '/');
  const viewer = { includeDrafts: canSeeDrafts(reader) };
  const store = getStore();
  const resolved = await store.timeline.resolve(parseFilters(params), viewer);
  const { issues, lookups } = resolved;
  // With as_recorded, the record as it stood then (db/derived/as-recorded.ts); a moment it cannot
  // show is a notice, and today's record is shown instead.
  const record = await store.recordFor(resolved.filters);
  const filters = record.filters;

  const cursorParam = params.get('cursor');
  const position = cursorParam ? decodeTimelineCursor(cursorParam, filters.sort) : null;
  const notices: FilterIssue[] = [...issues, ...record.issues];
  if (cursorParam && !position) {
    notices.push({ param: 'cursor', message: 'That position does not exist; showing the newest events instead.' });
  }

  const view = await timelineViewForRequest(filters, { ...viewer, position, withFacets: true }, record.store);
  const filtered = isFiltered(filters);

  return (
    <div className="group/timeline mx-auto max-w-6xl px-4 py-6">
      <div className="border-b border-zinc-200 pb-4 dark:border-zinc-800">
        <h1 className="font-serif text-3xl font-semibold">Timeline</h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          Sanctions actions, normalisation moves and official statements{filters.sort === 'relevance' ? ', best match first' : ', newest first'}.
        </p>
      </div>
      <div className="mt-4 gap-8 lg:grid lg:grid-cols-[17rem_minmax(0,1fr)]">
        <FilterDisclosure activeCount={describeFilters(filters).reduce((n, g) => n + g.chips.length, 0)}>
          <FilterPanel
            filters={filters}
            facets={view.facets!}
            typedQuery={params.get('q') ?? ''}
            today={todayIso()}
            canFilterStatus={viewer.includeDrafts}
            countryOptions={<CountryOptions empty="Anyone" />}
            countryNames={Object.fromEntries(filters.counterparts.map((code) => [code, countryName(code)]))}
            expandedFacets={params.getAll('more')}
          />
          <div className="mt-4 border-t border-zinc-200 pt-3 dark:border-zinc-800">
            <AsRecordedForm filters={filters} />
          </div>
        </FilterDisclosure>
        <section aria-label="Results" className="min-w-0 space-y-4 transition-opacity group-has-data-pending/timeline:opacity-60">
          <AsRecordedBanner filters={filters} />
          {filters.asRecorded ? null : <NewSinceLastVisit search={filtersQueryString(filters)} />}
          <PrintHeader path={filtersHref('/', filters)} showing={printedSummary(filters, lookups, view.total)} />
          <FilterNotices issues={notices} />
          <SearchSuggestion filters={filters} suggestion={view.suggestion} />
          <div className="no-print">
            <FilterSummary filters={filters} lookups={lookups} total={view.total} />
          </div>
          {reader && !filters.asRecorded ? (
            <SaveViewForm query={filtersQueryString(filters)} suggestedName={filtered ? describeFiltersText(filters, lookups).slice(0, 80).trim() : 'All events'} />
          ) : null}
          <p aria-hidden="true" className="hidden text-sm text-zinc-600 group-has-data-pending/timeline:block dark:text-zinc-400">
            Updating the results…
          </p>
          {position ? (
            <p className="no-print text-sm">
              Showing older events. <Link href={filtersHref('/', filters)}>Back to the newest</Link>
            </p>
          ) : null}
          <TimelineResults
            filters={filters}
            page={view.page}
            total={view.total}
            chart={view.chart}
            firstCursor={position ? cursorParam : null}
            empty={
              filtered ? (
                <div className="rounded border border-dashed border-zinc-300 py-12 text-center dark:border-zinc-700" data-testid="empty-state">
                  <p className="text-lg font-medium">No events match all of these filters.</p>
                  <p className="mx-auto mt-1 max-w-md text-sm text-zinc-600 dark:text-zinc-400">
                    An event must match every filter at once ({describeFiltersText(filters, lookups)}). Remove one of them above, or
                    start again from the whole timeline.
                  </p>
                  <p className="mt-4">
                    <Link href="/" scroll={false} prefetch={false}>
                      Clear all filters
                    </Link>
                  </p>
                </div>
              ) : (
                <div className="py-16 text-center" data-testid="empty-state">
                  <p className="text-lg font-medium">No events yet.</p>
                  <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Events that staff publish appear here, newest first.</p>
                </div>
              )
            }
          />
        </section>
      </div>
    </div>
  );
}
