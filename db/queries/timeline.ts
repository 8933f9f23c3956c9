/**
 * The filtered timeline: one page of events for parsed filters, and the total. The page, the
 * JSON API, the entity and country pages (and the CSV export) all read through here.
 *
 * Timeline order (newest first) pages by keyset on (date, id). Relevance order pages by offset:
 * bm25 scores are not stored, and a search result set is small enough for that to be cheap.
 */
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { type SortOrder, type TimelineFilters } from '@/lib/filters';
import type { DbOrTx } from '@/db/engine/client';
import { idSetFromJson, type IdSet } from '@/db/derived/id-set';
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
  type EventsPage,
  type Visibility,
} from './events';
import { eventsFrom, filterConditions, JUNCTION_SOURCES, timelineWhere } from './filter-conditions';
import { activeDimensions, monthTotal, planFilters, type FilterPlan } from './filter-plan';
import { matchingIdsSql, rankedMatches, searchQueryGroups } from './search';
import { indexedEventsPage, indexedView, type IndexedView } from './timeline-index';

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
 * each of its events by id and sorts them: about three times the cost per event (docs/performance.md, "Measurements behind the code"),
 * and the set is sized after narrowing by type, which the junction index cannot seek on.
 */
export const DRIVER_COST = 3;

export function listFromDriver(plan: FilterPlan, limit: number, total?: number): boolean {
  if (plan.driver === 'events') return false;
  const view = Math.max(1, total ?? plan.viewSize);
  const walked = Math.min(plan.visible, ((limit + 1) * plan.visible) / view);
  return plan.driverSize * DRIVER_COST < walked;
}

