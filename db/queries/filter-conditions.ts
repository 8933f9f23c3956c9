/**
 * Turns parsed filters (lib/filters.ts) into SQL conditions on `events`. The list, its count, the
 * facet counts, the chart and the CSV export all build their WHERE here, so they agree.
 *
 * Every condition can use an index: `type IN`, `legal_authority IN`, `program IN` and the date range
 * on the events indexes; countries, actors and tags as EXISTS on their junction tables' indexes;
 * free text as `id IN (SELECT rowid FROM events_fts WHERE events_fts MATCH ?)`.
 */
import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { dateBounds, searchGroups, type TimelineFilters } from '@/lib/filters';
import { eventEntities, events, eventTags, tags } from '../schema';
import { involvesCountry, visibilityConditions, type Visibility } from './events';
import { matchesSearch } from './search';

/** A facet whose own filter is left out when counting its options ("other active filters"). */
export type Facet = 'types' | 'countries' | 'actors' | 'authorities' | 'programs' | 'tags' | 'dates';

export interface ConditionOptions extends Visibility {
  omit?: Facet;
  /** Leave the free-text condition out (relevance order joins the FTS results instead). */
  omitSearch?: boolean;
}

/**
 * An event matches a date range when the whole period its date names lies inside the range
 * (docs/decisions/0005): "2023" is inside 2020–2023 and inside 2023, but not inside March 2023,
 * because we do not know that it happened then. `date` is the first day of that period.
 */
function dateConditions(filters: TimelineFilters): SQL[] {
  const { start, end } = dateBounds(filters);
  const out: SQL[] = [];
  if (start) out.push(gte(events.date, start));
  if (end) {
    out.push(lte(events.date, end));
    out.push(sql`(CASE ${events.datePrecision}
      WHEN 'year' THEN date(${events.date}, '+1 year', '-1 day')
      WHEN 'month' THEN date(${events.date}, '+1 month', '-1 day')
      ELSE ${events.date} END) <= ${end}`);
  }
  return out;
}

export function involvesAnyEntity(ids: number[]): SQL {
  return sql`EXISTS (SELECT 1 FROM ${eventEntities} WHERE ${eventEntities.eventId} = ${events.id} AND ${inArray(
    eventEntities.entityId,
    ids,
  )})`;
}

export function taggedAny(slugs: string[]): SQL {
  return sql`EXISTS (SELECT 1 FROM ${eventTags} JOIN ${tags} ON ${tags.id} = ${eventTags.tagId} WHERE ${eventTags.eventId} = ${
    events.id
  } AND ${inArray(tags.slug, slugs)})`;
}

/**
 * The filters' conditions, without the visibility rules. The status filter only counts for a
 * viewer who may see drafts; for everyone else visibility already restricts to published events.
 */
export function filterConditions(filters: TimelineFilters, options: ConditionOptions = {}): SQL[] {
  const { omit } = options;
  const out: SQL[] = [];
  if (options.includeDrafts && filters.status !== 'all') out.push(eq(events.status, filters.status));
  if (omit !== 'dates') out.push(...dateConditions(filters));
  if (omit !== 'types' && filters.types.length > 0) out.push(inArray(events.type, filters.types));
  if (omit !== 'countries' && filters.countries.length > 0) {
    out.push(involvesCountry(filters.countries, filters.role === 'any' ? null : filters.role));
  }
  if (omit !== 'actors' && filters.actors.length > 0) out.push(involvesAnyEntity(filters.actors));
  if (omit !== 'authorities' && filters.authorities.length > 0) out.push(inArray(events.legalAuthority, filters.authorities));
  if (omit !== 'programs' && filters.programs.length > 0) out.push(inArray(events.program, filters.programs));
  if (omit !== 'tags' && filters.tags.length > 0) out.push(taggedAny(filters.tags));
  const groups = searchGroups(filters);
  if (groups && !options.omitSearch) out.push(matchesSearch(groups));
  return out;
}

/** Visibility plus filters: the complete WHERE of the filtered view. */
export function timelineWhere(filters: TimelineFilters, options: ConditionOptions = {}): SQL | undefined {
  return and(...visibilityConditions(options), ...filterConditions(filters, options));
}
