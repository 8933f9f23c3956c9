/**
 * Facet counts: for each option of each filter, how many events the view would hold with that
 * option chosen and every OTHER active filter applied (a facet's own selection is left out, since
 * options within a facet are alternatives). Options that would give nothing are returned with a
 * count of 0, for the page to show dimmed; they are only ever options that visible events have,
 * so a draft's country or tag never shows up here.
 *
 * How they are counted at scale (docs/performance.md):
 *  - the options and their order come from the maintained counts of the published timeline
 *    (`facet_counts`, `event_month_counts`; db/derived/counts.ts);
 *  - a facet whose other filters are all empty, or only types and whole months, is read from them;
 *  - any other is one pass over the facet's own table (countries, actors and tags carry their
 *    event's visibility, type and date), with the WHERE from the same condition builder as the
 *    list (the other filters as probes). The pass hands its keys to JavaScript as one `json_group_array` and they are counted
 *    in a Map (countKeys in db/engine/sql-functions.ts): a quarter of the cost of an aggregate function's
 *    call per row, and no sort as GROUP BY would do;
 *  - all facets at once (timelineFacets) run the passes of types, years, authorities and programs
 *    that read the same rows (same FROM and WHERE: a view with no filter of their own, such as a
 *    country, a tag or a search) as one scan with one JSON array per facet.
 * This is the plain SQL: at scale the facet index answers (timeline-index.ts, decision 0039), and
 * index-consistency.test.ts checks the two against each other.
 */
