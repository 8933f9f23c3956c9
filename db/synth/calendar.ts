/**
 * Days as integers (days since 1970-01-01, UTC) so that the generator can do date arithmetic
 * on a million events without creating Date objects, and the distribution of events over the
 * years: more recent years hold more events, as a tracker's intake grows.
 */
import type { Rng } from './random';

const MS_PER_DAY = 86_400_000;

export function dayNumber(isoDay: string): number {
  return Math.floor(Date.parse(`${isoDay}T00:00:00Z`) / MS_PER_DAY);
}

/** Precomputed ISO strings for a range of days: formatting is a table lookup. */
export class Calendar {
  readonly first: number;
  readonly last: number;
  private readonly iso: string[];

  constructor(firstIsoDay: string, lastIsoDay: string) {
    this.first = dayNumber(firstIsoDay);
    // Room after the last day for effective dates, end dates and publication dates.
    this.last = dayNumber(lastIsoDay);
    this.iso = [];
    for (let d = this.first; d <= this.last + 6 * 366; d++) {
      this.iso.push(new Date(d * MS_PER_DAY).toISOString().slice(0, 10));
    }
  }

  get span(): number {
    return this.last - this.first + 1;
  }

  isoDay(day: number): string {
    const s = this.iso[day - this.first];
    if (s === undefined) throw new Error(`day ${day} is outside the calendar`);
    return s;
  }

  /** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
  weekday(day: number): number {
    return (((day + 4) % 7) + 7) % 7;
  }

  clamp(day: number): number {
    return Math.min(this.last, Math.max(this.first, day));
  }
}

/**
 * The intake curve: the density of events at fraction x of the period is proportional to
 * e^(growth·x), so with growth = ln 4 the last year holds about four times the events of the
 * first. `quantile(q)` maps a uniform q in [0, 1) to the fraction x of the period.
 */
export function growthQuantile(q: number, growth: number): number {
  return Math.log(1 + q * (Math.exp(growth) - 1)) / growth;
}

/** Timestamp within a day: office hours mostly, as staff record events. */
export function timestamp(calendar: Calendar, day: number, rng: Rng): string {
  const seconds = 7 * 3600 + rng.int(12 * 3600);
  const ms = rng.int(1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${calendar.isoDay(day)}T${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms, 3)}Z`;
}
