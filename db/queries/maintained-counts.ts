/**
 * What the maintained counts (facet_counts, event_month_counts; db/derived/counts.ts, decision
 * 0010) answer exactly, without reading the events: the total, the type and year facets and the
 * chart of a view of the published timeline filtered only by types and whole months, and the
 * size of one value of one filter. The facet index (decision 0039) answers every view at scale;
 * these answer what they describe while it builds, for a database without it (a transaction, a
 * test), and for the directory pages.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { EventTypeKey } from '@/lib/event-types';
import { dateBounds, searchGroups, type TimelineFilters } from '@/lib/filters';
import type { DbOrTx } from '@/db/engine/client';
import type { Facet } from './filter-conditions';

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

/**
 * The size of a published view filtered by one value of one filter (a country in a role, an actor,
 * a tag, an authority, a program) and nothing else, from its maintained count; null for any other view.
 */
export function singleValueTotal(db: DbOrTx, filters: TimelineFilters): number | null {
  const query = singleValueTotalSql(filters);
  return query ? (db.get<{ n: number | null }>(query)?.n ?? 0) : null;
}

/** The SQL of `singleValueTotal` (the same on PostgreSQL), or null when the view is not of one value. */
export function singleValueTotalSql(filters: TimelineFilters): SQL | null {
  const active = activeDimensions(filters);
  if (active.types || active.dates || active.search || active.counterparts) return null;
  const multi = (['countries', 'actors', 'tags', 'authorities', 'programs'] as const).filter((d) => active[d]);
  if (multi.length !== 1 || filters[multi[0]!].length !== 1) return null;
  const d = multi[0]!;
  const facet = { countries: filters.role === 'any' ? 'country' : `country:${filters.role}`, actors: 'actor', tags: 'tag', authorities: 'authority', programs: 'program' }[d];
  const value = d === 'tags' ? sql`(SELECT CAST(id AS TEXT) FROM tags WHERE slug = ${filters.tags[0]!})` : sql`${String(filters[d][0]!)}`;
  return sql`SELECT sum(n) AS n FROM facet_counts WHERE facet = ${facet} AND value = ${value}`;
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

/** Whether a view has no filter but types and dates (besides its own facet's). */
function onlyTypesAndDates(filters: TimelineFilters, omit?: Facet): boolean {
  const a = activeDimensions(filters, omit);
  return !a.countries && !a.counterparts && !a.actors && !a.authorities && !a.programs && !a.tags && !a.search;
}

/** The filters other than types and whole months: when none, the month counts answer exactly. */
export function onlyMonthCounts(filters: TimelineFilters, omit?: Facet): boolean {
  return onlyTypesAndDates(filters, omit) && (omit === 'dates' || (filters.from === null && filters.to === null) || monthAligned(filters));
}

/** No filter but types (or none): the per-type facet counts answer exactly. */
export function onlyTypes(filters: TimelineFilters, omit?: Facet): boolean {
  return onlyTypesAndDates(filters, omit) && (omit === 'dates' || (filters.from === null && filters.to === null));
}
