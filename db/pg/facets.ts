/**
 * Facet counts on PostgreSQL: the twin of db/queries/facets.ts, with the same options, counts and
 * order (db/pg/facets.test.ts compares them). The same rules: a facet's own selection is left out
 * of its counts; the options of a published view come from the maintained counts (facet_counts,
 * kept by this engine's triggers), a staff view's from its own rows; a facet whose other filters
 * are only types (and, for types and years, whole months) is read from the maintained counts.
 * Everything else is one GROUP BY over the facet's rows, with the WHERE of the shared conditions.
 * Text that decides an order is compared `COLLATE "C"`, SQLite's binary order.
 */
import { and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { countryName } from '@/lib/countries';
import { EVENT_TYPES, type EventTypeKey } from '@/lib/event-types';
import { EMPTY_FILTERS, type TimelineFilters } from '@/lib/filters';
import { facetCountNames, textList } from '@/db/derived/counts';
import { topWithTies } from '@/db/engine/sql-functions';
import { actorOptionList, rankActors } from '@/db/queries/actor-options';
import type { Visibility } from '@/db/queries/events';
import { facetOptions, MAX_OPTIONS, TOP_ACTORS, type FacetOption, type TimelineFacets } from '@/db/queries/facet-options';
import { sourceVisibility, type Facet } from '@/db/queries/filter-conditions';
import { monthWhere, onlyMonthCounts, onlyTypes } from '@/db/queries/maintained-counts';
import { countsDescribe } from '@/db/queries/timeline';
import type { PgDb } from './connect';
import { PG_SOURCES, pgTimelineWhere } from './filters';
import { entities, eventCountries, eventEntities, events, tags } from './schema';

interface Ctx {
  db: PgDb;
  filters: TimelineFilters;
  visibility: Visibility;
  published: boolean;
}

type Key = string | number;

/** Counts per key of a facet's rows, most first (ties by key), NULL keys left out. */
async function countBy<K extends Key>(db: PgDb, table: SQL, key: SQL, where: SQL | undefined): Promise<Map<K, number>> {
  const { rows } = await db.execute<{ k: K; n: string }>(
    sql`SELECT ${key} AS k, count(*) AS n FROM ${table} WHERE ${key} IS NOT NULL AND ${where ?? sql`true`} GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  return new Map(rows.map((r) => [r.k, Number(r.n)]));
}

const T = {
  events: sql`events`,
  countries: sql`event_countries`,
  actors: sql`event_entities`,
  tags: sql`event_tags`,
};

/** The universe of a facet: every option of the published timeline, most used first. */
async function maintained(db: PgDb, facet: string, limit = MAX_OPTIONS): Promise<{ value: string; n: number }[]> {
  const { rows } = await db.execute<{ value: string; n: number }>(
    sql`SELECT value, n FROM facet_counts WHERE facet = ${facet} AND n > 0 ORDER BY n DESC, value COLLATE "C" LIMIT ${limit}`,
  );
  return rows.map((r) => ({ value: r.value, n: Number(r.n) }));
}

/** The maintained counts of a facet in a view filtered by these types (none: all events). */
async function maintainedCounts(db: PgDb, base: string, types: readonly string[], values?: readonly string[]): Promise<Map<string, number>> {
  if (values && values.length === 0) return new Map();
  const only = values ? sql` AND value IN (${textList(values)})` : sql``;
  const { rows } = await db.execute<{ value: string; n: string }>(
    sql`SELECT value, sum(n) AS n FROM facet_counts WHERE facet IN (${textList(facetCountNames(base, types))}) AND n > 0${only} GROUP BY value`,
  );
  return new Map(rows.map((r) => [r.value, Number(r.n)]));
}

/**
 * The k largest maintained counts of a facet for these types, and every count that ties with the
 * k-th: for one count name, the first k rows by count (an index walk: the actor facet has a row
 * per actor, 190,000 at a million events) and the ties; for several, their sums.
 */
async function maintainedTop(db: PgDb, base: string, types: readonly string[], k: number): Promise<{ value: string; n: number }[]> {
  const names = facetCountNames(base, types);
  if (names.length > 1) {
    const sums = [...(await maintainedCounts(db, base, types))].sort((a, b) => b[1] - a[1]);
    return topWithTies(sums, k).map(([value, n]) => ({ value: String(value), n }));
  }
  const head = await maintained(db, names[0]!, k);
  const last = head.at(-1);
  if (!last || head.length < k) return head;
  const { rows } = await db.execute<{ value: string; n: number }>(sql`SELECT value, n FROM facet_counts WHERE facet = ${names[0]!} AND n = ${last.n}`);
  return [...new Map([...head, ...rows.map((r) => ({ value: r.value, n: Number(r.n) }))].map((r) => [r.value, r.n]))].map(([value, n]) => ({ value, n }));
}

async function monthTotals(db: PgDb, group: SQL, filters: TimelineFilters, omit?: Facet): Promise<Map<string, number>> {
  const { rows } = await db.execute<{ k: string; n: string }>(
    sql`SELECT ${group} AS k, sum(n) AS n FROM event_month_counts WHERE ${monthWhere(filters, omit)} GROUP BY 1`,
  );
  return new Map(rows.map((r) => [r.k, Number(r.n)]));
}

const eventWhere = (ctx: Ctx, omit: Facet) => pgTimelineWhere(ctx.filters, { ...ctx.visibility, omit });
const junctionWhere = (ctx: Ctx, facet: 'countries' | 'actors' | 'tags', extra: SQL[]) =>
  and(pgTimelineWhere(ctx.filters, { ...ctx.visibility, omit: facet, source: facet }), ...extra);

/** A staff view's universe of a junction facet: its own rows, counted. */
async function draftsUniverse(ctx: Ctx, facet: 'countries' | 'actors' | 'tags', value: SQL, oneRow: SQL[]) {
  const counts = await countBy<Key>(ctx.db, T[facet], value, and(...sourceVisibility(PG_SOURCES[facet], ctx.visibility), ...oneRow));
  return [...counts].slice(0, MAX_OPTIONS).map(([v, n]) => ({ value: String(v), n }));
}

async function typeFacet(ctx: Ctx): Promise<FacetOption<EventTypeKey>[]> {
  const filtered =
    ctx.published && onlyMonthCounts(ctx.filters, 'types')
      ? await monthTotals(ctx.db, sql`type`, ctx.filters, 'types')
      : await countBy<string>(ctx.db, T.events, sql`type`, eventWhere(ctx, 'types'));
  return EVENT_TYPES.map((t) => ({ value: t.key, label: t.plural, count: filtered.get(t.key) ?? 0, selected: ctx.filters.types.includes(t.key) }));
}

async function countryFacet(ctx: Ctx): Promise<FacetOption[]> {
  const { db, filters } = ctx;
  const anyRole = eq(eventCountries.firstRole, true);
  const universe = ctx.visibility.includeDrafts ? await draftsUniverse(ctx, 'countries', sql`country_code`, [anyRole]) : await maintained(db, 'country');
  const filtered =
    ctx.published && onlyTypes(filters, 'countries')
      ? await maintainedCounts(db, filters.role === 'any' ? 'country' : `country:${filters.role}`, filters.types)
      : await countBy<string>(db, T.countries, sql`country_code`, junctionWhere(ctx, 'countries', [filters.role === 'any' ? anyRole : eq(eventCountries.role, filters.role)]));
  return facetOptions(universe, filtered, filters.countries, countryName);
}

/** The twin of entity-visibility.ts's condition, with PostgreSQL's boolean. */
export function pgEntityVisibleTo(visibility: Visibility): SQL | undefined {
  return visibility.includeDrafts
    ? undefined
    : sql`(${entities.madePublic} OR EXISTS (SELECT 1 FROM event_entities pe WHERE pe.entity_id = ${entities.id} AND pe.event_visibility = 'published'))`;
}

async function actorFacet(ctx: Ctx): Promise<FacetOption<number>[]> {
  const { db, filters } = ctx;
  const fromCounts = ctx.published && onlyTypes(filters, 'actors');
  const oneRow = eq(eventEntities.firstRole, true);
  const top = fromCounts
    ? (await maintainedTop(db, 'actor', filters.types, TOP_ACTORS)).map((r) => ({ value: Number(r.value), n: r.n }))
    : topWithTies([...(await countBy<number>(db, T.actors, sql`entity_id`, junctionWhere(ctx, 'actors', [oneRow])))], TOP_ACTORS).map(([value, n]) => ({
        value: Number(value),
        n,
      }));
  const ids = [...new Set([...top.map((t) => t.value), ...filters.actors])];
  const names = new Map(
    ids.length === 0
      ? []
      : (await db.select({ id: entities.id, name: entities.name }).from(entities).where(and(inArray(entities.id, ids), pgEntityVisibleTo(ctx.visibility)))).map(
          (r) => [r.id, r.name] as [number, string],
        ),
  );
  const { ranked, missing } = rankActors(names, top, filters.actors);
  let missingCounts = new Map<number, number>();
  if (missing.length > 0) {
    missingCounts = fromCounts
      ? new Map([...(await maintainedCounts(db, 'actor', filters.types, missing.map(String)))].map(([k, n]) => [Number(k), n]))
      : await countBy<number>(db, T.actors, sql`entity_id`, junctionWhere(ctx, 'actors', [oneRow, inArray(eventEntities.entityId, missing)]));
  }
  return actorOptionList(names, ranked, missingCounts, filters.actors);
}

async function columnFacet(ctx: Ctx, column: 'legal_authority' | 'program', facet: 'authorities' | 'programs'): Promise<FacetOption[]> {
  const { db, filters } = ctx;
  const name = facet === 'authorities' ? 'authority' : 'program';
  const key = sql.raw(column);
  const universe = ctx.visibility.includeDrafts
    ? [...(await countBy<string>(db, T.events, key, and(...sourceVisibility(PG_SOURCES.events, ctx.visibility), isNotNull(column === 'program' ? events.program : events.legalAuthority))))]
        .slice(0, MAX_OPTIONS)
        .map(([value, n]) => ({ value, n }))
    : await maintained(db, name);
  const filtered =
    ctx.published && onlyTypes(filters, facet) ? await maintainedCounts(db, name, filters.types) : await countBy<string>(db, T.events, key, eventWhere(ctx, facet));
  return facetOptions(universe, filtered, filters[facet], (v) => v);
}

async function tagFacet(ctx: Ctx): Promise<FacetOption[]> {
  const { db, filters } = ctx;
  const labels = new Map<string, string>();
  const slugs = new Map<number, string>();
  for (const t of await db.select({ id: tags.id, slug: tags.slug, label: tags.label }).from(tags)) {
    labels.set(t.slug, t.label);
    slugs.set(t.id, t.slug);
  }
  const bySlug = (rows: Iterable<[Key, number]>) => {
    const out = new Map<string, number>();
    for (const [id, n] of rows) {
      const slug = slugs.get(Number(id));
      if (slug) out.set(slug, n);
    }
    return out;
  };
  const universeRows = ctx.visibility.includeDrafts ? await draftsUniverse(ctx, 'tags', sql`tag_id`, []) : await maintained(db, 'tag');
  const universe = [...bySlug(universeRows.map((r) => [r.value, r.n] as [string, number]))].map(([value, n]) => ({ value, n }));
  const filtered = bySlug(
    ctx.published && onlyTypes(filters, 'tags')
      ? await maintainedCounts(db, 'tag', filters.types)
      : await countBy<number>(db, T.tags, sql`tag_id`, junctionWhere(ctx, 'tags', [])),
  );
  return facetOptions(universe, filtered, filters.tags, (v) => labels.get(v) ?? v);
}

async function yearFacet(ctx: Ctx): Promise<FacetOption[]> {
  const { db, filters } = ctx;
  const year = sql`substr(date, 1, 4)`;
  const universe = ctx.visibility.includeDrafts
    ? await countBy<string>(db, T.events, year, and(...sourceVisibility(PG_SOURCES.events, ctx.visibility)))
    : await monthTotals(db, sql`substr(month, 1, 4)`, EMPTY_FILTERS);
  const filtered =
    ctx.published && onlyMonthCounts(filters, 'dates')
      ? await monthTotals(db, sql`substr(month, 1, 4)`, filters, 'dates')
      : await countBy<string>(db, T.events, year, eventWhere(ctx, 'dates'));
  const chosen = filters.from && filters.from === filters.to && /^\d{4}$/.test(filters.from) ? filters.from : null;
  return [...universe.keys()]
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((y) => ({ value: y, label: y, count: filtered.get(y) ?? 0, selected: y === chosen }));
}

/** Every facet of the filtered view: `timelineFacets`' twin. */
export async function pgTimelineFacets(db: PgDb, filters: TimelineFilters, visibility: Visibility = {}): Promise<TimelineFacets> {
  const ctx: Ctx = { db, filters, visibility, published: countsDescribe(filters, visibility) };
  const [types, countries, actors, authorities, programs, tagOptions, years] = await Promise.all([
    typeFacet(ctx),
    countryFacet(ctx),
    actorFacet(ctx),
    columnFacet(ctx, 'legal_authority', 'authorities'),
    columnFacet(ctx, 'program', 'programs'),
    tagFacet(ctx),
    yearFacet(ctx),
  ]);
  return { types, countries, actors, authorities, programs, tags: tagOptions, years };
}
