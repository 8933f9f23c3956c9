/**
 * A timeline view answered from the facet index (db/derived/facet-index.ts, decision 0039): each
 * filter is a bitmap (the union of its values' bitmaps), the view is their intersection with the
 * events the reader may see, the total is its size, each facet's counts are intersection sizes
 * with the view made without that facet's own filter (as facets.ts counts them in SQL), the chart
 * counts the view's events by month and type, and the first page walks the events in timeline
 * order testing membership. The full-text search stays in SQLite: its matches become a bitmap.
 * Only the page's own rows and the labels of the options are then read from SQLite.
 *
 * Everything here gives exactly what the SQL path gives (index-consistency.test.ts).
 */
import { inArray, sql } from 'drizzle-orm';
import { countryName } from '@/lib/countries';
import { EVENT_TYPES, EVENT_TYPE_KEYS } from '@/lib/event-types';
import { dateBounds, type TimelineFilters } from '@/lib/filters';
import type { DbOrTx } from '@/db/engine/client';
import { currentFacetIndex, dayNumber, RoaringBitmap32, type Bitmap, type FacetIndex } from '@/db/derived/facet-index';
import { events, tags } from '../schema';
import { chartFromRows, type BucketRow, type DensityChartData } from './density-chart';
import { attachRelations, decodeCursor, encodeCursor, summaryColumns, TIMELINE_ORDER, type EventsPage, type TimelineCursor, type Visibility } from './events';
import { binary, facetOptions, MAX_OPTIONS, TOP_ACTORS, type FacetOption, type TimelineFacets } from './facet-options';
import { actorOptions } from './actor-options';
import { matchingIdsSql, searchQueryGroups } from './search';

type Dimension = 'types' | 'dates' | 'countries' | 'counterparts' | 'actors' | 'authorities' | 'programs' | 'tags' | 'search';

const EMPTY: Bitmap = new RoaringBitmap32();

/** One view over the index: the reader's events, each active filter's bitmap, and the view itself. */
export interface IndexedView {
  index: FacetIndex;
  db: DbOrTx;
  filters: TimelineFilters;
  visibility: Visibility;
  /** The events the reader may see at all (the facets' universe). */
  visible: Bitmap;
  /** The same narrowed by the status filter (staff). */
  base: Bitmap;
  parts: Map<Dimension, Bitmap>;
  view: Bitmap;
}

function or(bitmaps: (Bitmap | undefined)[]): Bitmap {
  const present = bitmaps.filter((b): b is Bitmap => b !== undefined);
  if (present.length === 0) return EMPTY;
  if (present.length === 1) return present[0]!;
  return RoaringBitmap32.orMany(present);
}

/** The intersection; may return one of its arguments itself (never mutate the result). */
function intersect(bitmaps: Bitmap[]): Bitmap {
  const sorted = [...bitmaps].sort((a, b) => a.size - b.size);
  let out = sorted[0]!;
  for (let i = 1; i < sorted.length && out.size > 0; i++) out = RoaringBitmap32.and(out, sorted[i]!);
  return out;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Events whose whole period lies inside the range (filter-conditions.ts, decision 0005): day-
 * precision events of the days inside, month-precision events of the months wholly inside, and
 * year-precision events of the years wholly inside.
 */
function dateBitmap(index: FacetIndex, filters: TimelineFilters): Bitmap {
  const { start, end } = dateBounds(filters);
  const s = start ? dayNumber(start) ?? 0 : 0;
  const e = end ? dayNumber(end) ?? 99_999_999 : 99_999_999;
  const parts: Bitmap[] = [];
  for (const [month, bitmap] of index.months.map) {
    const first = month * 100 + 1;
    const last = month * 100 + daysInMonth(Math.floor(month / 100), month % 100);
    if (first >= s && last <= e) parts.push(bitmap);
    else if (last >= s && first <= e) {
      for (let d = Math.max(first, s); d <= Math.min(last, e); d++) {
        const b = index.days.get(d);
        if (b) parts.push(b);
      }
    }
  }
  for (const [year, bitmap] of index.yearOnly.map) if (year * 10000 + 101 >= s && year * 10000 + 1231 <= e) parts.push(bitmap);
  return or(parts);
}

/** The ids of a JSON array of ids (`json_group_array`), without making an array of numbers first. */
function idsFromJson(json: string | null | undefined): Uint32Array {
  if (!json || json === '[]') return new Uint32Array(0);
  const out = new Uint32Array(Math.ceil(json.length / 2));
  let n = 0;
  let id = 0;
  let digits = false;
  for (let i = 1; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      id = id * 10 + (c - 48);
      digits = true;
    } else if (digits) {
      out[n++] = id;
      id = 0;
      digits = false;
    }
  }
  return out.subarray(0, n);
}

