/**
 * The density chart on PostgreSQL: the twin of db/queries/density.ts, bucketed by the same code
 * (density-chart.ts). The maintained month counts answer a published view filtered only by types
 * and whole months; any other view is one GROUP BY over its rows.
 */
import { sql } from 'drizzle-orm';
import { monthIndex } from '@/lib/density-buckets';
import type { EventTypeKey } from '@/lib/event-types';
import type { TimelineFilters } from '@/lib/filters';
import { bucketRows, frame, type BucketRow, type DensityChartData, type DensityUnit } from '@/db/queries/density-chart';
import type { Visibility } from '@/db/queries/events';
import { monthWhere, onlyMonthCounts } from '@/db/queries/maintained-counts';
import { countsDescribe } from '@/db/queries/timeline';
import type { PgDb } from './connect';
import { pgTimelineWhere } from './filters';

type Row = { month: string; year_only: boolean; type: EventTypeKey; n: string };

export async function pgDensityChart(db: PgDb, filters: TimelineFilters, visibility: Visibility = {}): Promise<DensityChartData | null> {
  let span: { first: number; last: number; unit: DensityUnit };
  let rows: BucketRow[];
  const toRows = (found: Row[]) => found.map((r) => ({ month: monthIndex(r.month), yearOnly: r.year_only, type: r.type, n: Number(r.n) }));
  if (countsDescribe(filters, visibility) && onlyMonthCounts(filters)) {
    const where = monthWhere(filters);
    const bounds = (await db.execute<{ first: string | null; last: string | null }>(sql`SELECT min(month) AS first, max(month) AS last FROM event_month_counts WHERE ${where}`))
      .rows[0];
    if (!bounds?.first || !bounds.last) return null;
    span = frame(filters, monthIndex(bounds.first), monthIndex(bounds.last));
    const period = span.unit === 'month' ? sql`month` : sql`substr(month, 1, 4) || '-01'`;
    rows = toRows(
      (await db.execute<Row>(sql`SELECT ${period} AS month, date_precision = 'year' AS year_only, type, sum(n) AS n FROM event_month_counts WHERE ${where} GROUP BY 1, 2, 3`))
        .rows,
    );
  } else {
    const found = await db.execute<Row>(
      sql`SELECT substr(date, 1, 7) AS month, date_precision = 'year' AS year_only, type, count(*) AS n FROM events WHERE ${pgTimelineWhere(filters, visibility) ?? sql`true`} GROUP BY 1, 2, 3`,
    );
    if (found.rows.length === 0) return null;
    rows = toRows(found.rows);
    let lo = Infinity;
    let hi = -Infinity;
    for (const r of rows) {
      if (r.month < lo) lo = r.month;
      if (r.month > hi) hi = r.month;
    }
    span = frame(filters, lo, hi);
  }
  return bucketRows(span, rows);
}
