/**
 * The density chart from counts per month, date precision and type (db/queries/density.ts counts
 * them in SQL, the facet index from its bitmaps): the bars' span and unit, and each bar's counts.
 */
import { bucketOf, bucketSpan, chooseUnit, MAX_BARS, MAX_MONTH_BUCKETS, monthIndex, type BucketPeriod, type DensityUnit } from '@/lib/density-buckets';
import { EVENT_TYPE_KEYS, type EventTypeKey } from '@/lib/event-types';
import { dateBounds, type TimelineFilters } from '@/lib/filters';

export type { DensityUnit };

export interface DensityBucket extends BucketPeriod {
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

export { MAX_MONTH_BUCKETS };

export function emptyCounts(): Record<EventTypeKey, number> {
  return Object.fromEntries(EVENT_TYPE_KEYS.map((k) => [k, 0])) as Record<EventTypeKey, number>;
}

/**
 * The bars' span and unit: the filter's range, or the data's when there is none or it is far too
 * wide; the unit is the finest that keeps to MAX_BARS bars (lib/density-buckets.ts), so that even
 * data far outside the accepted dates (rows older than that rule) draws a chart of normal size.
 */
export function frame(filters: TimelineFilters, dataFirst: number, dataLast: number): { first: number; last: number; unit: DensityUnit } {
  const { start, end } = dateBounds(filters);
  let first = start ? monthIndex(start) : dataFirst;
  let last = end ? monthIndex(end) : dataLast;
  // An open-ended or very wide filter (from=1900) would draw mostly empty bars: fall back to the data.
  if (last - first + 1 > MAX_BARS * 12) {
    first = dataFirst;
    last = dataLast;
  }
  return { first, last, unit: chooseUnit(first, last) };
}

/** Counts by the month each row names (a month index) and the bar it falls in. */
export interface BucketRow {
  month: number;
  yearOnly: boolean;
  type: EventTypeKey;
  n: number;
}

/** The bars of a span from rows of counts (their month as a month index). */
export function bucketRows(span: { first: number; last: number; unit: DensityUnit }, rows: readonly BucketRow[]): DensityChartData {
  const { first, last, unit } = span;
  const buckets = new Map<string, DensityBucket>(bucketSpan(first, last, unit).map((p) => [p.key, { ...p, counts: emptyCounts(), total: 0 }]));
  let excluded = 0;
  for (const r of rows) {
    if (unit === 'month' && r.yearOnly) {
      excluded += r.n;
      continue;
    }
    const bucket = buckets.get(bucketOf(r.month, unit).key);
    if (!bucket) continue;
    bucket.counts[r.type] += r.n;
    bucket.total += r.n;
  }
  const list = [...buckets.values()];
  return { unit, buckets: list, max: list.reduce((m, b) => Math.max(m, b.total), 0), yearOnly: excluded };
}

/** The chart of rows counted for a view (any order), or null when there are none. */
export function chartFromRows(filters: TimelineFilters, rows: readonly BucketRow[]): DensityChartData | null {
  if (rows.length === 0) return null;
  let lo = Infinity;
  let hi = -Infinity;
  for (const r of rows) {
    if (r.month < lo) lo = r.month;
    if (r.month > hi) hi = r.month;
  }
  return bucketRows(frame(filters, lo, hi), rows);
}