function searchBitmap(db: DbOrTx, filters: TimelineFilters): Bitmap {
  const groups = searchQueryGroups(filters);
  if (!groups) return EMPTY;
  const json = db.get<{ ids: string | null }>(sql`SELECT json_group_array(id) AS ids FROM (${matchingIdsSql(groups)})`)?.ids;
  return new RoaringBitmap32(idsFromJson(json));
}

function tagIds(db: DbOrTx, slugs: readonly string[]): number[] {
  if (slugs.length === 0) return [];
  return db.select({ id: tags.id }).from(tags).where(inArray(tags.slug, [...slugs])).all().map((t) => t.id);
}

/**
 * A few bitmaps made for recent views (an actor's events, a search's matches), kept while the index
 * does not change: an analyst who keeps a search and changes the other filters pays for it once.
 * Any write empties it.
 */
const BOUNDED_ENTRIES = 16;
const recent = new WeakMap<FacetIndex, { state: string; entries: Map<string, Bitmap> }>();

function bounded(index: FacetIndex, key: string, make: () => Bitmap): Bitmap {
  // Any write, even one that changes no event, may change what a search finds: keyed by the database's version.
  const state = `${index.state}|${index.version}`;
  let r = recent.get(index);
  if (!r || r.state !== state) recent.set(index, (r = { state, entries: new Map() }));
  let b = r.entries.get(key);
  if (b) {
    r.entries.delete(key);
  } else {
    b = make();
    if (r.entries.size >= BOUNDED_ENTRIES) r.entries.delete(r.entries.keys().next().value!);
  }
  r.entries.set(key, b);
  return b;
}

/** The view of these filters over the index, or null when the index cannot answer now (use SQL). */
export function indexedView(db: DbOrTx, filters: TimelineFilters, visibility: Visibility): IndexedView | null {
  const index = currentFacetIndex(db);
  if (!index) return null;
  const visible = visibility.includeDrafts ? RoaringBitmap32.or(index.published, index.drafts) : index.published;
  const base = !visibility.includeDrafts || filters.status === 'all' ? visible : filters.status === 'published' ? index.published : index.drafts;
  const parts = new Map<Dimension, Bitmap>();
  if (filters.types.length > 0) parts.set('types', or(filters.types.map((t) => index.types.get(EVENT_TYPE_KEYS.indexOf(t)))));
  if (filters.from !== null || filters.to !== null) parts.set('dates', dateBitmap(index, filters));
  if (filters.countries.length > 0) parts.set('countries', or(filters.countries.map((c) => index.countries.get(`${filters.role}|${c}`))));
  if (filters.counterparts.length > 0) parts.set('counterparts', or(filters.counterparts.map((c) => index.countries.get(`any|${c}`))));
  if (filters.actors.length > 0) parts.set('actors', or(filters.actors.map((a) => bounded(index, `actor|${a}`, () => index.actorEvents(a)))));
  if (filters.authorities.length > 0) {
    parts.set('authorities', or(filters.authorities.map((a) => index.authorities.get(index.authorityNames.find(a) ?? -1))));
  }
  if (filters.programs.length > 0) parts.set('programs', or(filters.programs.map((p) => index.programs.get(index.programNames.find(p) ?? -1))));
  if (filters.tags.length > 0) parts.set('tags', or(tagIds(db, filters.tags).map((t) => index.tags.get(t))));
  if (filters.q) parts.set('search', bounded(index, `search|${filters.q}`, () => searchBitmap(db, filters)));
  const view = intersect([base, ...parts.values()]);
  return { index, db, filters, visibility, visible, base, parts, view };
}

