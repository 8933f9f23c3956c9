/**
 * The filtered timeline: one page of events for parsed filters, and the total. The page, the
 * JSON API, the entity and country pages (and the CSV export) all read through here.
 *
 * Timeline order (newest first) pages by keyset on (date, id). Relevance order pages by offset:
 * bm25 scores are not stored, and a search result set is small enough for that to be cheap.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { type SortOrder, type TimelineFilters } from '@/lib/filters';
import type { DbOrTx } from '@/db/engine/client';
import { events } from '../schema';
import {
  afterCursor,
  attachRelations,
  decodeCursor,
  encodeCursor,
  summaryColumns,
  TIMELINE_ORDER,
  visibilityConditions,
  type TimelineCursor,
  type EventsPage,
  type Visibility,
} from './events';
import { filterConditions, timelineWhere } from './filter-conditions';
import { monthTotal, onlyMonthCounts, onlyTypes, singleValueTotal } from './maintained-counts';
import { rankedMatches, searchQueryGroups } from './search';
import { indexedEventsPage, indexedView, type IndexedView } from './timeline-index';
import { untilFacetIndexAnswers } from '@/db/derived/facet-index';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
export const MAX_RANK_OFFSET = 100_000;

export type TimelinePosition = { kind: 'date'; cursor: TimelineCursor } | { kind: 'rank'; offset: number };

export function encodeRankCursor(offset: number): string {
  return Buffer.from(`rank|${offset}`, 'utf8').toString('base64url');
}

/** Reads a cursor this module wrote for the given order; null for anything else. */
export function decodeTimelineCursor(value: string, sort: SortOrder): TimelinePosition | null {
  if (sort === 'date') {
    const cursor = decodeCursor(value);
    return cursor ? { kind: 'date', cursor } : null;
  }
  if (value.length > 32) return null;
  const m = /^rank\|(\d{1,6})$/.exec(Buffer.from(value, 'base64url').toString('utf8'));
  const offset = m ? Number(m[1]) : NaN;
  return Number.isInteger(offset) && offset > 0 && offset <= MAX_RANK_OFFSET ? { kind: 'rank', offset } : null;
}

export interface TimelineQueryOptions extends Visibility {
  position?: TimelinePosition | null;
  limit?: number;
}

export function clampLimit(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
}

/** One page of the filtered timeline, in the filters' sort order: from the facet index when it answers. */
export function listTimeline(db: DbOrTx, filters: TimelineFilters, options: TimelineQueryOptions = {}): EventsPage {
  // At scale the plain SQL walks the timeline testing each event against a rare filter's probe.
  if (filters.sort !== 'relevance' || !searchQueryGroups(filters)) {
    const indexed = indexedView(db, filters, { includeDrafts: options.includeDrafts });
    const page = indexed ? indexedEventsPage(indexed, options.position?.kind === 'date' ? options.position : null, clampLimit(options.limit)) : null;
    if (page) return { items: page.items, nextCursor: page.nextCursor };
  }
  return listBySql(db, filters, options);
}

/** The same in SQL. */
function listBySql(db: DbOrTx, filters: TimelineFilters, options: TimelineQueryOptions): EventsPage {
  const limit = clampLimit(options.limit);
  const groups = searchQueryGroups(filters);
  const visibility: Visibility = { includeDrafts: options.includeDrafts };

  if (filters.sort === 'relevance' && groups) {
    const offset = options.position?.kind === 'rank' ? options.position.offset : 0;
    const ranked = rankedMatches(db, groups);
    const conditions: SQL[] = [
      ...visibilityConditions(visibility),
      ...filterConditions(filters, { ...visibility, omitSearch: true }),
    ];
    const rows = db
      .select(summaryColumns)
      .from(events)
      .innerJoin(ranked, eq(ranked.id, events.id))
      .where(and(...conditions))
      .orderBy(asc(ranked.score), ...TIMELINE_ORDER)
      .limit(limit + 1)
      .offset(offset)
      .all();
    const page = rows.slice(0, limit);
    return {
      items: attachRelations(db, page),
      nextCursor: rows.length > limit && offset + limit <= MAX_RANK_OFFSET ? encodeRankCursor(offset + limit) : null,
    };
  }

  const rows = db
    .select(summaryColumns)
    .from(events)
    .where(
      and(
        ...visibilityConditions(visibility),
        ...filterConditions(filters, visibility),
        options.position?.kind === 'date' ? afterCursor(options.position.cursor) : undefined,
      ),
    )
    .orderBy(...TIMELINE_ORDER)
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: attachRelations(db, page),
    nextCursor: rows.length > limit && last ? encodeCursor({ date: last.date, id: last.id }) : null,
  };
}

/** Whether the view shows exactly the published events the maintained counts describe. */
export function countsDescribe(filters: TimelineFilters, visibility: Visibility): boolean {
  return !visibility.includeDrafts || filters.status === 'published';
}

/**
 * Whether the plain SQL answers this view in milliseconds at any size: the published timeline
 * filtered by types alone, or not at all. The maintained counts hold its total, every facet and
 * its chart, and the timeline's own index lists it (10-15 ms at a million events).
 */
export function answersWithoutIndex(filters: TimelineFilters, visibility: Visibility): boolean {
  return countsDescribe(filters, visibility) && onlyTypes(filters);
}

/**
 * What a request awaits before it reads a view: the facet index, unless the SQL answers the view
 * as fast without it (decision 0042). So `/` answers while the index builds after a start.
 */
export async function untilViewAnswers(db: DbOrTx, filters: TimelineFilters, visibility: Visibility): Promise<void> {
  if (!answersWithoutIndex(filters, visibility)) await untilFacetIndexAnswers(db);
}

/**
 * How many events the filtered view holds. The published timeline's maintained counts answer a
 * view filtered by types and whole months, or by one value of one other filter
 * (maintained-counts.ts); anything else is counted in SQL.
 */
export function countTimeline(db: DbOrTx, filters: TimelineFilters, visibility: Visibility = {}): number {
  if (countsDescribe(filters, visibility)) {
    if (onlyMonthCounts(filters)) return monthTotal(db, filters);
    const single = singleValueTotal(db, filters);
    if (single !== null) return single;
  }
  return db.select({ n: sql<number>`count(*)` }).from(events).where(timelineWhere(filters, visibility)).get()?.n ?? 0;
}

/**
 * What `GET /api/events` reads for one page: the total and the page with its relations, from the
 * facet index when it is ready, else in SQL.
 */
export function loadEventsPage(
  db: DbOrTx,
  filters: TimelineFilters,
  options: Visibility & { position?: TimelinePosition | null; limit?: number },
  indexed: IndexedView | null = indexedView(db, filters, { includeDrafts: options.includeDrafts }),
): EventsPage & { total: number } {
  const visibility: Visibility = { includeDrafts: options.includeDrafts };
  if (indexed) {
    // The facet index (timeline-index.ts): the total is the view's size; the page walks the
    // timeline order, or for relevance order comes from the full-text ranking as below.
    if (filters.sort === 'relevance' && searchQueryGroups(filters)) {
      const page = listBySql(db, filters, { ...visibility, position: options.position, limit: options.limit });
      return { ...page, total: indexed.view.size };
    }
    const position = options.position?.kind === 'date' ? options.position : null;
    const page = indexedEventsPage(indexed, position, clampLimit(options.limit));
    if (page) return page;
  }
  const total = countTimeline(db, filters, visibility);
  const page = listBySql(db, filters, { ...visibility, position: options.position, limit: options.limit });
  return { ...page, total };
}
