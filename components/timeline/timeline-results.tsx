import type { ReactNode } from 'react';
import { DensityChart } from '@/components/chart/density-chart';
import { ExportLinks } from '@/components/export/export-links';
import type { DensityChartData } from '@/db/queries/density';
import type { EventsPage } from '@/db/queries/events';
import { filtersQueryString, type TimelineFilters } from '@/lib/filters';
import { highlightGroups } from '@/lib/search/query';
import { TimelineList } from './timeline-list';
import { TimelineRows } from './timeline-rows';

/**
 * A filtered timeline: the density chart, then the events, newest first (or by relevance). The
 * first page is rendered here, on the server (decision 0041); TimelineList loads the rest from
 * `GET /api/events` with the same filters. Used by the timeline and by the actor and country pages.
 */
export function TimelineResults({
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
  const highlight = highlightGroups(filters.q);
  const last = page.items.at(-1);
  const view = `${search}|${firstCursor ?? ''}|${page.nextCursor ?? ''}|${page.items[0]?.id ?? ''}`;

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
        {/* Keyed by the view and its first page: another view (or the first page changed under it)
            starts without the older events loaded for the previous one. */}
        <TimelineList
          key={view}
          view={view}
          search={search}
          nextCursor={page.nextCursor}
          last={last ? { date: last.date, datePrecision: last.datePrecision } : null}
          olderPath={olderPath}
          headingLevel={headingLevel}
          highlight={highlight}
          asRecorded={filters.asRecorded}
        >
          <TimelineRows items={page.items} headingLevel={headingLevel} highlight={highlight} asRecorded={filters.asRecorded} />
        </TimelineList>
      </div>
    </div>
  );
}
