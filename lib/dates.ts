/**
 * Event dates are stored as a full ISO day (`2019-01-01`) plus a precision. The stored day is the
 * first day of the period, so sorting and range filters work on one indexed column, while display
 * never claims more than is known: a year-precision date shows as "2019", not "1 January 2019".
 */
export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const DATE_PRECISION_LABELS: Record<DatePrecision, string> = {
  day: 'Exact day',
  month: 'Month only',
  year: 'Year only',
};

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export function monthName(month: number): string {
  return MONTHS[month - 1] ?? '';
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** True for a real calendar day written as YYYY-MM-DD between years 1000 and 9999. */
export function isIsoDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export interface PartialDate {
  /** First day of the period, YYYY-MM-DD. */
  date: string;
  precision: DatePrecision;
}

/** Parses "2019", "2019-12" or "2019-12-20" into the first day of the period and its precision. */
export function parsePartialDate(value: string): PartialDate | null {
  const m = PARTIAL.exec(value.trim());
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1000) return null;
  if (m[2] === undefined) return { date: `${m[1]}-01-01`, precision: 'year' };
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  if (m[3] === undefined) return { date: `${m[1]}-${m[2]}-01`, precision: 'month' };
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  return { date: `${m[1]}-${m[2]}-${m[3]}`, precision: 'day' };
}

/**
 * The dates the tracker accepts, in every date field and filter: from 1 January 1900 (nothing it
 * records is older: sanctions regimes, the states involved) to ten years after today (measures
 * announced ahead, sunset clauses). A typo such as 0223 or 9999 would otherwise stretch every
 * timeline and chart over centuries. See docs/decisions/0002-dates-with-precision.md (addendum).
 */
export const EARLIEST_DATE = '1900-01-01';
export const YEARS_AHEAD = 10;

/** The last day a date may name: ten years after `today` (UTC), computed when asked. */
export function latestDate(today: Date = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear() + YEARS_AHEAD, today.getUTCMonth(), today.getUTCDate()));
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * Why a date is outside the accepted range, or null. A period counts by its first day: "2036" is
 * accepted while 1 January 2036 is within the range.
 */
export function dateRangeProblem(label: string, partial: PartialDate, today: Date = new Date()): string | null {
  if (isPlausibleDate(partial, today)) return null;
  return `${label} must be ${acceptedRangeText(today)}.`;
}

export function isPlausibleDate(partial: PartialDate, today: Date = new Date()): boolean {
  return partial.date >= EARLIEST_DATE && partial.date <= latestDate(today);
}

/** "between 1 January 1900 and 2 December 2036 (ten years from today)" */
export function acceptedRangeText(today: Date = new Date()): string {
  return `between 1 January 1900 and ${formatEventDate(latestDate(today), 'day')} (ten years from today)`;
}

/** The stored form of a date at a precision: the first day of its year or month. */
export function startOfPeriod(isoDay: string, precision: DatePrecision): string {
  if (precision === 'year') return `${isoDay.slice(0, 4)}-01-01`;
  if (precision === 'month') return `${isoDay.slice(0, 7)}-01`;
  return isoDay.slice(0, 10);
}

/** The last day of the period that a partial date names: "2023" → "2023-12-31". */
export function endOfPeriod(partial: PartialDate): string {
  const year = Number(partial.date.slice(0, 4));
  if (partial.precision === 'year') return `${year}-12-31`;
  const month = Number(partial.date.slice(5, 7));
  if (partial.precision === 'month') return `${partial.date.slice(0, 7)}-${pad(daysInMonth(year, month))}`;
  return partial.date;
}

/** "2019", "2019-12" or "2019-12-20": the partial ISO form, as the URL and CSV carry it. */
export function toPartialIso(isoDay: string, precision: DatePrecision): string {
  if (precision === 'year') return isoDay.slice(0, 4);
  if (precision === 'month') return isoDay.slice(0, 7);
  return isoDay.slice(0, 10);
}

/** "20 December 2019", "December 2019" or "2019". */
export function formatEventDate(isoDay: string, precision: DatePrecision): string {
  const year = isoDay.slice(0, 4);
  if (precision === 'year') return year;
  const month = monthName(Number(isoDay.slice(5, 7)));
  if (precision === 'month') return `${month} ${year}`;
  return `${Number(isoDay.slice(8, 10))} ${month} ${year}`;
}

/** "20 Dec 2019": compact form for lists. */
export function formatEventDateShort(isoDay: string, precision: DatePrecision): string {
  const year = isoDay.slice(0, 4);
  if (precision === 'year') return year;
  const month = monthName(Number(isoDay.slice(5, 7))).slice(0, 3);
  if (precision === 'month') return `${month} ${year}`;
  return `${Number(isoDay.slice(8, 10))} ${month} ${year}`;
}

/** A timestamp (ISO 8601 instant) as "27 Nov 2026, 14:05 UTC". */
export function formatTimestamp(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.getUTCDate()} ${monthName(d.getUTCMonth() + 1).slice(0, 3)} ${d.getUTCFullYear()}, ${pad(
    d.getUTCHours(),
  )}:${pad(d.getUTCMinutes())} UTC`;
}

/** Today's date in UTC as YYYY-MM-DD. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** An event's dates as they are stored: first days of their periods, each with its precision. */
export interface StoredEventDates {
  date: string;
  datePrecision: DatePrecision;
  effectiveDate: string | null;
  effectiveDatePrecision: DatePrecision | null;
  endDate: string | null;
  endDatePrecision: DatePrecision | null;
}

/**
 * The same dates as the JSON API, exports and feeds write them: each at its precision ("2011",
 * "2023-03", "2023-03-28"), never a padded day, with the precision beside it; `dateSortKey` keeps
 * the stored first day of the period, which sorts and compares as text.
 */
export interface EventDatesJson {
  date: string;
  datePrecision: DatePrecision;
  dateSortKey: string;
  effectiveDate: string | null;
  effectiveDatePrecision: DatePrecision | null;
  endDate: string | null;
  endDatePrecision: DatePrecision | null;
}

function partialOrNull(isoDay: string | null, precision: DatePrecision | null): string | null {
  return isoDay && precision ? toPartialIso(isoDay, precision) : null;
}

/** A record with stored dates, as the wire carries it (see EventDatesJson). */
export function eventDatesToJson<T extends StoredEventDates>(record: T): Omit<T, keyof StoredEventDates> & EventDatesJson {
  return {
    ...record,
    date: toPartialIso(record.date, record.datePrecision),
    dateSortKey: record.date,
    effectiveDate: partialOrNull(record.effectiveDate, record.effectiveDatePrecision),
    endDate: partialOrNull(record.endDate, record.endDatePrecision),
  };
}

function storedOrNull(partial: string | null): string | null {
  return partial === null ? null : (parsePartialDate(partial)?.date ?? null);
}

/** Back from the wire to the stored form, for code that renders what the API answered. */
export function eventDatesFromJson<T extends EventDatesJson>(record: T): Omit<T, 'dateSortKey'> & StoredEventDates {
  const { dateSortKey, ...rest } = record;
  return {
    ...rest,
    date: dateSortKey,
    effectiveDate: storedOrNull(record.effectiveDate),
    endDate: storedOrNull(record.endDate),
  };
}
