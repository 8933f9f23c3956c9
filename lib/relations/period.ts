/**
 * Day arithmetic on ISO days (YYYY-MM-DD), kept to string work: the board runs these for every
 * change of every row, and a Date per call costs more than the rest of the computation.
 */
import type { DatePrecision } from '@/lib/dates';

const MONTH_END = ['31', '28', '31', '30', '31', '30', '31', '31', '30', '31', '30', '31'];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function monthEnd(year: number, month: number): string {
  return month === 2 && isLeap(year) ? '29' : MONTH_END[month - 1]!;
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad4 = (n: number) => String(n).padStart(4, '0');

/** The last day of the period starting on `start`: "2018-01-01" at year precision → "2018-12-31". */
export function periodEnd(start: string, precision: DatePrecision): string {
  if (precision === 'day') return start;
  if (precision === 'year') return `${start.slice(0, 4)}-12-31`;
  return `${start.slice(0, 8)}${monthEnd(Number(start.slice(0, 4)), Number(start.slice(5, 7)))}`;
}

/** The next ISO day. */
export function nextDay(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  if (d < Number(monthEnd(y, m))) return `${day.slice(0, 8)}${pad2(d + 1)}`;
  if (m < 12) return `${day.slice(0, 5)}${pad2(m + 1)}-01`;
  return `${pad4(y + 1)}-01-01`;
}

/** The previous ISO day. */
export function previousDay(day: string): string {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  const d = Number(day.slice(8, 10));
  if (d > 1) return `${day.slice(0, 8)}${pad2(d - 1)}`;
  if (m > 1) return `${day.slice(0, 5)}${pad2(m - 1)}-${monthEnd(y, m - 1)}`;
  return `${pad4(y - 1)}-12-31`;
}

/** The ISO day `n` days after `day` (before, for negative n); for tests and generators. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/**
 * For an as-of day, the first start date at each precision whose period has not ended by that
 * day: a change is over ("settled") when its start is before this bound, so the comparison needs
 * no end date. "2018-06-15" → month bound "2018-06-01", year bound "2018-01-01";
 * "2018-12-31" → "2019-01-01" for both.
 */
export function settledBounds(asOf: string): { month: string; year: string } {
  // A board asks for one date thousands of times in a row.
  if (asOf === lastBounds.asOf) return lastBounds.bounds;
  const y = Number(asOf.slice(0, 4));
  const m = Number(asOf.slice(5, 7));
  const lastOfMonth = asOf.slice(8, 10) === monthEnd(y, m);
  const month = lastOfMonth ? (m < 12 ? `${asOf.slice(0, 5)}${pad2(m + 1)}-01` : `${pad4(y + 1)}-01-01`) : `${asOf.slice(0, 8)}01`;
  const year = lastOfMonth && m === 12 ? `${pad4(y + 1)}-01-01` : `${asOf.slice(0, 4)}-01-01`;
  lastBounds = { asOf, bounds: Object.freeze({ month, year }) };
  return lastBounds.bounds;
}

let lastBounds: { asOf: string; bounds: { month: string; year: string } } = { asOf: '', bounds: { month: '', year: '' } };

/** True when the period starting on `start` ends on or after `day`, without building the end. */
export function endsOnOrAfter(start: string, precision: DatePrecision, day: string): boolean {
  // The end of a month or year period is on or after `day` exactly when the period's month or
  // year is not before `day`'s: compare that many leading characters.
  const n = precision === 'day' ? 10 : precision === 'month' ? 7 : 4;
  for (let i = 0; i < n; i++) {
    const a = start.charCodeAt(i);
    const b = day.charCodeAt(i);
    if (a !== b) return a > b;
  }
  return true;
}
