/**
 * The filters on PostgreSQL: the same conditions as on SQLite (db/queries/filter-conditions.ts),
 * over this engine's tables, with the two pieces of SQL that differ: the end of a year's or a
 * month's period (date arithmetic) and the full-text match (db/pg/search.ts).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { TimelineFilters } from '@/lib/filters';
import { rowSources, timelineWhere, type ConditionOptions, type FilterSchema } from '@/db/queries/filter-conditions';
import { eventCountries, eventEntities, events, eventTags, tags } from './schema';
import { pgMatchingIdsSql } from './search';

export const PG_FILTERS: FilterSchema = {
  events,
  eventCountries,
  eventEntities,
  eventTags,
  tags,
  // Dates are `YYYY-MM-DD` text on both engines, compared as text.
  periodEnd: (date, precision) => sql`(CASE ${precision}
      WHEN 'year' THEN to_char(${date}::date + interval '1 year' - interval '1 day', 'YYYY-MM-DD')
      WHEN 'month' THEN to_char(${date}::date + interval '1 month' - interval '1 day', 'YYYY-MM-DD')
      ELSE ${date} END)`,
  matchingIds: pgMatchingIdsSql,
};

export const PG_SOURCES = rowSources(PG_FILTERS);

/** Visibility plus filters on PostgreSQL: the WHERE of the filtered view, read from `source` (default `events`). */
export function pgTimelineWhere(filters: TimelineFilters, options: Omit<ConditionOptions, 'source'> & { source?: keyof typeof PG_SOURCES } = {}): SQL | undefined {
  return timelineWhere(filters, { ...options, source: PG_SOURCES[options.source ?? 'events'] });
}
