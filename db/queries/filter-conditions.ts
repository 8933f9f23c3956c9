/**
 * Turns parsed filters (lib/filters.ts) into SQL conditions. The list, its count, the facet counts,
 * the chart and the CSV export all build their WHERE here, so they agree.
 *
 * The conditions can be written over two kinds of row source (docs/performance.md):
 *  - `events` itself (the list, the export, most counts);
 *  - a junction table (`event_countries`, `event_entities`, `event_tags`), whose rows carry copies
 *    of their event's visibility, type and date (db/derived/counts.ts): counting countries, actors or
 *    tags of a filtered view then never reads `events`.
 * and each filter on another table can take two forms, chosen by the caller's plan
 * (filter-plan.ts), with the same meaning:
 *  - the `driver` as `source.id IN (SELECT event_id ...)`: SQLite starts from that set;
 *  - every other one as a probe: `EXISTS (...)` on the junction table's primary key, or for the
 *    full-text search `+id IN (...)` (the `+` keeps SQLite from starting there; it builds the set
 *    once and tests each row against it).
 */
import { and, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { dateBounds, type TimelineFilters } from '@/lib/filters';
import { eventCountries, eventEntities, events, eventTags, tags } from '../schema';
import { visibilityConditions, type Visibility } from './events';
import { matchingIdsSql, searchQueryGroups } from './search';

/** A facet whose own filter is left out when counting its options ("other active filters"). */
export type Facet = 'types' | 'countries' | 'counterparts' | 'actors' | 'authorities' | 'programs' | 'tags' | 'dates';

/** The filters that live in another table than `events`, and can drive a query. */
export type Dimension = 'countries' | 'actors' | 'tags' | 'search';
/** What a query starts from: the events indexes (types, dates, authorities, programs), or a dimension. */
export type Driver = 'events' | Dimension;

/** Where an event's id, visibility, type and date are read from. */
export interface RowSource {
  table: 'events' | 'countries' | 'actors' | 'tags';
  id: AnySQLiteColumn;
  type: AnySQLiteColumn;
  date: AnySQLiteColumn;
  datePrecision: AnySQLiteColumn;
}

export const EVENTS_SOURCE: RowSource = {
  table: 'events',
  id: events.id,
  type: events.type,
  date: events.date,
  datePrecision: events.datePrecision,
};

export const JUNCTION_SOURCES = {
  countries: {
    table: 'countries',
    id: eventCountries.eventId,
    type: eventCountries.eventType,
    date: eventCountries.eventDate,
    datePrecision: eventCountries.eventDatePrecision,
  },
  actors: {
    table: 'actors',
    id: eventEntities.eventId,
    type: eventEntities.eventType,
    date: eventEntities.eventDate,
    datePrecision: eventEntities.eventDatePrecision,
  },
  tags: {
    table: 'tags',
    id: eventTags.eventId,
    type: eventTags.eventType,
    date: eventTags.eventDate,
    datePrecision: eventTags.eventDatePrecision,
  },
} as const satisfies Record<string, RowSource>;

function visibilityColumn(source: RowSource): AnySQLiteColumn | null {
  switch (source.table) {
    case 'countries':
      return eventCountries.eventVisibility;
    case 'actors':
      return eventEntities.eventVisibility;
    case 'tags':
      return eventTags.eventVisibility;
    default:
      return null;
  }
}

export interface ConditionOptions extends Visibility {
  omit?: Facet;
  /** Leave the free-text condition out (relevance order joins the FTS results instead). */
  omitSearch?: boolean;
  /** Where the event columns are read from (default `events`). */
  source?: RowSource;
  /** Which filter SQLite should start from; the others are probes. Default: none (all probes). */
  driver?: Driver;
}

/**
 * Who may see what: the public sees published events only; nobody sees deleted ones here. On a
 * junction source this is its copy of the event's visibility.
 */
export function sourceVisibility(source: RowSource, visibility: Visibility = {}): SQL[] {
  const column = visibilityColumn(source);
  if (!column) return visibilityConditions(visibility);
  return [visibility.includeDrafts ? inArray(column, ['published', 'draft']) : eq(column, 'published')];
}

function statusCondition(source: RowSource, status: 'published' | 'draft'): SQL {
  return eq(visibilityColumn(source) ?? events.status, status);
}

/** The same day a year earlier, as text ("2023-12-31" gives "2022-12-31"): only ever compared as text. */
function yearBefore(isoDate: string): string {
  return `${String(Number(isoDate.slice(0, 4)) - 1).padStart(4, '0')}${isoDate.slice(4)}`;
}

/**
 * An event matches a date range when the whole period its date names lies inside the range
 * (docs/decisions/0005): "2023" is inside 2020–2023 and inside 2023, but not inside March 2023,
 * because we do not know that it happened then. `date` is the first day of that period.
 */
function dateConditions(filters: TimelineFilters, source: RowSource): SQL[] {
  const { start, end } = dateBounds(filters);
  const out: SQL[] = [];
  if (start) out.push(gte(source.date, start));
  if (end) {
    out.push(lte(source.date, end));
    // A period that starts a year or more before the end cannot reach past it, so the costly end
    // of the period (two date() calls per row; docs/performance.md) is only worked out for
    // events in the last year of the range; SQLite stops at the first true term of an OR.
    out.push(sql`(${source.date} <= ${yearBefore(end)} OR (CASE ${source.datePrecision}
      WHEN 'year' THEN date(${source.date}, '+1 year', '-1 day')
      WHEN 'month' THEN date(${source.date}, '+1 month', '-1 day')
      ELSE ${source.date} END) <= ${end})`);
  }
  return out;
}

/** The event-level conditions (status, dates, types) on a source's own columns. */
function eventLevelConditions(filters: TimelineFilters, source: RowSource, options: ConditionOptions): SQL[] {
  const out: SQL[] = [];
  if (options.includeDrafts && filters.status !== 'all') out.push(statusCondition(source, filters.status));
  if (options.omit !== 'dates') out.push(...dateConditions(filters, source));
  if (options.omit !== 'types' && filters.types.length > 0) out.push(inArray(source.type, filters.types));
  return out;
}

function countryMatch(filters: TimelineFilters): SQL {
  return and(
    inArray(eventCountries.countryCode, filters.countries),
    filters.role === 'any' ? undefined : eq(eventCountries.role, filters.role),
  )!;
}

function actorMatch(filters: TimelineFilters): SQL {
  return inArray(eventEntities.entityId, filters.actors);
}

function tagMatch(filters: TimelineFilters): SQL {
  return sql`${eventTags.tagId} IN (SELECT ${tags.id} FROM ${tags} WHERE ${inArray(tags.slug, filters.tags)})`;
}

const JUNCTION = {
  countries: { table: eventCountries, eventId: eventCountries.eventId, match: countryMatch, source: JUNCTION_SOURCES.countries },
  actors: { table: eventEntities, eventId: eventEntities.eventId, match: actorMatch, source: JUNCTION_SOURCES.actors },
  tags: { table: eventTags, eventId: eventTags.eventId, match: tagMatch, source: JUNCTION_SOURCES.tags },
} as const;

/**
 * The rows of a junction table matching the filter on it, on the source's own columns when the
 * source is that table (one row per event and value: `first_role` stands for "any role"), as a
 * driving set or as a probe otherwise.
 */
function junctionCondition(
  dimension: 'countries' | 'actors' | 'tags',
  filters: TimelineFilters,
  source: RowSource,
  options: ConditionOptions,
): SQL {
  const j = JUNCTION[dimension];
  if (source.table === dimension) {
    if (dimension === 'countries' && filters.role === 'any') return and(j.match(filters), eq(eventCountries.firstRole, true))!;
    if (dimension === 'actors') return and(j.match(filters), eq(eventEntities.firstRole, true))!;
    return j.match(filters);
  }
  if (options.driver === dimension) {
    // The event-level conditions repeated on the junction's own copies shrink the driving set
    // with an index-only scan; the outer query applies them as well, so the meaning is the same.
    const narrowing = [...sourceVisibility(j.source, options), ...eventLevelConditions(filters, j.source, options)];
    return sql`${source.id} IN (SELECT ${j.eventId} FROM ${j.table} WHERE ${and(j.match(filters), ...narrowing)})`;
  }
  return sql`EXISTS (SELECT 1 FROM ${j.table} WHERE ${j.eventId} = ${source.id} AND ${j.match(filters)})`;
}

/**
 * The other side of two-sided events (`with=`): one of the counterparts takes part in the event in
 * any role. Always a probe on event_countries' primary key, under its own name, so that it also
 * holds on rows of event_countries itself (the country facet, a country driving the query), where
 * it is another row of the same event.
 */
function counterpartCondition(filters: TimelineFilters, source: RowSource): SQL {
  const codes = sql.join(
    filters.counterparts.map((c) => sql`${c}`),
    sql`, `,
  );
  return sql`EXISTS (SELECT 1 FROM event_countries AS counterpart WHERE counterpart.event_id = ${source.id} AND counterpart.country_code IN (${codes}))`;
}

/** Authority and program live on `events`: from a junction source, a set of event ids. */
function eventColumnCondition(column: AnySQLiteColumn, values: string[], source: RowSource): SQL {
  if (source.table === 'events') return inArray(column, values);
  return sql`${source.id} IN (SELECT ${events.id} FROM ${events} WHERE ${inArray(column, values)} AND ${events.deletedAt} is null)`;
}

/** Condition: the event matches the search (db/queries/search.ts: keyed words, country names). */
export function searchCondition(filters: TimelineFilters, source: RowSource = EVENTS_SOURCE, drive = true): SQL | null {
  const groups = searchQueryGroups(filters);
  if (!groups) return null;
  const ids = sql`(${matchingIdsSql(groups)})`;
  return drive ? sql`${source.id} IN ${ids}` : sql`+${source.id} IN ${ids}`;
}

/**
 * The filters' conditions, without the visibility rules. The status filter only counts for a
 * viewer who may see drafts; for everyone else visibility already restricts to published events.
 */
export function filterConditions(filters: TimelineFilters, options: ConditionOptions = {}): SQL[] {
  const source = options.source ?? EVENTS_SOURCE;
  const { omit } = options;
  const out: SQL[] = eventLevelConditions(filters, source, options);
  if (omit !== 'countries' && filters.countries.length > 0) out.push(junctionCondition('countries', filters, source, options));
  if (omit !== 'counterparts' && filters.counterparts.length > 0) out.push(counterpartCondition(filters, source));
  if (omit !== 'actors' && filters.actors.length > 0) out.push(junctionCondition('actors', filters, source, options));
  if (omit !== 'authorities' && filters.authorities.length > 0) {
    out.push(eventColumnCondition(events.legalAuthority, filters.authorities, source));
  }
  if (omit !== 'programs' && filters.programs.length > 0) out.push(eventColumnCondition(events.program, filters.programs, source));
  if (omit !== 'tags' && filters.tags.length > 0) out.push(junctionCondition('tags', filters, source, options));
  if (!options.omitSearch) {
    const search = searchCondition(filters, source, options.driver === 'search');
    if (search) out.push(search);
  }
  return out;
}

/**
 * `events` as the FROM of a query that a driving set of ids starts (count, type, date, authority,
 * program): read through the narrow `events_live_id_idx` rather than the wide rows, which SQLite's
 * planner would pick (a rowid lookup looks cheapest to it; it is five times slower at a million
 * events, most of them not in the page cache).
 */
export function eventsFrom(driver: Driver | undefined): typeof events | SQL {
  return driver && driver !== 'events' ? sql`${events} INDEXED BY events_live_id_idx` : events;
}

/** Visibility plus filters: the complete WHERE of the filtered view. */
export function timelineWhere(filters: TimelineFilters, options: ConditionOptions = {}): SQL | undefined {
  return and(...sourceVisibility(options.source ?? EVENTS_SOURCE, options), ...filterConditions(filters, options));
}