/** One page of the filtered timeline, in the filters' sort order. */
export function listTimeline(db: DbOrTx, filters: TimelineFilters, options: TimelineQueryOptions = {}): EventsPage {
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

  const plan = options.plan ?? planFilters(db, filters, visibility);
  const driver = listFromDriver(plan, limit, options.total) ? plan.driver : undefined;
  const matches = driver ? null : searchMatchSet(db, filters, plan);
  const rows = matches
    ? walkWithMatches(db, filters, visibility, matches, options.position?.kind === 'date' ? options.position.cursor : null, limit + 1)
    : db
        .select(summaryColumns)
        .from(events)
        .where(
          and(
            ...visibilityConditions(visibility),
            ...filterConditions(filters, { ...visibility, driver }),
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

/**
 * A search that matches many events, for a list that walks the timeline (no driving set): the
 * matching ids as a JavaScript Set, read once per plan from the full-text index. SQLite would build
 * the same set as a temporary b-tree in every statement that tests against it (the count of drafts,
 * the page), where reading the ids as JSON and setting their bits (db/derived/id-set.ts) costs about
 * as much once (docs/performance.md, "Measurements behind the code"). Only
 * when the plan counted the matches exactly and there are not too many; otherwise null, and SQL
 * tests each row.
 */
export const MATCH_SET_RANGE = {
  /** Fewer matches make a temporary b-tree that SQLite builds in a few milliseconds. */
  min: 20_000,
  /** More would hold too much memory. */
  max: 300_000,
};
const matchSets = new WeakMap<FilterPlan, IdSet | null>();

export function searchMatchSet(db: DbOrTx, filters: TimelineFilters, plan: FilterPlan): IdSet | null {
  if (matchSets.has(plan)) return matchSets.get(plan)!;
  const groups = searchQueryGroups(filters);
  const counted = plan.sizes.search;
  // The plan counts matches only up to the best other filter's size: the count is exact (and
  // bounds the set) only when the search is the smallest filter.
  let set: IdSet | null = null;
  if (groups && plan.driver === 'search' && counted !== undefined && counted >= MATCH_SET_RANGE.min && counted <= MATCH_SET_RANGE.max) {
    const json = db.get<{ ids: string | null }>(
      sql`SELECT json_group_array(id) AS ids FROM (${matchingIdsSql(groups)})`,
    )?.ids;
    set = idSetFromJson(json);
  }
  matchSets.set(plan, set);
  return set;
}

/** Rows read per step of the walk below; each step reads four times as many as the one before. */
const WALK_STEP = 500;

/**
 * The first `want` events of the view in timeline order, walking the timeline with every filter
 * but the search in SQL and testing each id against the set of matches in JavaScript; then the
 * page's rows by id.
 */
function walkWithMatches(
  db: DbOrTx,
  filters: TimelineFilters,
  visibility: Visibility,
  matches: IdSet,
  from: TimelineCursor | null,
  want: number,
) {
  const conditions = [...visibilityConditions(visibility), ...filterConditions(filters, { ...visibility, omitSearch: true })];
  const found: number[] = [];
  let cursor = from;
  for (let step = WALK_STEP; found.length < want; step *= 4) {
    const walked = db
      .select({ id: events.id, date: events.date })
      .from(events)
      .where(and(...conditions, cursor ? afterCursor(cursor) : undefined))
      .orderBy(...TIMELINE_ORDER)
      .limit(step)
      .all();
    for (const r of walked) {
      if (matches.has(r.id) && found.push(r.id) >= want) break;
    }
    const last = walked[walked.length - 1];
    if (walked.length < step || !last) break;
    cursor = { date: last.date, id: last.id };
  }
  if (found.length === 0) return [];
  return db.select(summaryColumns).from(events).where(inArray(events.id, found)).orderBy(...TIMELINE_ORDER).all();
}

/** Whether the view shows exactly the published events the maintained counts describe. */
export function countsDescribe(filters: TimelineFilters, visibility: Visibility): boolean {
  return !visibility.includeDrafts || filters.status === 'published';
}

/** The one filter of a view, when it has a single value and nothing else is filtered. */
function singleFilter(filters: TimelineFilters): 'countries' | 'actors' | 'tags' | 'authorities' | 'programs' | null {
  const active = activeDimensions(filters);
  if (active.types || active.dates || active.search || active.counterparts) return null;
  const multi = (['countries', 'actors', 'tags', 'authorities', 'programs'] as const).filter((d) => active[d]);
  if (multi.length !== 1) return null;
  const d = multi[0]!;
  return filters[d].length === 1 ? d : null;
}

/**
 * A view filtered by a search alone, counted from the full-text index: it holds every live event
 * (drafts too, deleted ones not; db/derived/search-index.ts), so its count of matches (already taken by the
 * plan) is the answer for staff who see everything, and for the published timeline it is that
 * count less the matching drafts. Walking the few drafts and testing each against the set of
 * matches is cheap; testing each match of a common word against `events` is not
 * (docs/performance.md, "Measurements behind the code"). Null when the view has other filters or the plan's count hit its cap.
 */
function searchOnlyCount(db: DbOrTx, filters: TimelineFilters, visibility: Visibility, plan: FilterPlan): number | null {
  const active = activeDimensions(filters);
  const others = active.types || active.dates || active.countries || active.counterparts || active.actors || active.authorities || active.programs || active.tags;
  const matches = plan.sizes.search;
  const groups = searchQueryGroups(filters);
  if (!active.search || others || !groups || matches === undefined || matches > plan.visible) return null;
  if (visibility.includeDrafts && filters.status === 'all') return matches;
  if (!countsDescribe(filters, visibility)) return null;
  const set = searchMatchSet(db, filters, plan);
  if (set) {
    const ids = db.get<{ ids: string | null }>(
      sql`SELECT json_group_array(${events.id}) AS ids FROM ${events} INDEXED BY events_live_type_idx
           WHERE ${events.deletedAt} IS NULL AND ${events.status} = 'draft'`,
    )?.ids;
    let matchingDrafts = 0;
    for (const id of JSON.parse(ids ?? '[]') as number[]) if (set.has(id)) matchingDrafts++;
    return matches - matchingDrafts;
  }
  const drafts = db.get<{ n: number }>(
    sql`SELECT count(*) AS n FROM ${events} INDEXED BY events_live_type_idx
         WHERE ${events.deletedAt} IS NULL AND ${events.status} = 'draft'
           AND +${events.id} IN (${matchingIdsSql(groups)})`,
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
  indexed: IndexedView | null = indexedView(db, filters, { includeDrafts: options.includeDrafts }),
): EventsPage & { total: number } {
  const visibility: Visibility = { includeDrafts: options.includeDrafts };
  if (indexed) {
    // The facet index (timeline-index.ts): the total is the view's size; the page walks the
    // timeline order, or for relevance order comes from the full-text ranking as below.
    if (filters.sort === 'relevance' && searchQueryGroups(filters)) {
      const page = listTimeline(db, filters, { ...visibility, position: options.position, limit: options.limit });
      return { ...page, total: indexed.view.size };
    }
    const position = options.position?.kind === 'date' ? options.position : null;
    const page = indexedEventsPage(indexed, position, clampLimit(options.limit));
    if (page) return page;
  }
  const plan = planFilters(db, filters, visibility);
  const total = countTimeline(db, filters, visibility, plan);
  const page = listTimeline(db, filters, { ...visibility, position: options.position, limit: options.limit, total, plan });
  return { ...page, total };
}
