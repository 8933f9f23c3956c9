/**
 * Turns parsed filters (lib/filters.ts) into SQL conditions. The list, its count, the facet counts,
 * the chart and the CSV export all build their WHERE here, so they agree.
 *
 * The conditions can be written over two kinds of row source (docs/performance.md):
 *  - `events` itself (the list, the export, most counts);
 *  - a junction table (`event_countries`, `event_entities`, `event_tags`), whose rows carry copies
 *    of their event's visibility, type and date (db/derived/counts.ts): counting countries, actors or
 *    tags of a filtered view then never reads `events`.
 * A filter on another table is a probe: `EXISTS (...)` on the junction table's primary key, or for
 * the full-text search `+id IN (...)` (SQLite builds the set of matches once and tests each row).
 * The facet index (db/derived/facet-index.ts, decision 0039) answers the app's views at scale;
 * these conditions are the plain SQL it is checked against, and what answers while it builds.
 *
 * The same conditions are PostgreSQL's (db/pg/filters.ts): a row source carries its engine's
 * tables (`FilterSchema`), and the two pieces of SQL that differ (a period's last day, the
 * full-text match) come with them. db/pg/filters.test.ts compares the selections of both engines.
 */
import { and, eq, gte, inArray, isNull, lte, sql, type Column, type SQL, type Table } from 'drizzle-orm';
import { dateBounds, type TimelineFilters } from '@/lib/filters';
import type { QueryGroups } from '@/lib/search/query';
import * as sqliteSchema from '../schema';
import type { Visibility } from './events';
import { matchingIdsSql, searchQueryGroups } from './search';

/** A facet whose own filter is left out when counting its options ("other active filters"). */
export type Facet = 'types' | 'countries' | 'counterparts' | 'actors' | 'authorities' | 'programs' | 'tags' | 'dates';

type Columns<K extends string> = Table & Record<K, Column>;
type JunctionFacts = 'eventId' | 'eventType' | 'eventDate' | 'eventDatePrecision' | 'eventVisibility';

/**
 * The tables the conditions read and the little SQL that differs between engines: the same
 * conditions serve SQLite (`SQLITE_FILTERS`, here) and PostgreSQL (db/pg/filters.ts), whose tables
 * have the same names and columns (db/pg/schema-parity.test.ts).
 */
export interface FilterSchema {
  events: Columns<'id' | 'type' | 'date' | 'datePrecision' | 'status' | 'deletedAt' | 'legalAuthority' | 'program'>;
  eventCountries: Columns<JunctionFacts | 'countryCode' | 'role' | 'firstRole'>;
  eventEntities: Columns<JunctionFacts | 'entityId' | 'firstRole'>;
  eventTags: Columns<JunctionFacts | 'tagId'>;
  tags: Columns<'id' | 'slug'>;
  /** The last day of the period a (date, precision) names, as `YYYY-MM-DD` text. */
  periodEnd(date: Column, precision: Column): SQL;
  /** `SELECT id ...` of the live events matching a search (db/queries/search.ts, db/pg/search.ts). */
  matchingIds(groups: QueryGroups): SQL;
}

export const SQLITE_FILTERS: FilterSchema = {
  events: sqliteSchema.events,
  eventCountries: sqliteSchema.eventCountries,
  eventEntities: sqliteSchema.eventEntities,
  eventTags: sqliteSchema.eventTags,
  tags: sqliteSchema.tags,
  periodEnd: (date, precision) => sql`(CASE ${precision}
      WHEN 'year' THEN date(${date}, '+1 year', '-1 day')
      WHEN 'month' THEN date(${date}, '+1 month', '-1 day')
      ELSE ${date} END)`,
  matchingIds: matchingIdsSql,
};

/** Where an event's id, visibility, type and date are read from. */
export interface RowSource {
  table: 'events' | 'countries' | 'actors' | 'tags';
  id: Column;
  type: Column;
  date: Column;
  datePrecision: Column;
  /** A junction table's copy of its event's visibility; null on `events` (its status and deletedAt). */
  visibility: Column | null;
  schema: FilterSchema;
}

/** The row sources over one engine's tables. */
export function rowSources(schema: FilterSchema) {
  const junction = (table: 'countries' | 'actors' | 'tags', t: FilterSchema['eventCountries'] | FilterSchema['eventEntities'] | FilterSchema['eventTags']): RowSource => ({
    table,
    id: t.eventId,
    type: t.eventType,
    date: t.eventDate,
    datePrecision: t.eventDatePrecision,
    visibility: t.eventVisibility,
    schema,
  });
  const e = schema.events;
  return {
    events: { table: 'events', id: e.id, type: e.type, date: e.date, datePrecision: e.datePrecision, visibility: null, schema } satisfies RowSource,
    countries: junction('countries', schema.eventCountries),
    actors: junction('actors', schema.eventEntities),
    tags: junction('tags', schema.eventTags),
  };
}

const SQLITE_SOURCES = rowSources(SQLITE_FILTERS);
export const EVENTS_SOURCE: RowSource = SQLITE_SOURCES.events;
export const JUNCTION_SOURCES = { countries: SQLITE_SOURCES.countries, actors: SQLITE_SOURCES.actors, tags: SQLITE_SOURCES.tags };

export interface ConditionOptions extends Visibility {
  omit?: Facet;
  /** Leave the free-text condition out (relevance order joins the FTS results instead). */
  omitSearch?: boolean;
  /** Where the event columns are read from (default SQLite's `events`); its schema names the engine. */
  source?: RowSource;
}

/**
 * Who may see what: the public sees published events only; nobody sees deleted ones here. On a
 * junction source this is its copy of the event's visibility.
 */