import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { AnySQLiteColumn, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { countryName } from '@/lib/countries';
import { EVENT_TYPES, type EventTypeKey } from '@/lib/event-types';
import { EMPTY_FILTERS, type TimelineFilters } from '@/lib/filters';
import type { DbOrTx } from '@/db/engine/client';
import { facetCountNames, textList } from '@/db/derived/counts';
import { countKeys, topWithTies } from '@/db/engine/sql-functions';
import { eventCountries, eventEntities, events, eventTags, tags } from '../schema';
import { actorOptions } from './actor-options';
import type { Visibility } from './events';
import { EVENTS_SOURCE, JUNCTION_SOURCES, sourceVisibility, timelineWhere, type Facet } from './filter-conditions';
import { monthTotals, onlyMonthCounts, onlyTypes } from './maintained-counts';
import { countsDescribe } from './timeline';
import { facetOptions, MAX_OPTIONS, TOP_ACTORS, type FacetOption, type TimelineFacets } from './facet-options';

export { TOP_ACTORS, type FacetOption, type TimelineFacets };

/** What the facets of one view share: the month counts, read once. */
interface FacetContext {
  db: DbOrTx;
  filters: TimelineFilters;
  visibility: Visibility;
  /** The view's counts are those the maintained counts describe (published events). */
  published: boolean;
  /** Counts of passes already run together with others (sharePasses), by passId. */
  shared: Map<string, Map<unknown, number>>;
}

function newFacetContext(db: DbOrTx, filters: TimelineFilters, visibility: Visibility): FacetContext {
  return { db, filters, visibility, published: countsDescribe(filters, visibility), shared: new Map() };
}

function parseCounts<V>(json: string | null | undefined): Map<V, number> {
  return new Map(json ? (JSON.parse(json) as [V, number][]) : []);
}

/** A facet's keys, one per row, as a JSON array from SQLite's native `json_group_array`. */
function keysOf(db: DbOrTx, table: SQLiteTable | SQL, key: SQL | AnySQLiteColumn, where: SQL | undefined): string | null {
  return db
    .select({ keys: sql<string | null>`json_group_array(${key})` })
    .from(table)
    .where(where)
    .get()?.keys ?? null;
}

/**
 * Counts per key over a facet's rows, most first, counted in JavaScript from one JSON array
 * (GROUP BY would sort every row; an aggregate function costs a call per row).
 */
function countBy<V>(db: DbOrTx, table: SQLiteTable | SQL, key: SQL | AnySQLiteColumn, where: SQL | undefined): Map<V, number> {
  return new Map(countKeys(keysOf(db, table, key, where)) as [V, number][]);
}

/**
 * One facet's count over the rows of a filtered view: the keys `key` of `table`'s rows that match
 * `where` (and `only`, a condition that merely drops rows whose key is NULL, and so may be left out).
 */
interface Pass {
  name: string;
  table: SQLiteTable | SQL;
  key: SQL | AnySQLiteColumn;
  where: SQL | undefined;
  only?: SQL;
}

/** What identifies the rows a pass reads: its FROM and WHERE, as SQL text and parameters. */
function rowsId(db: DbOrTx, pass: Pass): string {
  const q = db.select({ one: sql`1` }).from(pass.table).where(pass.where).toSQL();
  return JSON.stringify([q.sql, q.params]);
}

function runPass<V>(ctx: FacetContext, pass: Pass): Map<V, number> {
  const shared = ctx.shared.get(`${pass.name}\u0000${rowsId(ctx.db, pass)}`);
  if (shared) return shared as Map<V, number>;
  return countBy<V>(ctx.db, pass.table, pass.key, and(pass.where, pass.only));
}

/**
 * Runs passes that read the same rows as one: the type, year, authority and program facets of a
 * view without filters of their own (a country, a tag, a search) read the same events, and one
 * scan with a JSON array per facet costs little more than one of them.
 */
function sharePasses(ctx: FacetContext, passes: (Pass | null)[]): void {
  const groups = new Map<string, Pass[]>();
  for (const pass of passes) {
    if (!pass) continue;
    const id = rowsId(ctx.db, pass);
    groups.set(id, [...(groups.get(id) ?? []), pass]);
  }
  for (const [id, group] of groups) {
    if (group.length < 2) continue;
    const columns = Object.fromEntries(group.map((p, i) => [`k${i}`, sql<string | null>`json_group_array(${p.key})`]));
    const row = ctx.db.select(columns).from(group[0]!.table).where(group[0]!.where).get() as Record<string, string | null> | undefined;
    group.forEach((p, i) => ctx.shared.set(`${p.name}\u0000${id}`, new Map(countKeys(row?.[`k${i}`]))));
  }
}

/** The universe of a facet: every option of the published timeline, most used first. */
function maintained(db: DbOrTx, facet: string, limit = MAX_OPTIONS): { value: string; n: number }[] {
  return db.all<{ value: string; n: number }>(
    sql`SELECT value, n FROM facet_counts WHERE facet = ${facet} AND n > 0 ORDER BY n DESC, value LIMIT ${limit}`,
  );
}

/** The maintained counts of a facet in a view filtered by these types (none: all events). */
function maintainedCounts(db: DbOrTx, base: string, types: readonly string[], values?: readonly string[]): Map<string, number> {
  if (values && values.length === 0) return new Map();
  const names = facetCountNames(base, types);
  const only = values ? sql` AND value IN (${textList(values)})` : sql``;
  if (names.length === 1) {
    const rows = db.all<{ value: string; n: number }>(sql`SELECT value, n FROM facet_counts WHERE facet = ${names[0]!} AND n > 0${only}`);
    return new Map(rows.map((r) => [r.value, r.n]));
  }
  const row = db.get<{ counts: string | null }>(
    sql`SELECT facet_count(value, n) AS counts FROM facet_counts WHERE facet IN (${textList(names)}) AND n > 0${only}`,
  );
  return parseCounts<string>(row?.counts);
}

/** The k largest maintained counts of a facet for these types, and every count that ties with the k-th. */
function maintainedTop(db: DbOrTx, base: string, types: readonly string[], k: number): { value: string; n: number }[] {
  const names = facetCountNames(base, types);
  if (names.length > 1) {
    const row = db.get<{ counts: string | null }>(
      sql`SELECT facet_top(value, ${k}, n) AS counts FROM facet_counts WHERE facet IN (${textList(names)}) AND n > 0`,
    );
    return [...parseCounts<string>(row?.counts)].map(([value, n]) => ({ value, n }));
  }
  const head = maintained(db, names[0]!, k);
  const last = head[head.length - 1];
  if (!last || head.length < k) return head;
  const ties = db.all<{ value: string; n: number }>(sql`SELECT value, n FROM facet_counts WHERE facet = ${names[0]!} AND n = ${last.n}`);
  return [...new Map([...head, ...ties].map((r) => [r.value, r.n]))].map(([value, n]) => ({ value, n }));
}

/** The WHERE of a facet over `events` columns (type, year, authority, program): the view without the facet's own filter. */
function eventWhere(ctx: FacetContext, omit: Facet): SQL | undefined {
  return timelineWhere(ctx.filters, { ...ctx.visibility, omit });
}

/** The pass that counts the type facet, or null when the month counts answer it. */
function typePass(ctx: FacetContext): Pass | null {
  if (ctx.published && onlyMonthCounts(ctx.filters, 'types')) return null;
  return { name: 'types', table: events, key: events.type, where: eventWhere(ctx, 'types') };
}

export function typeFacet(ctx: FacetContext): FacetOption<EventTypeKey>[] {
  const pass = typePass(ctx);
  const filtered = pass ? runPass<string>(ctx, pass) : monthTotals(ctx.db, sql`type`, ctx.filters, 'types');
  return EVENT_TYPES.map((t) => ({
    value: t.key,
    label: t.plural,
    count: filtered.get(t.key) ?? 0,
    selected: ctx.filters.types.includes(t.key),
  }));
}

/** The junction table a facet counts, and its value column. */
const FACET_TABLES = {
  countries: { table: eventCountries, value: eventCountries.countryCode, source: JUNCTION_SOURCES.countries },
  actors: { table: eventEntities, value: eventEntities.entityId, source: JUNCTION_SOURCES.actors },
  tags: { table: eventTags, value: eventTags.tagId, source: JUNCTION_SOURCES.tags },
} as const;

/** The WHERE of a junction facet: the view without the facet's own filter, on the facet's rows. */
function junctionWhere(ctx: FacetContext, facet: 'countries' | 'actors' | 'tags', extra: SQL[]): SQL | undefined {
  const { source } = FACET_TABLES[facet];
  return and(timelineWhere(ctx.filters, { ...ctx.visibility, omit: facet, source }), ...extra);
}

/** Universe of a junction facet for the staff, whose views include drafts: counted in SQL. */
function draftsUniverse(ctx: FacetContext, facet: 'countries' | 'actors' | 'tags', oneRow: SQL[]): { value: string; n: number }[] {
  const { table, value, source } = FACET_TABLES[facet];
  const counts = countBy<string | number>(ctx.db, table, value, and(...sourceVisibility(source, ctx.visibility), ...oneRow));
  return [...counts].slice(0, MAX_OPTIONS).map(([v, n]) => ({ value: String(v), n }));
}

export function countryFacet(ctx: FacetContext): FacetOption[] {
  const { db, filters } = ctx;
  const anyRole = eq(eventCountries.firstRole, true);
  const universe = ctx.visibility.includeDrafts ? draftsUniverse(ctx, 'countries', [anyRole]) : maintained(db, 'country');
  const facet = filters.role === 'any' ? 'country' : `country:${filters.role}`;
  const filtered =
    ctx.published && onlyTypes(filters, 'countries')
      ? maintainedCounts(db, facet, filters.types)
      : countBy<string>(db, eventCountries, eventCountries.countryCode, junctionWhere(ctx, 'countries', [
          filters.role === 'any' ? anyRole : eq(eventCountries.role, filters.role),
        ]));
  return facetOptions(universe, filtered, filters.countries, countryName);
}

export function actorFacet(ctx: FacetContext): FacetOption<number>[] {
  const { db, filters } = ctx;
  const fromCounts = ctx.published && onlyTypes(filters, 'actors');
  const oneRow = eq(eventEntities.firstRole, true);
  let top: { value: number; n: number }[];
  if (fromCounts) {
    // Ties are broken by name below: these include every actor that ties with the last one.
    top = maintainedTop(db, 'actor', filters.types, TOP_ACTORS).map((r) => ({ value: Number(r.value), n: r.n }));
  } else {
    const keys = keysOf(db, eventEntities, eventEntities.entityId, junctionWhere(ctx, 'actors', [oneRow]));
    top = topWithTies(countKeys(keys), TOP_ACTORS).map(([value, n]) => ({ value: Number(value), n }));
  }
  return actorOptions(db, ctx.visibility, top, filters.actors, (missing) =>
    fromCounts
      ? [...maintainedCounts(db, 'actor', filters.types, missing.map(String))].map(([k, n]) => [Number(k), n] as [number, number])
      : countBy<number>(db, eventEntities, eventEntities.entityId, junctionWhere(ctx, 'actors', [oneRow, inArray(eventEntities.entityId, missing)])),
  );
}

function columnFacet(ctx: FacetContext, column: typeof events.legalAuthority | typeof events.program, facet: 'authorities' | 'programs'): FacetOption[] {
  const { db, filters } = ctx;
  const name = facet === 'authorities' ? 'authority' : 'program';
  const universe = ctx.visibility.includeDrafts
    ? [...countBy<string>(db, events, column, and(...sourceVisibility(EVENTS_SOURCE, ctx.visibility), isNotNull(column)))]
        .slice(0, MAX_OPTIONS)
        .map(([value, n]) => ({ value, n }))
    : maintained(db, name);
  const pass = columnPass(ctx, column, facet);
  const filtered = pass ? runPass<string>(ctx, pass) : maintainedCounts(db, name, filters.types);
  return facetOptions(universe, filtered, filters[facet], (v) => v);
}

/** The pass that counts an authority or program facet, or null when the maintained counts answer it. */
function columnPass(ctx: FacetContext, column: typeof events.legalAuthority | typeof events.program, facet: 'authorities' | 'programs'): Pass | null {
  if (ctx.published && onlyTypes(ctx.filters, facet)) return null;
  return { name: facet, table: events, key: column, where: eventWhere(ctx, facet), only: isNotNull(column) };
}

export function tagFacet(ctx: FacetContext): FacetOption[] {
  const { db, filters } = ctx;
  const labels = new Map<string, string>();
  const slugs = new Map<number, string>();
  for (const t of db.select({ id: tags.id, slug: tags.slug, label: tags.label }).from(tags).all()) {
    labels.set(t.slug, t.label);
    slugs.set(t.id, t.slug);
  }
  const bySlug = (rows: Iterable<[string | number, number]>) => {
    const out = new Map<string, number>();
    for (const [id, n] of rows) {
      const slug = slugs.get(Number(id));
      if (slug) out.set(slug, n);
    }
    return out;
  };
  const universe = [...bySlug(
    (ctx.visibility.includeDrafts ? draftsUniverse(ctx, 'tags', []) : maintained(db, 'tag')).map((r) => [r.value, r.n] as [string, number]),
  )].map(([value, n]) => ({ value, n }));
  const filtered = bySlug(
    ctx.published && onlyTypes(filters, 'tags')
      ? maintainedCounts(db, 'tag', filters.types)
      : countBy<number>(db, eventTags, eventTags.tagId, junctionWhere(ctx, 'tags', [])),
  );
  return facetOptions(universe, filtered, filters.tags, (v) => labels.get(v) ?? v);
}

/** The pass that counts the year facet, or null when the month counts answer it. */
function yearPass(ctx: FacetContext): Pass | null {
  if (ctx.published && onlyMonthCounts(ctx.filters, 'dates')) return null;
  return { name: 'years', table: events, key: sql`substr(${events.date}, 1, 4)`, where: eventWhere(ctx, 'dates') };
}

export function yearFacet(ctx: FacetContext): FacetOption[] {
  const { db, filters } = ctx;
  const universe = ctx.visibility.includeDrafts
    ? countBy<string>(db, events, sql`substr(${events.date}, 1, 4)`, and(...sourceVisibility(EVENTS_SOURCE, ctx.visibility)))
    : monthTotals(db, sql`substr(month, 1, 4)`, EMPTY_FILTERS);
  const pass = yearPass(ctx);
  const filtered = pass ? runPass<string>(ctx, pass) : monthTotals(db, sql`substr(month, 1, 4)`, filters, 'dates');
  const chosen = filters.from && filters.from === filters.to && /^\d{4}$/.test(filters.from) ? filters.from : null;
  return [...universe.keys()]
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((year) => ({ value: year, label: year, count: filtered.get(year) ?? 0, selected: year === chosen }));
}

/** Every facet of the filtered view. */
export function timelineFacets(db: DbOrTx, filters: TimelineFilters, visibility: Visibility = {}): TimelineFacets {
  const ctx = newFacetContext(db, filters, visibility);
  sharePasses(ctx, [
    typePass(ctx),
    yearPass(ctx),
    columnPass(ctx, events.legalAuthority, 'authorities'),
    columnPass(ctx, events.program, 'programs'),
  ]);
  return {
    types: typeFacet(ctx),
    countries: countryFacet(ctx),
    actors: actorFacet(ctx),
    authorities: columnFacet(ctx, events.legalAuthority, 'authorities'),
    programs: columnFacet(ctx, events.program, 'programs'),
    tags: tagFacet(ctx),
    years: yearFacet(ctx),
  };
}

/** One facet on its own, for the benchmark (which times each). */
export function singleFacet(db: DbOrTx, filters: TimelineFilters, visibility: Visibility, facet: keyof TimelineFacets): unknown {
  const ctx = newFacetContext(db, filters, visibility);
  switch (facet) {
    case 'types':
      return typeFacet(ctx);
    case 'countries':
      return countryFacet(ctx);
    case 'actors':
      return actorFacet(ctx);
    case 'authorities':
      return columnFacet(ctx, events.legalAuthority, 'authorities');
    case 'programs':
      return columnFacet(ctx, events.program, 'programs');
    case 'tags':
      return tagFacet(ctx);
    case 'years':
      return yearFacet(ctx);
  }
}
