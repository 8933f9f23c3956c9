/**
 * The filtered timeline: one page of events for parsed filters, and the total. The page, the
 * JSON API, the entity and country pages (and the CSV export) all read through here.
 *
 * Timeline order (newest first) pages by keyset on (date, id). Relevance order pages by offset:
 * bm25 scores are not stored, and a search result set is small enough for that to be cheap.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { searchGroups, type SortOrder, type TimelineFilters } from '@/lib/filters';
import type { DbOrTx } from '../client';
import { eventCountries, eventEntities, events, eventTags } from '../schema';
import {
  afterCursor,
  attachRelations,
  decodeCursor,
  encodeCursor,
  summaryColumns,
  TIMELINE_ORDER,
  visibilityConditions,
  type TimelineCursor,
  type TimelinePage,
  type Visibility,
} from './events';
import { eventsFrom, filterConditions, JUNCTION_SOURCES, timelineWhere } from './filter-conditions';
import { activeDimensions, monthTotal, planFilters, type FilterPlan } from './filter-plan';
import { rankedMatches } from './search';
import { toFtsQuery } from '@/lib/search-syntax';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
const MAX_RANK_OFFSET = 100_000;

export type TimelinePosition = { kind: 'date'; cursor: TimelineCursor } | { kind: 'rank'; offset: number };

function encodeRankCursor(offset: number): string {
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
  /** The view's size when already counted: it tells the list whether to start from a filter. */
  total?: number;
  /** The view's plan when already made (filter-plan.ts). */
  plan?: FilterPlan;
}

const JUNCTION_TABLES = { countries: eventCountries, actors: eventEntities, tags: eventTags } as const;

function clampLimit(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
}

/**
 * Whether the list should start from the plan's driver and sort, rather than walk the timeline
 * newest first and test each event. Walking stops after about `limit × visible / view size`
 * events, each tested through covering indexes. Starting from the driver reads its set, fetches
 * each of its events by id and sorts them: about three times the cost per event (at 100,000
 * events, a 4,300-event driver took 21 ms where walking 7,200 events took 7 ms), and the set is
 * sized after narrowing by type, which the junction index cannot seek on.
 */
export const DRIVER_COST = 3;

export function listFromDriver(plan: FilterPlan, limit: number, total?: number): boolean {
  if (plan.driver === 'events') return false;
  const view = Math.max(1, total ?? plan.viewSize);
  const walked = Math.min(plan.visible, ((limit + 1) * plan.visible) / view);
  return plan.driverSize * DRIVER_COST < walked;
}

/** One page of the filtered timeline, in the filters' sort order. */
export function listTimeline(db: DbOrTx, filters: TimelineFilters, options: TimelineQueryOptions = {}): TimelinePage {
  const limit = clampLimit(options.limit);
  const groups = searchGroups(filters);
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

  const plan = options.plan ?? planFilters(db, filters, visibility);
  const driver = listFromDriver(plan, limit, options.total) ? plan.driver : undefined;
  const conditions = [...visibilityConditions(visibility), ...filterConditions(filters, { ...visibility, driver })];
  if (options.position?.kind === 'date') conditions.push(afterCursor(options.position.cursor));
  const rows = db
    .select(summaryColumns)
    .from(events)
    .where(and(...conditions))
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

/** The one filter of a view, when it has a single value and nothing else is filtered. */
function singleFilter(filters: TimelineFilters): 'countries' | 'actors' | 'tags' | 'authorities' | 'programs' | null {
  const active = activeDimensions(filters);
  if (active.types || active.dates || active.search) return null;
  const multi = (['countries', 'actors', 'tags', 'authorities', 'programs'] as const).filter((d) => active[d]);
  if (multi.length !== 1) return null;
  const d = multi[0]!;
  return filters[d].length === 1 ? d : null;
}

/**
 * A view filtered by a search alone, counted from the full-text index: it holds every live event
 * (drafts too, deleted ones not; db/search-index.ts), so its count of matches (already taken by the
 * plan) is the answer for staff who see everything, and for the published timeline it is that
 * count less the matching drafts. Walking the few drafts and testing each against the set of
 * matches is cheap; testing each of 123,000 matches against `events` took 93 ms at a million events
 * (docs/performance.md). Null when the view has other filters or the plan's count hit its cap.
 */
function searchOnlyCount(db: DbOrTx, filters: TimelineFilters, visibility: Visibility, plan: FilterPlan): number | null {
  const active = activeDimensions(filters);
  const others = active.types || active.dates || active.countries || active.actors || active.authorities || active.programs || active.tags;
  const matches = plan.sizes.search;
  const groups = searchGroups(filters);
  if (!active.search || others || !groups || matches === undefined || matches > plan.visible) return null;
  if (visibility.includeDrafts && filters.status === 'all') return matches;
  if (!countsDescribe(filters, visibility)) return null;
  const drafts = db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM ${events} INDEXED BY events_live_type_idx
         WHERE ${events.deletedAt} IS NULL AND ${events.status} = 'draft'
           AND +${events.id} IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ${toFtsQuery(groups)})`,
  );
  return matches - (drafts?.n ?? 0);
}

/**
 * How many events the filtered view holds. The published timeline's maintained counts answer a
 * view filtered by types and whole months, or by one value of one other filter; anything else is
 * counted in SQL from the smallest filter's table (filter-plan.ts).
 */
export function countTimeline(db: DbOrTx, filters: TimelineFilters, visibility: Visibility = {}, plan?: FilterPlan): number {
  const p = plan ?? planFilters(db, filters, visibility);
  if (countsDescribe(filters, visibility)) {
    if (p.onlyMonthCounts) return monthTotal(db, filters);
    const single = singleFilter(filters);
    if (single) return p.sizes[single] ?? 0;
  }
  const searched = searchOnlyCount(db, filters, visibility, p);
  if (searched !== null) return searched;
  if (p.driver === 'countries' || p.driver === 'actors' || p.driver === 'tags') {
    const source = JUNCTION_SOURCES[p.driver];
    const row = db
      .select({ n: sql<number>`count(DISTINCT ${source.id})` })
      .from(JUNCTION_TABLES[p.driver])
      .where(timelineWhere(filters, { ...visibility, source }))
      .get();
    return row?.n ?? 0;
  }
  const driver = p.driver === 'search' ? 'search' : undefined;
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(eventsFrom(driver))
    .where(timelineWhere(filters, { ...visibility, driver }))
    .get();
  return row?.n ?? 0;
}

/**
 * What `GET /api/events` reads for one page: the total first (it tells the list whether to start
 * from a filter; see listFromDriver), then the page with its relations.
 */
export function loadEventsPage(
  db: DbOrTx,
  filters: TimelineFilters,
  options: Visibility & { position?: TimelinePosition | null; limit?: number },
): TimelinePage & { total: number } {
  const visibility: Visibility = { includeDrafts: options.includeDrafts };
  const plan = planFilters(db, filters, visibility);
  const total = countTimeline(db, filters, visibility, plan);
  const page = listTimeline(db, filters, { ...visibility, position: options.position, limit: options.limit, total, plan });
  return { ...page, total };
}
