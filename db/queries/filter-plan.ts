/**
 * How to run a filtered query at scale: which filter to start from, and whether the maintained
 * counts (facet_counts, event_month_counts; db/derived/counts.ts) answer it outright.
 *
 * SQLite's planner cannot size a filter on another table (it assumes about 25 rows for any
 * `IN (SELECT ...)`), so at a million events it starts from "actor = the US government" (363,000
 * events) as readily as from an actor with five. The maintained counts give the size of every
 * single filter for the price of an index lookup, and the full-text index says how many events a
 * search matches (bounded); the smallest becomes the driver. See docs/performance.md.
 *
 * The counts are those of the published timeline; for staff views that include drafts they are
 * estimates (drafts are a few percent), and only ever used as such.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { EventTypeKey } from '@/lib/event-types';
import { dateBounds, searchGroups, type TimelineFilters } from '@/lib/filters';
import type { DbOrTx } from '@/db/engine/client';
import { facetCountNames, textList } from '@/db/derived/counts';
import type { Visibility } from './events';
import { matchingIdsSql, searchQueryGroups } from './search';
import type { Driver, Facet } from './filter-conditions';

/** One row of event_month_counts. */
export interface MonthCount {
  month: string;
  datePrecision: 'day' | 'month' | 'year';
  type: EventTypeKey;
  n: number;
}

/**
 * The rows of event_month_counts inside a view filtered only by types and whole months. An event
 * known to the year counts only when the whole year is inside the range (the rule in
 * filter-conditions.ts). Summed in SQL: the table has a row per month, precision and type (3,000
 * at fifteen years), and turning them into JavaScript objects costs more than the sums.
 */
export function monthWhere(filters: TimelineFilters, omit?: Facet): SQL {
  const { start, end } = omit === 'dates' ? { start: null, end: null } : dateBounds(filters);
  const out: SQL[] = [sql`n > 0`];
  if (omit !== 'types' && filters.types.length > 0) {
    out.push(sql`type IN (${sql.join(
      filters.types.map((t) => sql`${t}`),
      sql`, `,
    )})`);
  }
  if (start) out.push(sql`month >= ${start.slice(0, 7)}`);
  if (end) out.push(sql`(CASE date_precision WHEN 'year' THEN substr(month, 1, 4) || '-12' ELSE month END) <= ${end.slice(0, 7)}`);
  return sql.join(out, sql` AND `);
}

/** Published events in the view that the month counts describe (see monthWhere). */
export function monthTotal(db: DbOrTx, filters: TimelineFilters, omit?: Facet): number {
  return db.get<{ n: number | null }>(sql`SELECT sum(n) AS n FROM event_month_counts WHERE ${monthWhere(filters, omit)}`)?.n ?? 0;
}

