/**
 * The filters' references on PostgreSQL: `resolveFilters`' twin (db/queries/filter-lookups.ts),
 * reading the same rows and applying the same rules (`resolveWithRows`).
 */
import { and, inArray, sql } from 'drizzle-orm';
import { resolveWithRows, type ReferenceRows, type ResolvedFilters } from '@/db/queries/filter-lookups';
import { restrictToViewer, type ParsedFilters, type Visibility } from '@/lib/filters';
import type { PgDb } from './connect';
import { pgEntityVisibleTo } from './facets';
import { entities, tags } from './schema';

export async function pgResolveFilters(db: PgDb, parsed: ParsedFilters, viewer: Visibility): Promise<ResolvedFilters> {
  const restricted = restrictToViewer(parsed, viewer);
  const { actors: actorIds, tags: tagSlugs } = restricted.filters;
  let actors: ReferenceRows['actors'] = [];
  let survivors: ReferenceRows['survivors'] = [];
  if (actorIds.length > 0) {
    const visible = pgEntityVisibleTo(viewer) ?? sql`true`;
    actors = await db
      .select({ id: entities.id, name: entities.name, mergedIntoId: entities.mergedIntoId, visible: sql<boolean>`${visible}` })
      .from(entities)
      .where(inArray(entities.id, actorIds));
    const merged = actors.filter((r) => r.mergedIntoId !== null).map((r) => r.mergedIntoId!);
    if (merged.length > 0) {
      survivors = await db.select({ id: entities.id, name: entities.name }).from(entities).where(and(inArray(entities.id, merged), pgEntityVisibleTo(viewer)));
    }
  }
  const tagRows = tagSlugs.length > 0 ? await db.select({ slug: tags.slug, label: tags.label }).from(tags).where(inArray(tags.slug, tagSlugs)) : [];
  return resolveWithRows(restricted, viewer, { actors, survivors, tags: tagRows });
}
