/**
 * The timeline's filters as values and as URLs: their type, the canonical query string and the
 * small edits controls make (toggle a value, set the dates). What the browser needs to move between
 * views; the parser, which checks every parameter (and brings the search syntax, the country list
 * and the date rules), is in lib/filters.ts, which re-exports all of this. Client components import
 * from here so that the parser stays off the pages' first load (decision 0041).
 */
import { COUNTRY_ROLES, type CountryRole } from './country-roles';
import { EVENT_TYPE_KEYS, type EventTypeKey } from './event-types';

export const SORT_ORDERS = ['date', 'relevance'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

export const STATUS_FILTERS = ['published', 'draft', 'all'] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];

export const COUNTRY_ROLE_FILTERS = ['any', ...COUNTRY_ROLES] as const;
export type CountryRoleFilter = 'any' | CountryRole;

export interface TimelineFilters {
  /** The search text (trimmed, spaces collapsed) when it holds something to search for. */
  q: string | null;
  sort: SortOrder;
  /** Partial ISO dates, as in the URL. */
  from: string | null;
  to: string | null;
  types: EventTypeKey[];
  countries: string[];
  role: CountryRoleFilter;
  /**
   * The other side of a two-sided event (a visit, an embassy reopening, talks): countries that
   * take part in any role. Alternatives among themselves, and required besides `countries`.
   */
  counterparts: string[];
  actors: number[];
  authorities: string[];
  programs: string[];
  tags: string[];
  status: StatusFilter;
  /** `as_recorded`, as written in the URL (a day or an ISO instant); null for the record now. */
  asRecorded: string | null;
}

export function emptyFilters(): TimelineFilters {
  return {
    q: null,
    sort: 'date',
    from: null,
    to: null,
    types: [],
    countries: [],
    role: 'any',
    counterparts: [],
    actors: [],
    authorities: [],
    programs: [],
    tags: [],
    status: 'published',
    asRecorded: null,
  };
}

/** No filters: the whole timeline. Frozen; build new filters with spreads or `toggleValue`. */
export const EMPTY_FILTERS: TimelineFilters = deepFreeze(emptyFilters());

function deepFreeze<T extends object>(value: T): T {
  for (const v of Object.values(value)) if (v && typeof v === 'object') Object.freeze(v);
  return Object.freeze(value);
}

export function uniq<T>(values: T[]): T[] {
  return [...new Set(values)];
}

const TYPE_ORDER = new Map(EVENT_TYPE_KEYS.map((k, i) => [k, i]));
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Sorted, without duplicates: equal filters have one canonical form (and one URL, one cache key). */
export function normalizeFilters(filters: TimelineFilters): TimelineFilters {
  return {
    ...filters,
    types: uniq(filters.types).sort((a, b) => TYPE_ORDER.get(a)! - TYPE_ORDER.get(b)!),
    countries: uniq(filters.countries).sort(byText),
    counterparts: uniq(filters.counterparts).sort(byText),
    actors: uniq(filters.actors).sort((a, b) => a - b),
    authorities: uniq(filters.authorities).sort(byText),
    programs: uniq(filters.programs).sort(byText),
    tags: uniq(filters.tags).sort(byText),
  };
}

/** The canonical URL parameters: fixed order, defaults left out, values sorted. Round-trips. */
export function serializeFilters(input: TimelineFilters): URLSearchParams {
  const f = normalizeFilters(input);
  const params = new URLSearchParams();
  if (f.q) params.set('q', f.q);
  if (f.q && f.sort !== 'date') params.set('sort', f.sort);
  if (f.from) params.set('from', f.from);
  if (f.to) params.set('to', f.to);
  for (const v of f.types) params.append('type', v);
  for (const v of f.countries) params.append('country', v);
  if (f.role !== 'any') params.set('role', f.role);
  for (const v of f.counterparts) params.append('with', v);
  for (const v of f.actors) params.append('actor', String(v));
  for (const v of f.authorities) params.append('authority', v);
  for (const v of f.programs) params.append('program', v);
  for (const v of f.tags) params.append('tag', v);
  if (f.status !== 'published') params.set('status', f.status);
  if (f.asRecorded) params.set('as_recorded', f.asRecorded);
  return params;
}

/** "type=designation&country=SY": the canonical query string, without "?". */
export function filtersQueryString(filters: TimelineFilters): string {
  return serializeFilters(filters).toString();
}

/** A link to `basePath` showing these filters. */
export function filtersHref(basePath: string, filters: TimelineFilters, extra: Record<string, string> = {}): string {
  const params = serializeFilters(filters);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const qs = params.toString();
  return qs ? `${basePath}?${qs}` : basePath;
}

export type MultiFacet = 'types' | 'countries' | 'counterparts' | 'actors' | 'authorities' | 'programs' | 'tags';

export function toggleValue<K extends MultiFacet>(
  filters: TimelineFilters,
  facet: K,
  value: TimelineFilters[K][number],
): TimelineFilters {
  const current = filters[facet] as TimelineFilters[K][number][];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return normalizeFilters({ ...filters, [facet]: next });
}

export function withDates(filters: TimelineFilters, from: string | null, to: string | null): TimelineFilters {
  return { ...filters, from, to };
}

/**
 * The first day of the twelve months that end today: the same day a year earlier, plus one
 * (2026-12-02 → 2025-12-03; 2024-02-29 → 2023-03-01, as 29 February 2023 does not exist).
 */
function dayAfterYearBefore(today: string): string {
  const [y, m, d] = [Number(today.slice(0, 4)), Number(today.slice(5, 7)), Number(today.slice(8, 10))];
  const lastDay = new Date(Date.UTC(y - 1, m, 0)).getUTCDate();
  const start = new Date(Date.UTC(y - 1, m - 1, Math.min(d, lastDay) + 1));
  return start.toISOString().slice(0, 10);
}

/**
 * Ready-made date ranges, as absolute dates so a copied link keeps meaning the same period. "Last
 * 12 months" ends today and starts the day after the same day a year ago: never the same range as
 * "This year".
 */
export function quickDateRanges(today: string): { label: string; from: string; to: string }[] {
  const year = Number(today.slice(0, 4));
  return [
    { label: 'Last 12 months', from: dayAfterYearBefore(today), to: today.slice(0, 10) },
    { label: 'This year', from: String(year), to: String(year) },
    { label: 'Last 5 years', from: String(year - 4), to: String(year) },
  ];
}
