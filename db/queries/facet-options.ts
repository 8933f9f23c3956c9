/**
 * What the facet counts of a view return, and how options are ordered: shared by the SQL counts
 * (facets.ts) and the facet index (timeline-index.ts).
 */
import type { EventTypeKey } from '@/lib/event-types';

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
export const MAX_OPTIONS = 300;

/**
 * A facet's options: every value of its universe (most used first) and the selected ones, each
 * with its count in the filtered view.
 */
export function facetOptions<V extends string | number>(
  universe: { value: V; n: number }[],
  filtered: Map<V, number>,
  selected: readonly V[],
  label: (v: V) => string,
): FacetOption<V>[] {
  const values = new Map<V, number>();
  for (const u of universe) values.set(u.value, u.n);
  for (const s of selected) if (!values.has(s)) values.set(s, 0);
  return [...values.entries()]
    .sort((a, b) => b[1] - a[1] || label(a[0]).localeCompare(label(b[0]), 'en'))
    .map(([value]) => ({ value, label: label(value), count: filtered.get(value) ?? 0, selected: selected.includes(value) }));
}

export const binary = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

