/**
 * The part of filter validation that needs the database: actor ids and tag slugs must name
 * records that exist, and the summary line needs their names. Shared by the page, the API and the
 * export, after lib/filters.ts has checked the syntax.
 */
import { and, inArray, sql } from 'drizzle-orm';
import {
  normalizeFilters,
  restrictToViewer,
  type FilterIssue,
  type FilterLookups,
  type Visibility,
  type ParsedFilters,
  type TimelineFilters,
} from '@/lib/filters';
import type { DbOrTx } from '@/db/engine/client';
import { entities, tags } from '../schema';
import { entityVisibleTo } from './entity-visibility';

export interface ResolvedFilters {
  filters: TimelineFilters;
  issues: FilterIssue[];
  lookups: FilterLookups;
}

/** What resolving a filter's references reads from the database, on either engine. */
export interface ReferenceRows {
  /** The named actors: name, the survivor if merged, and whether this viewer may see them. */
  actors: { id: number; name: string; mergedIntoId: number | null; visible: boolean | number }[];
  /** The survivors of merged actors among them that this viewer may see. */
  survivors: { id: number; name: string }[];
  /** The named tags that exist. */
  tags: { slug: string; label: string }[];
}

/**
 * Checks references and the viewer's rights. An actor that was merged into another stands for the
 * survivor (its events moved there); an unknown actor or tag is reported and left out, and so is an
 * actor the viewer may not see.
 */
export function resolveFilters(db: DbOrTx, parsed: ParsedFilters, viewer: Visibility): ResolvedFilters {
  const restricted = restrictToViewer(parsed, viewer);
  const { actors: actorIds, tags: tagSlugs } = restricted.filters;
  let actors: ReferenceRows['actors'] = [];
  let survivors: ReferenceRows['survivors'] = [];
  if (actorIds.length > 0) {
    // An actor this viewer may not see (entity-visibility.ts) is reported exactly like one that does
    // not exist: the chip, the notice and the API's 400 must not tell the two apart.
    const visible = entityVisibleTo(viewer) ?? sql`1`;
    actors = db
      .select({ id: entities.id, name: entities.name, mergedIntoId: entities.mergedIntoId, visible: sql<number>`${visible}` })
      .from(entities)
      .where(inArray(entities.id, actorIds))
      .all();
    const merged = actors.filter((r) => r.mergedIntoId !== null).map((r) => r.mergedIntoId!);
    if (merged.length > 0) {
      survivors = db.select({ id: entities.id, name: entities.name }).from(entities).where(and(inArray(entities.id, merged), entityVisibleTo(viewer))).all();
    }
  }
  const tagRows = tagSlugs.length > 0 ? db.select({ slug: tags.slug, label: tags.label }).from(tags).where(inArray(tags.slug, tagSlugs)).all() : [];
  return resolveWithRows(restricted, viewer, { actors, survivors, tags: tagRows });
}

/** The rules of `resolveFilters` applied to what was read (ReferenceRows): the same for both engines. */
export function resolveWithRows(restricted: { filters: TimelineFilters; issues: FilterIssue[] }, viewer: Visibility, rows: ReferenceRows): ResolvedFilters {
  const { filters } = restricted;
  const out: FilterIssue[] = [...restricted.issues];
  const actorNames = new Map<number, string>();
  const tagLabels = new Map<string, string>();
  const byId = new Map(rows.actors.map((r) => [r.id, r]));
  // A merged actor stands for its survivor, if the viewer may see that one.
  for (const r of rows.survivors) actorNames.set(r.id, r.name);
  const actors = filters.actors.flatMap((id) => {
    const row = byId.get(id);
    if (row && row.mergedIntoId !== null && actorNames.has(row.mergedIntoId)) return [row.mergedIntoId];
    if (!row || !row.visible || (row.mergedIntoId !== null && !viewer.includeDrafts)) {
      out.push({ param: 'actor', message: `There is no actor #${id}.` });
      return [];
    }
    actorNames.set(row.id, row.name);
    return [row.id];
  });
  for (const r of rows.tags) tagLabels.set(r.slug, r.label);
  const tagSlugs = filters.tags.filter((slug) => {
    if (tagLabels.has(slug)) return true;
    out.push({ param: 'tag', message: `There is no tag “${slug}”.` });
    return false;
  });
  return {
    filters: normalizeFilters({ ...filters, actors, tags: tagSlugs }),
    issues: out,
    lookups: { actors: actorNames, tags: tagLabels },
  };
}
