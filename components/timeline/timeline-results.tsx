import { dehydrate, HydrationBoundary } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DensityChart } from '@/components/chart/density-chart';
import { ExportLinks } from '@/components/export/export-links';
import type { DensityChartData } from '@/db/queries/density';
import type { EventsPage } from '@/db/queries/events';
import { filtersQueryString, type TimelineFilters } from '@/lib/filters';
import { getQueryClient } from '@/lib/query-client';
import { highlightGroups } from '@/lib/search/query';
import { eventsInfiniteQuery } from './events-query';
import { TimelineList } from './timeline-list';

/**
 * A filtered timeline: the density chart, then the events, newest first (or by relevance). The
 * first page comes from the server and is handed to TanStack Query, which loads the rest from
 * `GET /api/events` with the same filters. Used by the timeline and by the actor and country pages.
 */
export async function TimelineResults({
  filters,
  page,
  total,
  chart,
  firstCursor = null,
  chartPath = '/',
  olderPath = '/',
  headingLevel = 2,
  empty,
}: {
  filters: TimelineFilters;
  page: EventsPage;
  total: number;
  chart: DensityChartData | null;
  firstCursor?: string | null;
  /** Where a click on the chart goes (with the filters and the bar's dates). */
  chartPath?: string;
  olderPath?: string;
  headingLevel?: 2 | 3;
  /** What to show when nothing matches. */
  empty: ReactNode;
}) {
  const search = filtersQueryString(filters);
  const queryClient = getQueryClient();
  await queryClient.prefetchInfiniteQuery({ ...eventsInfiniteQuery(search, firstCursor), queryFn: () => ({ ...page, total }) });

  // `#results` is where "Skip to results" lands: the list itself, past the export links and chart.
  if (total === 0) {
    return (
      <div id="results" tabIndex={-1} className="focus:outline-none">
        {empty}
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <ExportLinks filters={filters} total={total} />
      {chart ? (
        <div className="no-print">
          <DensityChart chart={chart} filters={filters} basePath={chartPath} />
        </div>
      ) : null}
      <div id="results" tabIndex={-1} className="focus:outline-none">
        <HydrationBoundary state={dehydrate(queryClient)}>
          <TimelineList
            search={search}
            firstCursor={firstCursor}
            olderPath={olderPath}
            headingLevel={headingLevel}
            highlight={highlightGroups(filters.q)}
            asRecorded={filters.asRecorded}
          />
        </HydrationBoundary>
      </div>
    </div>
  );
}