/**
 * What depends only on the index's state and on whose events are visible (the options of each
 * facet, the actor counts and chart of all visible events), kept until the index changes.
 */
const derived = new WeakMap<FacetIndex, { state: number; values: Map<string, unknown> }>();

function memo<T>(v: IndexedView, key: string, compute: () => T): T {
  let d = derived.get(v.index);
  if (!d || d.state !== v.index.state) derived.set(v.index, (d = { state: v.index.state, values: new Map() }));
  const k = `${v.visibility.includeDrafts ? 'staff' : 'public'}|${key}`;
  if (!d.values.has(k)) d.values.set(k, compute());
  return d.values.get(k) as T;
}

/**
 * Counts over a view, from counts over its events, or for a view holding most visible events from
 * the counts of all visible events (kept by the index) less those of the few it leaves out.
 */
function countsOver(v: IndexedView, view: Bitmap, all: () => Uint32Array, count: (ids: Uint32Array) => Uint32Array): Uint32Array {
  if (view === v.visible) return all();
  if (view.size * 2 <= v.visible.size) return count(view.toUint32Array());
  const whole = all();
  const left = count(RoaringBitmap32.andNot(v.visible, view).toUint32Array());
  const out = new Uint32Array(Math.max(whole.length, left.length));
  out.set(whole);
  for (let i = 0; i < left.length; i++) out[i]! -= left[i]!;
  return out;
}

/** The index's totals for the reader's events: the published ones, and for staff the drafts too. */
function visibleTotals(v: IndexedView) {
  const [published, drafts] = v.index.totals as [FacetIndex['totals'][0], FacetIndex['totals'][0]];
  return v.visibility.includeDrafts ? [published, drafts] : [published];
}

function allActors(v: IndexedView): Uint32Array {
  const totals = visibleTotals(v);
  if (totals.length === 1) return totals[0]!.actors;
  const out = new Uint32Array(Math.max(...totals.map((t) => t.actors.length)));
  for (const t of totals) for (let i = 0; i < t.actors.length; i++) out[i]! += t.actors[i]!;
  return out;
}

/** The view without one filter (a facet's own), made once per facet. */
function viewWithout(v: IndexedView, omit: Dimension): Bitmap {
  if (!v.parts.has(omit)) return v.view;
  return intersect([v.base, ...[...v.parts].filter(([d]) => d !== omit).map(([, b]) => b)]);
}

// ---------------------------------------------------------------------------------------------
// The page.

/** Views this small are sorted; larger ones are found by walking the timeline order. */
const SORT_BELOW = 20_000;
/** Positions walked before a sparse view falls back to choosing among all its events. */
const WALK_BUDGET = 40_000;

/** The first `want` event ids of the view after the cursor, in timeline order. */
export function pageIds(v: IndexedView, cursor: TimelineCursor | null, want: number): number[] | null {
  const { index, view } = v;
  let below = Infinity;
  if (cursor) {
    const day = dayNumber(cursor.date);
    if (day === null) return null;
    below = day * 16777216 + cursor.id;
  }
  if (view.size > SORT_BELOW) {
    // Nothing newer than the end of a date range can be in the view.
    const { end } = dateBounds(v.filters);
    const endDay = end ? dayNumber(end) : null;
    const from = index.positionAfter(Math.min(below, endDay ? (endDay + 1) * 16777216 : Infinity));
    const found: number[] = [];
    const stop = Math.min(index.live, from + WALK_BUDGET);
    let i = from;
    for (; i < stop && found.length < want; i++) {
      const id = index.order[i]!;
      if (view.has(id)) found.push(id);
    }
    if (found.length >= want || i >= index.live) return found;
  }
  return topKeys(index, view.toUint32Array(), below, want);
}

