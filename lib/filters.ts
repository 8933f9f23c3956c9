/**
 * The one filter schema for the timeline. It reads the URL (or a submitted GET form), validates
 * every parameter, and writes the canonical URL back; the page, `GET /api/events`, the facet counts,
 * the chart and the CSV export all start here, so they cannot disagree about what a link means.
 * See docs/decisions/0005-filter-schema.md.
 *
 * Parameters, in canonical order (multi-valued ones are repeated: `type=designation&type=statement`,
 * because legal authorities contain commas):
 *   q          free text (lib/search-syntax.ts)
 *   sort       `date` (default) | `relevance` (needs q)
 *   from, to   partial ISO dates: 2020, 2020-06 or 2020-06-17; `to=2023` means up to 2023-12-31
 *   type*      event type keys (lib/event-types.ts)
 *   country*   ISO 3166-1 alpha-2 codes
 *   role       how the countries take part: `any` (default) | actor | target | location
 *   with*      counterparts: ISO codes of countries that take part in any role, on either side
 *              (`with=SY`: events between Syria and anyone; with `country=AE`: between the two)
 *   actor*     entity ids
 *   authority* legal authority, exact text
 *   program*   sanctions program code, exact text
 *   tag*       tag slugs
 *   status     `published` (default) | draft | all; staff only (see restrictToViewer)
 *   as_recorded  a day (YYYY-MM-DD, its end) or an ISO instant: the record as it stood then
 *              (db/derived/as-recorded.ts); not a condition on events but the record they come from
 *
 * Values within a parameter are alternatives (OR); different parameters all apply (AND).
 * Parsing never throws: a bad value is left out of `filters` and described in `issues`, so the page
 * can show what it ignored while the API answers 400 with the same messages.
 *
 * The filters' type, the canonical URL and the edits of controls live in lib/filter-url.ts
 * (re-exported here): the browser's code imports them from there and loads this parser only when
 * a typed field is applied, so the search syntax and the country list stay off the first load.
 */
import { countryName, isCountryCode, type CountryRole } from './countries';
import { acceptedRangeText, endOfPeriod, formatEventDate, isPlausibleDate, parsePartialDate, type PartialDate } from './dates';
import { EVENT_TYPE_KEYS, eventTypeInfo, isEventType } from './event-types';
import { parseMoment } from './history/as-recorded';
import { MAX_SEARCH_LENGTH, parseSearch, type SearchGroups } from './search-syntax';
import {
  COUNTRY_ROLE_FILTERS,
  emptyFilters,
  filtersQueryString,
  normalizeFilters,
  SORT_ORDERS,
  STATUS_FILTERS,
  toggleValue,
  uniq,
  withDates,
  type CountryRoleFilter,
  type SortOrder,
  type StatusFilter,
  type TimelineFilters,
} from './filter-url';

export * from './filter-url';

export interface FilterIssue {
  param: string;
  message: string;
}

export interface ParsedFilters {
  filters: TimelineFilters;
  issues: FilterIssue[];
}

/** The filter parameters, in canonical order. */
export const FILTER_PARAMS = [
  'q',
  'sort',
  'from',
  'to',
  'type',
  'country',
  'role',
  'with',
  'actor',
  'authority',
  'program',
  'tag',
  'status',
  'as_recorded',
] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];

const MULTI_PARAMS = new Set<string>(['type', 'country', 'with', 'actor', 'authority', 'program', 'tag']);
export const MAX_VALUES_PER_PARAM = 50;
const MAX_TEXT_VALUE = 200;
const CONTROL = /[\u0000-\u001F\u007F]/;
const TAG_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

/** A page's `searchParams` object (or a URLSearchParams) as URLSearchParams. */
export function toUrlSearchParams(input: SearchParamsInput): URLSearchParams {
  if (input instanceof URLSearchParams) return input;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, v);
  }
  return params;
}

function quote(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `“${shown}”`;
}

