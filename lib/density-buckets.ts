/**
 * The density chart's bars: which period each bar covers, chosen so that the chart never draws
 * more than `MAX_BARS` bars whatever the span of the data (issue 10, item 8: one event in the year
 * 1000 and one in 9999 once drew 18,017 bars and made the timeline page 6.5 MB). The finest unit
 * that fits is used: months for up to five years, then years, decades, centuries.
 *
 * Months are numbered as `year * 12 + month - 1`, so "2023-03" is 24,278.
 */
import { formatEventDate, monthName } from './dates';

export type DensityUnit = 'month' | 'year' | 'decade' | 'century';

/** Up to this many months the chart shows months. */
export const MAX_MONTH_BUCKETS = 60;
/** The most bars any chart draws. */
export const MAX_BARS = 120;

const YEARS: Record<Exclude<DensityUnit, 'month'>, number> = { year: 1, decade: 10, century: 100 };

export function monthIndex(ym: string): number {
  return Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function monthKey(index: number): string {
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`;
}

function bucketsBetween(first: number, last: number, unit: DensityUnit): number {
  if (unit === 'month') return last - first + 1;
  const size = YEARS[unit];
  return Math.floor(Math.floor(last / 12) / size) - Math.floor(Math.floor(first / 12) / size) + 1;
}

/** The finest unit that draws the months `first` to `last` in at most `MAX_BARS` bars. */
export function chooseUnit(first: number, last: number): DensityUnit {
  if (last - first + 1 <= MAX_MONTH_BUCKETS) return 'month';
  for (const unit of ['year', 'decade'] as const) if (bucketsBetween(first, last, unit) <= MAX_BARS) return unit;
  // Four-digit years span at most 100 centuries.
  return 'century';
}

export interface BucketPeriod {
  /** Unique within a chart: "2023-03", "2023", "2020s", "1900-1999". */
  key: string;
  /** Short text under the bar: "Mar 2023", "2023", "2020s", "1900s". */
  label: string;
  /** The period as people read it: "March 2023", "2023", "2020 to 2029". */
  name: string;
  /** The `from` and `to` filter values that select exactly this bar's events. */
  from: string;
  to: string;
}

/** The bar that the month (a month index) falls in. */
export function bucketOf(month: number, unit: DensityUnit): BucketPeriod {
  if (unit === 'month') {
    const key = monthKey(month);
    const m = (month % 12) + 1;
    return { key, label: `${monthName(m).slice(0, 3)} ${Math.floor(month / 12)}`, name: formatEventDate(`${key}-01`, 'month'), from: key, to: key };
  }
  const size = YEARS[unit];
  const start = Math.floor(Math.floor(month / 12) / size) * size;
  const from = pad(start, 4);
  if (unit === 'year') return { key: from, label: from, name: from, from, to: from };
  const to = pad(Math.min(start + size - 1, 9999), 4);
  return { key: `${from}-${to}`, label: `${from}s`, name: `${from} to ${to}`, from, to };
}

/** Every bar from the month `first` to the month `last`, in order, empty ones included. */
export function bucketSpan(first: number, last: number, unit: DensityUnit): BucketPeriod[] {
  const out: BucketPeriod[] = [];
  if (unit === 'month') {
    for (let i = first; i <= last; i++) out.push(bucketOf(i, unit));
    return out;
  }
  const size = YEARS[unit] * 12;
  for (let i = Math.floor(first / size) * size; i <= last; i += size) out.push(bucketOf(i, unit));
  return out;
}
