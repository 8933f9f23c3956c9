/**
 * The density chart's data: how many events of each type fall in each month (or each year, for
 * long ranges) of the filtered view: the maintained month counts when the view is filtered only
 * by types and whole months (db/derived.ts), else one pass over the same WHERE as the list,
 * counted with the `facet_count` hash aggregate (docs/performance.md).
 *
 * A month bar counts only events dated to a month or a day: an event known only to its year has no
 * month, and putting it in January would draw a spike that never happened. The chart says how many
 * such events it leaves out, and clicking a month narrows to exactly the events its bar counted
 * (see the date-range rule in filter-conditions.ts).
 */
import { sql } from 'drizzle-orm';
import { monthName } from '@/lib/dates';
import { EVENT_TYPE_KEYS, type EventTypeKey } from '@/lib/event-types';
import { dateBounds, type TimelineFilters } from '@/lib/filters';
import type { DbOrTx } from '../client';
import { eventCountries, eventEntities, eventTags } from '../schema';
import type { Visibility } from './events';
import { EVENTS_SOURCE, eventsFrom, JUNCTION_SOURCES, timelineWhere, type EventSource } from './filter-conditions';
import { monthWhere, planFilters, type FilterPlan, type MonthCount } from './filter-plan';
import { countsDescribe } from './timeline';

export type DensityUnit = 'month' | 'year';

export interface DensityBucket {
  /** "2023-03" or "2023": also the `from`/`to` value that selects this bucket. */
  key: string;
  label: string;
  counts: Record<EventTypeKey, number>;
  total: number;
}

export interface DensityChartData {
  unit: DensityUnit;
  buckets: DensityBucket[];
  /** The tallest bar. */
  max: number;
  /** Events in the view that the month chart leaves out because only their year is known. */
  yearOnly: number;
}

/** Up to this many months the chart shows months; longer spans show years. */
export const MAX_MONTH_BUCKETS = 60;
const MAX_BUCKETS = 120;

function emptyCounts(): Record<EventTypeKey, number> {
  return Object.fromEntries(EVENT_TYPE_KEYS.map((k) => [k, 0])) as Record<EventTypeKey, number>;
}

function monthIndex(ym: string): number {
  return Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
}

