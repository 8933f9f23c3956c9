/**
 * Facet counts: for each option of each filter, how many events the view would hold with that
 * option chosen and every OTHER active filter applied (a facet's own selection is left out, since
 * options within a facet are alternatives). Options that would give nothing are returned with a
 * count of 0, for the page to show dimmed; they are only ever options that visible events have,
 * so a draft's country or tag never shows up here.
 *
 * Each facet is two grouped queries built from the same condition builder as the list: the
 * options (all visible events) and their counts (the filtered view without that facet).
 */
import { and, count, countDistinct, desc, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { countryName } from '@/lib/countries';
import { EVENT_TYPES, type EventTypeKey } from '@/lib/event-types';
import type { TimelineFilters } from '@/lib/filters';
import type { DbOrTx } from '../client';
import { entities, eventCountries, eventEntities, events, eventTags, tags } from '../schema';
import { visibilityConditions, type Visibility } from './events';
import { filterConditions, type Facet } from './filter-conditions';

export interface FacetOption<V extends string | number = string> {
  value: V;
  label: string;
  count: number;
  selected: boolean;
}

export interface TimelineFacets {
  types: FacetOption<EventTypeKey>[];
  countries: FacetOption[];
  actors: FacetOption<number>[];
  authorities: FacetOption[];
  programs: FacetOption[];
  tags: FacetOption[];
  /** Years that hold visible events, newest first: the year picker. */
  years: FacetOption[];
}

/** How many actors the facet lists (by count in the current view); the actor search finds the rest. */
export const TOP_ACTORS = 12;
/** Upper bound on listed options of the other open-ended facets. */
const MAX_OPTIONS = 300;

function where(filters: TimelineFilters, visibility: Visibility, omit: Facet | null): SQL | undefined {
  return and(...visibilityConditions(visibility), ...filterConditions(filters, { ...visibility, omit: omit ?? undefined }));
}

function countsBy<V>(rows: { value: V | null; n: number }[]): Map<V, number> {
  const map = new Map<V, number>();
  for (const r of rows) if (r.value !== null) map.set(r.value, r.n);
  return map;
}

function options<V extends string | number>(
  universe: { value: V | null; n: number }[],
  filtered: Map<V, number>,
  selected: readonly V[],
  label: (v: V) => string,
): FacetOption<V>[] {
  const values = new Map<V, number>();
  for (const u of universe) if (u.value !== null) values.set(u.value, u.n);
  for (const s of selected) if (!values.has(s)) values.set(s, 0);
  return [...values.entries()]
    .sort((a, b) => b[1] - a[1] || label(a[0]).localeCompare(label(b[0]), 'en'))
    .map(([value]) => ({ value, label: label(value), count: filtered.get(value) ?? 0, selected: selected.includes(value) }));
}

export function typeFacet(db: DbOrTx, filters: TimelineFilters, visibility: Visibility): FacetOption<EventTypeKey>[] {
  const filtered = countsBy(
    db
      .select({ value: events.type, n: count() })
      .from(events)
      .where(where(filters, visibility, 'types'))
      .groupBy(events.type)
      .all(),
  );
  return EVENT_TYPES.map((t) => ({
    value: t.key,
    label: t.plural,
    count: filtered.get(t.key) ?? 0,
    selected: filters.types.includes(t.key),
  }));
}

export function countryFacet(db: DbOrTx, filters: TimelineFilters, visibility: Visibility): FacetOption[] {
  const universe = db
    .select({ value: eventCountries.countryCode, n: countDistinct(eventCountries.eventId) })
    .from(eventCountries)
    .innerJoin(events, eq(events.id, eventCountries.eventId))
    .where(and(...visibilityConditions(visibility)))
    .groupBy(eventCountries.countryCode)
    .orderBy(desc(countDistinct(eventCountries.eventId)))
    .limit(MAX_OPTIONS)
    .all();
  const roleCondition = filters.role === 'any' ? undefined : eq(eventCountries.role, filters.role);
  const filtered = countsBy(
    db
      .select({ value: eventCountries.countryCode, n: countDistinct(eventCountries.eventId) })
      .from(eventCountries)
      .innerJoin(events, eq(events.id, eventCountries.eventId))
      .where(and(where(filters, visibility, 'countries'), roleCondition))
      .groupBy(eventCountries.countryCode)
      .all(),
  );
  return options(universe, filtered, filters.countries, countryName);
}

export function actorFacet(db: DbOrTx, filters: TimelineFilters, visibility: Visibility): FacetOption<number>[] {
  const base = where(filters, visibility, 'actors');
  const top = db
    .select({ value: eventEntities.entityId, name: entities.name, n: countDistinct(eventEntities.eventId) })
    .from(eventEntities)
    .innerJoin(events, eq(events.id, eventEntities.eventId))
    .innerJoin(entities, eq(entities.id, eventEntities.entityId))
    .where(base)
    .groupBy(eventEntities.entityId)
    .orderBy(desc(countDistinct(eventEntities.eventId)), entities.name)
    .limit(TOP_ACTORS)
    .all();
  const names = new Map(top.map((r) => [r.value, r.name]));
  const counts = new Map(top.map((r) => [r.value, r.n]));
  const missing = filters.actors.filter((id) => !names.has(id));
  if (missing.length > 0) {
    for (const r of db.select({ id: entities.id, name: entities.name }).from(entities).where(inArray(entities.id, missing)).all()) {
      names.set(r.id, r.name);
    }
    const selectedCounts = db
      .select({ value: eventEntities.entityId, n: countDistinct(eventEntities.eventId) })
      .from(eventEntities)
      .innerJoin(events, eq(events.id, eventEntities.eventId))
      .where(and(base, inArray(eventEntities.entityId, missing)))
      .groupBy(eventEntities.entityId)
      .all();
    for (const r of selectedCounts) counts.set(r.value, r.n);
  }
  const ids = [...top.map((r) => r.value), ...missing.filter((id) => names.has(id))];
  return ids.map((id) => ({
    value: id,
    label: names.get(id)!,
    count: counts.get(id) ?? 0,
    selected: filters.actors.includes(id),
  }));
}

function columnFacet(
  db: DbOrTx,
  filters: TimelineFilters,
  visibility: Visibility,
  column: typeof events.legalAuthority | typeof events.program,
  facet: 'authorities' | 'programs',
): FacetOption[] {
  const universe = db
    .select({ value: column, n: count() })
    .from(events)
    .where(and(...visibilityConditions(visibility), isNotNull(column)))
    .groupBy(column)
    .orderBy(desc(count()))
    .limit(MAX_OPTIONS)
    .all();
  const filtered = countsBy(
    db
      .select({ value: column, n: count() })
      .from(events)
      .where(and(where(filters, visibility, facet), isNotNull(column)))
      .groupBy(column)
      .all(),
  );
  return options(universe, filtered, filters[facet], (v) => v);
}

export function tagFacet(db: DbOrTx, filters: TimelineFilters, visibility: Visibility): FacetOption[] {
  const universe = db
    .select({ value: tags.slug, label: tags.label, n: count() })
    .from(eventTags)
    .innerJoin(events, eq(events.id, eventTags.eventId))
    .innerJoin(tags, eq(tags.id, eventTags.tagId))
    .where(and(...visibilityConditions(visibility)))
    .groupBy(tags.id)
    .orderBy(desc(count()))
    .limit(MAX_OPTIONS)
    .all();
  const labels = new Map(universe.map((r) => [r.value, r.label]));
  const missing = filters.tags.filter((t) => !labels.has(t));
  if (missing.length > 0) {
    for (const r of db.select({ slug: tags.slug, label: tags.label }).from(tags).where(inArray(tags.slug, missing)).all()) {
      labels.set(r.slug, r.label);
    }
  }
  const filtered = countsBy(
    db
      .select({ value: tags.slug, n: count() })
      .from(eventTags)
      .innerJoin(events, eq(events.id, eventTags.eventId))
      .innerJoin(tags, eq(tags.id, eventTags.tagId))
      .where(where(filters, visibility, 'tags'))
      .groupBy(tags.id)
      .all(),
  );
  return options(universe, filtered, filters.tags, (v) => labels.get(v) ?? v);
}

const YEAR = sql<string>`substr(${events.date}, 1, 4)`;

export function yearFacet(db: DbOrTx, filters: TimelineFilters, visibility: Visibility): FacetOption[] {
  const universe = db
    .select({ value: YEAR, n: count() })
    .from(events)
    .where(and(...visibilityConditions(visibility)))
    .groupBy(YEAR)
    .all();
  const filtered = countsBy(
    db.select({ value: YEAR, n: count() }).from(events).where(where(filters, visibility, 'dates')).groupBy(YEAR).all(),
  );
  const chosen = filters.from && filters.from === filters.to && /^\d{4}$/.test(filters.from) ? filters.from : null;
  return universe
    .map((u) => u.value)
    .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))
    .map((year) => ({ value: year, label: year, count: filtered.get(year) ?? 0, selected: year === chosen }));
}

/** Every facet of the filtered view. */
export function timelineFacets(db: DbOrTx, filters: TimelineFilters, visibility: Visibility = {}): TimelineFacets {
  return {
    types: typeFacet(db, filters, visibility),
    countries: countryFacet(db, filters, visibility),
    actors: actorFacet(db, filters, visibility),
    authorities: columnFacet(db, filters, visibility, events.legalAuthority, 'authorities'),
    programs: columnFacet(db, filters, visibility, events.program, 'programs'),
    tags: tagFacet(db, filters, visibility),
    years: yearFacet(db, filters, visibility),
  };
}
