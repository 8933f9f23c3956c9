/**
 * Everything a page that shows a filtered timeline needs, read in one place: the first page of
 * events, the total, the density chart and (for the timeline itself) the facet counts; and the
 * same through a cache of the current state of the database (cachedTimelineView), which the pages use.
 */
import type { TimelineFilters } from '@/lib/filters';
import type { CorrectedQuery } from '@/lib/search/correction';
import type { Connection, DbOrTx } from '@/db/engine/client';
import { ConnectionCaches } from '@/db/derived/read-cache';
import { suggestCorrection } from '@/db/derived/suggestions';
import { densityChart, type DensityChartData } from './density';
import type { EventsPage, Visibility } from './events';
import { timelineFacets, type TimelineFacets } from './facets';
import { countTimeline, loadEventsPage, type TimelinePosition } from './timeline';
import { indexedChart, indexedFacets, indexedView } from './timeline-index';

export interface TimelineViewData {
  page: EventsPage;
  total: number;
  chart: DensityChartData | null;
  facets: TimelineFacets | null;
  /**
   * When a search finds nothing: the same search with its misspelt words replaced by the nearest
   * words of the index ("Did you mean Qaddour?"), offered only when that finds something.
   */
  suggestion: CorrectedQuery | null;
}

export interface TimelineViewOptions extends Visibility {
  position?: TimelinePosition | null;
  limit?: number;
  withFacets?: boolean;
}

export function loadTimelineView(db: DbOrTx, filters: TimelineFilters, options: TimelineViewOptions = {}): TimelineViewData {
  const visibility: Visibility = { includeDrafts: options.includeDrafts };
  const indexed = indexedView(db, filters, visibility);
  const { total, ...page } = loadEventsPage(db, filters, { ...visibility, position: options.position, limit: options.limit }, indexed);
  if (indexed) {
    return {
      page,
      total,
      chart: indexedChart(indexed),
      facets: options.withFacets ? indexedFacets(indexed) : null,
      suggestion: total === 0 ? searchSuggestion(db, filters, visibility) : null,
    };
  }
  return {
    page,
    total,
    chart: densityChart(db, filters, visibility),
    facets: options.withFacets ? timelineFacets(db, filters, visibility) : null,
    suggestion: total === 0 ? searchSuggestion(db, filters, visibility) : null,
  };
}

/** A corrected search for a view that found nothing, when the correction finds something. */
export function searchSuggestion(db: DbOrTx, filters: TimelineFilters, visibility: Visibility): CorrectedQuery | null {
  if (!filters.q) return null;
  const corrected = suggestCorrection(db, filters.q);
  if (!corrected) return null;
  return countTimeline(db, { ...filters, q: corrected.text }, visibility) > 0 ? corrected : null;
}

/**
 * Views computed for the current state of the database (db/derived/read-cache.ts): a reader who opens a
 * view that someone opened since the last write gets it without any counting. That matters for
 * the views that cost most, a big country or a common word, whose facet counts take up to a second
 * at a million events (docs/performance.md). Each entry is bounded (one page of events, at most a
 * few hundred options per facet), so the cache is bounded by its number of entries.
 */
export const VIEW_CACHE_ENTRIES = 32;
const views = new ConnectionCaches<TimelineViewData>({ maxEntries: VIEW_CACHE_ENTRIES, maxSize: VIEW_CACHE_ENTRIES });

export interface CachedViewOptions extends TimelineViewOptions {
  /** Compute afresh (the browser sent `Cache-Control: no-cache`, as on a hard reload); still stored. */
  fresh?: boolean;
}

export function cachedTimelineView(
  connection: Pick<Connection, 'sqlite' | 'db'>,
  filters: TimelineFilters,
  options: CachedViewOptions = {},
): { view: TimelineViewData; cached: boolean } {
  // Filters are in canonical form (lib/filters.ts), so equal views share a key.
  const key = JSON.stringify([!!options.includeDrafts, filters, options.position ?? null, options.limit ?? null, !!options.withFacets]);
  const { value, cached } = views.read(connection.sqlite, key, !!options.fresh, () => loadTimelineView(connection.db, filters, options));
  return { view: value, cached };
}
