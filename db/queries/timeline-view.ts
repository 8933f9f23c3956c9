/**
 * Everything a page that shows a filtered timeline needs, read in one place: the first page of
 * events, the total, the density chart and (for the timeline itself) the facet counts.
 */
import type { TimelineFilters } from '@/lib/filters';
import type { DbOrTx } from '../client';
import { densityChart, type DensityChartData } from './density';
import type { TimelinePage, Visibility } from './events';
import { timelineFacets, type TimelineFacets } from './facets';
import { loadEventsPage, type TimelinePosition } from './timeline';

export interface TimelineViewData {
  page: TimelinePage;
  total: number;
  chart: DensityChartData | null;
  facets: TimelineFacets | null;
}

export interface TimelineViewOptions extends Visibility {
  position?: TimelinePosition | null;
  limit?: number;
  withFacets?: boolean;
}

export function loadTimelineView(db: DbOrTx, filters: TimelineFilters, options: TimelineViewOptions = {}): TimelineViewData {
  const visibility: Visibility = { includeDrafts: options.includeDrafts };
  const { total, ...page } = loadEventsPage(db, filters, { ...visibility, position: options.position, limit: options.limit });
  return {
    page,
    total,
    chart: densityChart(db, filters, visibility),
    facets: options.withFacets ? timelineFacets(db, filters, visibility) : null,
  };
}