export function sourceVisibility(source: RowSource, visibility: Visibility = {}): SQL[] {
  const column = source.visibility;
  if (!column) {
    const { events } = source.schema;
    return visibility.includeDrafts ? [isNull(events.deletedAt)] : [isNull(events.deletedAt), eq(events.status, 'published')];
  }
  return [visibility.includeDrafts ? inArray(column, ['published', 'draft']) : eq(column, 'published')];
}

function statusCondition(source: RowSource, status: 'published' | 'draft'): SQL {
  return eq(source.visibility ?? source.schema.events.status, status);
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
    out.push(sql`(${source.date} <= ${yearBefore(end)} OR ${source.schema.periodEnd(source.date, source.datePrecision)} <= ${end})`);
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

function countryMatch(t: FilterSchema, filters: TimelineFilters): SQL {
  return and(
    inArray(t.eventCountries.countryCode, filters.countries),
    filters.role === 'any' ? undefined : eq(t.eventCountries.role, filters.role),
  )!;
}

function actorMatch(t: FilterSchema, filters: TimelineFilters): SQL {
  return inArray(t.eventEntities.entityId, filters.actors);
}

function tagMatch(t: FilterSchema, filters: TimelineFilters): SQL {
  return sql`${t.eventTags.tagId} IN (SELECT ${t.tags.id} FROM ${t.tags} WHERE ${inArray(t.tags.slug, filters.tags)})`;
}

const JUNCTION = {
  countries: { table: (t: FilterSchema) => t.eventCountries, match: countryMatch },
  actors: { table: (t: FilterSchema) => t.eventEntities, match: actorMatch },
  tags: { table: (t: FilterSchema) => t.eventTags, match: tagMatch },
} as const;

/**
 * The rows of a junction table matching the filter on it, on the source's own columns when the
 * source is that table (one row per event and value: `first_role` stands for "any role"), as a
 * probe otherwise.
 */
function junctionCondition(dimension: 'countries' | 'actors' | 'tags', filters: TimelineFilters, source: RowSource): SQL {
  const t = source.schema;
  const j = JUNCTION[dimension];
  if (source.table === dimension) {
    if (dimension === 'countries' && filters.role === 'any') return and(j.match(t, filters), eq(t.eventCountries.firstRole, true))!;
    if (dimension === 'actors') return and(j.match(t, filters), eq(t.eventEntities.firstRole, true))!;
    return j.match(t, filters);
  }
  const table = j.table(t);
  return sql`EXISTS (SELECT 1 FROM ${table} WHERE ${table.eventId} = ${source.id} AND ${j.match(t, filters)})`;
}

/**
 * The other side of two-sided events (`with=`): one of the counterparts takes part in the event in
 * any role. A probe on event_countries' primary key, under its own name, so that it also holds on
 * rows of event_countries itself (the country facet), where it is another row of the same event.
 */
function counterpartCondition(filters: TimelineFilters, source: RowSource): SQL {
  const codes = sql.join(
    filters.counterparts.map((c) => sql`${c}`),
    sql`, `,
  );
  return sql`EXISTS (SELECT 1 FROM event_countries AS counterpart WHERE counterpart.event_id = ${source.id} AND counterpart.country_code IN (${codes}))`;
}

/** Authority and program live on `events`: from a junction source, a set of event ids. */
function eventColumnCondition(column: 'legalAuthority' | 'program', values: string[], source: RowSource): SQL {
  const { events } = source.schema;
  if (source.table === 'events') return inArray(events[column], values);
  return sql`${source.id} IN (SELECT ${events.id} FROM ${events} WHERE ${inArray(events[column], values)} AND ${events.deletedAt} is null)`;
}

/** Condition: the event matches the search (db/queries/search.ts: keyed words, country names). */
export function searchCondition(filters: TimelineFilters, source: RowSource = EVENTS_SOURCE): SQL | null {
  const groups = searchQueryGroups(filters);
  if (!groups) return null;
  // `+`: SQLite tests each row against the set built once, never looks the id up in the MATCH.
  return sql`+${source.id} IN (${source.schema.matchingIds(groups)})`;
}

/**
 * The filters' conditions, without the visibility rules. The status filter only counts for a
 * viewer who may see drafts; for everyone else visibility already restricts to published events.
 */
export function filterConditions(filters: TimelineFilters, options: ConditionOptions = {}): SQL[] {
  const source = options.source ?? EVENTS_SOURCE;
  const { omit } = options;
  const out: SQL[] = eventLevelConditions(filters, source, options);
  if (omit !== 'countries' && filters.countries.length > 0) out.push(junctionCondition('countries', filters, source));
  if (omit !== 'counterparts' && filters.counterparts.length > 0) out.push(counterpartCondition(filters, source));
  if (omit !== 'actors' && filters.actors.length > 0) out.push(junctionCondition('actors', filters, source));
  if (omit !== 'authorities' && filters.authorities.length > 0) {
    out.push(eventColumnCondition('legalAuthority', filters.authorities, source));
  }
  if (omit !== 'programs' && filters.programs.length > 0) out.push(eventColumnCondition('program', filters.programs, source));
  if (omit !== 'tags' && filters.tags.length > 0) out.push(junctionCondition('tags', filters, source));
  if (!options.omitSearch) {
    const search = searchCondition(filters, source);
    if (search) out.push(search);
  }
  return out;
}

/** Visibility plus filters: the complete WHERE of the filtered view. */
export function timelineWhere(filters: TimelineFilters, options: ConditionOptions = {}): SQL | undefined {
  return and(...sourceVisibility(options.source ?? EVENTS_SOURCE, options), ...filterConditions(filters, options));
}