/** The `want` largest sort keys below `below`, newest first. */
function topKeys(index: FacetIndex, ids: Uint32Array, below: number, want: number): number[] {
  const keys = new Float64Array(ids.length);
  let n = 0;
  for (let i = 0; i < ids.length; i++) {
    const k = index.key(ids[i]!);
    if (k < below) keys[n++] = k;
  }
  const chosen = keys.subarray(0, n);
  if (n > 4 * SORT_BELOW) {
    // A partial selection: keep a sorted buffer of the best `want`.
    const best: number[] = [];
    for (let i = 0; i < n; i++) {
      const k = chosen[i]!;
      if (best.length < want) {
        best.push(k);
        if (best.length === want) best.sort((a, b) => b - a);
      } else if (k > best[want - 1]!) {
        let j = want - 1;
        while (j > 0 && best[j - 1]! < k) {
          best[j] = best[j - 1]!;
          j--;
        }
        best[j] = k;
      }
    }
    if (best.length < want) best.sort((a, b) => b - a);
    return best.map((k) => k % 16777216);
  }
  chosen.sort();
  const out: number[] = [];
  for (let i = n - 1; i >= 0 && out.length < want; i--) out.push(chosen[i]! % 16777216);
  return out;
}

/** One page of the view in timeline order (date sort only), with the total. */
export function indexedEventsPage(
  v: IndexedView,
  position: { kind: 'date'; cursor: TimelineCursor } | null,
  limit: number,
): (EventsPage & { total: number }) | null {
  const ids = pageIds(v, position?.cursor ?? null, limit + 1);
  if (!ids) return null;
  const rows = ids.length === 0 ? [] : v.db.select(summaryColumns).from(events).where(inArray(events.id, ids)).orderBy(...TIMELINE_ORDER).all();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: attachRelations(v.db, page),
    nextCursor: rows.length > limit && last ? encodeCursor({ date: last.date, id: last.id }) : null,
    total: v.view.size,
  };
}

export { decodeCursor };

// ---------------------------------------------------------------------------------------------
// The chart.

/** The years the index's events span, for the chart's cells. */
function yearSpan(index: FacetIndex): { minYear: number; maxYear: number } {
  let minYear = Infinity;
  let maxYear = -Infinity;
  for (const y of index.years.map.keys()) {
    if (y < minYear) minYear = y;
    if (y > maxYear) maxYear = y;
  }
  return { minYear, maxYear };
}

/** Events per cell: month (from the first year), year-only or not, type. */
function chartCells(index: FacetIndex, minYear: number, maxYear: number, ids: Uint32Array): Uint32Array {
  const types = EVENT_TYPE_KEYS.length;
  const cells = new Uint32Array((maxYear - minYear + 1) * 12 * 2 * types);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const day = index.day[id]!;
    const month = (Math.floor(day / 10000) - minYear) * 12 + (Math.floor(day / 100) % 100) - 1;
    cells[(month * 2 + (index.precision[id] === 2 ? 1 : 0)) * types + index.type[id]!]!++;
  }
  return cells;
}

