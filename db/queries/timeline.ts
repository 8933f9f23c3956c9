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
  type TimelinePage,
  type Visibility,
} from './events';
import { filterConditions } from './filter-conditions';
import { rankedMatches } from './search';

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
}

function clampLimit(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
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

  const conditions = [...visibilityConditions(visibility), ...filterConditions(filters, visibility)];
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

/** How many events the filtered view holds. */
export function countTimeline(db: DbOrTx, filters: TimelineFilters, visibility: Visibility = {}): number {
  const row = db
    .select({ n: sql<number>`count(*)` })
    .from(events)
    .where(and(...visibilityConditions(visibility), ...filterConditions(filters, visibility)))
    .get();
  return row?.n ?? 0;
}
