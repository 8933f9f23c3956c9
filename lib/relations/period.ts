/**
 * Day arithmetic on ISO days (YYYY-MM-DD), kept to string work where it can be: the board runs
 * these for every change of every row.
 */
import type { DatePrecision } from '@/lib/dates';

const MONTH_END = ['31', '28', '31', '30', '31', '30', '31', '31', '30', '31', '30', '31'];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** The last day of the period starting on `start`: "2018-01-01" at year precision → "2018-12-31". */
export function periodEnd(start: string, precision: DatePrecision): string {
  if (precision === 'day') return start;
  if (precision === 'year') return `${start.slice(0, 4)}-12-31`;
  const month = Number(start.slice(5, 7));
  const last = month === 2 && isLeap(Number(start.slice(0, 4))) ? '29' : MONTH_END[month - 1]!;
  return `${start.slice(0, 8)}${last}`;
}

/** The ISO day `n` days after `day` (before, for negative n). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