export function indexedChart(v: IndexedView): DensityChartData | null {
  const { index } = v;
  if (v.view.size === 0) return null;
  const { minYear, maxYear } = yearSpan(index);
  const types = EVENT_TYPE_KEYS.length;
  const allCells = () => {
    const cells = new Uint32Array((maxYear - minYear + 1) * 12 * 2 * types);
    for (const t of visibleTotals(v)) {
      for (const [key, n] of t.chart) {
        if (n === 0) continue;
        const type = key % types;
        const rest = (key - type) / types;
        const yearOnly = rest % 2;
        const month = (rest - yearOnly) / 2 - minYear * 12;
        cells[(month * 2 + yearOnly) * types + type]! += n;
      }
    }
    return cells;
  };
  const cells = countsOver(v, v.view, allCells, (ids) => chartCells(index, minYear, maxYear, ids));
  const rows: BucketRow[] = [];
  for (let c = 0; c < cells.length; c++) {
    if (cells[c] === 0) continue;
    const type = c % types;
    const rest = (c - type) / types;
    const yearOnly = rest % 2 === 1;
    const month = (rest - (yearOnly ? 1 : 0)) / 2 + minYear * 12;
    rows.push({ month, yearOnly, type: EVENT_TYPE_KEYS[type]!, n: cells[c]! });
  }
  return chartFromRows(v.filters, rows);
}

// ---------------------------------------------------------------------------------------------
// The facets.

/** Options of a facet's universe: the reader's events per value, most first, at most MAX_OPTIONS. */
function universe<K, V extends string | number>(v: IndexedView, facet: string, map: Map<K, Bitmap>, value: (k: K) => V | null): { value: V; n: number }[] {
  return memo(v, `universe|${facet}`, () => universeOf(v.visible, map, value));
}

function universeOf<K, V extends string | number>(visible: Bitmap, map: Map<K, Bitmap>, value: (k: K) => V | null): { value: V; n: number }[] {
  const out: { value: V; n: number }[] = [];
  for (const [k, b] of map) {
    const v = value(k);
    if (v === null) continue;
    const n = visible.andCardinality(b);
    if (n > 0) out.push({ value: v, n });
  }
  return out.sort((a, b) => b.n - a.n || binary(String(a.value), String(b.value))).slice(0, MAX_OPTIONS);
}

function counted<V extends string | number>(view: Bitmap, values: Iterable<V>, bitmap: (v: V) => Bitmap | undefined): Map<V, number> {
  const out = new Map<V, number>();
  for (const v of values) {
    const b = bitmap(v);
    if (b) out.set(v, view.andCardinality(b));
  }
  return out;
}

function typeOptions(v: IndexedView): TimelineFacets['types'] {
  const view = viewWithout(v, 'types');
  return EVENT_TYPES.map((t, i) => {
    const b = v.index.types.get(i);
    return { value: t.key, label: t.plural, count: b ? view.andCardinality(b) : 0, selected: v.filters.types.includes(t.key) };
  });
}

function countryOptions(v: IndexedView): FacetOption[] {
  const { index, filters } = v;
  const options = universe(v, 'countries', index.countries.map, (k) => (k.startsWith('any|') ? k.slice(4) : null));
  const view = viewWithout(v, 'countries');
  const filtered = counted(view, [...options.map((o) => o.value), ...filters.countries], (c) => index.countries.get(`${filters.role}|${c}`));
  return facetOptions(options, filtered, filters.countries, countryName);
}

function columnOptions(v: IndexedView, facet: 'authorities' | 'programs'): FacetOption[] {
  const { index, filters } = v;
  const names = facet === 'authorities' ? index.authorityNames : index.programNames;
  const map = facet === 'authorities' ? index.authorities : index.programs;
  const options = universe(v, facet, map.map, (k) => names.values[k] ?? null);
  const view = viewWithout(v, facet);
  const filtered = counted(view, [...options.map((o) => o.value), ...filters[facet]], (value) => map.get(names.find(value) ?? -1));
  return facetOptions(options, filtered, filters[facet], (x) => x);
}

