/**
 * The density chart's data: how many events of each type fall in each month (or each year, decade
 * or century, for long ranges: lib/density-buckets.ts) of the filtered view: the maintained month counts when the view is filtered only
 * by types and whole months (db/derived/counts.ts), else one pass over the same WHERE as the list,
 * counted with the `facet_count` hash aggregate (docs/performance.md).
 *
 * A month bar counts only events dated to a month or a day: an event known only to its year has no
 * month, and putting it in January would draw a spike that never happened. The chart says how many
 * such events it leaves out, and clicking a month narrows to exactly the events its bar counted
 * (see the date-range rule in filter-conditions.ts).
 */
import { sql } from 'drizzle-orm';
import { MAX_MONTH_BUCKETS, monthIndex } from '@/lib/density-buckets';
import type { EventTypeKey } from '@/lib/event-types';
import type { TimelineFilters } from '@/lib/filters';
import type { DbOrTx } from '@/db/engine/client';
import { events } from '../schema';
import type { Visibility } from './events';
import { timelineWhere } from './filter-conditions';
import { monthWhere, onlyMonthCounts, type MonthCount } from './maintained-counts';
import { countsDescribe } from './timeline';
import { bucketRows, frame, type BucketRow, type DensityBucket, type DensityChartData, type DensityUnit } from './density-chart';

export { MAX_MONTH_BUCKETS, type DensityBucket, type DensityChartData, type DensityUnit };

/** Events per month, date precision and type, counted over the view's rows (not the month counts). */
function countedMonths(db: DbOrTx, filters: TimelineFilters, visibility: Visibility): MonthCount[] {
  const key = sql`substr(${events.date}, 1, 7) || '|' || ${events.datePrecision} || '|' || ${events.type}`;
  const row = db
    .select({ counts: sql<string>`facet_count(${key})` })
    .from(events)
    .where(timelineWhere(filters, visibility))
    .get();
  const counted = row?.counts ? (JSON.parse(row.counts) as [string, number][]) : [];
  return counted.map(([k, n]) => {
    const [month, datePrecision, type] = k.split('|') as [string, MonthCount['datePrecision'], EventTypeKey];
    return { month, datePrecision, type, n };
  });
}

/** Whether the maintained month counts describe the view exactly (published events, types and whole months). */
function fromMonthCounts(filters: TimelineFilters, visibility: Visibility): boolean {
  return countsDescribe(filters, visibility) && onlyMonthCounts(filters);
}

/** Events per month, date precision and type in the filtered view. */
export function densityRows(db: DbOrTx, filters: TimelineFilters, visibility: Visibility = {}): MonthCount[] {
  if (!fromMonthCounts(filters, visibility)) return countedMonths(db, filters, visibility);
  return db.all<MonthCount>(
    sql`SELECT month, date_precision AS datePrecision, type, sum(n) AS n FROM event_month_counts WHERE ${monthWhere(filters)} GROUP BY 1, 2, 3`,
  );
}

export function densityChart(db: DbOrTx, filters: TimelineFilters, visibility: Visibility = {}): DensityChartData | null {
  let span: { first: number; last: number; unit: DensityUnit };
  let rows: BucketRow[];
  if (fromMonthCounts(filters, visibility)) {
    // Summed in SQL by month, or by year for the longer units: a few hundred rows.
    const where = monthWhere(filters);
    const bounds = db.get<{ first: string | null; last: string | null }>(
      sql`SELECT min(month) AS first, max(month) AS last FROM event_month_counts WHERE ${where}`,
    );
    if (!bounds?.first || !bounds.last) return null;
    span = frame(filters, monthIndex(bounds.first), monthIndex(bounds.last));
    const period = span.unit === 'month' ? sql`month` : sql`substr(month, 1, 4) || '-01'`;
    rows = db
      .all<{ month: string; yearOnly: number; type: EventTypeKey; n: number }>(
        sql`SELECT ${period} AS month, date_precision = 'year' AS yearOnly, type, sum(n) AS n FROM event_month_counts WHERE ${where} GROUP BY 1, 2, 3`,
      )
      .map((r) => ({ month: monthIndex(r.month), yearOnly: r.yearOnly === 1, type: r.type, n: r.n }));
  } else {
    const months = countedMonths(db, filters, visibility);
    if (months.length === 0) return null;
    const indexes = months.map((r) => monthIndex(r.month));
    // A loop, not Math.min(...indexes): spreading a very long list overflows the stack.
    let lo = Infinity;
    let hi = -Infinity;
    for (const i of indexes) {
      if (i < lo) lo = i;
      if (i > hi) hi = i;
    }
    span = frame(filters, lo, hi);
    rows = months.map((r, i) => ({ month: indexes[i]!, yearOnly: r.datePrecision === 'year', type: r.type, n: r.n }));
  }
  return bucketRows(span, rows);
}