function monthKey(index: number): string {
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Events per month, date precision and type, counted over the view's rows (not the month counts). */
function countedMonths(db: DbOrTx, filters: TimelineFilters, visibility: Visibility, plan: FilterPlan): MonthCount[] {
  const d = plan.driver;
  // A single value of a junction filter: its rows carry the event's type and date, one per event.
  const single = (d === 'countries' || d === 'actors' || d === 'tags') && filters[d].length === 1;
  const source: EventSource = single ? JUNCTION_SOURCES[d] : EVENTS_SOURCE;
  const driver = !single && d !== 'events' ? d : undefined;
  const table = single ? { countries: eventCountries, actors: eventEntities, tags: eventTags }[d] : eventsFrom(driver);
  const key = sql`substr(${source.date}, 1, 7) || '|' || ${source.datePrecision} || '|' || ${source.type}`;
  const where = timelineWhere(filters, { ...visibility, source, driver });
  const row = db
    .select({ counts: sql<string>`facet_count(${key})` })
    .from(table)
    .where(where)
    .get();
  const counted = row?.counts ? (JSON.parse(row.counts) as [string, number][]) : [];
  return counted.map(([k, n]) => {
    const [month, datePrecision, type] = k.split('|') as [string, MonthCount['datePrecision'], EventTypeKey];
    return { month, datePrecision, type, n };
  });
}

/** Whether the maintained month counts describe the view exactly (published events, types and whole months). */
function fromMonthCounts(filters: TimelineFilters, visibility: Visibility, plan: FilterPlan): boolean {
  return countsDescribe(filters, visibility) && plan.onlyMonthCounts;
}

/** Events per month, date precision and type in the filtered view. */
export function densityRows(db: DbOrTx, filters: TimelineFilters, visibility: Visibility = {}): MonthCount[] {
  const plan = planFilters(db, filters, visibility);
  if (!fromMonthCounts(filters, visibility, plan)) return countedMonths(db, filters, visibility, plan);
  return db.all<MonthCount>(
    sql`SELECT month, date_precision AS datePrecision, type, sum(n) AS n FROM event_month_counts WHERE ${monthWhere(filters)} GROUP BY 1, 2, 3`,
  );
}

/** The bars' span: the filter's range, or the data's when there is none or it is far too wide. */
function frame(filters: TimelineFilters, dataFirst: number, dataLast: number): { first: number; last: number; unit: DensityUnit } {
  const { start, end } = dateBounds(filters);
  let first = start ? monthIndex(start) : dataFirst;
  let last = end ? monthIndex(end) : dataLast;
  // An open-ended or very wide filter (from=1900) would draw mostly empty bars: fall back to the data.
  if (last - first + 1 > MAX_BUCKETS * 12) {
    first = dataFirst;
    last = dataLast;
  }
  return { first, last, unit: last - first + 1 <= MAX_MONTH_BUCKETS ? 'month' : 'year' };
}

interface BucketRow {
  bucket: string;
  yearOnly: boolean;
  type: EventTypeKey;
  n: number;
}

export function densityChart(db: DbOrTx, filters: TimelineFilters, visibility: Visibility = {}): DensityChartData | null {
  const plan = planFilters(db, filters, visibility);
  let span: { first: number; last: number; unit: DensityUnit };
  let rows: BucketRow[];
  if (fromMonthCounts(filters, visibility, plan)) {
    // Summed in SQL by bucket: a few hundred rows, where the months would be thousands.
    const where = monthWhere(filters);
    const bounds = db.get<{ first: string | null; last: string | null }>(
      sql`SELECT min(month) AS first, max(month) AS last FROM event_month_counts WHERE ${where}`,
    );
    if (!bounds?.first || !bounds.last) return null;
    span = frame(filters, monthIndex(bounds.first), monthIndex(bounds.last));
    const bucket = span.unit === 'month' ? sql`month` : sql`substr(month, 1, 4)`;
    rows = db
      .all<{ bucket: string; yearOnly: number; type: EventTypeKey; n: number }>(
        sql`SELECT ${bucket} AS bucket, date_precision = 'year' AS yearOnly, type, sum(n) AS n FROM event_month_counts WHERE ${where} GROUP BY 1, 2, 3`,
      )
      .map((r) => ({ ...r, yearOnly: r.yearOnly === 1 }));
  } else {
    const months = countedMonths(db, filters, visibility, plan);
    if (months.length === 0) return null;
    const indexes = months.map((r) => monthIndex(r.month));
    span = frame(filters, Math.min(...indexes), Math.max(...indexes));
    const unit = span.unit;
    rows = months.map((r) => ({
      bucket: unit === 'month' ? r.month : r.month.slice(0, 4),
      yearOnly: r.datePrecision === 'year',
      type: r.type,
      n: r.n,
    }));
  }
  const { first, last, unit } = span;

  const buckets = new Map<string, DensityBucket>();
  if (unit === 'month') {
    for (let i = first; i <= last; i++) {
      const key = monthKey(i);
      buckets.set(key, {
        key,
        label: `${monthName((i % 12) + 1).slice(0, 3)} ${Math.floor(i / 12)}`,
        counts: emptyCounts(),
        total: 0,
      });
    }
  } else {
    for (let y = Math.floor(first / 12); y <= Math.floor(last / 12); y++) {
      buckets.set(String(y), { key: String(y), label: String(y), counts: emptyCounts(), total: 0 });
    }
  }

  let excluded = 0;
  for (const r of rows) {
    if (unit === 'month' && r.yearOnly) {
      excluded += r.n;
      continue;
    }
    const bucket = buckets.get(r.bucket);
    if (!bucket) continue;
    bucket.counts[r.type] += r.n;
    bucket.total += r.n;
  }
  const list = [...buckets.values()];
  return { unit, buckets: list, max: Math.max(0, ...list.map((b) => b.total)), yearOnly: excluded };
}
