/**
 * The actor facet's options from its counted candidates, shared by the SQL counts (facets.ts) and
 * the facet index (timeline-index.ts): the TOP_ACTORS largest counts by name in SQLite's order,
 * then each selected actor that did not make the list, with its own count.
 */
import { and, inArray } from 'drizzle-orm';
import type { DbOrTx } from '@/db/engine/client';
import { entities } from '../schema';
import { entityVisibleTo } from './entity-visibility';
import type { Visibility } from './events';
import { binary, TOP_ACTORS, type FacetOption } from './facet-options';

export function actorOptions(
  db: DbOrTx,
  visibility: Visibility,
  /** The largest counts, with every count that ties with the last (facets.ts: topWithTies). */
  top: { value: number; n: number }[],
  selected: readonly number[],
  /** The counts of selected actors that are not among `top`. */
  countsOf: (missing: number[]) => Iterable<[number, number]>,
): FacetOption<number>[] {
  const ids = [...new Set([...top.map((t) => t.value), ...selected])];
  const names = new Map(
    ids.length === 0
      ? []
      : db
          .select({ id: entities.id, name: entities.name })
          .from(entities)
          // Counted actors of a public view are public already; the condition keeps it so whatever the ids.
          .where(and(inArray(entities.id, ids), entityVisibleTo(visibility)))
          .all()
          .map((r) => [r.id, r.name]),
  );
  const { ranked, missing } = rankActors(names, top, selected);
  return actorOptionList(names, ranked, missing.length > 0 ? new Map(countsOf(missing)) : new Map(), selected);
}

/**
 * The TOP_ACTORS largest counts among the actors the viewer may see (`names`), ties by name in
 * SQLite's binary order as ORDER BY name would, and the selected actors that did not make the list.
 */
export function rankActors(names: Map<number, string>, top: { value: number; n: number }[], selected: readonly number[]) {
  const ranked = top
    .filter((t) => names.has(t.value))
    .sort((a, b) => b.n - a.n || binary(names.get(a.value)!, names.get(b.value)!))
    .slice(0, TOP_ACTORS);
  const listed = new Set(ranked.map((r) => r.value));
  return { ranked, missing: selected.filter((id) => !listed.has(id) && names.has(id)) };
}

/** The options: the ranked actors, then the missing selected ones with their own counts. */
export function actorOptionList(
  names: Map<number, string>,
  ranked: { value: number; n: number }[],
  missingCounts: Map<number, number>,
  selected: readonly number[],
): FacetOption<number>[] {
  const counts = new Map([...ranked.map((r) => [r.value, r.n] as [number, number]), ...missingCounts]);
  const missing = selected.filter((id) => !ranked.some((r) => r.value === id) && names.has(id));
  return [...ranked.map((r) => r.value), ...missing].map((id) => ({
    value: id,
    label: names.get(id)!,
    count: counts.get(id) ?? 0,
    selected: selected.includes(id),
  }));
}
