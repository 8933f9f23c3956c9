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

/**
 * Checks references and the viewer's rights. An actor that was merged into another stands for the
 * survivor (its events moved there); an unknown actor or tag is reported and left out, and so is an
 * actor the viewer may not see.
 */
export function resolveFilters(db: DbOrTx, parsed: ParsedFilters, viewer: Visibility): ResolvedFilters {
  const { filters, issues } = restrictToViewer(parsed, viewer);
  const out: FilterIssue[] = [...issues];
  const actorNames = new Map<number, string>();
  const tagLabels = new Map<string, string>();
  let actors = filters.actors;
  let tagSlugs = filters.tags;

  if (actors.length > 0) {
    // An actor this viewer may not see (entity-visibility.ts) is reported exactly like one that does
    // not exist: the chip, the notice and the API's 400 must not tell the two apart. A merged actor
    // stands for its survivor, if the viewer may see that one.
    const visible = entityVisibleTo(viewer) ?? sql`1`;
    const rows = db
      .select({ id: entities.id, name: entities.name, mergedIntoId: entities.mergedIntoId, visible: sql<number>`${visible}` })
      .from(entities)
      .where(inArray(entities.id, actors))
      .all();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const survivors = rows.filter((r) => r.mergedIntoId !== null).map((r) => r.mergedIntoId!);
    const survivorRows =
      survivors.length > 0
        ? db.select({ id: entities.id, name: entities.name }).from(entities).where(and(inArray(entities.id, survivors), entityVisibleTo(viewer))).all()
        : [];
    for (const r of survivorRows) actorNames.set(r.id, r.name);
    actors = actors.flatMap((id) => {
      const row = byId.get(id);
      if (row && row.mergedIntoId !== null && actorNames.has(row.mergedIntoId)) return [row.mergedIntoId];
      if (!row || !row.visible || (row.mergedIntoId !== null && !viewer.includeDrafts)) {
        out.push({ param: 'actor', message: `There is no actor #${id}.` });
        return [];
      }
      actorNames.set(row.id, row.name);
      return [row.id];
    });
  }

  if (tagSlugs.length > 0) {
    const rows = db.select({ slug: tags.slug, label: tags.label }).from(tags).where(inArray(tags.slug, tagSlugs)).all();
    for (const r of rows) tagLabels.set(r.slug, r.label);
    tagSlugs = tagSlugs.filter((slug) => {
      if (tagLabels.has(slug)) return true;
      out.push({ param: 'tag', message: `There is no tag “${slug}”.` });
      return false;
    });
  }

  return {
    filters: normalizeFilters({ ...filters, actors, tags: tagSlugs }),
    issues: out,
    lookups: { actors: actorNames, tags: tagLabels },
  };
}