function plainText(param: string, value: string, issues: FilterIssue[]): string | null {
  const v = value.trim().replace(/\s+/g, ' ');
  if (v === '') return null;
  if (v.length > MAX_TEXT_VALUE) {
    issues.push({ param, message: `A value is ${v.length} characters long; the limit is ${MAX_TEXT_VALUE}.` });
    return null;
  }
  if (CONTROL.test(v)) {
    issues.push({ param, message: `${quote(v)} contains control characters.` });
    return null;
  }
  return v;
}

function parseDate(param: 'from' | 'to', value: string | undefined, issues: FilterIssue[]): string | null {
  const v = value?.trim() ?? '';
  if (v === '') return null;
  const parsed = parsePartialDate(v);
  if (!parsed) {
    issues.push({
      param,
      message: `${quote(v)} is not a date. Write a year, a month or a day: 2020, 2020-06 or 2020-06-17.`,
    });
    return null;
  }
  // The range every date field accepts (lib/dates.ts): no event lies outside it.
  if (!isPlausibleDate(parsed)) {
    issues.push({ param, message: `${quote(v)} is outside the dates the tracker holds: use a date ${acceptedRangeText()}.` });
    return null;
  }
  return v;
}

/** Parses URL parameters (or a GET form's fields) into filters and a list of what was wrong. */
export function parseFilters(input: SearchParamsInput): ParsedFilters {
  const params = toUrlSearchParams(input);
  const issues: FilterIssue[] = [];
  const filters = emptyFilters();

  const all = (param: FilterParam): string[] => {
    const values = params.getAll(param).filter((v) => v.trim() !== '');
    if (MULTI_PARAMS.has(param) && values.length > MAX_VALUES_PER_PARAM) {
      issues.push({ param, message: `At most ${MAX_VALUES_PER_PARAM} values.` });
      return values.slice(0, MAX_VALUES_PER_PARAM);
    }
    return values;
  };
  const one = (param: FilterParam): string | undefined => {
    const values = all(param);
    if (values.length > 1 && new Set(values.map((v) => v.trim())).size > 1) {
      issues.push({ param, message: 'Given more than once.' });
    }
    return values[0];
  };

  // Free text.
  const rawQ = one('q');
  if (rawQ !== undefined) {
    const q = rawQ.trim().replace(/\s+/g, ' ');
    if (q.length > MAX_SEARCH_LENGTH) {
      issues.push({
        param: 'q',
        message: `The search is ${q.length.toLocaleString('en')} characters long; the limit is ${MAX_SEARCH_LENGTH}.`,
      });
    } else if (q !== '') {
      const parsed = parseSearch(q);
      for (const problem of parsed.problems) issues.push({ param: 'q', message: problem });
      if (parsed.groups.length > 0) filters.q = q;
    }
  }

  const sort = one('sort')?.trim();
  if (sort !== undefined) {
    if (!(SORT_ORDERS as readonly string[]).includes(sort)) {
      issues.push({ param: 'sort', message: `${quote(sort)} is not a sort order; use date or relevance.` });
    } else if (sort === 'relevance' && !filters.q) {
      issues.push({ param: 'sort', message: 'Ordering by relevance needs something to search for (q).' });
    } else {
      filters.sort = sort as SortOrder;
    }
  }

  // Dates.
  filters.from = parseDate('from', one('from'), issues);
  filters.to = parseDate('to', one('to'), issues);
  if (filters.from && filters.to) {
    const start = parsePartialDate(filters.from)!.date;
    const end = endOfPeriod(parsePartialDate(filters.to)!);
    if (start > end) {
      issues.push({
        param: 'from',
        message: `The start (${filters.from}) is after the end (${filters.to}).`,
      });
      filters.from = null;
      filters.to = null;
    }
  }

  for (const raw of all('type')) {
    const v = raw.trim().toLowerCase();
    if (isEventType(v)) filters.types.push(v);
    else issues.push({ param: 'type', message: `${quote(raw)} is not an event type. Known types: ${EVENT_TYPE_KEYS.join(', ')}.` });
  }

  for (const raw of all('country')) {
    const v = raw.trim().toUpperCase();
    if (isCountryCode(v)) filters.countries.push(v);
    else issues.push({ param: 'country', message: `${quote(raw)} is not an ISO 3166-1 alpha-2 country code.` });
  }

  for (const raw of all('with')) {
    const v = raw.trim().toUpperCase();
    if (isCountryCode(v)) filters.counterparts.push(v);
    else issues.push({ param: 'with', message: `${quote(raw)} is not an ISO 3166-1 alpha-2 country code (with= names the other side).` });
  }

  const role = one('role')?.trim().toLowerCase();
  if (role !== undefined) {
    if ((COUNTRY_ROLE_FILTERS as readonly string[]).includes(role)) filters.role = role as CountryRoleFilter;
    else issues.push({ param: 'role', message: `${quote(role)} is not a country role; use any, actor, target or location.` });
  }

  for (const raw of all('actor')) {
    const v = raw.trim();
    const id = /^[1-9]\d{0,14}$/.test(v) ? Number(v) : NaN;
    if (Number.isSafeInteger(id)) filters.actors.push(id);
    else issues.push({ param: 'actor', message: `${quote(raw)} is not an actor id (a positive whole number).` });
  }

  for (const raw of all('authority')) {
    const v = plainText('authority', raw, issues);
    if (v) filters.authorities.push(v);
  }
  for (const raw of all('program')) {
    const v = plainText('program', raw, issues);
    if (v) filters.programs.push(v);
  }

  for (const raw of all('tag')) {
    const v = raw.trim().toLowerCase();
    if (TAG_SLUG.test(v) && v.length <= 60) filters.tags.push(v);
    else issues.push({ param: 'tag', message: `${quote(raw)} is not a tag (tags look like caesar-act).` });
  }

  const status = one('status')?.trim().toLowerCase();
  if (status !== undefined) {
    if ((STATUS_FILTERS as readonly string[]).includes(status)) filters.status = status as StatusFilter;
    else issues.push({ param: 'status', message: `${quote(status)} is not a status; use published, draft or all.` });
  }

  const asRecorded = one('as_recorded')?.trim();
  if (asRecorded !== undefined) {
    const moment = parseMoment(asRecorded, { name: 'as_recorded' });
    if (moment.ok) filters.asRecorded = asRecorded;
    else issues.push({ param: 'as_recorded', message: moment.message });
  }

  return { filters: normalizeFilters(filters), issues };
}