function tagOptions(v: IndexedView): FacetOption[] {
  const { index, filters, db } = v;
  const labels = new Map<string, string>();
  const slugs = new Map<number, string>();
  for (const t of db.select({ id: tags.id, slug: tags.slug, label: tags.label }).from(tags).all()) {
    labels.set(t.slug, t.label);
    slugs.set(t.id, t.slug);
  }
  const ids = new Map([...slugs].map(([id, slug]) => [slug, id]));
  // Kept by tag id: a tag's slug may change without any event changing.
  const options = universe(v, 'tags', index.tags.map, (id) => id)
    .filter((o) => slugs.has(o.value))
    .map((o) => ({ value: slugs.get(o.value)!, n: o.n }));
  const view = viewWithout(v, 'tags');
  const filtered = counted(view, [...options.map((o) => o.value), ...filters.tags], (slug) => index.tags.get(ids.get(slug) ?? -1));
  return facetOptions(options, filtered, filters.tags, (x) => labels.get(x) ?? x);
}

function yearOptions(v: IndexedView): FacetOption[] {
  const { index, filters } = v;
  const view = viewWithout(v, 'dates');
  const years = memo(v, 'years', () => [...index.years.map].filter(([, b]) => v.visible.andCardinality(b) > 0).sort((a, b) => b[0] - a[0]));
  const chosen = filters.from && filters.from === filters.to && /^\d{4}$/.test(filters.from) ? filters.from : null;
  return years.map(([year, b]) => {
    const label = String(year).padStart(4, '0');
    return { value: label, label, count: view.andCardinality(b), selected: label === chosen };
  });
}

/** Events per actor over these events (each event once per actor), from the index's actor lists. */
function actorCountsOf(index: FacetIndex, ids: Uint32Array): Uint32Array {
  const { actorStart, actorList, changed } = index;
  let size = index.eventStart.length;
  for (const a of index.changedByActor.keys()) if (a >= size) size = a + 1;
  const counts = new Uint32Array(size);
  const limit = actorStart.length - 1;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (changed[id]) {
      for (const a of index.actorsOf(id) as number[]) counts[a]!++;
    } else if (id < limit) {
      for (let j = actorStart[id]!, end = actorStart[id + 1]!; j < end; j++) counts[actorList[j]!]!++;
    }
  }
  return counts;
}

/** The k-th largest of the counts (0 when there are k or fewer that are not 0). */
function kthLargest(counts: Uint32Array, k: number): number {
  const best: number[] = [];
  const consider = (n: number) => {
    if (n === 0) return;
    if (best.length < k) {
      best.push(n);
      best.sort((a, b) => b - a);
    } else if (n > best[k - 1]!) {
      best[k - 1] = n;
      best.sort((a, b) => b - a);
    }
  };
  for (let a = 0; a < counts.length; a++) if (counts[a]! > (best.length < k ? 0 : best[k - 1]!)) consider(counts[a]!);
  return best.length < k ? 0 : best[k - 1]!;
}

function indexedActorOptions(v: IndexedView): FacetOption<number>[] {
  const { db, filters, index } = v;
  const counts = countsOver(v, viewWithout(v, 'actors'), () => allActors(v), (ids) => actorCountsOf(index, ids));
  // The TOP_ACTORS largest counts and every count that ties with the last (facets.ts: topWithTies).
  const threshold = Math.max(1, kthLargest(counts, TOP_ACTORS));
  const top: { value: number; n: number }[] = [];
  for (let a = 0; a < counts.length; a++) if (counts[a]! >= threshold) top.push({ value: a, n: counts[a]! });
  return actorOptions(db, v.visibility, top, filters.actors, (missing) => missing.map((id) => [id, counts[id] ?? 0]));
}

export function indexedFacets(v: IndexedView): TimelineFacets {
  return {
    types: typeOptions(v),
    countries: countryOptions(v),
    actors: indexedActorOptions(v),
    authorities: columnOptions(v, 'authorities'),
    programs: columnOptions(v, 'programs'),
    tags: tagOptions(v),
    years: yearOptions(v),
  };
}
