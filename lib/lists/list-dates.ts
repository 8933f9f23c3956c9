/**
 * The date notations of the lists, read at the precision they state: OFAC "10 Dec 1948",
 * "Dec 1948", "1948", "circa 1948", "1948 to 1950" and "09/23/2026" (month first); the UK's
 * "02/03/1958" (day first) with "dd/mm/1957" for an unknown day and month; ISO days and instants
 * (UN, EU, OpenSanctions). Text that is not a date is kept raw with a null date, never guessed.
 */
import { parsePartialDate, type DatePrecision, type PartialDate } from '@/lib/dates';
import type { ListDate } from './types';

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function partial(year: number, month?: number, day?: number): PartialDate | null {
  if (month === undefined) return parsePartialDate(String(year));
  if (day === undefined) return parsePartialDate(`${year}-${pad(month)}`);
  return parsePartialDate(`${year}-${pad(month)}-${pad(day)}`);
}

function unread(raw: string, provenance: string): ListDate {
  return { date: null, precision: null, raw, provenance };
}

function fromPartial(p: PartialDate | null, raw: string, provenance: string, extra: Partial<ListDate> = {}): ListDate {
  if (!p) return unread(raw, provenance);
  return { date: p.date, precision: p.precision, raw, provenance, ...extra };
}

/** "10 Dec 1948", "Dec 1948", "1948" (OFAC's written dates). */
function ofacSingle(text: string): PartialDate | null {
  let m = /^(\d{1,2}) ([A-Za-z]{3,4})\.? (\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    return month ? partial(Number(m[3]), month, Number(m[1])) : null;
  }
  m = /^([A-Za-z]{3,4})\.? (\d{4})$/.exec(text);
  if (m) {
    const month = MONTHS[m[1]!.toLowerCase()];
    return month ? partial(Number(m[2]), month) : null;
  }
  m = /^(\d{4})$/.exec(text);
  if (m) return partial(Number(m[1]));
  return null;
}

/** An OFAC date of birth or feature date, with "circa" and "X to Y" ranges. */
export function parseOfacDate(raw: string, provenance: string): ListDate {
  let text = raw.trim().replace(/\s+/g, ' ');
  let circa = false;
  const c = /^(?:circa|approximately|approx\.?) (.*)$/i.exec(text);
  if (c) {
    circa = true;
    text = c[1]!;
  }
  const range = /^(.+?) to (.+)$/i.exec(text);
  if (range) {
    const start = ofacSingle(range[1]!);
    const end = ofacSingle(range[2]!);
    if (start && end) return fromPartial(start, raw, provenance, { rangeEnd: end, ...(circa ? { circa } : {}) });
    return unread(raw, provenance);
  }
  return fromPartial(ofacSingle(text), raw, provenance, circa ? { circa } : {});
}

/** OFAC's Publish_Date: "09/23/2026", month first. */
export function parseMonthFirstDate(raw: string, provenance: string): ListDate {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw.trim());
  return m ? fromPartial(partial(Number(m[3]), Number(m[1]), Number(m[2])), raw, provenance) : unread(raw, provenance);
}

/** The UK's day-first dates: "02/03/1958"; "dd" and "mm" stand for an unknown day or month. */
export function parseDayFirstDate(raw: string, provenance: string): ListDate {
  const m = /^(dd|\d{1,2})\/(mm|\d{1,2})\/(\d{4})$/i.exec(raw.trim());
  if (!m) return unread(raw, provenance);
  const year = Number(m[3]);
  const month = /^\d+$/.test(m[2]!) ? Number(m[2]) : undefined;
  const day = /^\d+$/.test(m[1]!) ? Number(m[1]) : undefined;
  // A known day in an unknown month says nothing more than the year.
  return fromPartial(partial(year, month, month === undefined ? undefined : day), raw, provenance);
}

/** ISO forms: "2012-12-31", "1966-12", "1966", and instants such as "2026-08-05T16:47:04.449+02:00" (the day as written). */
export function parseIsoDate(raw: string, provenance: string): ListDate {
  const text = raw.trim();
  const m = /^(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(text);
  return m ? fromPartial(parsePartialDate(m[1]!), raw, provenance) : unread(raw, provenance);
}

/** A date from separate year / month / day parts (EU birthdate attributes, UN YEAR). */
export function dateFromParts(
  parts: { year?: string | null; month?: string | null; day?: string | null },
  raw: string,
  provenance: string,
  extra: Partial<ListDate> = {},
): ListDate {
  const year = parts.year ? Number(parts.year) : NaN;
  if (!Number.isInteger(year) || year <= 0) return unread(raw, provenance);
  const month = parts.month ? Number(parts.month) : undefined;
  const day = month !== undefined && parts.day ? Number(parts.day) : undefined;
  return fromPartial(partial(year, month, day), raw, provenance, extra);
}

export function yearRange(from: number, to: number): { date: string; precision: DatePrecision } | undefined {
  const p = partial(to);
  return from <= to && p ? p : undefined;
}