/** Who is asking, as every read needs to know it: only staff see drafts (nobody sees deleted events in a list). */
export interface Visibility {
  includeDrafts?: boolean;
}

/** Drops what the viewer may not ask for (the status filter, for the public) and says so. */
export function restrictToViewer(parsed: ParsedFilters, viewer: Visibility): ParsedFilters {
  if (viewer.includeDrafts || parsed.filters.status === 'published') return parsed;
  return {
    filters: { ...parsed.filters, status: 'published' },
    issues: [...parsed.issues, { param: 'status', message: 'Only signed-in staff can filter by status.' }],
  };
}

/** Parameter names that are neither filters nor in `allowed` (the API reports them). */
export function unknownParams(input: SearchParamsInput, allowed: readonly string[] = []): string[] {
  const known = new Set<string>([...FILTER_PARAMS, ...allowed]);
  return uniq([...toUrlSearchParams(input).keys()].filter((k) => !known.has(k)));
}

export function isFiltered(filters: TimelineFilters): boolean {
  return filtersQueryString({ ...filters, sort: 'date' }) !== '';
}

/** The first and last day the date filter allows, as ISO days (null when open). */
export function dateBounds(filters: Pick<TimelineFilters, 'from' | 'to'>): { start: string | null; end: string | null } {
  const from = filters.from ? parsePartialDate(filters.from) : null;
  const to = filters.to ? parsePartialDate(filters.to) : null;
  return { start: from?.date ?? null, end: to ? endOfPeriod(to) : null };
}

/** The parsed search, or null when the filters have none. */
export function searchGroups(filters: Pick<TimelineFilters, 'q'>): SearchGroups | null {
  if (!filters.q) return null;
  const { groups } = parseSearch(filters.q);
  return groups.length > 0 ? groups : null;
}

// ---------------------------------------------------------------------------------------------
// Editing helpers for links and controls.

// ---------------------------------------------------------------------------------------------
// Describing filters in words.