/** The same, per group: `type`, `substr(month, 1, 4)`, ... */
export function monthTotals(db: DbOrTx, group: SQL, filters: TimelineFilters, omit?: Facet): Map<string, number> {
  const rows = db.all<{ k: string; n: number }>(
    sql`SELECT ${group} AS k, sum(n) AS n FROM event_month_counts WHERE ${monthWhere(filters, omit)} GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.k, r.n]));
}

function facetCount(db: DbOrTx, facet: string, values: readonly (string | number)[], types: readonly string[] = []): number {
  if (values.length === 0) return 0;
  return (
    db.get<{ n: number | null }>(
      sql`SELECT sum(n) AS n FROM facet_counts WHERE facet IN (${textList(facetCountNames(facet, types))}) AND value IN (${textList(values)})`,
    )?.n ?? 0
  );
}

function tagCount(db: DbOrTx, slugs: readonly string[], types: readonly string[] = []): number {
  if (slugs.length === 0) return 0;
  return (
    db.get<{ n: number | null }>(
      sql`SELECT sum(n) AS n FROM facet_counts WHERE facet IN (${textList(facetCountNames('tag', types))}) AND value IN (SELECT CAST(id AS TEXT) FROM tags WHERE slug IN (${textList(slugs)}))`,
    )?.n ?? 0
  );
}

/** How many events a search matches, counted up to `cap` (the cost grows with the count). */
export function searchMatches(db: DbOrTx, filters: TimelineFilters, cap: number): number {
  const groups = searchQueryGroups(filters);
  if (!groups) return 0;
  return (
    db.get<{ n: number }>(
      sql`SELECT count(*) AS n FROM (${matchingIdsSql(groups)} LIMIT ${Math.max(1, Math.ceil(cap))})`,
    )?.n ?? 0
  );
}

/** Whether a date range starts on the first of a month and ends on the last day of one. */
export function monthAligned(filters: Pick<TimelineFilters, 'from' | 'to'>): boolean {
  const { start, end } = dateBounds(filters);
  if (start && !start.endsWith('-01')) return false;
  if (end) {
    const [y, m, d] = end.split('-').map(Number) as [number, number, number];
    if (d !== new Date(Date.UTC(y, m, 0)).getUTCDate()) return false;
  }
  return true;
}

/** Which filters a view has, besides its own facet's. */
export function activeDimensions(filters: TimelineFilters, omit?: Facet) {
  return {
    types: omit !== 'types' && filters.types.length > 0,
    dates: omit !== 'dates' && (filters.from !== null || filters.to !== null),
    countries: omit !== 'countries' && filters.countries.length > 0,
    counterparts: omit !== 'counterparts' && filters.counterparts.length > 0,
    actors: omit !== 'actors' && filters.actors.length > 0,
    authorities: omit !== 'authorities' && filters.authorities.length > 0,
    programs: omit !== 'programs' && filters.programs.length > 0,
    tags: omit !== 'tags' && filters.tags.length > 0,
    search: searchGroups(filters) !== null,
  };
}

export interface FilterPlan {
  /** Published, not deleted events in all. */
  visible: number;
  /** Estimated size of each active filter on its own. */
  sizes: Partial<Record<Driver | 'types' | 'dates' | 'counterparts' | 'authorities' | 'programs', number>>;
  /**
   * The smallest: what the query should start from. A junction table's driving set is narrowed by
   * the view's types (filter-conditions.ts), so it is sized by the per-type counts when there are types.
   */
  driver: Driver;
  driverSize: number;
  /** Estimated size of the whole view, as if the filters were independent. */
  viewSize: number;
  /** The filters other than types and whole months: when none, the month counts answer exactly. */
  onlyMonthCounts: boolean;
  /** No filter but types (or none): the per-type facet counts answer exactly. */
  onlyTypes: boolean;
}

export interface PlanOptions extends Visibility {
  omit?: Facet;
}

export function planFilters(db: DbOrTx, filters: TimelineFilters, options: PlanOptions = {}): FilterPlan {
  const active = activeDimensions(filters, options.omit);
  const only = { ...filters, types: active.types ? filters.types : [], from: active.dates ? filters.from : null, to: active.dates ? filters.to : null };
  const counted = db.get<{ visible: number | null; view: number | null }>(
    sql`SELECT sum(n) AS visible, sum(CASE WHEN ${monthWhere(only)} THEN n END) AS view FROM event_month_counts`,
  );
  const visible = counted?.visible ?? 0;
  const sizes: FilterPlan['sizes'] = {};
  // For days rather than whole months this is an estimate (the months that hold the range).
  if (active.types || active.dates) sizes.types = counted?.view ?? 0;
  if (active.authorities) sizes.authorities = facetCount(db, 'authority', filters.authorities);
  if (active.programs) sizes.programs = facetCount(db, 'program', filters.programs);
  const eventLevel = [sizes.types, sizes.authorities, sizes.programs].filter((n): n is number => n !== undefined);
  sizes.events = eventLevel.length > 0 ? Math.min(...eventLevel) : visible;
  if (active.countries) {
    sizes.countries = facetCount(db, filters.role === 'any' ? 'country' : `country:${filters.role}`, filters.countries);
  }
  // Sized for the estimate of the view only: a counterpart is always a probe, never the driver.
  if (active.counterparts) sizes.counterparts = facetCount(db, 'country', filters.counterparts);
  if (active.actors) sizes.actors = facetCount(db, 'actor', filters.actors);
  if (active.tags) sizes.tags = tagCount(db, filters.tags);

  const types = active.types ? filters.types : [];
  const driving = (d: 'countries' | 'actors' | 'tags'): number | undefined => {
    if (sizes[d] === undefined || types.length === 0) return sizes[d];
    if (d === 'tags') return tagCount(db, filters.tags, types);
    if (d === 'actors') return facetCount(db, 'actor', filters.actors, types);
    return facetCount(db, filters.role === 'any' ? 'country' : `country:${filters.role}`, filters.countries, types);
  };
  let driver: Driver = 'events';
  let driverSize = sizes.events;
  for (const d of ['countries', 'actors', 'tags'] as const) {
    const n = driving(d);
    if (n !== undefined && n < driverSize) {
      driver = d;
      driverSize = n;
    }
  }
  if (active.search) {
    // Counting matches costs as much as the count, so count only up to the best driver so far.
    const n = searchMatches(db, filters, driverSize + 1);
    sizes.search = n;
    if (n <= driverSize) {
      driver = 'search';
      driverSize = n;
    }
  }

  let viewSize = visible;
  for (const [name, n] of Object.entries(sizes)) if (name !== 'events') viewSize *= Math.min(1, n / Math.max(1, visible));

  return {
    visible,
    sizes,
    driver,
    driverSize,
    viewSize: Math.max(viewSize, Math.min(driverSize, 1)),
    onlyMonthCounts:
      !active.countries && !active.counterparts && !active.actors && !active.authorities && !active.programs && !active.tags &&
      !active.search && (!active.dates || monthAligned(filters)),
    onlyTypes:
      !active.dates && !active.countries && !active.counterparts && !active.actors && !active.authorities && !active.programs && !active.tags && !active.search,
  };
}
