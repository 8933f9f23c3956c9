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
  const ranked = top
    .filter((t) => names.has(t.value))
    // By name in SQLite's (binary) order, as ORDER BY name would.
    .sort((a, b) => b.n - a.n || binary(names.get(a.value)!, names.get(b.value)!))
    .slice(0, TOP_ACTORS);
  const counts = new Map(ranked.map((r) => [r.value, r.n]));
  const missing = selected.filter((id) => !counts.has(id) && names.has(id));
  if (missing.length > 0) for (const [id, n] of countsOf(missing)) counts.set(id, n);
  return [...ranked.map((r) => r.value), ...missing].map((id) => ({
    value: id,
    label: names.get(id)!,
    count: counts.get(id) ?? 0,
    selected: selected.includes(id),
  }));
}