/** Names for ids and slugs in the filters, loaded by the server (db/queries/filter-lookups.ts). */
export interface FilterLookups {
  actors: ReadonlyMap<number, string>;
  tags: ReadonlyMap<string, string>;
}

export const NO_LOOKUPS: FilterLookups = { actors: new Map(), tags: new Map() };

export interface FilterChip {
  /** Stable key for React lists and tests: "type:designation". */
  key: string;
  label: string;
  /** The same filters without this one: where its "remove" link goes. */
  without: TimelineFilters;
}

/** One facet's chips; chips in a group are alternatives, joined by "or" when read out. */
export interface FilterChipGroup {
  facet: string;
  chips: FilterChip[];
}

function describeRange(from: string | null, to: string | null): string {
  const label = (v: string) => {
    const p = parsePartialDate(v) as PartialDate;
    return formatEventDate(p.date, p.precision);
  };
  if (from && to) return from === to ? label(from) : `${label(from)} – ${label(to)}`;
  if (from) return `since ${label(from)}`;
  return `until ${label(to!)}`;
}

const ROLE_PHRASE: Record<CountryRole, string> = { actor: 'as actor', target: 'as target', location: 'as location' };

/**
 * The active filters in words, one chip per value, each with the filters that removing it leaves:
 * "Sanctions designations · Syria as target · 2020 – 2023".
 */
export function describeFilters(filters: TimelineFilters, lookups: FilterLookups = NO_LOOKUPS): FilterChipGroup[] {
  const f = normalizeFilters(filters);
  const groups: FilterChipGroup[] = [];
  const add = (facet: string, chips: FilterChip[]) => {
    if (chips.length > 0) groups.push({ facet, chips });
  };
  add(
    'q',
    f.q ? [{ key: 'q', label: `matching “${f.q}”`, without: { ...f, q: null, sort: 'date' } }] : [],
  );
  add(
    'type',
    f.types.map((t) => ({ key: `type:${t}`, label: eventTypeInfo(t).plural, without: toggleValue(f, 'types', t) })),
  );
  add(
    'country',
    f.countries.map((c) => ({
      key: `country:${c}`,
      label: f.role === 'any' ? countryName(c) : `${countryName(c)} ${ROLE_PHRASE[f.role]}`,
      without: toggleValue(f, 'countries', c),
    })),
  );
  add(
    'with',
    f.counterparts.map((c) => ({
      key: `with:${c}`,
      label: `with ${countryName(c)}`,
      without: toggleValue(f, 'counterparts', c),
    })),
  );
  add(
    'actor',
    f.actors.map((id) => ({
      key: `actor:${id}`,
      label: lookups.actors.get(id) ?? `Actor #${id}`,
      without: toggleValue(f, 'actors', id),
    })),
  );
  add(
    'authority',
    f.authorities.map((a) => ({ key: `authority:${a}`, label: `under ${a}`, without: toggleValue(f, 'authorities', a) })),
  );
  add(
    'program',
    f.programs.map((p) => ({ key: `program:${p}`, label: `program ${p}`, without: toggleValue(f, 'programs', p) })),
  );
  add(
    'tag',
    f.tags.map((t) => ({
      key: `tag:${t}`,
      label: `tagged ${lookups.tags.get(t) ?? t}`,
      without: toggleValue(f, 'tags', t),
    })),
  );
  add(
    'date',
    f.from || f.to ? [{ key: 'date', label: describeRange(f.from, f.to), without: withDates(f, null, null) }] : [],
  );
  add(
    'status',
    f.status !== 'published'
      ? [{ key: 'status', label: f.status === 'draft' ? 'drafts only' : 'drafts and published', without: { ...f, status: 'published' } }]
      : [],
  );
  return groups;
}

/** The chips as one line of text: "Sanctions designations · Syria as target · 2020 – 2023". */
export function describeFiltersText(filters: TimelineFilters, lookups: FilterLookups = NO_LOOKUPS): string {
  return describeFilters(filters, lookups)
    .map((g) => g.chips.map((c) => c.label).join(' or '))
    .join(' · ');
}
